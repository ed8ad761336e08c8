import BriefingsDomain
import Foundation
import GRDB
import GRDBSQLite

/// The briefings database: one writer per file, migrated from the SQL in `Schema/` on open.
public struct AppDatabase: Sendable {
    /// GRDB's writer: a `DatabasePool` (WAL) for a file, a `DatabaseQueue` in memory.
    public let writer: any DatabaseWriter
    /// Asks SQLite whether anything committed (see `commitMark`).
    let watcher: CommitWatcher
    /// How long a write may wait for another writer's lock, counted from its arrival (`arrival`), not from its turn.
    public let busyTimeout: TimeInterval

    public init(_ writer: any DatabaseWriter) throws {
        try self.init(writer, watcher: nil)
    }

    /// `watcher` must watch the writer's file from a connection of its own; nil for an in-memory queue, which is its own watcher.
    init(_ writer: any DatabaseWriter, watcher: CommitWatcher?, busyTimeout: TimeInterval = 15) throws {
        self.writer = writer
        self.busyTimeout = busyTimeout
        if let watcher {
            self.watcher = watcher
        } else if let queue = writer as? DatabaseQueue {
            self.watcher = CommitWatcher(queue: queue)
        } else {
            throw DatabaseError(message: "a database pool needs a watcher connection of its own")
        }
        try Self.migrator.migrate(writer)
    }

    /// Opens (creating if needed) a database file in WAL mode with `synchronous=FULL` on the writer.
    /// A writer waits up to `busyTimeout` seconds for another's lock, then its step fails with `DeskError` `.busy`.
    /// A path that is not a database (a directory, a text file) throws `DatabaseFileError`.
    public static func open(path: String, busyTimeout: TimeInterval = 15) throws -> AppDatabase {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DatabaseFileError(kind: .directory, path: path, detail: "a directory")
        }
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let config = configuration(busyTimeout: busyTimeout)
            let pool = try DatabasePool(path: path, configuration: config)
            // GRDB turns a pool's writer to `synchronous = NORMAL` when it enables WAL, after
            // `prepareDatabase` ran; set FULL again so every committed step is on disk (fsync per commit).
            // SQLite's own automatic checkpoint keeps the log bounded (1,000 pages): measured, running it beside the
            // writer instead bought nothing the desk benchmark could tell from noise (README, "Benchmarks").
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            return try AppDatabase(pool, watcher: try CommitWatcher(path: path, busyTimeout: busyTimeout), busyTimeout: busyTimeout)
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT: throw DatabaseFileError(kind: .notADatabase, path: path, detail: error.message ?? "not a database")
            case .SQLITE_BUSY, .SQLITE_LOCKED: throw DatabaseFileError(kind: .busy, path: path, detail: error.message ?? "locked")
            default: throw DatabaseFileError(kind: .unopenable, path: path, detail: "SQLite: \(error.message ?? "\(error.resultCode)")")
            }
        } catch let error as CocoaError {
            throw DatabaseFileError(kind: .unopenable, path: path, detail: "its folder cannot be created: \(error.localizedDescription)")
        }
    }

    /// What SQLite says about commits, compared between two looks: it differs whenever a transaction
    /// committed in between, on any connection in this process or another. Exact, and about a microsecond:
    /// the feed cache asks before every poll (see `CommitWatcher`).
    public func commitMark() throws -> CommitMark {
        try watcher.mark()
    }

    /// The writer's `PRAGMA synchronous` (2 is FULL): a file database must say 2.
    public func synchronousLevel() throws -> Int {
        try writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// An empty in-memory database, for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()))
    }

    static func configuration(busyTimeout: TimeInterval = 15) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Another process (a second CLI, the service, an import) may hold the write lock for a while.
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            // A new file gets 2 KiB pages (SQLite's default is 4 KiB; a file keeps the size it was made with). A workflow
            // step writes a row or two into each of 15–35 tables and indexes, and every page it touches goes to the WAL
            // and through its fsync whole: smaller pages are about a tenth fewer bytes synced per step
            // (`benchmarks/desk.sh`), and no row of ours is big enough for the extra overflow pages to matter.
            try db.execute(sql: "PRAGMA page_size = 2048")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in EmbeddedSchema.migrations {
            migrator.registerMigration(migration.name) { db in
                try db.execute(sql: migration.sql)
            }
        }
        return migrator
    }

    /// When the request that writes arrived: the service sets it as each request comes in (`WriteArrival` middleware),
    /// so its wait for the lock counts from then; unset (a command), a step's wait counts from its call.
    @TaskLocal public static var arrival: ContinuousClock.Instant?

    /// Runs one workflow step as one `BEGIN IMMEDIATE` transaction: two racing writers, in this
    /// process or another, are serialised before either reads, so checks inside cannot go stale.
    /// It runs on GRDB's writer queue, never on the caller's thread (a write may wait for the lock and an fsync).
    ///
    /// One deadline per write, `busyTimeout` after its arrival, across its wait in GRDB's queue of this process's writers
    /// and its wait for SQLite's lock (another process's: an import, a backup): when its turn comes it waits only for
    /// what is left, and gives up (`DeskError.busy`, nothing written) if nothing is. Before, each writer in the queue
    /// waited the whole timeout again once it reached the front, so the fourth of four answered after four waits.
    func step<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        let deadline = (Self.arrival ?? .now).advanced(by: .milliseconds(Int64(busyTimeout * 1000)))
        let configured = busyTimeout
        do {
            return try await writer.writeWithoutTransaction { db in
                let left = ContinuousClock.now.duration(to: deadline)
                guard left > .zero else { throw DeskError.busy }
                // SQLite's own wait for the lock, bounded by what is left of this write's; the connection's configured
                // wait again afterwards, for whatever else it runs (migrations, a backup).
                let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
                sqlite3_busy_timeout(db.sqliteConnection, Int32(clamping: max(1, milliseconds)))
                defer { sqlite3_busy_timeout(db.sqliteConnection, Int32(clamping: Int64(configured * 1000))) }
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw DeskError.busy
        }
    }

    /// Reads in one transaction on one of GRDB's reader queues.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        try await writer.read(body)
    }
}

/// Why a database file could not be opened, for the command line to say in its own words.
public struct DatabaseFileError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The path is a directory.
        case directory
        /// The file is not an SQLite database (a text file, another format) or is damaged.
        case notADatabase
        /// Another writer held the lock past the wait.
        case busy
        /// Anything else: permissions, a missing folder that cannot be made, a full disk.
        case unopenable
    }

    public var kind: Kind
    public var path: String
    public var detail: String

    public var description: String { "\(path): \(detail)" }
}
