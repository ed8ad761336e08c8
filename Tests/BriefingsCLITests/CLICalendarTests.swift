import BriefingsCLI
import Foundation
import Testing

@Suite("Calendar commands")
struct CLICalendarTests {
    static func file(_ contents: Data) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cal-\(UUID().uuidString).ics").path
        FileManager.default.createFile(atPath: path, contents: contents)
        return path
    }

    static func file(_ text: String) -> String { file(Data(text.utf8)) }

    static let busy = """
    BEGIN:VCALENDAR\r
    VERSION:2.0\r
    PRODID:-//Microsoft Corporation//Outlook 16.0//EN\r
    BEGIN:VEVENT\r
    UID:planning-committee\r
    DTSTAMP:20261101T000000Z\r
    DTSTART;TZID=GMT Standard Time:20270111T133000\r
    DTEND;TZID=GMT Standard Time:20270111T150000\r
    SUMMARY:Planning Committee\r
    END:VEVENT\r
    BEGIN:VEVENT\r
    UID:weekly\r
    DTSTAMP:20261101T000000Z\r
    DTSTART;TZID=Europe/London:20261102T090000\r
    DTEND;TZID=Europe/London:20261102T093000\r
    RRULE:FREQ=WEEKLY\r
    SUMMARY:Team meeting\r
    END:VEVENT\r
    END:VCALENDAR\r

    """

    @Test("busy import: an officer's own calendar blocks a clashing request")
    func busyImport() async throws {
        let c = try await Council()
        let r = await c.run("busy", "import", "--officer", "o-dir-place", Self.file(Self.busy))
        #expect(r.code == 0 && r.out.contains("Imported"), "\(r)")
        let refused = await c.request()
        #expect(refused.code == CLI.ExitCode.refused.rawValue && refused.err.contains("Planning Committee"), "\(refused)")
    }

    @Test("bad calendar files are refused with what to change, and change nothing", arguments: [
        ("", "empty"),
        ("\u{0}\u{1}binary\u{2}", "binary"),
        ("just some text\r\n", "line 1"),
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no events"),
        ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Atlantis/Capital:20270111T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "Atlantis/Capital"),
        ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20270111T100000Z\r\nnot a line\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 4"),
    ])
    func badBusy(_ text: String, says: String) async throws {
        let c = try await Council()
        #expect(await c.run("busy", "import", "--officer", "o-dir-place", Self.file(Self.busy)).code == 0)
        let before = try c.snapshot()
        let r = await c.run("busy", "import", "--officer", "o-dir-place", Self.file(text))
        #expect(r.code == CLI.ExitCode.invalid.rawValue && r.err.contains(says), "\(r)")
        #expect(try c.snapshot() == before, "the earlier import stands")
        let big = await c.run("holidays", "import", Self.file(Data(count: 50 * 1_048_576)))
        #expect(big.code == CLI.ExitCode.invalid.rawValue && big.err.contains("limit is 10 MB"))
        #expect(try c.snapshot() == before)
    }

    static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../fuzz/regressions/ics").standardized

    @Test("issue 14's busy files: refused with exit 7 changing nothing, or clipped to the horizon, each in seconds", arguments: [
        ("busy-two-dtstart.ics", "line 24: VEVENT has a second DTSTART (the first is on line 21)"),
        ("busy-hang-2.ics", "line 17: '20269130T120000Z' is not a real date and time"),
        ("busy-vtimezone-minutely.ics", "FREQ=MINUTELY"),
        ("busy-huge-duration.ics", ""),
        ("busy-until-9999.ics", ""),
    ])
    func hostileBusy(_ name: String, says: String) async throws {
        let c = try await Council()
        #expect(await c.run("busy", "import", "--officer", "o-dir-place", Self.file(Self.busy)).code == 0)
        let before = try c.snapshot()
        let clock = ContinuousClock(), started = clock.now
        let r = await c.run("busy", "import", "--officer", "o-dir-place", "--horizon", "365", Self.regressions.appendingPathComponent(name).path)
        #expect(clock.now - started < .seconds(15), "\(name) took \(clock.now - started)")
        if says.isEmpty {
            #expect(r.code == 0, "\(r)")
            // From 1 December 2026 to the horizon's end (2 November 2027): one booking a day, not millions.
            let rows = try GRDBSupport.ints(c.path, "SELECT COUNT(*) FROM booking WHERE session_id IS NULL")
                + GRDBSupport.ints(c.path, "SELECT MAX(end) FROM booking WHERE session_id IS NULL")
            #expect(rows == [336, Int(Council.now.addingTimeInterval(365 * 86_400).timeIntervalSince1970)], "\(rows)")
        } else {
            #expect(r.code == CLI.ExitCode.invalid.rawValue && r.err.contains(says), "\(r)")
            #expect(try c.snapshot() == before, "a refusal changes nothing")
        }
    }

    @Test("holidays import: a second calendar, a backwards or impossible date refused; a yearly rule with an end expanded")
    func hostileHolidays() async throws {
        let c = try await Council()
        let before = try c.snapshot()
        let head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
        let day = "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:New Year’s Day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        for (text, says) in [(head + day + head + day, "a second calendar"),
                             (head + "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20261231\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "before it starts"),
                             (head + "BEGIN:VEVENT\r\nDTSTART:20261345T996199Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "not a real date and time"),
                             (head + "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "no COUNT or UNTIL")] {
            let r = await c.run("holidays", "import", Self.file(text))
            #expect(r.code == CLI.ExitCode.invalid.rawValue && r.err.contains(says), "\(r)")
        }
        #expect(try c.snapshot() == before)
        let r = await c.run("holidays", "import", Self.file(head + "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nRRULE:FREQ=YEARLY;COUNT=3\r\nSUMMARY:New Year’s Day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
        #expect(r.code == 0 && r.out.contains("Imported 3 bank holidays (2027-01-01 to 2029-01-01)"), "\(r)")
    }

    @Test("holidays import replaces the shipped dates; feed writes each kind and refuses bad choices")
    func holidaysAndFeeds() async throws {
        let c = try await Council()
        let govuk = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\nPRODID:-//uk.gov/GOVUK calendars//EN\r\nBEGIN:VEVENT\r\nDTEND;VALUE=DATE:20270102\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:New Year’s Day\r\nUID:x-0@gov.uk\r\nDTSTAMP:20261101T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        var r = await c.run("holidays", "import", Self.file(govuk))
        #expect(r.code == 0 && r.out.contains("Imported 1 bank holidays"), "\(r)")
        #expect(await c.run("holidays", "list").out.contains("2027-01-01  New Year’s Day"))
        let requested = await c.request().code, approved = await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo").code
        #expect(requested == 0 && approved == 0)
        r = await c.run("feed", "--group", "LAB")
        #expect(r.code == 0 && r.out.hasPrefix("BEGIN:VCALENDAR") && r.out.contains("UID:session-1@briefings"))
        #expect(await c.run("feed").code == CLI.ExitCode.invalid.rawValue)
        #expect(await c.run("feed", "--group", "LAB", "--overview").code == CLI.ExitCode.invalid.rawValue)
        #expect(await c.run("feed", "--officer", "nobody").code == CLI.ExitCode.notFound.rawValue)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID().uuidString).ics").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(await c.run("feed", "--officer", "o-dir-place", "--output", out).code == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(String(decoding: bytes, as: UTF8.self).contains("DTSTART;TZID=Europe/London:20270111T140000"))
    }
}
