#!/usr/bin/env bash
# The Calendar target's tests again under AddressSanitizer (LeakSanitizer included).
#
# They run from scripts/calendar-asan/, a package of their own whose targets are links to Sources/BriefingsDomain,
# Sources/BriefingsCalendar, Sources/BriefingsCLibical and Tests/BriefingsCalendarTests: `swift test` builds every
# target of a package, and under ASan the whole of this one (Hummingbird, the OpenAPI generator and its output) took
# ten minutes to run 33 tests that need three modules. This way it is about one minute.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d Tests/BriefingsCalendarTests ] || [ -z "$(ls Tests/BriefingsCalendarTests 2>/dev/null)" ]; then
    echo "no Calendar tests yet"; exit 0
fi
# Swift Testing only: XCTest's own runner leaks 144 bytes (XCTestSuiteRun) when it finds no XCTest cases.
ASAN_OPTIONS=detect_leaks=1 swift test --package-path scripts/calendar-asan --scratch-path .build-asan \
    --sanitize=address --disable-xctest
