#!/usr/bin/env bash
# Proves the feeds with calendar software nobody on this team wrote: Python's icalendar, the strict
# `ical` parser, and vdirsyncer + khal subscribing over HTTP on 127.0.0.1. Installs them in .venv-clients.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-clients/bin/khal ] || [ ! -x .venv-clients/bin/vdirsyncer ]; then
    python3 -m venv .venv-clients
    .venv-clients/bin/pip install --quiet --disable-pip-version-check icalendar ical vdirsyncer khal
fi
swift build --product briefings
bin="$(swift build --show-bin-path)/briefings"
.venv-clients/bin/python Tests/clients/feeds_test.py "$bin"
PATH="$PWD/.venv-clients/bin:$PATH" .venv-clients/bin/python Tests/clients/subscriber_test.py "$bin"
