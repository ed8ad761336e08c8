#!/usr/bin/env bash
# Durable workflow throughput vs raw SQLite, and validation cost vs the number of sessions.
# Prints ratios measured in one run. Usage: benchmarks/desk.sh [REQUEST_PAIRS]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
swift build -c release --product briefings-bench
.build/release/briefings-bench "${1:-200}"
