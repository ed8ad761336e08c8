import Foundation
import GRDB

/// The briefings database: one writer per file, migrated from the SQL in `Schema/` on open.
public struct AppDatabase: Sendable {
    /// GRDB's writer: a `DatabasePool` (WAL) for a file, a `DatabaseQueue` in memory.
    public let writer: any DatabaseWriter

    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// Opens (creating if needed) a database file in WAL mode with `synchronous=FULL` on the writer.
    public static func open(path: String) throws -> AppDatabase {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB turns a pool's writer to `synchronous = NORMAL` when it enables WAL, after
        // `prepareDatabase` ran; set FULL again so every committed step is on disk (fsync per commit).
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        return try AppDatabase(pool)
    }

    /// The writer's `PRAGMA synchronous` (2 is FULL): a file database must say 2.
    public func synchronousLevel() throws -> Int {
        try writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// An empty in-memory database, for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration))
    }

    static var configuration: Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Another process (a second CLI, the service) may hold the write lock briefly.
        config.busyMode = .timeout(15)
        config.prepareDatabase { db in
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

    /// Runs one workflow step as one `BEGIN IMMEDIATE` transaction: two racing writers, in this
    /// process or another, are serialised before either reads, so checks inside cannot go stale.
    func step<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try writer.read(body)
    }
}
