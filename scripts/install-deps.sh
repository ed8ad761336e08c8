#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, if any are missing, and the Python ones the single
# sign-on test needs (oidc-provider-mock, an OpenID Connect provider for tests) in .venv-sso.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(libsqlite3-dev libical-dev tzdata pkg-config sqlite3 python3 python3-pip python3-venv)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -x .venv-sso/bin/oidc-provider-mock ] || ! .venv-sso/bin/python -c 'import oidc_provider_mock, httpx' 2>/dev/null; then
    echo "Installing oidc-provider-mock in .venv-sso"
    python3 -m venv .venv-sso
    .venv-sso/bin/pip install --quiet --disable-pip-version-check "oidc-provider-mock==0.3.4" httpx
fi
