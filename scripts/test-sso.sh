#!/usr/bin/env bash
# Single sign-on on the web desk against oidc-provider-mock (PyPI), a real OpenID Connect provider: both it and
# `briefings serve` (over a fresh demo council, with --oidc-issuer pointing at it) start on 127.0.0.1 on free ports,
# and Tests/web/sso_test.py signs people in through the desk's pages: a roster person gets in; an unknown person, a
# token for another audience, from another issuer, an expired one and a replayed nonce are each refused with the desk's
# sign-in page and nothing recorded as signed in. Installs the mock in .venv-sso.
# Sends nothing anywhere but 127.0.0.1; takes about ten seconds after the build.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
if [ ! -x .venv-sso/bin/oidc-provider-mock ] || ! .venv-sso/bin/python -c 'import oidc_provider_mock, httpx' 2>/dev/null; then
    echo "Installing oidc-provider-mock in .venv-sso"
    python3 -m venv .venv-sso
    .venv-sso/bin/pip install --quiet --disable-pip-version-check "oidc-provider-mock==0.3.4" httpx
fi
swift build --product briefings
bin="$(swift build --show-bin-path)/briefings"
py=.venv-sso/bin/python
work="$(mktemp -d "${TMPDIR:-/tmp}/briefings-sso.XXXXXX")"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
free_port() { "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() {
    for _ in $(seq 1 150); do
        if "$py" -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$1" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "$1 did not answer" >&2
    return 1
}

provider_port="$(free_port)"
.venv-sso/bin/oidc-provider-mock --host 127.0.0.1 --port "$provider_port" > "$work/provider.log" 2>&1 &
pids+=($!)
db="$work/demo.sqlite"
"$bin" demo --database "$db" > "$work/story.txt"
desk_port="$(free_port)"
printf 'a-client-secret\n' > "$work/client-secret"
"$bin" serve --host 127.0.0.1 --port "$desk_port" --database "$db" --log-level warning --no-mail \
    --public-url "http://127.0.0.1:$desk_port" --oidc-issuer "http://127.0.0.1:$provider_port" \
    --oidc-client-id briefings-desk --oidc-client-secret-file "$work/client-secret" > "$work/serve.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$provider_port/.well-known/openid-configuration"
wait_for "http://127.0.0.1:$desk_port/health"
echo "Single sign-on: the desk on http://127.0.0.1:$desk_port, oidc-provider-mock on http://127.0.0.1:$provider_port"
if ! "$py" Tests/web/sso_test.py "http://127.0.0.1:$desk_port" "http://127.0.0.1:$provider_port" "$db"; then
    echo "The service's log:" >&2; tail -n 40 "$work/serve.log" >&2
    echo "The provider's log:" >&2; tail -n 40 "$work/provider.log" >&2
    exit 1
fi
