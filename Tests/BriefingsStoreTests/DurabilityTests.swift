import BriefingsDomain
@testable import BriefingsStore
import Foundation
import GRDB
import Testing

@Suite("Concurrency and the audit trail on a file database")
struct DurabilityTests {
    typealias S = Support

    /// A council in a database file, and a request pair that clash on the same officer.
    static func clashingRequests(_ path: String, clock: TestClock) async throws {
        let desk = BriefingDesk(database: try AppDatabase.open(path: path), now: { clock.now })
        _ = try await desk.initialise(profile: "model")
        _ = try await desk.importRoster(S.exampleRoster)
        _ = try await desk.submitRequest(S.request())
        _ = try await desk.submitRequest(S.request(group: "CON", by: "m-hughes", at: "14:30", room: "cr2", attendees: ["m-hughes"]))
    }

    @Test("a database file commits each step with synchronous=FULL (GRDB's WAL set-up would leave NORMAL)")
    func writerIsFullySynchronous() async throws {
        let path = S.temporaryPath()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let database = try AppDatabase.open(path: path)
        #expect(try database.synchronousLevel() == 2)
        // Still FULL after a workflow step, and on a second open of the same file.
        let desk = BriefingDesk(database: database, now: { TestClock("2026-11-02T09:00").now })
        _ = try await desk.initialise(profile: "model")
        #expect(try database.synchronousLevel() == 2)
        #expect(try AppDatabase.open(path: path).synchronousLevel() == 2)
    }

    @Test("the write-ahead log is checkpointed and stays bounded while steps go on committing")
    func boundedLog() async throws {
        let path = S.temporaryPath()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let database = try AppDatabase.open(path: path)
        try await database.writer.write { try $0.execute(sql: "CREATE TABLE filler (x BLOB)") }
        let pageSize = try await database.writer.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } ?? 0
        // About 9,000 pages of 2 KiB in 300 commits of 30 pages: far past SQLite's 1,000-page checkpoint if none ran.
        var largest = 0
        for _ in 0..<300 {
            try await database.writer.write { try $0.execute(sql: "INSERT INTO filler VALUES (zeroblob(60000))") }
            let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            largest = max(largest, size)
        }
        #expect(largest > 0)
        // The log restarts after each checkpoint: never much past 1,000 pages.
        #expect(largest < (1_000 + 100) * pageSize)
        #expect(try await database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM filler") } == 300)
        #expect(try await database.writer.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
    }

    @Test("a new database file has 2 KiB pages; a file made with 4 KiB pages keeps them and opens as before")
    func pageSize() async throws {
        let fresh = S.temporaryPath(), old = S.temporaryPath()
        defer { for p in [fresh, old] { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: p + s) } } }
        let database = try AppDatabase.open(path: fresh)
        #expect(try await database.writer.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == 2048)
        // A file an earlier version made, with SQLite's default page size and rows in it.
        let earlier = try DatabaseQueue(path: old)
        try await earlier.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 4096")
            try db.execute(sql: "CREATE TABLE t (x)")
            try db.execute(sql: "INSERT INTO t VALUES (1)")
        }
        try earlier.close()
        let reopened = try AppDatabase.open(path: old)
        let (size, rows) = try await reopened.writer.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA page_size"), try Int.fetchOne(db, sql: "SELECT count(*) FROM t"))
        }
        #expect(size == 4096 && rows == 1)
        let desk = BriefingDesk(database: reopened, now: { TestClock("2026-11-02T09:00").now })
        _ = try await desk.initialise(profile: "model")
        #expect(try await desk.verifyAudit().intact)
    }

    @Test("two racing approvals of clashing requests, each through its own connection pool: exactly one wins", arguments: 1...5)
    func racingApprovals(round: Int) async throws {
        let path = S.temporaryPath()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let clock = TestClock("2026-11-02T09:00")
        try await Self.clashingRequests(path, clock: clock)
        // Two pools on one file behave like two processes: SQLite's lock, not Swift, decides.
        let desks = try (0..<2).map { _ in BriefingDesk(database: try AppDatabase.open(path: path), now: { clock.now }) }
        let outcomes = await withTaskGroup(of: Result<String, DeskError>.self) { group in
            for (i, ref) in ["RQ-0001", "RQ-0002"].enumerated() {
                let desk = desks[i]
                group.addTask {
                    do { return .success(try await desk.approve(ref, as: "o-ceo").session ?? "") }
                    catch let e as DeskError { return .failure(e) }
                    catch { return .failure(DeskError(.conflict, "\(error)", fix: "")) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let wins = outcomes.compactMap { try? $0.get() }
        let losses = outcomes.compactMap { if case .failure(let e) = $0 { e } else { nil } }
        #expect(wins.count == 1, "round \(round): \(outcomes)")
        #expect(losses.count == 1 && losses[0].rule == .noDoubleBooking)
        let check = try AppDatabase.open(path: path)
        let bookings = try await check.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM booking WHERE resource = 'officer:o-dir-place'") }
        #expect(bookings == 1)
        #expect(try await BriefingDesk(database: check).verifyAudit().intact)
    }

    @Test("the audit trail detects an edited, a deleted and a truncated entry")
    func tamper() async throws {
        let path = S.temporaryPath()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let clock = TestClock("2026-11-02T09:00")
        try await Self.clashingRequests(path, clock: clock)
        let desk = BriefingDesk(database: try AppDatabase.open(path: path), now: { clock.now })
        _ = try await desk.approve("RQ-0001", as: "o-ceo")
        #expect(try await desk.verifyAudit().intact)
        #expect(try await desk.verifyAudit().entries == 5)

        // The table refuses edits through SQL…
        let raw = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "UPDATE audit SET actor = 'x' WHERE seq = 2") } }
        #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "DELETE FROM audit WHERE seq = 2") } }

        // …so someone with the file drops the guard and edits an entry.
        try await raw.write { db in
            try db.execute(sql: "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete")
            try db.execute(sql: "UPDATE audit SET details = replace(details, 'Local Plan', 'Something else') WHERE seq = 3")
        }
        var report = try await desk.verifyAudit()
        #expect(!report.intact && report.problems.contains { $0.contains("entry 3") && $0.contains("edited") })

        // Restore by rewriting the fields is not possible without the hash: delete a middle entry instead.
        try await raw.write { db in try db.execute(sql: "DELETE FROM audit WHERE seq = 3") }
        report = try await desk.verifyAudit()
        #expect(report.problems.contains { $0.contains("entry 3 is missing") })

        // Deleting the newest entry is caught by the head.
        let fresh = S.temporaryPath()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fresh + s) } }
        try await Self.clashingRequests(fresh, clock: clock)
        let rawFresh = try DatabaseQueue(path: fresh)
        try await rawFresh.write { db in
            try db.execute(sql: "DROP TRIGGER audit_no_delete")
            try db.execute(sql: "DELETE FROM audit WHERE seq = (SELECT MAX(seq) FROM audit)")
        }
        report = try await BriefingDesk(database: try AppDatabase.open(path: fresh)).verifyAudit()
        #expect(!report.intact && report.problems.contains { $0.contains("deleted") })
    }
}
