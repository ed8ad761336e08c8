#!/usr/bin/env bash
# Render a 10,000-session feed and import a 10,000-event busy calendar: FeedRenderer and CalendarImport
# (Swift, release build, run as the gated CalendarBenchmark test) against a C program using libical
# directly (the floor) and Python's icalendar (what a team would otherwise reach for).
# Every number comes from this one run on this machine; only ratios are printed as the result.
# Usage: benchmarks/calendar/run.sh [N]      (scratch path: .build-cal, override with SCRATCH=...)
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-10000}"
scratch="${SCRATCH:-.build-cal}"
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT

python=""
for candidate in .venv-clients/bin/python "$scratch/venv/bin/python" python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c "import icalendar" 2>/dev/null; then python="$candidate"; break; fi
done
if [ -z "$python" ]; then
    python3 -m venv "$scratch/venv" && "$scratch/venv/bin/pip" install --quiet icalendar
    python="$scratch/venv/bin/python"
fi

echo "building: C (gcc -O2), Swift (release; the first build takes a while)" >&2
gcc -O2 benchmarks/calendar/render_bench.c -o "$out/render_bench" $(pkg-config --cflags --libs libical)
swift build -c release --scratch-path "$scratch" --build-tests >/dev/null
BRIEFINGS_BENCH="$out" BRIEFINGS_BENCH_EVENTS="$n" \
    swift test -c release --scratch-path "$scratch" --skip-build --filter "BriefingsCalendarTests.CalendarBenchmark" >"$out/swift.log" 2>&1 \
    || { cat "$out/swift.log"; exit 1; }
[ -s "$out/swift.txt" ] || { echo "the Swift benchmark wrote no result" >&2; cat "$out/swift.log"; exit 1; }

swift_render=$(awk '$1 == "render" { print $2 }' "$out/swift.txt")
swift_parse=$(awk '$1 == "parse" { print $2 }' "$out/swift.txt")
c_render=$("$out/render_bench" render "$n")
c_parse=$("$out/render_bench" parse "$out/busy.ics")
py_render=$("$python" benchmarks/calendar/render_bench.py "$n")

python3 - "$n" "$c_render" "$swift_render" "$py_render" "$c_parse" "$swift_parse" <<'PY'
import sys
n = int(sys.argv[1])
c_r, s_r, p_r, c_p, s_p = map(float, sys.argv[2:])
print(f"Render and serialise a {n:,}-event feed (best of several runs, seconds: C {c_r:.3f}, Swift {s_r:.3f}, Python {p_r:.3f})")
print(f"  Swift / C       = {s_r / c_r:.2f}x   (target: at most 1.5x)")
print(f"  Python / Swift  = {p_r / s_r:.1f}x")
print(f"Parse a {n:,}-event calendar into busy times (seconds: C {c_p:.3f}, Swift {s_p:.3f})")
print(f"  Swift / C       = {s_p / c_p:.2f}x")
PY
