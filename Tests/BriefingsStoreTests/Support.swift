import BriefingsDomain
@testable import BriefingsStore
import Foundation
import GRDB
import Synchronization

/// A clock tests can move.
final class TestClock: Sendable {
    private let value: Mutex<Date>
    init(_ local: String) { value = Mutex(try! LondonTime.parse(local)) }
    var now: Date { value.withLock { $0 } }
    func set(_ local: String) { value.withLock { $0 = try! LondonTime.parse(local) } }
}

enum Support {
    static let exampleRoster = try! Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../examples/roster.json"))

    static func t(_ s: String) -> Date { try! LondonTime.parse(s) }

    /// A desk over an in-memory database holding the example council, with the clock on Mon 2 Nov 2026.
    static func desk(clock: TestClock = TestClock("2026-11-02T09:00"), profile: String = "model") async throws -> BriefingDesk {
        let desk = BriefingDesk(database: try AppDatabase.inMemory(), now: { clock.now })
        _ = try await desk.initialise(profile: profile)
        // The example roster names the model profile; without that line the council keeps the profile given to init.
        _ = try await desk.importRoster(Data(String(decoding: exampleRoster, as: UTF8.self).replacingOccurrences(of: "\"profile\": \"model\",", with: "").utf8))
        return desk
    }

    /// An in-memory database with the first `version` migrations applied: a database as an earlier version left it.
    static func database(atVersion version: Int) throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        for m in EmbeddedSchema.migrations.prefix(version) { migrator.registerMigration(m.name) { try $0.execute(sql: m.sql) } }
        try migrator.migrate(queue)
        return queue
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("briefings-test-\(UUID().uuidString).sqlite").path
    }

    /// The Labour leader's request for the Director of Place, Monday 7 Dec 2026, in working hours.
    static func request(group: String = "LAB", by: String = "m-patel", officer: String = "o-dir-place", day: String = "2026-12-07",
                        at time: String = "14:00", room: String = "cr1", attendees: [String] = ["m-patel", "m-okafor"],
                        joint: Bool = false, title: String = "Local Plan review") -> SessionProposal {
        let start = t("\(day)T\(time)")
        return SessionProposal(requester: by, groups: [group],
                               matter: Matter(title: title, area: "planning", linkedMeeting: "Cabinet 15 December 2026"),
                               officers: [OfficerAttendance(officer: officer)],
                               meetingStart: start, meetingEnd: start.addingTimeInterval(7200),
                               segmentStart: start, segmentEnd: start.addingTimeInterval(2700),
                               venue: .room(room), attendees: attendees.map { .person($0) }, jointWish: joint)
    }

    /// Every row of every table, as text: compared before and after a refused action.
    static func snapshot(_ desk: BriefingDesk) throws -> String {
        try desk.database.writer.read { db in
            var out = ""
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") {
                out += "## \(table)\n"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid") { out += row.description + "\n" }
            }
            return out
        }
    }
}

extension BriefingDesk {
    /// The approver's approval as most tests want it: they have judged every rule a person judges (each box ticked,
    /// `Approval.judgedRules`). Tests of that judgement pass `judged:` themselves.
    func approve(_ ref: String, as actorID: String, overrides: [RuleID: String] = [:], explainDelay: String? = nil) async throws -> Approval {
        try await approve(ref, as: actorID, overrides: overrides, explainDelay: explainDelay, judged: Set(BriefingsDomain.Approval.judgedRules))
    }
}
