@testable import BriefingsCalendar
import BriefingsDomain
import Foundation
import Testing

@Suite("Calendar imports")
struct CalendarImportTests {
    static func t(_ s: String) -> Date { try! LondonTime.parse(s) }
    static let from = t("2026-11-01T00:00"), to = t("2027-11-01T00:00")

    static func ics(_ body: String) -> Data {
        Data(("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + body + "END:VCALENDAR\r\n").utf8)
    }

    static func busy(_ body: String) throws -> [BusyInterval] {
        try CalendarImport.busyIntervals(fromICS: ics(body), from: from, to: to)
    }

    static func event(_ lines: String...) -> String {
        "BEGIN:VEVENT\r\nUID:\(UUID().uuidString)\r\nDTSTAMP:20261101T000000Z\r\n" + lines.map { $0 + "\r\n" }.joined() + "END:VEVENT\r\n"
    }

    @Test("a SUMMARY of 9 MB on one line imports whole; libical is handed it folded, no line over 75 octets, the same calendar unfolded (one long line cost the square of its length: 10 MB took 13 s)")
    func longLine() throws {
        let summary = String(repeating: "Budget é ", count: 1_000_000) + "end"   // 10,000,003 octets, a two-octet character every 10
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
            + Self.event("DTSTART:20261207T140000Z", "DTEND:20261207T150000Z", "SUMMARY:" + summary) + "END:VCALENDAR\r\n"
        let given = ICalParser.folded(text)
        let lines = given.utf8.split(omittingEmptySubsequences: false) { $0 == 0x0A }.map { $0.last == 0x0D ? $0.dropLast() : $0 }
        #expect(lines.allSatisfy { $0.count <= ICalParser.foldedLineOctets }, "the longest line libical reads is \(lines.map(\.count).max()!) octets")
        #expect(lines.allSatisfy { String(validating: $0, as: UTF8.self) != nil }, "folded between characters")
        #expect(given.replacingOccurrences(of: "\r\n ", with: "") == text, "unfolded, the same text")
        let b = try CalendarImport.busyIntervals(fromICS: Data(text.utf8), from: Self.from, to: Self.to)
        #expect(b.count == 1 && b.first?.summary == summary)
        // A file whose lines are all short is handed over as it is.
        let short = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nBEGIN:VEVENT\nUID:1\nDTSTART:20261207T140000Z\nEND:VEVENT\nEND:VCALENDAR\n"
        #expect(ICalParser.folded(short) == short)
    }

    @Test("events in UTC, Europe/London, another zone, an Outlook zone name, and all day")
    func zones() throws {
        let b = try Self.busy(
            Self.event("DTSTART:20261207T140000Z", "DTEND:20261207T150000Z", "SUMMARY:UTC")
            + Self.event("DTSTART;TZID=Europe/London:20260710T140000", "DTEND;TZID=Europe/London:20260710T150000", "SUMMARY:too early")
            + Self.event("DTSTART;TZID=Europe/London:20270710T140000", "DTEND;TZID=Europe/London:20270710T150000", "SUMMARY:BST")
            + Self.event("DTSTART;TZID=America/New_York:20261207T090000", "DTEND;TZID=America/New_York:20261207T100000", "SUMMARY:NY")
            + Self.event("DTSTART;TZID=GMT Standard Time:20261208T090000", "DTEND;TZID=GMT Standard Time:20261208T100000", "SUMMARY:Outlook")
            + Self.event("DTSTART;VALUE=DATE:20261224", "DTEND;VALUE=DATE:20261225", "SUMMARY:Leave"))
        func start(_ s: String) -> Date? { b.first { $0.summary == s }?.start }
        #expect(start("UTC") == Self.t("2026-12-07T14:00"))
        #expect(start("too early") == nil, "outside the horizon")
        #expect(start("BST") == Self.t("2027-07-10T14:00"))
        #expect(start("NY") == Self.t("2026-12-07T14:00"))
        #expect(start("Outlook") == Self.t("2026-12-08T09:00"))
        #expect(start("Leave") == Self.t("2026-12-24T00:00") && b.first { $0.summary == "Leave" }?.end == Self.t("2026-12-25T00:00"))
    }

    @Test("transparent and cancelled events are not busy")
    func skipped() throws {
        let b = try Self.busy(
            Self.event("DTSTART:20261207T140000Z", "DTEND:20261207T150000Z", "TRANSP:TRANSPARENT", "SUMMARY:free")
            + Self.event("DTSTART:20261207T140000Z", "DTEND:20261207T150000Z", "STATUS:CANCELLED", "SUMMARY:off")
            + Self.event("DTSTART:20261207T160000Z", "DURATION:PT30M", "SUMMARY:kept"))
        #expect(b.map(\.summary) == ["kept"])
        #expect(b[0].end.timeIntervalSince(b[0].start) == 1800)
    }

    @Test("recurring events expand over the horizon, with COUNT, without an end, with EXDATE and a moved instance")
    func recurrence() throws {
        let b = try Self.busy(
            Self.event("DTSTART;TZID=Europe/London:20261102T100000", "DTEND;TZID=Europe/London:20261102T110000", "RRULE:FREQ=WEEKLY;COUNT=4",
                       "EXDATE;TZID=Europe/London:20261109T100000", "SUMMARY:Weekly four")
            + Self.event("DTSTART;TZID=Europe/London:20200106T090000", "DTEND;TZID=Europe/London:20200106T093000", "RRULE:FREQ=WEEKLY;BYDAY=MO",
                         "SUMMARY:Forever"))
        #expect(b.filter { $0.summary == "Weekly four" }.map(\.start) == [Self.t("2026-11-02T10:00"), Self.t("2026-11-16T10:00"), Self.t("2026-11-23T10:00")])
        let forever = b.filter { $0.summary == "Forever" }
        #expect(forever.count == 52, "one a week for the year's horizon, got \(forever.count)")
        // Wall-clock 09:00 all year, across the March clock change.
        #expect(forever.allSatisfy { LondonTime.format($0.start).hasSuffix("T09:00") })

        let uid = "series-1"
        let moved = try Self.busy(
            "BEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261102T100000Z\r\nDTEND:20261102T110000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\nSUMMARY:Daily\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTAMP:20261101T000000Z\r\nRECURRENCE-ID:20261103T100000Z\r\nDTSTART:20261103T150000Z\r\nDTEND:20261103T160000Z\r\nSUMMARY:Daily\r\nEND:VEVENT\r\n")
        #expect(moved.map(\.start) == [Self.t("2026-11-02T10:00"), Self.t("2026-11-03T15:00"), Self.t("2026-11-04T10:00")])
    }

    @Test("VFREEBUSY periods other than FREE are busy, including tentative and unavailable, several to a line")
    func freebusy() throws {
        let b = try Self.busy("BEGIN:VFREEBUSY\r\nDTSTAMP:20261101T000000Z\r\n"
            + "FREEBUSY;FBTYPE=BUSY:20261207T090000Z/20261207T100000Z\r\n"
            + "FREEBUSY;FBTYPE=FREE:20261207T120000Z/20261207T130000Z\r\n"
            + "FREEBUSY:20261208T090000Z/PT2H,20261209T090000Z/PT1H\r\n"
            + "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20261210T090000Z/PT1H\r\n"
            + "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20261211T090000Z/PT1H\r\nEND:VFREEBUSY\r\n")
        #expect(b.map(\.start) == ["2026-12-07T09:00", "2026-12-08T09:00", "2026-12-09T09:00", "2026-12-10T09:00", "2026-12-11T09:00"].map(Self.t))
        #expect(b[1].end == Self.t("2026-12-08T11:00"))
    }

    @Test("series: UNTIL, several EXDATEs on one line, RDATE, every other week, and an old daily series with no end")
    func moreRecurrence() throws {
        let b = try Self.busy(
            Self.event("DTSTART;TZID=Europe/London:20261102T100000", "DTEND;TZID=Europe/London:20261102T110000",
                       "RRULE:FREQ=DAILY;UNTIL=20261106T235959Z", "EXDATE;TZID=Europe/London:20261103T100000,20261105T100000", "SUMMARY:Until")
            + Self.event("DTSTART:20261201T150000Z", "DURATION:PT1H", "RDATE:20261215T150000Z,20261222T150000Z", "SUMMARY:Rdate")
            + Self.event("DTSTART;TZID=Europe/London:20200106T090000", "DTEND;TZID=Europe/London:20200106T100000",
                         "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "SUMMARY:Fortnightly")
            + Self.event("DTSTART;TZID=Europe/London:20050103T083000", "DTEND;TZID=Europe/London:20050103T084500", "RRULE:FREQ=DAILY", "SUMMARY:Since 2005")
            + Self.event("DTSTART:20100104T120000Z", "DTEND:20100104T130000Z", "RRULE:FREQ=WEEKLY;COUNT=1000", "SUMMARY:Counted"))
        func starts(_ s: String) -> [Date] { b.filter { $0.summary == s }.map(\.start) }
        #expect(starts("Until") == ["2026-11-02T10:00", "2026-11-04T10:00", "2026-11-06T10:00"].map(Self.t))
        #expect(starts("Rdate") == ["2026-12-01T15:00", "2026-12-15T15:00", "2026-12-22T15:00"].map(Self.t))
        #expect(b.filter { $0.summary == "Rdate" }.allSatisfy { $0.end.timeIntervalSince($0.start) == 3600 })
        // 6 Jan 2020 is a Monday of the series; 2 Nov 2026 is 356 weeks on (even), so it is one too.
        let fortnightly = starts("Fortnightly")
        #expect(fortnightly.first == Self.t("2026-11-02T09:00") && fortnightly.count == 26)
        #expect(zip(fortnightly, fortnightly.dropFirst()).allSatisfy { LocalDate($1) == LocalDate($0).adding(days: 14) })
        let daily = starts("Since 2005")
        #expect(daily.count == 365 && daily.first == Self.t("2026-11-01T08:30") && daily.allSatisfy { LondonTime.format($0).hasSuffix("T08:30") })
        // COUNT=1000 weekly from 4 Jan 2010 ends on 27 Feb 2029... within the horizon, 52 of them.
        #expect(starts("Counted").count == 52)
    }

    @Test("an all-day event with no end lasts its whole day, 23 hours when the clocks go forward")
    func allDay() throws {
        let b = try Self.busy(Self.event("DTSTART;VALUE=DATE:20270328", "SUMMARY:Clocks"))
        #expect(b.count == 1 && b[0].start == Self.t("2027-03-28T00:00") && b[0].end == Self.t("2027-03-29T00:00"))
        #expect(b[0].end.timeIntervalSince(b[0].start) == 23 * 3600)
    }

    @Test("a wall-clock time the clocks pass twice is its first occurrence (BST), as RFC 5545 says")
    func repeatedHour() throws {
        let b = try CalendarImport.busyIntervals(fromICS: Self.ics(
            Self.event("DTSTART;TZID=Europe/London:20261025T013000", "DTEND;TZID=Europe/London:20261025T023000", "SUMMARY:Night")
            + Self.event("DTSTART:20261025T013000", "DTEND:20261025T014500", "SUMMARY:Floating")), from: Self.t("2026-10-01T00:00"), to: Self.to)
        let utc = ISO8601DateFormatter()
        #expect(b.map(\.start) == [utc.date(from: "2026-10-25T00:30:00Z")!, utc.date(from: "2026-10-25T00:30:00Z")!])
        #expect(b.first { $0.summary == "Night" }?.end == utc.date(from: "2026-10-25T02:30:00Z"), "02:30 happens once, in GMT")
    }

    @Test("a zone the file defines itself, and text input")
    func ownZone() throws {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VTIMEZONE\r\nTZID:Council Time\r\n"
            + "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
            + Self.event("DTSTART;TZID=Council Time:20261207T120000", "DTEND;TZID=Council Time:20261207T130000", "SUMMARY:Plus three")
            + "END:VCALENDAR\r\n"
        let b = try CalendarImport.busyIntervals(fromICS: text, from: Self.from, to: Self.to)
        #expect(b.map(\.start) == [Self.t("2026-12-07T09:00")])
    }

    @Test("bank holidays: a repeating holiday with COUNT or UNTIL is expanded, EXDATE and RDATE honoured")
    func repeatingHolidays() throws {
        let h = try CalendarImport.bankHolidays(fromICS: Self.ics(
            Self.event("DTSTART;VALUE=DATE:20261225", "DTEND;VALUE=DATE:20261226", "RRULE:FREQ=YEARLY;COUNT=3", "EXDATE;VALUE=DATE:20271225", "SUMMARY:Christmas Day")
            + Self.event("DTSTART;VALUE=DATE:20270101", "RRULE:FREQ=YEARLY;UNTIL=20280101", "RDATE;VALUE=DATE:20290102", "SUMMARY:New Year’s Day")))
        #expect(h.map { "\($0.date) \($0.title)" } == ["2026-12-25 Christmas Day", "2027-01-01 New Year’s Day", "2028-01-01 New Year’s Day",
                                                       "2028-12-25 Christmas Day", "2029-01-02 New Year’s Day"])
    }

    @Test("busy times are clipped to the horizon: one that began before it starts at its start")
    func clippedToHorizon() throws {
        let b = try Self.busy(Self.event("DTSTART:20261001T000000Z", "DTEND:20261101T120000Z", "SUMMARY:Secondment")
            + Self.event("DTSTART;TZID=Europe/London:20271015T090000", "DTEND:20271231T000000Z", "SUMMARY:Sabbatical"))
        #expect(b.map(\.start) == [Self.from, Self.t("2027-10-15T09:00")])
        #expect(b.map(\.end) == [Self.t("2026-11-01T12:00"), Self.to])
    }

    @Test("bank holidays from the gov.uk England and Wales calendar")
    func holidays() throws {
        let govuk = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        METHOD:PUBLISH\r
        PRODID:-//uk.gov/GOVUK calendars//EN\r
        CALSCALE:GREGORIAN\r
        BEGIN:VEVENT\r
        DTEND;VALUE=DATE:20261226\r
        DTSTART;VALUE=DATE:20261225\r
        SUMMARY:Christmas Day\r
        UID:ca6af7456b0088abad9a69f9f620f5ac-0@gov.uk\r
        SEQUENCE:0\r
        DTSTAMP:20261101T101500Z\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        DTEND;VALUE=DATE:20261229\r
        DTSTART;VALUE=DATE:20261228\r
        SUMMARY:Boxing Day (substitute day)\r
        UID:ca6af7456b0088abad9a69f9f620f5ac-1@gov.uk\r
        SEQUENCE:0\r
        DTSTAMP:20261101T101500Z\r
        END:VEVENT\r
        END:VCALENDAR\r

        """
        let h = try CalendarImport.bankHolidays(fromICS: govuk)
        #expect(h == [BankHoliday(date: LocalDate("2026-12-25")!, title: "Christmas Day"),
                      BankHoliday(date: LocalDate("2026-12-28")!, title: "Boxing Day (substitute day)")])
        #expect(throws: CalendarImportError.self) {
            try CalendarImport.bankHolidays(fromICS: Data("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261225T100000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8))
        }
    }
}
