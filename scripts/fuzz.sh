#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer + AddressSanitizer, leak detection on) of the two readers of files
# from outside:
#   ics     CalendarImport.busyIntervals and bankHolidays over the system libical (fuzz/Sources/ics)
#   roster  RosterFile.parse, the roster JSON reader and its checks     (fuzz/Sources/roster)
# Usage: scripts/fuzz.sh SECONDS [ics|roster ...]   (default: both, one after the other)
# Each target runs SECONDS with a per-input time limit (FUZZ_TIMEOUT, default 25 s), so a hang is a
# finding like a crash or a leak. Seeds: fuzz/corpus/TARGET and fuzz/regressions/TARGET (read only); the
# corpus it grows stays in .build-fuzz/corpus/TARGET for the next run. A finding is written to
# .build-fuzz/artifacts/TARGET/ and the script exits 1: minimise it (the binary with -minimize_crash=1),
# add it to fuzz/regressions/TARGET and a test that replays it. Built with swiftc into .build-fuzz, apart
# from the package build. Set FUZZ_JOBS=N to run N fuzzing processes per target.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: scripts/fuzz.sh SECONDS [ics|roster ...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ics roster)
B=${FUZZ_BUILD:-.build-fuzz}
mkdir -p "$B/modules"
flags=(-sanitize=fuzzer,address -O -g -parse-as-library -use-ld=lld -I "$B/modules")
libical=(-I Sources/BriefingsCLibical)
for f in $(pkg-config --cflags libical); do libical+=(-Xcc "$f"); done

# Rebuilds a static library module only when a source changed since its last build began (a stamp
# taken before compiling, so an edit made during a build is not missed).
module() { # NAME SOURCES... (extra swiftc flags in $extra)
    local name=$1; shift
    local lib="$B/lib$name.a" stamp="$B/lib$name.stamp"
    if [ -f "$lib" ] && [ -f "$stamp" ] && [ -z "$(find "$@" Sources/BriefingsDomain -newer "$stamp" -name '*.swift' 2>/dev/null | head -1)" ]; then return; fi
    echo "fuzz: building $name" >&2
    touch "$stamp.next"
    swiftc "${flags[@]}" ${extra[@]+"${extra[@]}"} -module-name "$name" -emit-module -emit-module-path "$B/modules/$name.swiftmodule" \
        -emit-library -static -o "$lib" "$@"
    mv "$stamp.next" "$stamp"
}
extra=()
module BriefingsDomain $(find Sources/BriefingsDomain -name '*.swift' | sort)
extra=("${libical[@]}")
module BriefingsCalendar Sources/BriefingsCalendar/*.swift

build() { # TARGET
    local t=$1 exe="$B/fuzz-$1"
    local libs=("$B/libBriefingsDomain.a")
    [ "$t" = ics ] && libs=("$B/libBriefingsCalendar.a" "${libs[@]}" -lical)
    if [ ! -x "$exe" ] || [ ! -f "$exe.stamp" ] || [ -n "$(find fuzz/Sources/"$t" "$B"/lib*.a -newer "$exe.stamp" 2>/dev/null | head -1)" ]; then
        echo "fuzz: building fuzz-$t" >&2
        touch "$exe.stamp.next"
        swiftc "${flags[@]}" "${libical[@]}" fuzz/Sources/"$t"/*.swift "${libs[@]}" -o "$exe"
        mv "$exe.stamp.next" "$exe.stamp"
    fi
}

status=0
for t in "${targets[@]}"; do
    case $t in ics|roster) ;; *) echo "unknown target '$t' (ics, roster)" >&2; exit 64 ;; esac
    build "$t"
    mkdir -p "$B/corpus/$t" "$B/artifacts/$t"
    seeds=(fuzz/corpus/"$t")
    [ -d fuzz/regressions/"$t" ] && seeds+=(fuzz/regressions/"$t")
    dict=(); [ -f fuzz/"$t".dict ] && dict=(-dict=fuzz/"$t".dict)
    jobs=${FUZZ_JOBS:-1}
    parallel=(); [ "$jobs" -gt 1 ] && parallel=(-fork="$jobs" -ignore_crashes=0)
    log="$B/fuzz-$t.log"
    echo "fuzz: $t for ${seconds}s (per-input limit ${FUZZ_TIMEOUT:-25}s, leaks detected; log $log)" >&2
    started=$(date +%s)
    if SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 "$B/fuzz-$t" -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-25}" \
        -rss_limit_mb=2048 -max_len="${FUZZ_MAX_LEN:-16384}" -detect_leaks=1 -print_final_stats=1 \
        -artifact_prefix="$B/artifacts/$t/" ${dict[@]+"${dict[@]}"} ${parallel[@]+"${parallel[@]}"} \
        "$B/corpus/$t" "${seeds[@]}" >"$log" 2>&1; then
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{s+=$2} END {print s+0}')
        echo "fuzz: $t: no crash, leak or timeout in $(( $(date +%s) - started ))s, $runs executions" >&2
    else
        status=1
        echo "fuzz: $t FOUND A PROBLEM after $(( $(date +%s) - started ))s; the end of $log:" >&2
        tail -40 "$log" >&2
        ls -l "$B/artifacts/$t" >&2
    fi
done
exit $status
