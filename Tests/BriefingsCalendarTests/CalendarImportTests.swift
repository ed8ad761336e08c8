import BriefingsCalendar
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

    @Test("VFREEBUSY periods other than FREE are busy")
    func freebusy() throws {
        let b = try Self.busy("BEGIN:VFREEBUSY\r\nDTSTAMP:20261101T000000Z\r\nFREEBUSY;FBTYPE=BUSY:20261207T090000Z/20261207T100000Z\r\nFREEBUSY;FBTYPE=FREE:20261207T120000Z/20261207T130000Z\r\nFREEBUSY:20261208T090000Z/PT2H\r\nEND:VFREEBUSY\r\n")
        #expect(b.map(\.start) == [Self.t("2026-12-07T09:00"), Self.t("2026-12-08T09:00")])
        #expect(b[1].end == Self.t("2026-12-08T11:00"))
    }

    @Test("bad files are refused whole with a clear message", arguments: [
        ("", "empty"),
        ("\u{0}\u{1}\u{2}PNG", "binary"),
        ("Hello, this is not a calendar", "line 1"),
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no events"),
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Mars/Olympus_Mons:20261207T100000\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "Mars/Olympus_Mons"),
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20261207T100000Z\r\nthis line is junk\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 5"),
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20261207T100000Z\r\n", "never closed"),
        ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20200101T000000Z\r\nDTEND:20200101T000100Z\r\nRRULE:FREQ=MINUTELY\r\nSUMMARY:Spam\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "repeats more than"),
    ])
    func bad(_ text: String, says: String) {
        do {
            _ = try CalendarImport.busyIntervals(fromICS: Data(text.utf8), from: Self.from, to: Self.to)
            Issue.record("accepted: \(says)")
        } catch {
            #expect(error.description.contains(says), "\(error.description)")
            #expect(!error.fix.isEmpty)
        }
    }

    @Test("a 50 MB file is refused before parsing")
    func huge() {
        let big = Data(count: 50 * 1_048_576)
        #expect(throws: CalendarImportError.self) { try CalendarImport.busyIntervals(fromICS: big, from: Self.from, to: Self.to) }
        do { _ = try CalendarImport.bankHolidays(fromICS: big) } catch { #expect(error.description.contains("limit is 10 MB")) }
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
        let h = try CalendarImport.bankHolidays(fromICS: Data(govuk.utf8))
        #expect(h == [BankHoliday(date: LocalDate("2026-12-25")!, title: "Christmas Day"),
                      BankHoliday(date: LocalDate("2026-12-28")!, title: "Boxing Day (substitute day)")])
        #expect(throws: CalendarImportError.self) {
            try CalendarImport.bankHolidays(fromICS: Data("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261225T100000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8))
        }
    }
}
