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

/// Drills on the real `briefings` binary in a process of its own: a burst of HTTP writes, a backup taken in the
/// middle of it, then `kill -9` and a simulated power cut (`PowerCut`, `Tests/drills/powercut.c`). Bounded: a few
/// seconds each.
///
/// A kill -9 alone cannot show durability: it ends the process, not the machine, so whatever the service handed
/// to the kernel survives in the page cache even with `synchronous=OFF`. So the service (and the `backup` command)
/// run under a shim that journals every write no fsync has covered yet, and after the kill the power cut undoes
/// those writes, leaving the files as a power loss would. The drill then restarts the service over the file and
/// checks that every write that got a 201 is there, SQLite's integrity check passes and the audit chain verifies;
/// and that the backup, acknowledged before the cut, restores and holds every write acknowledged before it.
///
/// The proof that the drill can fail: the same drill with fsync swallowed (the shim answers success and syncs
/// nothing, which is what `synchronous=OFF` amounts to, without changing the product) must lose acknowledged
/// writes and the backup, and `check` must say so. Both runs print their numbers.
@Suite("Drills: kill -9 and a power cut, and a backup, under load", .serialized)
struct DrillTests {
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("briefings").path
    }

    /// The environment the drill's `briefings` processes run in.
    static let environment = ["BRIEFINGS_NOW": "2026-11-02T09:00", "PATH": "/usr/bin:/bin"]

    /// Starts `briefings serve` on a free port and waits until `/health` answers; `wrapper` runs it under another
    /// program that execs it (`prlimit --nofile=1024:1024 --`).
    static func start(_ path: String, environment extra: [String: String] = [:], wrapper: [String] = []) async throws -> (Process, Int) {
        for _ in 0..<5 {
            let port = Int.random(in: 20_000...60_000)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: wrapper.first ?? binary)
            p.arguments = (wrapper.isEmpty ? [] : Array(wrapper.dropFirst()) + [binary])
                + ["serve", "--port", "\(port)", "--database", path, "--log-level", "error", "--no-mail"]
            p.environment = environment.merging(extra) { $1 }
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

    /// What a drill found after the power cut.
    struct Report: CustomStringConvertible {
        var sync: PowerCut.Sync
        /// Writes that got a 201 before the kill, and those of them not in the database after the power cut.
        var acknowledged: [String], lost: [String]
        var integrity: [String]
        var auditIntact: Bool
        /// Writes acknowledged before the backup started, the backup's `briefings backup` and `restore` runs,
        /// and the writes missing from the restored copy (nil when it did not restore).
        var beforeBackup: [String], backup: (code: Int32, out: String), restore: (code: Int32, out: String, err: String)
        var lostFromBackup: [String]?
        /// The power cut: unsynced writes undone, and its report per file.
        var undone: Int, cut: String

        var description: String {
            "drill (\(sync)): \(acknowledged.count) writes acknowledged, \(lost.count) lost after the power cut (\(undone) unsynced writes undone); "
                + "integrity \(integrity.joined(separator: ", ")), audit chain \(auditIntact ? "verifies" : "BROKEN"); backup after \(beforeBackup.count) "
                + "acknowledged: `backup` exit \(backup.code), `restore` exit \(restore.code)"
                + (lostFromBackup.map { ", \($0.count) of them missing from it" } ?? ": \(restore.err.trimmingCharacters(in: .whitespacesAndNewlines))")
                + "\n" + cut.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// The drill's check of a database after the power cut: which acknowledged writes are missing, SQLite's
    /// integrity check, and whether the audit chain verifies.
    static func check(_ path: String, acknowledged: [String]) async throws -> (lost: [String], integrity: [String], auditIntact: Bool) {
        let database = try AppDatabase.open(path: path)
        let stored = Set(try await database.writer.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM request") }.map { Ref.format("RQ", $0) })
        let integrity = try await database.writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        return (acknowledged.filter { !stored.contains($0) }, integrity, try await BriefingDesk(database: database).verifyAudit().intact)
    }

    /// Runs a program to its end on a thread of its own, off the cooperative pool the burst's writers use.
    static func run(_ program: String, _ arguments: [String], environment: [String: String]) async throws -> (Int32, String) {
        try await withCheckedThrowingContinuation { done in
            Thread { done.resume(with: Result { try PowerCut.run(program, arguments, environment: environment) }) }.start()
        }
    }

    /// The drill: the service under the power-cut shim takes a burst of writes; mid-burst a backup is taken (also
    /// under the shim) and acknowledged; the burst goes on; kill -9; the power cut; a restart over the file; then the
    /// check of the database and of the restored backup.
    static func drill(_ sync: PowerCut.Sync) async throws -> Report {
        let power = try PowerCut.make()
        defer { power.remove() }
        let path = power.data + "/briefings.sqlite", backup = power.data + "/backup.sqlite", restored = power.data + "/restored.sqlite"
        // The council, written and closed before the service starts (its last close checkpoints and syncs): no
        // connection of this process may hold the file while the power is cut.
        let token = try await Fixture.make(path: path).tokens["m-patel"]!
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "the fixture's connections are closed")
        let shim = power.environment(sync)
        let (server, port) = try await Self.start(path, environment: shim)
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() } }   // a drill that threw
        let burst = Burst()
        let writers = Task { await Self.burst(port, token: token, burst) }
        for _ in 0..<500 where burst.count < 20 { try await Task.sleep(for: .milliseconds(10)) }
        let before = burst.refs.withLock { $0 }
        let (backupCode, backupOut) = try await Self.run(binary, ["backup", backup, "--database", path], environment: Self.environment.merging(shim) { $1 })
        // Kill it once more writes are flowing: some are in flight, some half-way through a transaction.
        for _ in 0..<500 where burst.count < before.count + 20 { try await Task.sleep(for: .milliseconds(10)) }
        // restore refuses while the service has the database open…
        let refused = await LiveServiceTests.cli(["restore", backup, "--database", path])
        #expect(refused.code == CLI.ExitCode.conflict.rawValue && refused.err.contains("stop the service"), "\(refused)")
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        burst.stop()
        await writers.value
        let acknowledged = burst.refs.withLock { $0 }
        #expect(before.count >= 10 && acknowledged.count >= before.count + 10, "the burst was under way: \(before.count), then \(acknowledged.count) acknowledged")
        let (undone, cut) = try power.cut()
        // Restart over the same file: it opens (recovering the WAL) and answers.
        let (again, port2) = try await Self.start(path)
        #expect(try await Self.get(port2, "/health") == 200)
        again.terminate(); again.waitUntilExit()
        let (lost, integrity, auditIntact) = try await check(path, acknowledged: acknowledged)
        let r = await LiveServiceTests.cli(["restore", backup, "--database", restored])
        let lostFromBackup = r.code == 0 ? try await check(restored, acknowledged: before).lost : nil
        return Report(sync: sync, acknowledged: acknowledged, lost: lost, integrity: integrity, auditIntact: auditIntact,
                      beforeBackup: before, backup: (backupCode, backupOut), restore: r, lostFromBackup: lostFromBackup, undone: undone, cut: cut)
    }

    @Test("kill -9 and a power cut mid-burst, fsync honoured: every write that got a 201 survives, the integrity check passes, the audit chain verifies, and the backup acknowledged before the cut restores with every write acknowledged before it",
          .enabled(if: PowerCut.compiler != nil, "no C compiler (cc, clang or gcc) on PATH to build Tests/drills/powercut.c"))
    func powerCutHonoured() async throws {
        let report = try await Self.drill(.honoured)
        print(report)
        #expect(report.lost.isEmpty, "acknowledged but missing after the power cut: \(report.lost)")
        #expect(report.integrity == ["ok"])
        #expect(report.auditIntact)
        #expect(report.backup.code == 0 && report.backup.out.contains("audit trail intact"), "\(report.backup)")
        #expect(report.restore.code == 0, "\(report.restore)")
        #expect(report.lostFromBackup == [], "writes acknowledged before the backup started are in it")
    }

    @Test("the same drill with fsync swallowed (what synchronous=OFF amounts to) loses acknowledged writes and the backup, and the drill's check says so",
          .enabled(if: PowerCut.compiler != nil, "no C compiler (cc, clang or gcc) on PATH to build Tests/drills/powercut.c"))
    func powerCutSwallowed() async throws {
        let report = try await Self.drill(.swallowed)
        print(report)
        #expect(!report.lost.isEmpty, "the power cut must lose acknowledged writes that were never synced; the drill cannot see weakened durability")
        #expect(report.undone > 0)
        // The backup said it was done and checked, but nothing of it reached the disk: restore refuses what is left.
        #expect(report.backup.code == 0, "\(report.backup)")
        #expect(report.restore.code != 0 && report.lostFromBackup == nil, "\(report.restore)")
    }
}
