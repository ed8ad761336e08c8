import BriefingsCLI
import Foundation
import GRDB
import Testing

/// What the command line refuses at the door, each refusal with its exit code and the database unchanged.
@Suite("briefings command line: bad input at the door")
struct CLIDoorTests {
    static let badInput = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../fixtures/bad-input").standardized

    @Test("a roster whose council name holds a NUL is refused, changes nothing, and the audit check never cries wolf")
    func rosterWithNUL() async throws {
        let c = try await Council()
        let before = try c.snapshot()
        let r = await c.run("roster", "import", Self.badInput.appendingPathComponent("roster-nul-in-council-name.json").path)
        #expect(r.code == CLI.ExitCode.invalid.rawValue, "\(r)")
        #expect(r.err.contains("council.name") && r.err.contains("NUL"), "\(r.err)")
        #expect(try c.snapshot() == before)
        let verify = await c.run("audit", "--verify")
        #expect(verify.code == 0 && verify.out.contains("intact"), "\(verify)")
    }

    @Test("control characters in any text argument are refused with exit 7 and change nothing",
          arguments: ["Local Plan\u{1B}[2J approved by the Chief Executive", "Local\rPlan", "Local\u{0}Plan", "Local\u{202E}nalP"])
    func controlCharacters(matter: String) async throws {
        let c = try await Council()
        let before = try c.snapshot()
        var r = await c.run(["request", "create", "--as", "m-patel", "--group", "LAB", "--matter", matter, "--area", "planning",
                       "--meeting", "Cabinet", "--officer", "o-dir-place", "--start", "2027-01-11T14:00", "--room", "cr1", "--attendee", "m-patel"])
        #expect(r.code == CLI.ExitCode.invalid.rawValue, "\(r)")
        #expect(r.err.contains("--matter") || r.err.contains("argument"), "\(r.err)")
        #expect(try c.snapshot() == before)
        #expect(await c.request().code == 0)
        let pending = try c.snapshot()
        r = await c.run("decline", "RQ-0001", "--as", "o-ceo", "--reason", "No" + matter)
        #expect(r.code == CLI.ExitCode.invalid.rawValue, "\(r)")
        #expect(try c.snapshot() == pending)
    }

    @Test("tabs, line feeds and CRLF in a reason are kept")
    func multiLineReason() async throws {
        let c = try await Council()
        #expect(await c.request().code == 0)
        let r = await c.run("decline", "RQ-0001", "--as", "o-ceo", "--reason", "Not now:\r\n\tsee the officer's note\n")
        #expect(r.code == 0, "\(r)")
    }

    @Test("a line break in a one-line field (a matter, a meeting, a guest's name, premises) is refused with exit 7 naming the field, and changes nothing",
          arguments: [("--matter", "Local Plan review\nApproved by the Chief Executive", "matter"), ("--meeting", "Cabinet\r\nFull Council", "meeting"),
                      ("--guest", "Ann Other\nChief Executive", "guest"), ("--premises", "Labour Club\nHigh Street", "premises")])
    func lineBreakInOneLineField(option: String, value: String, field: String) async throws {
        let c = try await Council()
        let before = try c.snapshot()
        var args = ["request", "create", "--as", "m-patel", "--group", "LAB", "--area", "planning", "--officer", "o-dir-place",
                    "--start", "2027-01-11T14:00", "--attendee", "m-patel", option, value]
        if option != "--matter" { args += ["--matter", "Local Plan review"] }
        if option != "--premises" { args += ["--room", "cr1"] }
        let r = await c.run(args)
        #expect(r.code == CLI.ExitCode.invalid.rawValue, "\(r)")
        #expect(r.err.contains(field) && r.err.contains("one line"), "\(r.err)")
        #expect(try c.snapshot() == before)
        // A multi-line field keeps its line feeds.
        let details = await c.request(["--details", "Two questions:\n1. the housing numbers\n2. the timetable"])
        #expect(details.code == 0, "\(details)")
    }

    @Test("a roster with a line break in a name is refused naming the key, and changes nothing")
    func rosterLineBreak() async throws {
        let c = try await Council()
        let before = try c.snapshot()
        let roster = try String(contentsOf: c.root.appendingPathComponent("examples/roster.json"), encoding: .utf8)
            .replacingOccurrences(of: #""Cllr Asha Patel""#, with: #""Cllr Asha Patel\nLeader of the Council""#)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-roster-\(UUID().uuidString).json")
        try Data(roster.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = await c.run("roster", "import", file.path)
        #expect(r.code == CLI.ExitCode.invalid.rawValue, "\(r)")
        #expect(r.err.contains("members[0].name") && r.err.contains("one line"), "\(r.err)")
        #expect(try c.snapshot() == before)
    }

    @Test("`feed write` to standard output ends every line, the last one too, with CRLF")
    func feedWriteCRLF() async throws {
        let c = try await Council()
        let r = await c.run("feed", "write", "--group", "LAB")
        #expect(r.code == 0, "\(r)")
        #expect(r.out.hasPrefix("BEGIN:VCALENDAR\r\n") && r.out.hasSuffix("END:VCALENDAR\r\n"), "\(r.out.suffix(20).debugDescription)")
        #expect(!r.out.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "a bare LF")
    }

    @Test("`feed url --base-url` that is not http(s) is refused before anything changes: the working URL keeps working")
    func badBaseURL() async throws {
        let c = try await Council()
        #expect(await c.run("feed", "url", "--group", "LAB", "--for", "m-okafor", "--base-url", "https://briefings.example.gov.uk").code == 0)
        let before = try c.snapshot()
        for base in ["javascript:alert(1)", "ftp://example.org", "not a url"] {
            let r = await c.run("feed", "url", "--group", "LAB", "--for", "m-okafor", "--base-url", base)
            #expect(r.code == CLI.ExitCode.invalid.rawValue && r.err.contains("--base-url"), "\(r)")
            #expect(try c.snapshot() == before, "\(base)")
        }
    }

    @Test("--database naming a directory or a file that is not a briefings database gets its own message and exit code")
    func databaseNotADatabase() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let text = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-text-\(UUID().uuidString).sqlite")
        try Data("not a database\n".utf8).write(to: text)
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: text) }
        for (path, says) in [(dir.path, "directory"), (text.path, "not a SQLite database")] {
            let commands = [["queue", "--as", "o-ceo"], ["audit", "--verify"], ["roster", "show"]] + (says == "directory" ? [["init", "--profile", "model"]] : [])
            for args in commands {
                let r = await CLI.capture(args + ["--database", path], now: Council.now)
                #expect(r.code == CLI.ExitCode.badDatabase.rawValue, "\(args) \(path): \(r)")
                #expect(r.err.contains(says) && r.err.contains("--database"), "\(r.err)")
            }
        }
        #expect(try String(contentsOf: text, encoding: .utf8) == "not a database\n", "the file is left as it was")
    }

    @Test("a BRIEFINGS_NOW that is not a local time is refused, not silently ignored")
    func garbageNow() async throws {
        let c = try await Council()
        setenv("BRIEFINGS_NOW", "yesterday-ish", 1)
        defer { unsetenv("BRIEFINGS_NOW") }
        let r = await CLI.capture(["queue", "--as", "o-ceo", "--database", c.path])
        #expect(r.code == CLI.ExitCode.invalid.rawValue && r.err.contains("BRIEFINGS_NOW"), "\(r)")
    }

    @Test("a time or date outside 2000-2099 (issue 27, item 4) is refused by every command that takes one, with exit 7 naming the field and the window, and changes nothing",
          arguments: ["9999-12-31T23:00", "2100-01-01T00:00", "1999-12-31T23:59", "2600-06-01T10:00"])
    func farFuture(time: String) async throws {
        let c = try await Council()
        #expect(await c.request().code == 0)
        #expect(await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo").code == 0)
        let before = try c.snapshot()
        let date = String(time.prefix(10))
        let commands: [([String], String)] = [
            (["request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Far", "--area", "planning", "--officer", "o-dir-place",
              "--start", time, "--room", "cr1", "--attendee", "m-patel"], "start"),
            (["request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Far", "--area", "planning", "--officer", "o-dir-place",
              "--start", "2027-01-12T14:00", "--segment-start", time, "--room", "cr1", "--attendee", "m-patel"], "segment start"),
            (["request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Far", "--area", "planning", "--officer", "o-dir-place",
              "--start", "2027-01-12T14:00", "--meeting-date", date, "--room", "cr1", "--attendee", "m-patel"], "meeting date"),
            (["request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Far", "--area", "planning", "--officer", "o-dir-place",
              "--written-report", "--report-due", date], "report due date"),
            (["offer", "accept", "OF-0002", "--as", "m-hughes", "--start", time, "--room", "cr2", "--attendee", "m-hughes"], "start"),
            (["session", "reschedule", "SE-0001", "--as", "m-patel", "--start", time, "--reason", "Moved"], "start"),
            (["approver", "away", "--as", "o-ceo", "--from", "2026-12-01", "--until", date], "--until"),
        ]
        for (args, field) in commands {
            let r = await c.run(args)
            #expect(r.code == CLI.ExitCode.invalid.rawValue, "\(args): \(r)")
            #expect(r.err.contains(field) && r.err.contains("2000-01-01") && r.err.contains("2099-12-31"), "\(args): \(r.err)")
        }
        #expect(try c.snapshot() == before)
    }
}
