#!/usr/bin/env bash
# Drives the web desk in headless Chromium (Debian's chromium and chromium-driver) with Python selenium, against
# `briefings serve` on 127.0.0.1 (a free port) over a fresh demo council: Tests/web/desk_test.py walks a request from
# a group leader's form to the Chief Executive's queue, an offer taken up, an officer's confirmation and the Monitoring
# Officer's parity chart, and the refusals (another group's request, a form without its CSRF token, a used sign-in
# link); axe-core (axe-selenium-python) checks every page. Screenshots go to test-output/web/ (git-ignored).
# Installs what it needs: the Debian packages with apt-get, the Python ones in .venv-web. Sends nothing anywhere but 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for p in chromium chromium-driver python3-venv; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -x .venv-web/bin/python ] || ! .venv-web/bin/python -c 'import selenium, axe_selenium_python' 2>/dev/null; then
    python3 -m venv .venv-web
    .venv-web/bin/pip install --quiet --disable-pip-version-check selenium axe-selenium-python
fi
swift build --product briefings
bin="$(swift build --show-bin-path)/briefings"
shots="test-output/web"
mkdir -p "$shots"
work="$(mktemp -d "${TMPDIR:-/tmp}/briefings-web.XXXXXX")"
pid=""
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

db="$work/demo.sqlite"
"$bin" demo --database "$db" > "$work/story.txt"
# The committee calendar (issue 26, item 2): two forthcoming meetings, so the request form offers its select.
in30="$(date -u -d '+30 days' +%Y%m%d)"; in45="$(date -u -d '+45 days' +%Y%m%d)"
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//briefings tests//EN\r\nBEGIN:VEVENT\r\nUID:planning-1@example.gov.uk\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/London:%sT183000\r\nSUMMARY:Planning and Highways Committee\r\nLOCATION:Council Chamber\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:cabinet-1@example.gov.uk\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/London:%sT100000\r\nSUMMARY:Cabinet\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' "$in30" "$in45" > "$work/meetings.ics"
"$bin" meetings import --ics "$work/meetings.ics" --database "$db" >> "$work/story.txt"
port="$(.venv-web/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$bin" serve --host 127.0.0.1 --port "$port" --database "$db" --log-level warning > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
    if .venv-web/bin/python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/health', timeout=1)" 2>/dev/null; then break; fi
    sleep 0.1
done
echo "The web desk in headless Chromium against http://127.0.0.1:$port/desk"
if ! .venv-web/bin/python Tests/web/desk_test.py "http://127.0.0.1:$port" "$db" "$bin" "$shots"; then
    echo "The service's log:" >&2
    tail -n 40 "$work/serve.log" >&2
    exit 1
fi
