import BriefingsCLI
import Foundation
import Testing

@Suite("briefings command line")
struct CLIWorkflowTests {
    @Test("the whole workflow through the command line")
    func workflow() async throws {
        let c = try await Council()
        var r = await c.request(["--joint"])
        #expect(r.code == 0 && r.out.contains("RQ-0001 is in the Chief Executive's queue"), "\(r)")
        // What needs attention in full, one line naming the rules that pass; --verbose lists each (CLIVerdictTests).
        #expect(r.out.contains("[refer] working-hours") == false && r.out.contains("[pass] 11 rules: requester, senior-officer, members-only"), "\(r)")

        r = await c.run("queue", "--as", "o-ceo")
        #expect(r.code == 0 && r.out.contains("RQ-0001") && r.out.contains("working day"))

        r = await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo", "--json")
        #expect(r.code == 0, "\(r)")
        let approval = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        // Every other group, and the co-opted member who belongs to none (003 §22.1), is offered it.
        #expect(approval["briefing"] as? String == "BR-0001" && (approval["offers"] as? [String])?.count == 4)

        // Each group lists its own requests only (confidentiality); officers see those naming them (004 §10.2).
        r = await c.run("request", "list", "--as", "m-patel")
        #expect(r.code == 0 && r.out.contains("RQ-0001") && r.out.contains("approved") && r.out.contains("Local Plan"), "\(r)")
        r = await c.run("request", "list", "--as", "m-hughes")
        #expect(r.code == 0 && r.out.contains("No requests.") && !r.out.contains("RQ-0001"), "\(r)")
        r = await c.run("request", "list", "--as", "o-dir-place")
        #expect(r.code == 0 && r.out.contains("RQ-0001") && !r.out.contains("m-okafor"), "\(r)")
        r = await c.run("request", "list", "--as", "o-hos-housing")
        #expect(r.code == 0 && r.out.contains("No requests."), "\(r)")
        r = await c.run("request", "list", "--as", "o-mo", "--json")
        let listed = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [[String: Any]]
        #expect(listed.map { $0["ref"] as? String } == ["RQ-0001"] && listed.first?["status"] as? String == "approved")

        r = await c.run("offer", "list", "--as", "m-hughes")
        #expect(r.code == 0 && r.out.contains("OF-0002") && r.out.contains("open") && !r.out.contains("OF-0003"))
        #expect(await c.run("offer", "decline", "OF-0002", "--as", "m-hughes", "--reason", "Not needed").code == 0)
        r = await c.run("offer", "accept", "OF-0003", "--as", "m-evans", "--join", "SE-0001", "--attendee", "m-evans")
        #expect(r.code == 0 && r.out.contains("joins SE-0001"), "\(r)")
        r = await c.run("offer", "accept", "OF-0004", "--as", "m-nowak", "--start", "2027-01-12T10:00", "--duration", "90m", "--segment", "30m",
                  "--virtual", "https://meet.example.gov.uk/grn", "--attendee", "m-nowak")
        #expect(r.code == 0 && r.out.contains("SE-0002 booked"), "\(r)")
        #expect(await c.run("officer", "confirm", "SE-0001", "--as", "o-dir-place").code == 0)
        r = await c.run("officer", "decline", "SE-0002", "--as", "o-dir-place", "--reason", "no")
        #expect(r.code == CLI.ExitCode.refused.rawValue && r.err.contains("officer-consistency") && r.err.contains("003 §7.8"))
        #expect(await c.run("officer", "nominate", "SE-0002", "--as", "o-dir-place", "--representative", "o-mgr-planning", "--reason", "Leave").code == 0)
        r = await c.run("session", "reschedule", "SE-0002", "--as", "m-nowak", "--start", "2027-01-13T10:00", "--duration", "90m",
                  "--segment", "30m", "--reason", "Clash")
        #expect(r.code == 0 && r.out.contains("2027-01-13T10:00"), "\(r)")
        #expect(await c.run("session", "cancel", "SE-0002", "--as", "m-nowak", "--reason", "Group meeting off").code == 0)
        r = await c.run("session", "list", "--as", "o-ceo")
        #expect(r.out.contains("SE-0001") && r.out.contains("LAB+LD") && r.out.contains("cancelled"))
        r = await c.run("offer", "list", "--as", "m-clarke")
        #expect(r.code == 0 && r.out.contains("OF-0005") && r.out.contains("open"), "\(r)")
        #expect(await c.run("offer", "decline", "OF-0005", "--as", "m-clarke", "--reason", "Briefed at Audit Committee").code == 0)
        r = await c.run("briefing", "close", "BR-0001", "--as", "o-ceo")
        #expect(r.code == 0, "\(r)")
        r = await c.run("parity", "--as", "o-mo", "--json")
        let parity = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [[String: Any]]
        #expect(parity.count == 5 && parity.first { $0["group"] as? String == "CON" }?["declined"] as? Int == 1)
        #expect(parity.first { $0["group"] as? String == "m-clarke" }?["declined"] as? Int == 1, "the ungrouped councillor is a line of their own")
        r = await c.run("audit", "--as", "o-mo")
        #expect(r.code == 0 && r.out.contains("request.approve RQ-0001") && r.out.contains("session.cancel SE-0002"))
        r = await c.run("audit", "--verify")
        #expect(r.code == 0 && r.out.contains("intact"))
        r = await c.run("notifications", "--as", "m-hughes")
        #expect(r.out.contains("to: ") && r.out.contains("offered"))
    }

    @Test("bad input gets a message naming what to change, a non-zero exit, and changes nothing", arguments: [
        (["--as", "nobody"], CLI.ExitCode.notFound, "roster"),
        (["--officer", "o-ghost"], .notFound, "officer"),
        (["--room", "car-park"], .notFound, "no council room"),
        (["--attendee", "x-99"], .notFound, "--guest"),
        (["--guest", "Party agent"], .refused, "members-only"),
        (["--start", "2027-02-30T18:00"], .invalid, "not a real date"),
        (["--start", "next tuesday"], .invalid, "YYYY-MM-DDTHH:MM"),
        (["--start", "2027-03-28T01:30"], .invalid, "clocks go forward"),
        (["--duration", "0m"], .invalid, "length of time"),
        (["--duration", "9223372036854775807"], .invalid, "at most 24h"),
        (["--duration", "999999999999999999h"], .invalid, "at most 24h"),
        (["--duration", "99999999999999999999999m"], .invalid, "at most 24h"),
        (["--segment", "153722867280912930"], .invalid, "at most 24h"),
        (["--segment", "25h"], .invalid, "segment: '25h' is longer than a day"),
        (["--segment-start", "13:00"], .refused, "briefing-before-politics"),
        (["--decision-date", "soon"], .invalid, "YYYY-MM-DD"),
        (["--start", "2020-01-06T14:00"], .invalid, "in the past"),
        (["--premises", "Labour Club", "--party-premises"], .invalid, "more than one venue"),
    ])
    func badRequest(extra: [String], code: CLI.ExitCode, says: String) async throws {
        let c = try await Council()
        let before = try c.snapshot()
        // Later options win in swift-argument-parser, so each case overrides one part of a good request.
        let r = await extra.first == "--as"
            ? c.run(["request", "create", "--as", "nobody", "--group", "LAB", "--matter", "M", "--area", "planning",
                     "--officer", "o-dir-place", "--start", "2027-01-11T14:00", "--room", "cr1"])
            : c.request(extra)
        #expect(r.code == code.rawValue, "\(extra): \(r)")
        #expect(r.err.contains(says), "\(extra): \(r.err)")
        #expect(try c.snapshot() == before)
    }

    @Test("a party premises venue is refused by the venue rule")
    func partyPremises() async throws {
        let c = try await Council()
        let before = try c.snapshot()
        let r = await c.run(["request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Local Plan", "--area", "planning",
                       "--meeting", "Cabinet", "--officer", "o-dir-place", "--start", "2027-01-11T14:00",
                       "--premises", "Labour Club", "--party-premises"])
        #expect(r.code == CLI.ExitCode.refused.rawValue && r.err.contains("[venue 000 §17.16.5"), "\(r)")
        #expect(try c.snapshot() == before)
    }

    @Test("premises must be declared party or other premises: no default (issue 10 problem 7)")
    func premisesDeclared() async throws {
        let c = try await Council()
        let before = try c.snapshot()
        let base = ["request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Local Plan", "--area", "planning",
                    "--meeting", "Cabinet", "--officer", "o-dir-place", "--start", "2027-01-11T14:00", "--premises", "Labour Club, High St"]
        var r = await c.run(base)
        #expect(r.code == CLI.ExitCode.invalid.rawValue && r.err.contains("[venue 000 §17.16.5") && r.err.contains("--party-premises")
                && r.err.contains("--other-premises"), "\(r)")
        r = await c.run(base + ["--party-premises", "--other-premises"])
        #expect(r.code == CLI.ExitCode.usage.rawValue && r.err.contains("either"), "\(r)")
        #expect(try c.snapshot() == before)
        r = await c.run(base + ["--other-premises"])
        #expect(r.code == CLI.ExitCode.refused.rawValue && r.err.contains("Labour Club, High St is not council premises"), "\(r)")
        r = await c.run(base + ["--party-premises"])
        #expect(r.code == CLI.ExitCode.refused.rawValue && r.err.contains("party premises, which are never allowed"), "\(r)")
        #expect(try c.snapshot() == before)
    }

    @Test("a briefing after the linked meeting it should inform is referred under council-business (issue 10 problem 8)")
    func afterTheMeeting() async throws {
        let c = try await Council()
        var r = await c.run(["request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Local Plan", "--area", "planning",
                       "--meeting", "Cabinet", "--meeting-date", "2027-01-05", "--officer", "o-dir-place", "--start", "2027-01-11T14:00",
                       "--room", "cr1", "--attendee", "m-patel"])
        #expect(r.code == 0 && r.out.contains("[refer] council-business") && r.out.contains("comes after the linked meeting (Cabinet) on 2027-01-05"), "\(r)")
        r = await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo")
        #expect(r.code == CLI.ExitCode.refused.rawValue && r.err.contains("council-business"), "the approver must record a reason: \(r)")
        r = await c.run(["request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Local Plan", "--area", "planning",
                   "--meeting", "Cabinet", "--meeting-date", "soon", "--officer", "o-dir-place", "--start", "2027-01-11T14:00", "--room", "cr1"])
        #expect(r.code == CLI.ExitCode.invalid.rawValue && r.err.contains("meeting date"), "\(r)")
    }

    @Test("acting outside one's role, a second approval, unknown ids: refused, database unchanged")
    func roleAndState() async throws {
        let c = try await Council()
        #expect(await c.request().code == 0)
        let before = try c.snapshot()
        var r = await c.run("approve", "RQ-0001", judgedAll, "--as", "m-patel")
        #expect(r.code == CLI.ExitCode.forbidden.rawValue && r.err.contains("[approval") && r.err.contains("What to do"))
        r = await c.run("queue", "--as", "m-nowak")
        #expect(r.code == CLI.ExitCode.forbidden.rawValue)
        r = await c.run("request", "show", "RQ-0001", "--as", "m-nowak")
        #expect(r.code == CLI.ExitCode.forbidden.rawValue && r.err.contains("confidentiality"))
        r = await c.run("approve", "RQ-0009", judgedAll, "--as", "o-ceo")
        #expect(r.code == CLI.ExitCode.notFound.rawValue)
        r = await c.run("decline", "RQ-0001", "--as", "o-ceo", "--reason", "")
        #expect(r.code == CLI.ExitCode.invalid.rawValue)
        r = await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo", "--override", "nonsense")
        #expect(r.code == CLI.ExitCode.invalid.rawValue)
        #expect(try c.snapshot() == before)
        #expect(await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo").code == 0)
        let after = try c.snapshot()
        r = await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo")
        #expect(r.code == CLI.ExitCode.conflict.rawValue && r.err.contains("already approved"))
        // The deputy decides only while the Chief Executive is recorded as away (RULES.md, "decide").
        r = await c.run("approve", "RQ-0001", judgedAll, "--as", "o-dce")
        #expect(r.code == CLI.ExitCode.forbidden.rawValue && r.err.contains("not recorded as away") && r.err.contains("approver away"), "\(r)")
        #expect(try c.snapshot() == after)
    }

    @Test("clocks-change week: sessions either side of 31 October 2027 keep their local times")
    func clocksChange() async throws {
        let c = try await Council()
        #expect(await c.request(start: "2027-10-29T14:00").code == 0)  // Friday, BST
        #expect(await c.run(["request", "create", "--as", "m-hughes", "--group", "CON", "--matter", "Local Plan", "--area", "planning",
                       "--meeting", "Cabinet", "--officer", "o-dir-place", "--start", "2027-11-01T14:00", "--room", "cr1",
                       "--attendee", "m-hughes"]).code == 0)  // Monday, GMT
        #expect(await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo").code == 0)
        #expect(await c.run("approve", "RQ-0002", judgedAll, "--as", "o-ceo").code == 0)
        let r = await c.run("session", "list", "--as", "o-ceo", "--json")
        let sessions = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [[String: Any]]
        #expect(sessions.map { $0["segmentStart"] as? String } == ["2027-10-29T14:00", "2027-11-01T14:00"])
        // Stored as instants: the Friday one is 13:00 UTC, the Monday one 14:00 UTC.
        let starts = try c.snapshotStarts()
        #expect(starts == [1_824_814_800, 1_825_077_600])
        // 01:30 on 31 October 2027 happens twice; it is read as the first (BST) one.
        let repeated = await c.run(["request", "create", "--as", "m-evans", "--group", "LD", "--matter", "Local Plan", "--area", "planning",
                              "--meeting", "Cabinet", "--officer", "o-dce", "--start", "2027-10-31T01:30", "--duration", "2h",
                              "--virtual", "https://meet.example.gov.uk/ld", "--attendee", "m-evans", "--verbose"])
        #expect(repeated.code == 0 && repeated.out.contains("officers leave at 2027-10-31T01:15"), "\(repeated)")
    }

    @Test("help, usage errors and the documented exit codes")
    func helpAndUsage() async {
        var r = await CLI.capture(["--help"])
        #expect(r.code == 0 && r.out.contains("request") && r.out.contains("demo"))
        r = await CLI.capture(["request", "create", "--help"])
        #expect(r.code == 0 && r.out.contains("--on-behalf-of") && r.out.contains("local time"))
        r = await CLI.capture(["frobnicate"])
        #expect(r.code == CLI.ExitCode.usage.rawValue)
        r = await CLI.capture(["queue", "--as", "o-ceo", "--database", "/nonexistent/dir/x.sqlite"])
        #expect(r.code == CLI.ExitCode.notInitialised.rawValue && r.err.contains("briefings init"))
        // Administration given --server would act on a local file: refused, saying where to run it.
        for admin in [["token", "list"], ["roster", "show"], ["init"], ["feed", "write", "--overview"], ["serve"]] {
            r = await CLI.capture(admin + ["--server", "http://127.0.0.1:9", "--token", "x", "--database", "/nonexistent/dir/x.sqlite"])
            #expect(r.code == CLI.ExitCode.invalid.rawValue && r.err.contains("on the server host"), "\(admin): \(r)")
        }
        let readme = (try? String(contentsOf: Council.rootURL.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        for code in CLI.ExitCode.allCases { #expect(readme.contains("| \(code.rawValue) |"), "README documents exit code \(code.rawValue)") }
    }

    @Test("the rules catalogue for every profile, as a table and as JSON")
    func rules() async throws {
        for profile in ["model", "000", "001", "002", "003", "004"] {
            let r = await CLI.capture(["rules", "--profile", profile, "--json", "--database", "/nonexistent.sqlite"])
            #expect(r.code == 0)
            let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
            let rules = json["rules"] as! [[String: Any]]
            #expect(rules.count == 19)
            let membersOnly = rules.first { $0["id"] as? String == "members-only" }!["severity"] as? String
            #expect(membersOnly == (["003", "004"].contains(profile) ? "refer" : "block"), "\(profile)")
        }
        #expect(await CLI.capture(["rules", "--profile", "002"]).out.contains("Proper Officer (Clerk)"))
        #expect(await CLI.capture(["rules", "--profile", "999"]).code == CLI.ExitCode.invalid.rawValue)
    }

    @Test("the demo walks the whole story and succeeds")
    func demo() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let r = await CLI.capture(["demo", "--database", path], now: Council.now)
        #expect(r.code == 0, "\(r.out.suffix(2000))")
        for step in ["members-only", "working-hours=", "Offered to every other group", "declines", "their agreement for Liberal Democrat Group",
                     "Approved RQ-0002: briefing BR-0001, session SE-0001", "not recorded as away",
                     "officer-consistency", "Cancelled SE-0002", "The audit trail is intact"] {
            #expect(r.out.contains(step), "demo output lacks \(step)")
        }
        #expect(!r.out.contains("unexpected exit code"))
    }

    @Test("the town council demo: a councillor without a group asks the Clerk, every other councillor is offered it")
    func townDemo() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("town-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let r = await CLI.capture(["demo", "--council", "town", "--database", path], now: Council.now)
        #expect(r.code == 0, "\(r.out.suffix(2000))")
        for step in ["requested by Cllr Tom Barker for themself", "Offered to every other group (and every councillor without a group): OF-0001, OF-0003, OF-0004, OF-0005",
                     "SE-0002 booked for Cllr Linda Cole", "RQ-0001 is Cllr Tom Barker's request", "The audit trail is intact",
                     // A written report: commissioned, taken up without a meeting, attached and read by who took it up.
                     "Approved RQ-0002: briefing BR-0002, a written report commissioned from its officers.",
                     "Cllr Linda Cole takes up the written report BR-0002", "material (attached by Sue Walsh):",
                     "Cllr Michael Dunn cannot read BR-0002"] {
            #expect(r.out.contains(step), "town demo output lacks \(step)")
        }
        #expect(!r.out.contains("unexpected exit code"))
        // A councillor without a group on the command line: no --group, and they see their own request only.
        let c = try await Council(roster: "examples/town-roster.json", profile: "002")
        var req = await c.run("request", "create", "--as", "c-dunn", "--matter", "Allotment rents", "--area", "allotments", "--meeting", "Full Council",
                        "--officer", "o-deputy-clerk", "--start", "2026-12-08T10:00", "--duration", "1h", "--segment", "30m", "--room", "chamber",
                        "--attendee", "c-dunn")
        #expect(req.code == 0 && req.out.contains("RQ-0001"), "\(req)")
        req = await c.run("request", "list", "--as", "c-ford")
        #expect(req.code == 0 && req.out.contains("No requests."), "\(req)")
    }

    @Test("the example roster file is the demo council's")
    func exampleRoster() async throws {
        let shipped = try String(contentsOf: Council.rootURL.appendingPathComponent("examples/roster.json"), encoding: .utf8)
        #expect(await CLI.capture(["roster", "example"]).out == shipped)
        let town = try String(contentsOf: Council.rootURL.appendingPathComponent("examples/town-roster.json"), encoding: .utf8)
        #expect(await CLI.capture(["roster", "example", "--town"]).out == town)
    }
}

extension Council {
    static var rootURL: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized }

    func snapshotStarts() throws -> [Int] {
        try GRDBSupport.ints(path, "SELECT segment_start FROM session ORDER BY id")
    }
}
