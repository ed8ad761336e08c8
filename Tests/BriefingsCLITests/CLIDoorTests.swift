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
}
