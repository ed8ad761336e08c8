#!/usr/bin/env bash
# The Calendar target's tests again under AddressSanitizer (LeakSanitizer included), in their own build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d Tests/BriefingsCalendarTests ] || [ -z "$(ls Tests/BriefingsCalendarTests 2>/dev/null)" ]; then
    echo "no Calendar tests yet"; exit 0
fi
ASAN_OPTIONS=detect_leaks=1 swift test --scratch-path .build-asan --sanitize=address --filter BriefingsCalendarTests
