import BriefingsCLI
import Foundation
import GRDB
import Testing

/// The command line when another process holds the database's write lock: it waits `BRIEFINGS_BUSY_TIMEOUT`
/// seconds, then gives up with exit 14 and says so. The real `briefings` binary, so the variable is the process's own.
@Suite("briefings command line: a database locked by another writer")
struct CLIBusyTests {
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("briefings").path
    }

    /// Runs `briefings ARGS` in a process of its own with `BRIEFINGS_BUSY_TIMEOUT` set (nil: unset).
    static func run(_ args: [String], busyTimeout: String?) throws -> (code: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        var environment = ["BRIEFINGS_NOW": "2026-11-02T09:00", "PATH": "/usr/bin:/bin"]
        environment["BRIEFINGS_BUSY_TIMEOUT"] = busyTimeout
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let errors = err.fileHandleForReading.readDataToEndOfFile(), output = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    /// Where a locked database stops a command: opening it (with no WAL on disk, GRDB's pool set-up writes one,
    /// which needs the lock), or at its step's `BEGIN IMMEDIATE` (a WAL already there, as while the service runs).
    enum Stop: String, CaseIterable, CustomStringConvertible {
        case atOpen = "at open", atStep = "at its step"
        var description: String { rawValue }
    }

    @Test("a write that waits past BRIEFINGS_BUSY_TIMEOUT (here 1 second) exits 14 with a clear message, and changes nothing",
          arguments: Stop.allCases)
    func busyWriterExits14(stop: Stop) async throws {
        let c = try await Council()
        // Another connection takes the write lock (as an import or a second command would) and keeps it until told.
        // For `atStep` it first commits a change (user_version, which nothing reads), so a WAL is on disk while it
        // stays open and opening the database needs no lock.
        let locked = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let holder = try DatabaseQueue(path: c.path)
        Thread {
            try! holder.inDatabase { db in
                if stop == .atStep { try db.execute(sql: "PRAGMA user_version = 1") }
                try db.execute(sql: "BEGIN IMMEDIATE")
                locked.signal()
                release.wait()
                try db.execute(sql: "ROLLBACK")
            }
        }.start()
        locked.wait()
        let walSize = (try? FileManager.default.attributesOfItem(atPath: c.path + "-wal")[.size] as? Int) ?? 0
        #expect((walSize > 0) == (stop == .atStep), "WAL on disk: \(walSize) bytes")
        let before = try c.snapshot()
        let started = Date()
        let r = try Self.run(["request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Waiting", "--area", "planning",
                              "--officer", "o-dir-place", "--start", "2027-01-11T14:00", "--room", "cr1", "--attendee", "m-patel",
                              "--database", c.path], busyTimeout: "1")
        let waited = Date().timeIntervalSince(started)
        release.signal()
        #expect(r.code == CLI.ExitCode.busy.rawValue, "\(r)")
        #expect(r.err.contains("busy") && r.err.contains("nothing was changed") && r.err.lowercased().contains("try again"), "\(r.err)")
        switch stop {
        case .atOpen: #expect(r.err.contains("1-second wait") && r.err.contains("BRIEFINGS_BUSY_TIMEOUT"), "\(r.err)")
        case .atStep: #expect(r.err.contains("the database is busy"), "the step's own refusal: \(r.err)")
        }
        #expect(waited >= 0.9 && waited < 8, "it waited its second, not the default 15: \(waited) s")
        #expect(try c.snapshot() == before)
        // With the lock gone the same command goes through.
        let again = try Self.run(["request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Waiting", "--area", "planning",
                                  "--officer", "o-dir-place", "--start", "2027-01-11T14:00", "--room", "cr1", "--attendee", "m-patel",
                                  "--database", c.path], busyTimeout: "1")
        #expect(again.code == 0, "\(again)")
    }

    @Test("a BRIEFINGS_BUSY_TIMEOUT that is not a number of seconds from 0.1 to 600 is refused with exit 7, not silently ignored",
          arguments: ["soon", "0", "-1", "601", "nan", "inf", "1e9"])
    func garbageBusyTimeout(value: String) async throws {
        let c = try await Council()
        let r = try Self.run(["queue", "--as", "o-ceo", "--database", c.path], busyTimeout: value)
        #expect(r.code == CLI.ExitCode.invalid.rawValue, "\(value): \(r)")
        #expect(r.err.contains("BRIEFINGS_BUSY_TIMEOUT") && r.err.contains("0.1 to 600"), "\(r.err)")
    }

    @Test("BRIEFINGS_BUSY_TIMEOUT in range, or empty, is taken")
    func goodBusyTimeout() async throws {
        let c = try await Council()
        for value in ["0.1", "2", "600", ""] {
            let r = try Self.run(["queue", "--as", "o-ceo", "--database", c.path], busyTimeout: value)
            #expect(r.code == 0, "\(value): \(r)")
        }
    }
}
