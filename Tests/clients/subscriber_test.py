#!/usr/bin/env python3
"""A real subscriber, end to end: vdirsyncer syncs a briefings feed over HTTP (127.0.0.1 only) and
khal lists it, across the October 2027 clock change; then a reschedule and a cancellation reach it.

Usage: subscriber_test.py PATH/TO/briefings. Needs vdirsyncer, khal and icalendar on PATH / importable.
vdirsyncer's http storage rewrites UIDs, so UID and SEQUENCE are checked on the feed with icalendar.
"""
import http.server
import os
import pathlib
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading

import icalendar

BIN = os.path.abspath(sys.argv[1])
VENV_BIN = pathlib.Path(sys.executable).parent
WORK = pathlib.Path(tempfile.mkdtemp(prefix="briefings-subscriber-"))
DB = WORK / "council.sqlite"
SERVED = WORK / "served"
ROSTER = pathlib.Path(__file__).resolve().parents[2] / "examples" / "roster.json"
failures: list[str] = []


def briefings(*args: str, now: str) -> str:
    env = dict(os.environ, BRIEFINGS_NOW=now)
    result = subprocess.run([BIN, *args, "--database", str(DB)], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"briefings {' '.join(args)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


def publish(now: str) -> icalendar.Calendar:
    briefings("feed", "--group", "LAB", "--output", str(SERVED / "lab.ics"), now=now)
    return icalendar.Calendar.from_ical((SERVED / "lab.ics").read_bytes())


def expect(condition: bool, what: str) -> None:
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(SERVED), **kwargs)

    def log_message(self, *args):
        pass


def tool(name: str) -> str:
    found = VENV_BIN / name
    return str(found) if found.exists() else shutil.which(name) or name


def main() -> int:
    SERVED.mkdir()
    server = socketserver.TCPServer(("127.0.0.1", 0), Quiet)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        (WORK / "calendars" / "lab").mkdir(parents=True)
        (WORK / "vdirsyncer.conf").write_text(f"""
[general]
status_path = "{WORK}/status/"

[pair lab]
a = "lab_remote"
b = "lab_local"
collections = null
conflict_resolution = "a wins"

[storage lab_remote]
type = "http"
url = "http://127.0.0.1:{port}/lab.ics"

[storage lab_local]
type = "filesystem"
path = "{WORK}/calendars/lab/"
fileext = ".ics"
""")
        (WORK / "khal.conf").write_text(f"""
[calendars]
[[lab]]
path = {WORK}/calendars/lab/
type = calendar

[locale]
local_timezone = Europe/London
default_timezone = Europe/London
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
""")
        env = dict(os.environ, TZ="Europe/London")

        def sync() -> None:
            subprocess.run([tool("vdirsyncer"), "-c", str(WORK / "vdirsyncer.conf"), "discover", "lab"],
                           check=True, capture_output=True, env=env, input="y\n", text=True)
            subprocess.run([tool("vdirsyncer"), "-c", str(WORK / "vdirsyncer.conf"), "sync"], check=True, capture_output=True, env=env)

        def khal() -> str:
            out = subprocess.run([tool("khal"), "-c", str(WORK / "khal.conf"), "list", "--format", "{start} {end} {title}",
                                  "--day-format", "", "2027-10-25", "14d"], check=True, capture_output=True, text=True, env=env)
            return out.stdout

        def synced() -> list[icalendar.Event]:
            events = []
            for f in sorted((WORK / "calendars" / "lab").glob("*.ics")):
                events += icalendar.Calendar.from_ical(f.read_bytes()).walk("VEVENT")
            return events

        setup = "2027-10-01T09:00"
        briefings("init", "--profile", "model", now=setup)
        briefings("roster", "import", str(ROSTER), now=setup)
        # Friday 29 October 2027 (BST) and Monday 1 November 2027 (GMT): the clocks go back on Sunday 31st.
        for day in ("2027-10-29", "2027-11-01"):
            briefings("request", "create", "--as", "m-patel", "--group", "LAB", "--matter", f"Local Plan {day}", "--area", "planning",
                       "--meeting", "Cabinet", "--officer", "o-dir-place", "--start", f"{day}T14:00", "--duration", "2h",
                       "--segment", "45m", "--room", "cr1", "--attendee", "m-patel", now=setup)
        briefings("approve", "RQ-0001", "--as", "o-ceo", now=setup)
        briefings("approve", "RQ-0002", "--as", "o-ceo", now=setup)

        feed = publish(setup)
        sync()
        listing = khal()
        print(listing)
        expect("2027-10-29 14:00 2027-10-29 16:00 Briefing: Local Plan 2027-10-29" in listing, "khal shows Friday's session at 14:00 BST")
        expect("2027-11-01 14:00 2027-11-01 16:00 Briefing: Local Plan 2027-11-01" in listing, "khal shows Monday's session at 14:00 GMT")
        times = sorted(e["DTSTART"].dt.astimezone(__import__("datetime").timezone.utc).strftime("%H:%M") for e in synced())
        expect(times == ["13:00", "14:00"], f"the synced events are 13:00 and 14:00 UTC either side of the change ({times})")
        before = {str(e["UID"]): int(e["SEQUENCE"]) for e in feed.walk("VEVENT")}

        moved_at = "2027-10-02T09:00"
        briefings("session", "reschedule", "SE-0001", "--as", "m-patel", "--start", "2027-10-28T15:00", "--duration", "2h",
                   "--segment", "45m", "--reason", "Clash", now=moved_at)
        feed = publish(moved_at)
        after = {str(e["UID"]): int(e["SEQUENCE"]) for e in feed.walk("VEVENT")}
        expect(set(after) == set(before), "after a reschedule the session keeps its UID")
        expect(after["session-1@briefings"] > before["session-1@briefings"], "after a reschedule SEQUENCE went up")
        sync()
        listing = khal()
        expect("2027-10-28 15:00 2027-10-28 17:00" in listing and "2027-10-29 14:00" not in listing, "khal shows the new time after the next sync")

        cancelled_at = "2027-10-03T09:00"
        briefings("session", "cancel", "SE-0002", "--as", "m-patel", "--reason", "Group meeting off", now=cancelled_at)
        feed = publish(cancelled_at)
        status = {str(e["UID"]): str(e["STATUS"]) for e in feed.walk("VEVENT")}
        expect(status.get("session-2@briefings") == "CANCELLED", "after a cancellation the feed has it as STATUS:CANCELLED")
        sync()
        expect(any(str(e["STATUS"]) == "CANCELLED" and str(e["SUMMARY"]).startswith("Cancelled: ") for e in synced()),
               "the subscriber's copy is CANCELLED after the next sync")

        later = "2027-10-18T09:00"  # past the 14-day retention
        feed = publish(later)
        expect("session-2@briefings" not in {str(e["UID"]) for e in feed.walk("VEVENT")}, "after the retention period the cancelled session leaves the feed")
        sync()
        expect(len(synced()) == 1, "…and the subscriber's copy once it syncs")
    finally:
        server.shutdown()
        shutil.rmtree(WORK, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all subscriber checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
