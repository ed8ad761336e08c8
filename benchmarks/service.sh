#!/usr/bin/env bash
# Polls of a cached 120-session feed through `briefings serve` (200s, and 304s with If-None-Match) against
# nginx serving the same bytes as a static file with one worker; then the server's memory with 10,000
# sessions under the same load. wrk on 127.0.0.1 only. Prints ratios measured in this one run.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
command -v wrk >/dev/null && command -v nginx >/dev/null || {
    sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get install -y -qq wrk nginx-light >/dev/null
}
scratch="${SCRATCH:-.build}"   # the build folder: another one lets two people build at once
swift build -c release --scratch-path "$scratch" --product briefings >/dev/null
swift build -c release --scratch-path "$scratch" --product briefings-bench >/dev/null
bin="$scratch/release"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
duration="${DURATION:-8s}"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 100); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }
rate() { wrk -t1 -c32 -d"$duration" "$@" | awk '/Requests\/sec/ {print $2}'; }

serve() { # DB → starts briefings serve; sets $port and $server_pid
    port=$(free_port)
    "$bin/briefings" serve --database "$1" --port "$port" --log-level error --no-mail >/dev/null 2>&1 &
    server_pid=$!
    pids+=("$server_pid")
    wait_up "http://127.0.0.1:$port/health"
}

# A 120-session feed, served by briefings and (the same bytes) by nginx.
secret=$("$bin/briefings-bench" populate "$work/small.sqlite" 120)
serve "$work/small.sqlite"
feed="http://127.0.0.1:$port/feeds/$secret.ics"
mkdir -p "$work/www"; chmod 755 "$work"
curl -fs "$feed" -o "$work/www/feed.ics"; chmod 644 "$work/www/feed.ics"
etag=$(curl -fsI "$feed" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
nport=$(free_port)
cat > "$work/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
error_log $work/nginx-error.log;
pid $work/nginx.pid;
events { worker_connections 1024; }
http {
    access_log off;
    types { text/calendar ics; }
    server { listen 127.0.0.1:$nport; root $work/www; }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work" &
pids+=($!)
wait_up "http://127.0.0.1:$nport/feed.ics"
cmp -s "$work/www/feed.ics" <(curl -fs "http://127.0.0.1:$nport/feed.ics") || { echo "nginx serves other bytes" >&2; exit 1; }

nginx_200=$(rate "http://127.0.0.1:$nport/feed.ics")
ours_200=$(rate "$feed")
ours_304=$(rate -H "If-None-Match: $etag" "$feed")
code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$feed")
[ "$code" = 304 ] || { echo "expected 304, got $code" >&2; exit 1; }

# Memory with 10,000 sessions in the database, under the same polling load.
secret_big=$("$bin/briefings-bench" populate "$work/big.sqlite" 10000)
serve "$work/big.sqlite"
big_pid=$server_pid
big_feed="http://127.0.0.1:$port/feeds/$secret_big.ics"
curl -fs "$big_feed" -o /dev/null
wrk -t1 -c32 -d"$duration" "$big_feed" >/dev/null &
load=$!
sleep 3
rss_kb=$(ps -o rss= -p "$big_pid" | tr -d ' ')
wait "$load"
rss_after=$(ps -o rss= -p "$big_pid" | tr -d ' ')
rss=$(( rss_kb > rss_after ? rss_kb : rss_after ))

python3 - "$nginx_200" "$ours_200" "$ours_304" "$rss" <<'PY'
import sys
nginx, ours, ours304, rss = map(float, sys.argv[1:])
print("Polling a cached 120-session feed (wrk, 1 thread, 32 connections, 127.0.0.1):")
print(f"  briefings 200s / nginx 200s (one worker, same bytes) = {ours / nginx:.2f}x  (target >= 0.7x)")
print(f"  briefings 304s / nginx 200s                          = {ours304 / nginx:.2f}x  (target >= 1.0x)")
print(f"Server memory with 10,000 sessions under that load: {rss / 1024:.0f} MB RSS  (target <= 100 MB)")
PY
