import BriefingsDomain
import BriefingsServer
import BriefingsStore
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization

/// The fixture's clock, which a test may move on (e.g. past an offer's answer-by date).
final class FixtureClock: Sendable {
    private let value: Mutex<Date>
    init(_ date: Date) { value = Mutex(date) }
    var now: Date { value.withLock { $0 } }
    func set(_ local: String) { value.withLock { $0 = try! LondonTime.parse(local) } }
}

struct TestArguments: AppArguments {
    var host = "127.0.0.1"
    var port = 0
    var logLevel: Logger.Level = .critical
    var publicURL: String? = nil
}

/// A council in a database with tokens for the people the tests act as, and its state:
/// RQ-0001 (Labour) approved as SE-0001 with offers to CON (OF-0002), LD (OF-0003), GRN (OF-0004); RQ-0002 (Labour) pending.
struct Fixture: Sendable {
    let desk: BriefingDesk
    let tokens: [String: String]
    let clock: FixtureClock

    static let people = ["o-ceo", "o-dce", "o-mo", "ds-admin", "m-patel", "pa-lab", "m-okafor", "m-hughes", "o-dir-place", "o-hos-housing"]
    static let roster = try! Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/roster.json"))

    static func make(path: String? = nil, busyTimeout: TimeInterval = 15, profile: String = "model") async throws -> Fixture {
        let clock = FixtureClock(try LondonTime.parse("2026-11-02T09:00"))
        let database = try path.map { try AppDatabase.open(path: $0, busyTimeout: busyTimeout) } ?? AppDatabase.inMemory()
        let desk = BriefingDesk(database: database, now: { clock.now })
        _ = try await desk.initialise(profile: profile)
        // The example roster names the model profile; without that line the council keeps the one given to init.
        _ = try await desk.importRoster(profile == "model" ? roster
                                  : Data(String(decoding: roster, as: UTF8.self).replacingOccurrences(of: "\"profile\": \"model\",", with: "").utf8))
        _ = try await desk.submitRequest(form(group: "LAB", start: "2026-12-07T14:00"), as: "m-patel")
        _ = try await desk.approve("RQ-0001", as: "o-ceo", judged: Set(BriefingsDomain.Approval.judgedRules))
        _ = try await desk.submitRequest(form(group: "LAB", start: "2026-12-14T14:00", room: "cr2"), as: "m-patel")
        var tokens: [String: String] = [:]
        for p in people { tokens[p] = try await desk.issueToken(for: p).token }
        return Fixture(desk: desk, tokens: tokens, clock: clock)
    }

    static func form(group: String, start: String, officer: String = "o-dir-place", room: String = "cr1", attendees: [String]? = nil) -> RequestForm {
        RequestForm(group: group, matter: "Local Plan review", area: "planning", meeting: "Cabinet 15 December 2026", officers: [officer],
                    session: SessionForm(start: start, duration: "2h", segment: "45m", room: room, attendees: attendees ?? ["m-patel"]))
    }

    var app: some ApplicationProtocol { buildApplication(desk: desk, TestArguments()) }

    func headers(_ person: String?) -> HTTPFields {
        var h: HTTPFields = [.contentType: "application/json"]
        if let person { h[.authorization] = "Bearer \(tokens[person] ?? person)" }
        return h
    }

    /// Every row of every table, to show a refused request changed nothing.
    func snapshot() throws -> String {
        try desk.database.writer.read { db in
            var out = ""
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid") { out += "\(table) \(row)\n" }
            }
            return out
        }
    }
}

func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

/// The items of a list's page (`{items, next}`).
func items(_ response: TestResponse) -> [[String: Any]] { json(response)["items"] as? [[String: Any]] ?? [] }

func json(_ response: TestResponse) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]) ?? [:]
}

/// Another connection (an import, a backup) holding the database's write lock, from `init` until `release()` (or
/// until `at most` seconds have passed), on a thread of its own.
final class WriteLockHolder: Sendable {
    private let released = DispatchSemaphore(value: 0)

    init(_ path: String, atMost seconds: Double = 600) throws {
        let locked = DispatchSemaphore(value: 0), released = released
        let holder = try DatabaseQueue(path: path)
        Thread {
            try! holder.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                locked.signal()
                _ = released.wait(timeout: .now() + seconds)
                try db.execute(sql: "ROLLBACK")
            }
        }.start()
        locked.wait()
    }

    func release() { released.signal() }
}
