import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// What SQLite says about commits, compared between two looks (`AppDatabase.commitMark`).
public struct CommitMark: Equatable, Sendable {
    let dataVersion: Int64
    let changes: Int64
}

extension AppDatabase {
    public typealias CommitMark = BriefingsStore.CommitMark
}

/// Tells whether any transaction committed since the last look, in this process or another.
///
/// For a file it is a read-only SQLite connection of its own, kept apart from GRDB's pool, with one
/// prepared `PRAGMA data_version` (which changes whenever another connection commits) stepped under a
/// lock: no queue hop, no statement lookup, no row to allocate. The feed cache asks before every poll, so
/// this is on the hot path of every subscriber's calendar; going through a GRDB `DatabaseQueue` instead
/// halved the feed-poll rate (`benchmarks/service.sh`).
///
/// An in-memory database has no second connection: its own queue answers with `total_changes()`.
final class CommitWatcher: Sendable {
    /// The file's own connection and its prepared statement; nil for an in-memory queue.
    private struct Handles {
        let connection: OpaquePointer
        let statement: OpaquePointer
    }

    private let handles: Mutex<Handles?>
    private let queue: DatabaseQueue?

    init(queue: DatabaseQueue) {
        self.queue = queue
        handles = Mutex(nil)
    }

    /// Opens `path` (which must exist: the pool created it) read-only, waiting up to `busyTimeout` for a lock.
    init(path: String, busyTimeout: TimeInterval) throws {
        var connection: OpaquePointer?
        let opened = sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard opened == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(connection)
            throw DatabaseError(resultCode: ResultCode(rawValue: opened), message: message)
        }
        sqlite3_busy_timeout(connection, Int32(min(busyTimeout * 1000, Double(Int32.max))))
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v3(connection, "PRAGMA data_version", -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard prepared == SQLITE_OK, let statement else {
            let message = String(cString: sqlite3_errmsg(connection))
            sqlite3_close_v2(connection)
            throw DatabaseError(resultCode: ResultCode(rawValue: prepared), message: message)
        }
        queue = nil
        handles = Mutex(Handles(connection: connection, statement: statement))
    }

    deinit {
        handles.withLock { handles in
            guard let handles else { return }
            sqlite3_finalize(handles.statement)
            sqlite3_close_v2(handles.connection)
        }
    }

    func mark() throws -> CommitMark {
        if let queue {
            return try queue.inDatabase { db in
                let row = try db.one(sql: "SELECT data_version, total_changes() FROM pragma_data_version")!
                return CommitMark(dataVersion: row[0], changes: row[1])
            }
        }
        return try handles.withLock { handles in
            guard let handles else { throw DatabaseError(message: "the commit watcher has no connection") }
            defer { sqlite3_reset(handles.statement) }
            let code = sqlite3_step(handles.statement)
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(handles.connection)))
            }
            return CommitMark(dataVersion: sqlite3_column_int64(handles.statement, 0), changes: 0)
        }
    }
}
