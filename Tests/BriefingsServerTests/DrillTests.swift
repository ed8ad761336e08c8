import BriefingsCLI
import BriefingsDomain
import BriefingsStore
import Foundation
import GRDB
import Synchronization
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Drills on the real `briefings` binary in a process of its own: `kill -9` in the middle of a burst of HTTP
/// writes, and a backup taken in the middle of one. Bounded: a few seconds each.
///
/// What they can show, honestly: a kill -9 ends the process, not the machine, so whatever the service handed to
/// the kernel survives in the page cache even with `synchronous=OFF`; a power cut is not simulated. They prove
/// the service never answers 2xx before its transaction committed, that a torn transaction rolls back (the
/// audit chain verifies), and that a backup taken under load is a consistent, restorable moment.
@Suite("Drills: kill -9 and backup under load", .serialized)
struct DrillTests {
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("briefings").path
    }

    /// Starts `briefings serve` on a free port and waits until `/health` answers.
    static func start(_ path: String) async throws -> (Process, Int) {
        for _ in 0..<5 {
            let port = Int.random(in: 20_000...60_000)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["serve", "--port", "\(port)", "--database", path, "--log-level", "error"]
            p.environment = ["BRIEFINGS_NOW": "2026-11-02T09:00", "PATH": "/usr/bin:/bin"]
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            for _ in 0..<100 {
                try await Task.sleep(for: .milliseconds(50))
                if !p.isRunning { break }
                if (try? await get(port, "/health")) == 200 { return (p, port) }
            }
            if p.isRunning { p.terminate(); p.waitUntilExit() }
        }
        throw DrillError.noService
    }

    enum DrillError: Error { case noService }

    static let session: URLSession = {
        let c = URLSessionConfiguration.ephemeral
        c.httpMaximumConnectionsPerHost = 16
        c.timeoutIntervalForRequest = 10
        return URLSession(configuration: c)
    }()

    static func get(_ port: Int, _ path: String) async throws -> Int {
        let (_, r) = try await URLSession(configuration: .ephemeral).data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        return (r as! HTTPURLResponse).statusCode
    }

    /// What a burst's writers share: the refs that got a 201, and when to stop.
    final class Burst: Sendable {
        let refs = Mutex<[String]>([])
        let stopped = Atomic<Bool>(false)
        var count: Int { refs.withLock { $0.count } }
        func stop() { stopped.store(true, ordering: .relaxed) }
    }

    /// Writers posting requests as fast as they are answered until stopped; every ref that got a 201 is kept.
    static func burst(_ port: Int, token: String, writers: Int = 8, _ b: Burst) async {
        await withTaskGroup(of: Void.self) { group in
            for w in 0..<writers {
                group.addTask {
                    var i = 0
                    while !b.stopped.load(ordering: .relaxed) {
                        i += 1
                        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/requests")!)
                        request.httpMethod = "POST"
                        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
                        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                        request.httpBody = Data(#"{"group":"LAB","matter":"Drill \#(w)-\#(i)","area":"planning","meeting":"Cabinet","officers":["o-dir-place"],"session":{"start":"2026-12-21T10:00","room":"cr1","attendees":["m-patel"]}}"#.utf8)
                        guard let (data, response) = try? await session.data(for: request) else { return }   // the service is gone
                        if (response as! HTTPURLResponse).statusCode == 201,
                           let ref = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["ref"] as? String {
                            b.refs.withLock { $0.append(ref) }
                        }
                    }
                }
            }
        }
    }

    @Test("kill -9 mid-burst of HTTP writes: after a restart every write that got a 201 is there, and the audit chain verifies")
    func killMidBurst() async throws {
        let path = LiveServiceTests.temporaryPath()
        defer { LiveServiceTests.remove(path); try? FileManager.default.removeItem(atPath: path + ".service-lock") }
        let f = try Fixture.make(path: path)
        let token = f.tokens["m-patel"]!
        let (server, port) = try await Self.start(path)
        let burst = Burst()
        let writers = Task { await Self.burst(port, token: token, burst) }
        // Kill it once writes are flowing: some are in flight, some half-way through a transaction.
        for _ in 0..<200 where burst.count < 40 { try await Task.sleep(for: .milliseconds(10)) }
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        burst.stop()
        await writers.value
        let refs = burst.refs.withLock { $0 }
        #expect(refs.count >= 10, "the burst was under way: \(refs.count) acknowledged")
        // Restart over the same file: it opens (recovering the WAL) and answers.
        let (again, port2) = try await Self.start(path)
        #expect(try await Self.get(port2, "/health") == 200)
        again.terminate(); again.waitUntilExit()
        let database = try AppDatabase.open(path: path)
        let stored = Set(try await database.writer.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM request") }.map { Ref.format("RQ", $0) })
        let lost = refs.filter { !stored.contains($0) }
        #expect(lost.isEmpty, "acknowledged but missing after kill -9: \(lost)")
        #expect(try BriefingDesk(database: database).verifyAudit().intact)
        #expect(try await database.writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") } == ["ok"])
    }

    @Test("a backup taken mid-burst restores to a database whose audit chain verifies and holds every write acknowledged before it")
    func backupMidBurst() async throws {
        let path = LiveServiceTests.temporaryPath(), backup = LiveServiceTests.temporaryPath(), restored = LiveServiceTests.temporaryPath()
        defer { for p in [path, backup, restored] { LiveServiceTests.remove(p); try? FileManager.default.removeItem(atPath: p + ".service-lock") } }
        let f = try Fixture.make(path: path)
        let (server, port) = try await Self.start(path)
        let burst = Burst()
        let writers = Task { [token = f.tokens["m-patel"]!] in await Self.burst(port, token: token, burst) }
        for _ in 0..<200 where burst.count < 20 { try await Task.sleep(for: .milliseconds(10)) }
        let before = burst.refs.withLock { $0 }
        let b = await LiveServiceTests.cli(["backup", backup, "--database", path])
        burst.stop()
        await writers.value
        // restore refuses while the service has the database open…
        let refused = await LiveServiceTests.cli(["restore", backup, "--database", path])
        #expect(refused.code == CLI.ExitCode.conflict.rawValue && refused.err.contains("stop the service"), "\(refused)")
        server.terminate(); server.waitUntilExit()
        #expect(b.code == 0 && b.out.contains("audit trail intact"), "\(b)")
        let r = await LiveServiceTests.cli(["restore", backup, "--database", restored])
        #expect(r.code == 0, "\(r)")
        let database = try AppDatabase.open(path: restored)
        #expect(try BriefingDesk(database: database).verifyAudit().intact)
        let stored = Set(try await database.writer.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM request") }.map { Ref.format("RQ", $0) })
        #expect(before.allSatisfy(stored.contains), "writes acknowledged before the backup started are in it")
    }
}
