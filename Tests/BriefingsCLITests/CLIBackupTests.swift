import BriefingsCLI
import Foundation
import GRDB
import Testing

/// `briefings backup` and `briefings restore`: a checked copy, and a restore that refuses a bad file changing nothing.
@Suite("briefings backup and restore")
struct CLIBackupTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("briefings-\(name)-\(UUID().uuidString).sqlite").path
    }

    static func remove(_ path: String) { for s in ["", "-wal", "-shm", ".service-lock"] { try? FileManager.default.removeItem(atPath: path + s) } }

    @Test("backup writes a checked copy; restore puts it back and keeps the replaced database aside")
    func roundTrip() async throws {
        let c = try await Council()
        let backup = Self.temporary("backup"), target = Self.temporary("restored")
        defer { Self.remove(backup); Self.remove(target) }
        var r = await c.run("backup", backup)
        #expect(r.code == 0 && r.out.contains("integrity ok") && r.out.contains("intact"), "\(r)")
        #expect(await c.run("backup", backup).code == CLI.ExitCode.conflict.rawValue, "an existing file is never overwritten")
        #expect(await c.request().code == 0)
        r = await c.run("restore", backup)
        #expect(r.code == 0 && r.out.contains("kept as"), "\(r)")
        #expect(try GRDBSupport.ints(c.path, "SELECT COUNT(*) FROM request") == [0], "the request made after the backup is gone")
        #expect(await c.run("audit", "--verify").code == 0)
        r = await CLI.capture(["restore", backup, "--database", target], now: Council.now)
        #expect(r.code == 0, "\(r)")
    }

    @Test("restore refuses a file that is not a database, or whose audit chain does not verify, and changes nothing")
    func refusesBadBackups() async throws {
        let c = try await Council()
        let text = Self.temporary("text"), tampered = Self.temporary("tampered")
        defer { Self.remove(text); Self.remove(tampered) }
        try Data("not a database\n".utf8).write(to: URL(fileURLWithPath: text))
        #expect(await c.run("backup", tampered).code == 0)
        try await DatabaseQueue(path: tampered).write { db in   // as a tamperer would: past the append-only triggers
            for t in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'") {
                try db.execute(sql: "DROP TRIGGER \(t)")
            }
            try db.execute(sql: "UPDATE audit SET actor = 'someone-else' WHERE seq = 1")
        }
        let before = try c.snapshot()
        var r = await c.run("restore", text)
        #expect(r.code == CLI.ExitCode.badDatabase.rawValue && r.err.contains("Nothing was changed") || r.err.contains("nothing was changed"), "\(r)")
        r = await c.run("restore", tampered)
        #expect(r.code == CLI.ExitCode.auditBroken.rawValue && r.err.contains("audit"), "\(r)")
        #expect(try c.snapshot() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: c.path).deletingLastPathComponent().path)
            .filter { $0.contains(URL(fileURLWithPath: c.path).lastPathComponent + ".before-restore") }
        #expect(leftovers.isEmpty)
    }
}
