#!/usr/bin/env python3
"""A real subscriber, end to end: `briefings serve` on 127.0.0.1 publishes a group's feed at its secret
URL, vdirsyncer syncs it over HTTP and khal lists it, across the October 2027 clock change; then a
reschedule and a cancellation reach it, and the cancelled session leaves after the retention period.

Usage: subscriber_test.py PATH/TO/briefings. Needs vdirsyncer, khal and icalendar on PATH / importable.
vdirsyncer's http storage rewrites UIDs, so UID and SEQUENCE are checked on the feed with icalendar.
"""
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import icalendar

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from check_feed import expect, summary  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
VENV_BIN = pathlib.Path(sys.executable).parent
WORK = pathlib.Path(tempfile.mkdtemp(prefix="briefings-subscriber-"))
DB = WORK / "council.sqlite"
ROSTER = pathlib.Path(__file__).resolve().parents[2] / "examples" / "roster.json"


def briefings(*args: str, now: str) -> str:
    env = dict(os.environ, BRIEFINGS_NOW=now)
    result = subprocess.run([BIN, *args, "--database", str(DB)], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"briefings {' '.join(args)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


class Service:
    """`briefings serve` as a subprocess on a free loopback port, restartable with another clock."""

    def __init__(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.process: subprocess.Popen | None = None
        self.url = ""

    def start(self, now: str) -> None:
        self.stop()
        env = dict(os.environ, BRIEFINGS_NOW=now)
        self.process = subprocess.Popen([BIN, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--database", str(DB),
                                         "--log-level", "warning", "--no-mail"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("briefings serve did not start")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def feed(self) -> icalendar.Calendar:
        return icalendar.Calendar.from_ical(urllib.request.urlopen(self.url, timeout=5).read())


def tool(name: str) -> str:
    found = VENV_BIN / name
    return str(found) if found.exists() else shutil.which(name) or name


def main() -> int:
    service = Service()
    try:
        setup = "2027-10-01T09:00"
        briefings("init", "--profile", "model", now=setup)
        briefings("roster", "import", str(ROSTER), now=setup)
        # Friday 29 October 2027 (BST) and Monday 1 November 2027 (GMT): the clocks go back on Sunday 31st.
        for day in ("2027-10-29", "2027-11-01"):
            briefings("request", "create", "--as", "m-patel", "--group", "LAB", "--matter", f"Local Plan {day}", "--area", "planning",
                       "--meeting", "Cabinet", "--officer", "o-dir-place", "--start", f"{day}T14:00", "--duration", "2h",
                       "--segment", "45m", "--room", "cr1", "--attendee", "m-patel", now=setup)
        briefings("approve", "RQ-0001", "--as", "o-ceo", "--judged", "council-business,no-individual-matter", now=setup)
        briefings("approve", "RQ-0002", "--as", "o-ceo", "--judged", "council-business,no-individual-matter", now=setup)

        # A Labour member subscribes to the group's feed at its secret URL on the running service.
        url = briefings("feed", "url", "--group", "LAB", "--for", "m-okafor", "--base-url", f"http://127.0.0.1:{service.port}", now=setup).split()[0]
        expect(url.startswith(f"http://127.0.0.1:{service.port}/feeds/") and url.endswith(".ics"), "briefings feed url gives the feed's secret URL")
        service.url = url
        service.start(setup)
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
url = "{url}"

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

        def khal(fmt: str = "{start} {end} {title}") -> str:
            out = subprocess.run([tool("khal"), "-c", str(WORK / "khal.conf"), "list", "--format", fmt,
                                  "--day-format", "", "2027-10-25", "14d"], check=True, capture_output=True, text=True, env=env)
            return out.stdout

        def synced() -> list[icalendar.Event]:
            events = []
            for f in sorted((WORK / "calendars" / "lab").glob("*.ics")):
                events += icalendar.Calendar.from_ical(f.read_bytes()).walk("VEVENT")
            return events

        feed = service.feed()
        sync()
        listing = khal()
        print(listing)
        expect("2027-10-29 14:00 2027-10-29 16:00 Briefing: Local Plan 2027-10-29" in listing, "khal shows Friday's session at 14:00 BST")
        expect("2027-11-01 14:00 2027-11-01 16:00 Briefing: Local Plan 2027-11-01" in listing, "khal shows Monday's session at 14:00 GMT")
        times = sorted(e["DTSTART"].dt.astimezone(__import__("datetime").timezone.utc).strftime("%H:%M") for e in synced())
        expect(times == ["13:00", "14:00"], f"the synced events are 13:00 and 14:00 UTC either side of the change ({times})")
        # Agreed by the Chief Executive but not yet confirmed by the officer: tentative in the subscriber's calendar.
        statuses = khal("{status}{title}")
        print(statuses)
        expect("TENTATIVE Briefing: Local Plan 2027-10-29" in statuses, "khal shows the agreed session as TENTATIVE before the officer confirms")
        briefings("officer", "confirm", "SE-0001", "--as", "o-dir-place", now=setup)
        briefings("officer", "confirm", "SE-0002", "--as", "o-dir-place", now=setup)
        feed = service.feed()
        sync()
        statuses = khal("{status}{title}")
        print(statuses)
        expect("CONFIRMED Briefing: Local Plan 2027-10-29" in statuses and "TENTATIVE" not in statuses,
               "khal shows it CONFIRMED once the officer has confirmed, after the next sync")
        before = {str(e["UID"]): int(e["SEQUENCE"]) for e in feed.walk("VEVENT")}

        moved_at = "2027-10-02T09:00"
        briefings("session", "reschedule", "SE-0001", "--as", "m-patel", "--start", "2027-10-28T15:00", "--duration", "2h",
                   "--segment", "45m", "--reason", "Clash", now=moved_at)
        feed = service.feed()
        after = {str(e["UID"]): int(e["SEQUENCE"]) for e in feed.walk("VEVENT")}
        expect(set(after) == set(before), "after a reschedule the session keeps its UID")
        expect(after["session-1@briefings"] > before["session-1@briefings"], "after a reschedule SEQUENCE went up")
        sync()
        listing = khal()
        expect("2027-10-28 15:00 2027-10-28 17:00" in listing and "2027-10-29 14:00" not in listing, "khal shows the new time after the next sync")

        cancelled_at = "2027-10-03T09:00"
        briefings("session", "cancel", "SE-0002", "--as", "m-patel", "--reason", "Group meeting off", now=cancelled_at)
        feed = service.feed()
        status = {str(e["UID"]): str(e["STATUS"]) for e in feed.walk("VEVENT")}
        expect(status.get("session-2@briefings") == "CANCELLED", "after a cancellation the feed has it as STATUS:CANCELLED")
        sync()
        expect(any(str(e["STATUS"]) == "CANCELLED" and str(e["SUMMARY"]).startswith("Cancelled: ") for e in synced()),
               "the subscriber's copy is CANCELLED after the next sync")

        later = "2027-10-18T09:00"  # past the 14-day retention: the service restarts with its clock there
        service.start(later)
        feed = service.feed()
        expect("session-2@briefings" not in {str(e["UID"]) for e in feed.walk("VEVENT")}, "after the retention period the cancelled session leaves the feed")
        sync()
        expect(len(synced()) == 1, "…and the subscriber's copy once it syncs")
    finally:
        service.stop()
        shutil.rmtree(WORK, ignore_errors=True)
    return summary("subscriber")


if __name__ == "__main__":
    sys.exit(main())
