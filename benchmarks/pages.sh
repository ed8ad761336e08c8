#!/usr/bin/env bash
# The approver's queue as a web page against the same queue from the JSON API: 1,000 open requests, GET /desk/queue
# (signed in with a session cookie, rendered with the Mustache templates) and GET /api/queue (a bearer token, JSON)
# polled one after the other through `briefings serve` on 127.0.0.1, sequentially (one connection), alternating
# rounds. Prints the ratio measured in this one run (target: the page costs at most 2x the API).
# CONFIG=debug uses the debug build already there instead of building a release one; REQUESTS=N, ROUNDS=N.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
config="${CONFIG:-release}"
scratch="${SCRATCH:-.build}"
swift build -c "$config" --scratch-path "$scratch" --product briefings >/dev/null
swift build -c "$config" --scratch-path "$scratch" --product briefings-bench >/dev/null
bin="$scratch/$config"
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

requests="${REQUESTS:-1000}"
{ read -r link; read -r token; } < <("$bin/briefings-bench" populate-queue "$work/queue.sqlite" "$requests")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# The benchmark council's clock (23 December 2026), so the requests are still in the future.
BRIEFINGS_NOW=2026-12-23T04:30 "$bin/briefings" serve --database "$work/queue.sqlite" --port "$port" --log-level error >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done

python3 - "$port" "$link" "$token" "${ROUNDS:-5}" "$requests" <<'PY'
import http.cookiejar, re, sys, time, urllib.parse, urllib.request
port, link, token, rounds, requests = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
base = "http://127.0.0.1:%s" % port
jar = http.cookiejar.CookieJar()
browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = browser.open(base + "/desk/signin/link/" + link).read().decode()
csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
browser.open(base + "/desk/signin/link", urllib.parse.urlencode({"_csrf": csrf, "secret": link}).encode()).read()

def desk():
    body = browser.open(base + "/desk/queue").read()
    assert body.count(b'class="queue-row') == requests, "the page should hold every request"
    return len(body)

def api():
    req = urllib.request.Request(base + "/api/queue", headers={"Authorization": "Bearer " + token})
    return len(urllib.request.urlopen(req).read())

desk(); api()   # warm: the council cache, the templates
times = {"desk": [], "api": []}
for _ in range(rounds):
    for name, fetch in (("api", api), ("desk", desk)):
        start = time.perf_counter(); size = fetch(); times[name].append(time.perf_counter() - start)
best = {k: min(v) for k, v in times.items()}
print("queue of %d requests, best of %d rounds: GET /desk/queue %.3f s, GET /api/queue %.3f s" % (requests, rounds, best["desk"], best["api"]))
ratio = best["desk"] / best["api"]
print("page / API: %.2fx (target: at most 2x) %s" % (ratio, "ok" if ratio <= 2 else "OVER TARGET"))
PY
