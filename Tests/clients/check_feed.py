#!/usr/bin/env python3
"""Checks iCalendar feeds with two parsers nobody on this team wrote.

- Python's `icalendar` (lenient): every property a subscriber needs is present and right.
- The strict `ical` package (pydantic; Home Assistant's): it must accept the whole calendar.

Usage: check_feed.py FEED.ics [...]. Exits non-zero, saying why, on any failure.
"""
import sys

import icalendar
from ical.calendar_stream import IcsCalendarStream


def check(path: str) -> list[str]:
    problems: list[str] = []
    try:
        raw = open(path, "rb").read()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [f"cannot read it as UTF-8 text: {error}"]
    if b"\n" in raw.replace(b"\r\n", b""):
        problems.append("a line ends without CRLF")
    for number, line in enumerate(raw.split(b"\r\n"), 1):
        if len(line) > 75:
            problems.append(f"line {number} is {len(line)} octets (limit 75)")
    try:
        cal = icalendar.Calendar.from_ical(text)
    except Exception as error:  # icalendar raises ValueError and others on broken input
        return problems + [f"icalendar could not parse it: {error}"]
    if "METHOD" in cal:
        problems.append("the calendar has a METHOD")
    for prop in ("VERSION", "PRODID", "NAME", "X-WR-CALNAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL"):
        if prop not in cal:
            problems.append(f"the calendar lacks {prop}")
    zones = [c for c in cal.walk("VTIMEZONE")]
    if [str(z["TZID"]) for z in zones] != ["Europe/London"]:
        problems.append(f"VTIMEZONE TZIDs are {[str(z['TZID']) for z in zones]}, not exactly ['Europe/London']")
    uids = set()
    for event in cal.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        for prop in ("UID", "DTSTAMP", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "STATUS", "LAST-MODIFIED"):
            if prop not in event:
                problems.append(f"{uid or 'an event'} lacks {prop}")
        if uid in uids:
            problems.append(f"UID {uid} appears twice")
        uids.add(uid)
        start = event.get("DTSTART")
        # A timed event is in London time; an all-day note (an open offer's answer-by day) is a DATE, which has no zone.
        all_day = start is not None and start.params.get("VALUE") == "DATE"
        if start is not None and not all_day and start.params.get("TZID") != "Europe/London":
            problems.append(f"{uid}: DTSTART TZID is {start.params.get('TZID')!r}")
        if str(event.get("STATUS")) not in ("CONFIRMED", "TENTATIVE", "CANCELLED"):
            problems.append(f"{uid}: STATUS {event.get('STATUS')}")
        if str(event.get("STATUS")) == "CANCELLED" and not str(event.get("SUMMARY")).startswith("Cancelled: "):
            problems.append(f"{uid}: cancelled but its title does not say so")
    try:
        strict = IcsCalendarStream.calendar_from_ics(text)
        if len(strict.events) != len(uids):
            problems.append(f"the strict parser saw {len(strict.events)} events, icalendar {len(uids)}")
    except Exception as error:  # the strict parser's own errors are many kinds
        problems.append(f"the strict `ical` parser rejected the calendar: {error}")
    return problems


failures: list[str] = []


def expect(condition: bool, what: str) -> None:
    """One named check for the end-to-end scripts: printed, and remembered if it failed."""
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def summary(what: str) -> int:
    """The exit status of an end-to-end script after its checks."""
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print(f"all {what} checks passed")
    return 0


def main() -> int:
    if len(sys.argv) < 2:
        print("usage: check_feed.py FEED.ics [...]", file=sys.stderr)
        return 2
    failed = 0
    for path in sys.argv[1:]:
        problems = check(path)
        if problems:
            failed += 1
            print(f"FAIL {path}")
            for p in problems:
                print(f"  - {p}")
        else:
            print(f"ok   {path}")
    print(f"{len(sys.argv) - 1 - failed} of {len(sys.argv) - 1} feed(s) passed icalendar checks and the strict ical parser")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
