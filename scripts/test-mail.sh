#!/usr/bin/env bash
# Email end to end (issue 12): a local SMTP server (Python aiosmtpd) on 127.0.0.1 at a free port, Debian's msmtp pointed
# at it through a temporary msmtprc as the sendmail command (`msmtp -C FILE -t`), and a whole story told with the
# `briefings` command line, delivering after every step. Tests/mail/mail_test.py checks every message received:
# recipients as "Who hears what" says, To exactly the envelope and no Bcc, iMIP parts parsed by Python's icalendar with
# the UID, SEQUENCE and times of the recipient's feed, cancellations as METHOD:CANCEL with a higher SEQUENCE, no budget
# title in another group's mail; then a broken transport (missing, exiting non-zero) that leaves messages pending while
# the steps stand; then a burst of 60 messages with `kill -9` of `outbox deliver` and of `serve` mid-run: after a
# restart nothing is lost and only a message in flight arrives twice, with the same Message-ID. About a minute.
# Answers from officers' calendars (issue 24): invitations answered as Outlook and Google Calendar answer them, sent over
# SMTP to a real Postfix run from a temporary folder on 127.0.0.1 (a second instance: its own main.cf and master.cf,
# docs/operations.md's pipe transport) that pipes each to `briefings mail receive`; the desk and feeds then show the answer,
# and refused answers leave the database as it was. Needs root (Postfix's master).
# Installs msmtp and postfix (apt; postfix with "No configuration", so the system's own Postfix never starts) and
# aiosmtpd + icalendar (in .venv-clients). Sends nothing anywhere but 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
install_package() {   # PACKAGE, with apt, when its command is missing
    local sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    # Postfix with "No configuration": the system's own Postfix never starts; the test runs an instance of its own.
    echo "postfix postfix/main_mailer_type select No configuration" | $sudo_cmd debconf-set-selections
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$1" >/dev/null
}
command -v msmtp >/dev/null || install_package msmtp
command -v postfix >/dev/null || install_package postfix
if ! .venv-clients/bin/python -c 'import aiosmtpd, icalendar' 2>/dev/null; then
    [ -x .venv-clients/bin/python ] || python3 -m venv .venv-clients
    .venv-clients/bin/pip install --quiet --disable-pip-version-check aiosmtpd icalendar
fi
swift build --product briefings
bin="$(swift build --show-bin-path)/briefings"
.venv-clients/bin/python Tests/mail/mail_test.py "$bin"
