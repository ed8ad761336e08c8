import Foundation
import GRDB

/// Backups and restores of a database file: consistent while the service writes, and checked before use.
extension AppDatabase {
    /// What a backup file holds, checked the way `restore` checks it before replacing anything.
    public struct BackupCheck: Sendable, Codable {
        /// `PRAGMA integrity_check`'s findings; empty when SQLite finds the file sound.
        public var integrityProblems: [String]
        /// The audit chain recomputed from the file.
        public var audit: AuditTrail.Report?
        /// Whether the file holds a council (was initialised).
        public var council: Bool

        public var sound: Bool { integrityProblems.isEmpty && council && audit?.intact == true }
    }

    /// Writes a consistent copy of the whole database, as it was at one moment, to a new file at `path`.
    /// `VACUUM INTO` reads one snapshot while the service keeps writing (WAL): under four busy writers it
    /// finishes in a fraction of a second, where SQLite's stepwise backup restarts on every commit and a copy
    /// of the main file misses what is still in the WAL. The copy is written beside `path`, synced, then
    /// renamed into place, so a failed backup never leaves a half-written file under the name.
    public func backup(to path: String) throws {
        let target = URL(fileURLWithPath: path)
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: partial) }
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [partial.path])
        }
        try Self.sync(partial.path)
        guard rename(partial.path, path) == 0 else {
            throw DatabaseFileError(kind: .unopenable, path: path, detail: "the backup could not be moved into place: \(String(cString: strerror(errno)))")
        }
        try Self.sync(target.deletingLastPathComponent().path)
    }

    /// Opens a backup read-only and checks it: SQLite's integrity check, a council, and the audit chain.
    public static func check(backup path: String) throws -> BackupCheck {
        var config = Configuration()
        config.readonly = true
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            return try queue.read { db in
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
                guard try db.tableExists("council"), try db.tableExists("audit"),
                      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM council") ?? 0 > 0 else {
                    return BackupCheck(integrityProblems: integrity, audit: nil, council: false)
                }
                return BackupCheck(integrityProblems: integrity, audit: try AuditTrail.verify(db), council: true)
            }
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT: throw DatabaseFileError(kind: .notADatabase, path: path, detail: error.message ?? "not a database")
            default: throw DatabaseFileError(kind: .unopenable, path: path, detail: "SQLite: \(error.message ?? "\(error.resultCode)")")
            }
        }
    }

    /// Puts a checked backup in the place of the database at `path`: the backup is copied beside it and synced,
    /// the old database (with its WAL) is kept as `path.before-restore-TIME`, and the copy renamed into place.
    /// The caller has checked the backup and that no service has the database open. Returns where the old one went.
    @discardableResult
    public static func restore(backup: String, to path: String, stamp: String) throws -> String? {
        let target = URL(fileURLWithPath: path)
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).restoring-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: partial) }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: backup, toPath: partial.path)
        try sync(partial.path)
        var kept: String?
        if FileManager.default.fileExists(atPath: path) {
            let aside = path + ".before-restore-" + stamp
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                try FileManager.default.moveItem(atPath: path + suffix, toPath: aside + suffix)
            }
            kept = aside
        }
        guard rename(partial.path, path) == 0 else {
            throw DatabaseFileError(kind: .unopenable, path: path, detail: "the restored copy could not be moved into place: \(String(cString: strerror(errno)))")
        }
        try sync(target.deletingLastPathComponent().path)
        return kept
    }

    /// Whether a `briefings serve` has this database open (it holds `ServiceLock` on it).
    public static func inUseByService(_ path: String) -> Bool {
        let fd = Foundation.open(ServiceLock.file(path), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { flock(fd, LOCK_UN); return false }
        return true
    }

    /// fsync of a file or directory, so a backup or restore survives a power cut once it is reported done.
    static func sync(_ path: String) throws {
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw DatabaseFileError(kind: .unopenable, path: path, detail: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw DatabaseFileError(kind: .unopenable, path: path, detail: "fsync: \(String(cString: strerror(errno)))") }
    }
}

/// Held by `briefings serve` for as long as it runs: a shared `flock` on `DATABASE.service-lock` beside the
/// database, which `restore` tests for. A file of its own, never the database: closing any descriptor of the
/// database file would drop the POSIX locks SQLite holds on it in this process.
public final class ServiceLock: Sendable {
    let fd: Int32

    static func file(_ database: String) -> String { database + ".service-lock" }

    /// Nil if the lock file cannot be made (a read-only folder): the service runs, unguarded.
    public init?(database: String) {
        let fd = Foundation.open(Self.file(database), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0, flock(fd, LOCK_SH | LOCK_NB) == 0 else {
            if fd >= 0 { close(fd) }
            return nil
        }
        self.fd = fd
    }

    deinit { close(fd) }
}
