import BriefingsCLI
import BriefingsDomain
import Foundation
import GRDB
import Testing

/// A temporary council database driven through the `briefings` command line.
final class Council {
    let path: String
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    /// `init --profile PROFILE`, then `roster import` of the roster; a roster naming another profile is imported without
    /// that line (`council.profile`), so the council keeps the profile it was given, as issue 25 tries each protocol.
    init(roster: String = "examples/roster.json", profile: String = "model") async throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-cli-\(UUID().uuidString).sqlite").path
        try #require(await run("init", "--profile", profile).code == 0)
        var file = root.appendingPathComponent(roster)
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        if var council = json["council"] as? [String: Any], let named = council["profile"] as? String, named != profile {
            council["profile"] = nil
            json["council"] = council
            file = URL(fileURLWithPath: path + ".roster.json")
            try JSONSerialization.data(withJSONObject: json).write(to: file)
        }
        try #require(await run("roster", "import", file.path).code == 0)
    }

    deinit { for s in ["", "-wal", "-shm", ".roster.json"] { try? FileManager.default.removeItem(atPath: path + s) } }

    /// Runs `briefings ARGS --database PATH`.
    @discardableResult
    func run(_ args: String...) async -> (code: Int32, out: String, err: String) { await run(args) }

    func run(_ args: [String]) async -> (code: Int32, out: String, err: String) { await CLI.capture(args + ["--database", path], now: Self.now) }

    /// Every test's council lives on Monday 2 November 2026, so the dates in the tests stay in the future.
    static let now = try! LondonTime.parse("2026-11-02T09:00")

    /// Every row of every table: compared before and after a refused command.
    func snapshot() throws -> String {
        try DatabaseQueue(path: path).read { db in
            var out = ""
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") {
                out += "## \(table)\n"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid") { out += row.description + "\n" }
            }
            return out
        }
    }

    /// A request by the Labour leader for the Director of Place, with extra arguments appended.
    func request(_ extra: [String] = [], start: String = "2027-01-11T14:00") async -> (code: Int32, out: String, err: String) {
        await run(["request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Local Plan review", "--area", "planning",
             "--meeting", "Cabinet 19 January 2027", "--officer", "o-dir-place", "--start", start, "--duration", "2h",
             "--segment", "45m", "--room", "cr1", "--attendee", "m-patel", "--attendee", "m-okafor"] + extra)
    }
}

enum GRDBSupport {
    static func ints(_ path: String, _ sql: String) throws -> [Int] {
        try DatabaseQueue(path: path).read { db in try Int.fetchAll(db, sql: sql) }
    }
}

/// `--judged` for every rule a person judges (`Approval.judgedRules`), as most approvals in these tests say; tests of
/// that judgement leave it out or name the rules themselves.
let judgedAll = "--judged=council-business,no-individual-matter"
