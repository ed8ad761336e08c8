#!/usr/bin/env bash
# Proves the feeds with calendar software nobody on this team wrote: Python's icalendar, the strict
# `ical` parser, and vdirsyncer + khal subscribing to `briefings serve` on 127.0.0.1; and checks
# openapi.yaml with openapi-spec-validator. Installs them in .venv-clients.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-clients/bin/khal ] || [ ! -x .venv-clients/bin/vdirsyncer ] || [ ! -x .venv-clients/bin/openapi-spec-validator ]; then
    python3 -m venv .venv-clients
    .venv-clients/bin/pip install --quiet --disable-pip-version-check icalendar ical vdirsyncer khal openapi-spec-validator
fi
.venv-clients/bin/openapi-spec-validator openapi.yaml
swift build --product briefings
bin="$(swift build --show-bin-path)/briefings"
.venv-clients/bin/python Tests/clients/feeds_test.py "$bin"
PATH="$PWD/.venv-clients/bin:$PATH" .venv-clients/bin/python Tests/clients/subscriber_test.py "$bin"
