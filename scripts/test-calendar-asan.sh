#!/usr/bin/env bash
# The Calendar target's tests again under AddressSanitizer (LeakSanitizer included), in their own build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d Tests/BriefingsCalendarTests ] || [ -z "$(ls Tests/BriefingsCalendarTests 2>/dev/null)" ]; then
    echo "no Calendar tests yet"; exit 0
fi
# Swift Testing only: XCTest's own runner leaks 144 bytes (XCTestSuiteRun) when it finds no XCTest cases.
ASAN_OPTIONS=detect_leaks=1 swift test --scratch-path .build-asan --sanitize=address --disable-xctest --filter BriefingsCalendarTests
