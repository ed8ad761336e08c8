#!/usr/bin/env bash
# 20,000 requests to distinct made-up paths, unauthenticated (issue 13): they must leave `/metrics` and the server's
# memory where they were. Starts `briefings serve` on a free port of 127.0.0.1 over a fresh demo council, warms it with
# 2,000 such requests, reads its series and resident memory, sends 20,000 more (GET and POST, some under /api, some
# with a bearer token that is no token), and reads both again: the same series (values aside), and resident memory
# grown by less than PATHS_RSS_SLACK_KB (default 6144). Sends nothing anywhere but 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product briefings
bin="$(swift build --show-bin-path)/briefings"
work="$(mktemp -d "${TMPDIR:-/tmp}/briefings-paths.XXXXXX")"
pid=""
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$bin" demo --database "$work/db.sqlite" > /dev/null
"$bin" serve --host 127.0.0.1 --port "$port" --database "$work/db.sqlite" --log-level error --no-mail > "$work/serve.log" 2>&1 &
pid=$!
python3 - "$port" "$pid" "${PATHS_RSS_SLACK_KB:-6144}" <<'PY'
import http.client, sys, time, uuid
port, pid, slack = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for _ in range(100):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5); c.request("GET", "/health"); c.getresponse().read(); break
    except OSError:
        time.sleep(0.1)
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

def get(path, method="GET", headers={}):
    conn.request(method, path, body=b"{}" if method == "POST" else None, headers=headers)
    r = conn.getresponse(); body = r.read()
    return r.status, body

def burst(n, tag):
    for i in range(n):
        u = uuid.uuid4().hex
        path = [f"/{tag}{i}/{u}", f"/api/requests/RQ-{i}/{u}", f"/feeds/{u}/x.ics", f"/desk/{tag}{i}{u}"][i % 4]
        status, _ = get(path, "POST" if i % 3 == 0 else "GET", {"Authorization": f"Bearer {u}"} if i % 5 == 0 else {})
        assert 400 <= status < 500, (path, status)

def series():
    _, body = get("/metrics")
    return {line.rsplit(" ", 1)[0] for line in body.decode().splitlines() if line and not line.startswith("#")
            and not line.startswith("briefings_http_active_requests") and "route=\"/metrics\"" not in line}

def rss_kb():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

burst(2000, "warm")
before, rss_before = series(), rss_kb()
start = time.time()
burst(20000, "made-up")
after, rss_after = series(), rss_kb()
print(f"paths: 20,000 made-up paths in {time.time() - start:.1f} s; series {len(before)} -> {len(after)}; "
      f"resident memory {rss_before} kB -> {rss_after} kB ({rss_after - rss_before:+d} kB)")
ok = True
if after != before:
    ok = False
    print("paths: FAIL: /metrics series changed: new", sorted(after - before)[:10], "gone", sorted(before - after)[:10])
if rss_after - rss_before > slack:
    ok = False
    print(f"paths: FAIL: resident memory grew by {rss_after - rss_before} kB, more than {slack} kB")
print("paths: /metrics and memory where they were" if ok else "paths: failures above")
sys.exit(0 if ok else 1)
PY
