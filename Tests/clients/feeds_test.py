#!/usr/bin/env python3
"""Every kind of feed, from a council built through the CLI, checked by `icalendar` and the strict `ical`
parser (check_feed.py), and hostile text round-tripped through `icalendar`.

Usage: feeds_test.py PATH/TO/briefings
"""
import datetime
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import icalendar

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from check_feed import check, expect, summary  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
WORK = pathlib.Path(tempfile.mkdtemp(prefix="briefings-feeds-"))
DB = WORK / "council.sqlite"
ROSTER = pathlib.Path(__file__).resolve().parents[2] / "examples" / "roster.json"
NOW = "2027-01-04T09:00"
# A title is one line (a line break in it is refused at the door); every other character iCalendar must escape is here.
HOSTILE_TITLE = ("Budget; semicolon, comma \\ backslash: colon "
                 "DTSTART:19700101T000000Z END:VEVENT Ünïcödé 日本語 " + "x" * 300)
HOSTILE_DETAILS = "Questions:\n1) costs; 2) options, risks \\ and: timing\r\n— ëñd"


def briefings(*args: str) -> str:
    result = subprocess.run([BIN, *args, "--database", str(DB)], capture_output=True, text=True, env=dict(os.environ, BRIEFINGS_NOW=NOW))
    if result.returncode != 0:
        raise SystemExit(f"briefings {' '.join(args)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


def refused(*args: str) -> int:
    return subprocess.run([BIN, *args, "--database", str(DB)], capture_output=True, text=True, env=dict(os.environ, BRIEFINGS_NOW=NOW)).returncode


def main() -> int:
    try:
        briefings("init", "--profile", "model")
        briefings("roster", "import", str(ROSTER))
        # A bare carriage return (or any control character) is refused at the door, before it can reach a feed.
        expect(refused("request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "one\rtwo", "--area", "planning",
                       "--officer", "o-dir-place", "--start", "2027-01-11T14:00", "--room", "cr1") == 7,
               "a title with a bare CR is refused (exit 7)")
        expect(refused("request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "line one\nline two", "--area", "planning",
                       "--officer", "o-dir-place", "--start", "2027-01-11T14:00", "--room", "cr1") == 7,
               "a title over two lines is refused (exit 7): a title is one line")
        briefings("request", "create", "--as", "m-patel", "--group", "LAB", "--matter", HOSTILE_TITLE, "--details", HOSTILE_DETAILS,
                  "--area", "planning", "--meeting", "Cabinet", "--officer", "o-dir-place", "--start", "2027-01-11T14:00",
                  "--duration", "2h", "--segment", "45m", "--room", "cr1", "--attendee", "m-patel", "--joint")
        briefings("approve", "RQ-0001", "--as", "o-ceo", "--judged", "council-business,no-individual-matter")
        briefings("request", "create", "--as", "m-hughes", "--group", "CON", "--matter", "Waste contract", "--area", "planning",
                  "--meeting", "Cabinet", "--officer", "o-dce", "--start", "2027-01-12T10:00", "--virtual", "https://meet.example.gov.uk/con",
                  "--attendee", "m-hughes")
        feeds = {"overview": ["--overview"], "lab": ["--group", "LAB"], "grn": ["--group", "GRN"], "officer": ["--officer", "o-dir-place"],
                 "member": ["--member", "m-okafor"], "empty": ["--officer", "o-planner"]}
        for name, args in feeds.items():
            briefings("feed", *args, "--output", str(WORK / f"{name}.ics"))
            problems = check(str(WORK / f"{name}.ics"))
            expect(not problems, f"the {name} feed passes icalendar and the strict ical parser {problems if problems else ''}")

        cal = icalendar.Calendar.from_ical((WORK / "lab.ics").read_bytes())
        event = cal.walk("VEVENT")[0]
        expect(str(event["SUMMARY"]) == f"Briefing: {HOSTILE_TITLE} (Labour Group)",
               "a title with ; , \\ : property-like text, non-ASCII and a 300-character run comes back exactly")
        expect(len(cal.walk("VEVENT")) == 1 and len([k for k in event.keys() if k == "DTSTART"]) == 1,
               "the hostile title added no property or event")
        officer = icalendar.Calendar.from_ical((WORK / "officer.ics").read_bytes()).walk("VEVENT")[0]
        expect(officer["DTEND"].dt - officer["DTSTART"].dt == __import__("datetime").timedelta(minutes=45),
               "the officer's event covers only their 45-minute segment")
        grn = icalendar.Calendar.from_ical((WORK / "grn.ics").read_bytes()).walk("VEVENT")
        expect(len(grn) == 1 and str(grn[0]["STATUS"]) == "TENTATIVE" and "Offer" in str(grn[0]["SUMMARY"]),
               "the Green group's feed holds only its open offer, tentative")
        # Issue 24: an open offer is an all-day note on its answer-by day, free time, never a timed meeting nobody booked.
        offer = grn[0]
        day = offer["DTSTART"].dt
        expect(type(day) is datetime.date and offer["DTEND"].dt == day + datetime.timedelta(days=1),
               f"the open offer is an all-day event (DTSTART;VALUE=DATE), one day long, not a timed meeting: {offer['DTSTART'].to_ical()}")
        expect(str(offer.get("TRANSP")) == "TRANSPARENT", "the offer's day shows as free time")
        expect(f"by {day:%a} {day.day} {day:%b %Y}" in str(offer["DESCRIPTION"]) and "`" not in str(offer["DESCRIPTION"]),
               "its day is the day it must be answered by, and its text names no command")
        overview = icalendar.Calendar.from_ical((WORK / "overview.ics").read_bytes()).walk("VEVENT")
        expect(sorted(str(e["STATUS"]) for e in overview) == ["TENTATIVE", "TENTATIVE"],
               "the overview has the agreed session, tentative until its officer confirms, and the pending request")
        briefings("officer", "confirm", "SE-0001", "--as", "o-dir-place")
        briefings("feed", "--overview", "--output", str(WORK / "overview.ics"))
        overview = icalendar.Calendar.from_ical((WORK / "overview.ics").read_bytes()).walk("VEVENT")
        expect(sorted(str(e["STATUS"]) for e in overview) == ["CONFIRMED", "TENTATIVE"], "once the officer confirms, the session is CONFIRMED")
        expect(b"Waste contract" not in (WORK / "lab.ics").read_bytes(), "no other group's business in a group's feed")
        # A council may keep offers out of feeds altogether (openOffersInFeeds, a council setting).
        roster = json.loads(ROSTER.read_text())
        roster["council"]["overrides"]["openOffersInFeeds"] = False
        (WORK / "roster.json").write_text(json.dumps(roster))
        briefings("roster", "import", str(WORK / "roster.json"))
        briefings("feed", "--group", "GRN", "--output", str(WORK / "grn.ics"))
        expect(not icalendar.Calendar.from_ical((WORK / "grn.ics").read_bytes()).walk("VEVENT"),
               "with openOffersInFeeds false the Green group's feed shows no offer")
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    return summary("feed")


if __name__ == "__main__":
    sys.exit(main())
