import Dispatch
import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// Copies the write-ahead log back into the database file on a connection and thread of its own, so a workflow step
/// never waits for it.
///
/// SQLite's own automatic checkpoint runs inside the commit that takes the log past 1,000 pages: that step writes every
/// page the log holds into the database file and waits for its fsync, several milliseconds, about 5% of the desk's
/// durable step rate (`benchmarks/desk.sh`). SQLite's documentation suggests running checkpoints from another thread
/// instead (https://sqlite.org/wal.html#automatic_checkpoint); this does. After each commit the writer's WAL hook
/// looks at the log's size: past `background` pages it asks this checkpointer for a PASSIVE checkpoint (it copies what
/// it can without waiting for, or blocking, readers and the writer, which goes on appending); past `inline` pages (the
/// background ones cannot keep up, or a process exits before they run, as a one-step command line does) the commit
/// checkpoints itself, as SQLite would. Every page is in the log and synced before its commit returns either way:
/// where a checkpoint runs changes nothing about durability.
final class WALCheckpointer: Sendable {
    static let background: Int32 = 1_000
    static let inline: Int32 = 4_000

    private let path: String
    private let busyTimeout: TimeInterval
    private let queue = DispatchQueue(label: "briefings.wal-checkpoint", qos: .utility)
    /// Whether a background checkpoint is asked for and not yet done: requests while one is pending are one.
    private let pending = Atomic<Bool>(false)
    /// Background checkpoints run, and the most pages the log held after a commit, for tests.
    let completed = Atomic<Int>(0)
    let largestLog = Atomic<Int32>(0)

    init(path: String, busyTimeout: TimeInterval) {
        self.path = path
        self.busyTimeout = busyTimeout
    }

    /// Makes `db` (a pool's writer) leave checkpoints to this checkpointer. The hook holds the checkpointer for as long
    /// as the connection lives (it never learns when that ends), so it is created once a database file opened.
    func install(on db: Database) {
        let context = Unmanaged.passRetained(self).toOpaque()
        sqlite3_wal_hook(db.sqliteConnection, { context, connection, name, pages in
            let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context!).takeUnretainedValue()
            checkpointer.largestLog.max(pages, ordering: .relaxed)
            if pages >= WALCheckpointer.inline {
                sqlite3_wal_checkpoint_v2(connection, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            } else if pages >= WALCheckpointer.background {
                checkpointer.request()
            }
            return SQLITE_OK
        }, context)
    }

    /// Asks for a background checkpoint unless one is already waiting.
    func request() {
        guard pending.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        queue.async { [self] in
            pending.store(false, ordering: .releasing)
            checkpoint()
        }
    }

    /// One PASSIVE checkpoint on a connection opened for it and closed after (none is held between checkpoints). A
    /// failure (the file gone, another process's exclusive lock) leaves the work to the next one, or to the inline one.
    private func checkpoint() {
        var connection: OpaquePointer?
        defer { sqlite3_close_v2(connection) }
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let connection else { return }
        sqlite3_busy_timeout(connection, Int32(min(busyTimeout * 1000, Double(Int32.max))))
        // A new connection learns the file is in WAL mode on its first read; until then there is no log to checkpoint.
        var log: Int32 = -1, done: Int32 = -1
        guard sqlite3_exec(connection, "SELECT 1 FROM sqlite_schema LIMIT 1", nil, nil, nil) == SQLITE_OK,
              sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, &log, &done) == SQLITE_OK, log >= 0 else { return }
        completed.add(1, ordering: .relaxed)
    }

    /// Waits for a checkpoint asked for so far to have run (tests).
    func drain() {
        queue.sync {}
    }
}
