#!/usr/bin/env bash
# Rendering a 10,000-session feed, and parsing a 10,000-event busy calendar: FeedRenderer and
# CalendarImport against a C program using libical directly (the limit), and rendering against Python's
# icalendar (what a team would otherwise use). Prints ratios measured in this one run.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
./scripts/install-deps.sh
if [ ! -x .venv-clients/bin/python ] || ! .venv-clients/bin/python -c "import icalendar" 2>/dev/null; then
    python3 -m venv .venv-clients && .venv-clients/bin/pip install --quiet icalendar
fi
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
gcc -O2 benchmarks/calendar/render_bench.c -o "$out/render_bench" $(pkg-config --cflags --libs libical)
swift build -c release --product briefings-bench >/dev/null
bench=".build/release/briefings-bench"
"$bench" calendar-write "$n" "$out/busy.ics"
c_render=$("$out/render_bench" render "$n")
swift_render=$("$bench" calendar-render "$n")
py_render=$(.venv-clients/bin/python benchmarks/calendar/render_bench.py "$n")
c_parse=$("$out/render_bench" parse "$out/busy.ics")
swift_parse=$("$bench" calendar-parse "$out/busy.ics")
python3 - "$n" "$c_render" "$swift_render" "$py_render" "$c_parse" "$swift_parse" <<'PY'
import sys
n, c_r, s_r, p_r, c_p, s_p = sys.argv[1], *map(float, sys.argv[2:])
print(f"Render and serialise a {int(n):,}-session feed:")
print(f"  FeedRenderer / libical C program = {s_r / c_r:.2f}x   (target <= 1.5x)")
print(f"  Python icalendar / FeedRenderer  = {p_r / s_r:.1f}x  (target >= 20x faster)")
print(f"Parse a {int(n):,}-event busy calendar:")
print(f"  CalendarImport / libical C program = {s_p / c_p:.2f}x")
PY
