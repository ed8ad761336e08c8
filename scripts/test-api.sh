#!/usr/bin/env bash
# Puts the JSON API against its own description: schemathesis (`--checks all`: no 5xx, no undocumented status,
# responses that fit their schemas, schema-valid requests accepted and invalid ones refused, 405 with Allow for
# methods a path does not serve) runs against `briefings serve` on 127.0.0.1 with the served /openapi.yaml, once
# with a group leader's token (m-patel, Labour) and once with the approver's (o-ceo), each over a fresh demo
# council. Bounded: SCHEMATHESIS_EXAMPLES cases per operation and phase (default 25), so it takes a few minutes.
# The council's clock is pinned (BRIEFINGS_NOW) so that the spec's examples (2026-12-14T18:00…) stay in the future
# whatever day the script runs; scripts/schemathesis.toml says what it allows beyond schemathesis's defaults, and why.
# Installs schemathesis in .venv-clients. Sends nothing anywhere but 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-clients/bin/schemathesis ]; then
    [ -x .venv-clients/bin/python ] || python3 -m venv .venv-clients
    .venv-clients/bin/pip install --quiet --disable-pip-version-check schemathesis
fi
swift build --product briefings
bin="$(swift build --show-bin-path)/briefings"
work="$(mktemp -d "${TMPDIR:-/tmp}/briefings-api.XXXXXX")"
pid=""
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { .venv-clients/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The day the spec's examples are written for: a Monday before them all.
export BRIEFINGS_NOW="${BRIEFINGS_NOW:-2026-11-02T09:00}"
status=0
for person in m-patel o-ceo; do
    db="$work/$person.sqlite"
    "$bin" demo --database "$db" > "$work/$person.story.txt"
    token="$("$bin" token issue --person "$person" --label schemathesis --database "$db" | head -n 1)"
    port="$(free_port)"
    "$bin" serve --host 127.0.0.1 --port "$port" --database "$db" --log-level error --no-mail > "$work/$person.serve.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do
        if .venv-clients/bin/python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/health', timeout=1)" 2>/dev/null; then break; fi
        sleep 0.1
    done
    echo "schemathesis as $person against http://127.0.0.1:$port/openapi.yaml"
    # One worker: with two, schemathesis's coverage phase hit a CPython 3.11 fault ("AST constructor recursion
    # depth mismatch") now and then, an error of the tool rather than of the service.
    if ! .venv-clients/bin/schemathesis --config-file scripts/schemathesis.toml run "http://127.0.0.1:$port/openapi.yaml" \
            --url "http://127.0.0.1:$port" --header "Authorization: Bearer $token" --checks all \
            --max-examples "${SCHEMATHESIS_EXAMPLES:-25}" --seed "${SCHEMATHESIS_SEED:-13}" --workers 1 \
            --request-timeout 30 --no-color; then
        status=1
        echo "schemathesis as $person: failures above; the service's log:" >&2
        tail -n 40 "$work/$person.serve.log" >&2
    fi
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done
exit $status
