#!/usr/bin/env bash
# The approver's queue as a web page against the same queue from the JSON API: 1,000 open requests, GET /desk/queue
# (signed in with a session cookie, rendered with the Mustache templates) and GET /api/queue (a bearer token, JSON),
# each its first page of 50 (lists come in pages: issue 27), polled one after the other through `briefings serve` on
# 127.0.0.1, sequentially (one connection), alternating rounds. Prints the ratios measured in this one run: the page
# against the API (target: at most 2x), and the API's last page against its first (keyset paging: a page deep in the
# list costs what the first does; target: at most 2x).
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

import json
def desk():
    body = browser.open(base + "/desk/queue").read()
    assert body.count(b'class="queue-row') == min(50, requests), "the page should hold one page of 50"
    return len(body)

def api(cursor=None):
    query = "?cursor=" + urllib.parse.quote(cursor) if cursor else ""
    req = urllib.request.Request(base + "/api/queue" + query, headers={"Authorization": "Bearer " + token})
    return json.loads(urllib.request.urlopen(req).read())

# The cursor of the API's last page, walking the whole queue once: every request exactly once.
cursor, last, seen = None, None, 0
while True:
    page = api(cursor)
    seen += len(page["items"])
    if "next" not in page: break
    last = cursor = page["next"]
assert seen == requests, "walking the API's pages should give every request once"

desk(); api()   # warm: the council cache, the templates
times = {"desk": [], "api": [], "api-last": []}
for _ in range(rounds):
    for name, fetch in (("api", api), ("desk", desk), ("api-last", lambda: api(last))):
        start = time.perf_counter(); fetch(); times[name].append(time.perf_counter() - start)
best = {k: min(v) for k, v in times.items()}
print("queue of %d requests, best of %d rounds: GET /desk/queue %.3f s, GET /api/queue %.3f s, its last page %.3f s"
      % (requests, rounds, best["desk"], best["api"], best["api-last"]))
ratio = best["desk"] / best["api"]
print("page / API: %.2fx (target: at most 2x) %s" % (ratio, "ok" if ratio <= 2 else "OVER TARGET"))
deep = best["api-last"] / best["api"]
print("API last page / first page: %.2fx (target: at most 2x) %s" % (deep, "ok" if deep <= 2 else "OVER TARGET"))
PY
