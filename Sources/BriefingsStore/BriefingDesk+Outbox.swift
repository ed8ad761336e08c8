import BriefingsDomain
import Foundation
import GRDB

/// The durable outbox (schema 0014): the messages workflow steps wrote, and their delivery. A deliverer claims one due
/// message at a time in a transaction of its own (committed before the message is handed to the sendmail command),
/// then records it sent, or failed with the error and a time to try again. A deliverer killed in between leaves its
/// claim behind; the next one takes it back (at once when the claiming process is gone, else after `staleAfter`) and
/// sends it again under the same Message-ID: delivery is at least once, never lost. Outbox times are the machine's
/// real clock, not the desk's (`BRIEFINGS_NOW` pins the steps, never the retries).
extension BriefingDesk {
    /// One message as `briefings outbox list` shows it.
    public struct OutboxItem: Sendable, Codable, Equatable {
        public var id: Int64
        /// `pending` (due, or waiting to retry), `sending` (claimed by a deliverer), `sent` or `failed` (given up).
        public var status: String
        public var subject: String
        public var to: [String]
        public var messageID: String
        /// The step's time (Europe/London).
        public var created: String
        public var attempts: Int
        /// When a pending message is tried next (Europe/London), if later than now.
        public var nextAttempt: String?
        public var sent: String?
        /// What the last failed attempt said; kept after a later success.
        public var lastError: String?
        /// The deliverer holding a message being sent (`host:pid`).
        public var claimedBy: String?
    }

    /// How many messages stand in each state, for `/metrics` and `outbox list`.
    public struct OutboxCounts: Sendable, Codable, Equatable {
        public var pending = 0
        /// Pending after a failed attempt (a subset of `pending`).
        public var retrying = 0
        public var sending = 0
        public var sent = 0
        public var failed = 0
    }

    /// A message a deliverer has claimed: send it, then record what happened.
    public struct ClaimedMessage: Sendable {
        public var id: Int64
        public var message: OutgoingMessage
        /// 1 for the first attempt.
        public var attempt: Int
    }

    /// What a deliverer does after `attempts` failed attempts: try again after this many seconds, or (nil) give up.
    public static func retryDelay(afterAttempts attempts: Int) -> TimeInterval? {
        guard attempts < OutboxPolicy.maxAttempts else { return nil }
        return min(OutboxPolicy.firstRetry * pow(2, Double(max(0, attempts - 1))), OutboxPolicy.longestRetry)
    }

    /// Claims the oldest due message for `deliverer` (`host:pid`), first taking back claims left by deliverers that
    /// stopped mid-send: those whose process `isAlive` says is gone, any older than `staleAfter` seconds, and its own
    /// (a deliverer sends one message at a time, so a claim of its own still standing is one it failed to record).
    public func claimNextMessage(by deliverer: String, now: Date = Date(), staleAfter: TimeInterval = OutboxPolicy.staleClaim,
                                 isAlive: @escaping @Sendable (String) -> Bool) async throws -> ClaimedMessage? {
        try await database.step { db in
            let t = Int(now.timeIntervalSince1970)
            for row in try db.all(sql: "SELECT id, claimed_by, claimed_at FROM outbox WHERE status = 'sending'") {
                let by: String = row["claimed_by"] ?? "", at: Int = row["claimed_at"] ?? 0
                guard by == deliverer || at < t - Int(staleAfter) || !isAlive(by) else { continue }
                try db.run(sql: """
                    UPDATE outbox SET status = 'pending', next_attempt_at = ?, claimed_at = NULL, claimed_by = NULL, last_error = ?
                    WHERE id = ? AND status = 'sending'
                    """, arguments: [t, "the deliverer \(by) stopped while sending it; it is sent again under the same Message-ID, so it may arrive twice", row["id"] as Int64])
            }
            guard let row = try db.one(sql: """
                SELECT id, message, attempts FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT 1
                """, arguments: [t]) else { return nil }
            let id: Int64 = row["id"], attempt = (row["attempts"] as Int) + 1
            try db.run(sql: "UPDATE outbox SET status = 'sending', claimed_at = ?, claimed_by = ?, attempts = ? WHERE id = ?",
                       arguments: [t, deliverer, attempt, id])
            return ClaimedMessage(id: id, message: try AuditTrail.decoder().decode(OutgoingMessage.self, from: Data((row["message"] as String).utf8)),
                                  attempt: attempt)
        }
    }

    /// Records a message handed to the sendmail command.
    public func recordSent(_ id: Int64, now: Date = Date()) async throws {
        try await database.step { db in
            try db.run(sql: "UPDATE outbox SET status = 'sent', sent_at = ?, claimed_at = NULL, claimed_by = NULL WHERE id = ?",
                       arguments: [Int(now.timeIntervalSince1970), id])
        }
    }

    /// Records a failed attempt with what went wrong: pending again after the backoff, or failed once it has run out.
    /// Returns whether it will be tried again.
    @discardableResult
    public func recordFailure(_ id: Int64, error: String, now: Date = Date()) async throws -> Bool {
        try await database.step { db in
            let attempts = try db.value(Int.self, sql: "SELECT attempts FROM outbox WHERE id = ? AND status = 'sending'", arguments: [id])
            guard let attempts else { return true }   // taken back by another deliverer meanwhile: theirs to send
            let delay = Self.retryDelay(afterAttempts: attempts)
            try db.run(sql: """
                UPDATE outbox SET status = ?, next_attempt_at = ?, last_error = ?, claimed_at = NULL, claimed_by = NULL WHERE id = ?
                """, arguments: [delay == nil ? "failed" : "pending", Int(now.timeIntervalSince1970 + (delay ?? 0)), error, id])
            return delay != nil
        }
    }

    /// Makes a pending or failed message due now, its backoff started afresh (`briefings outbox retry ID`).
    public func retryMessage(_ id: Int64, now: Date = Date()) async throws -> OutboxItem {
        try await database.step { db in
            guard let status = try db.value(String.self, sql: "SELECT status FROM outbox WHERE id = ?", arguments: [id]) else {
                throw DeskError(.notFound, "no message \(id) in the outbox", remedy: .seeList(.outbox))
            }
            switch status {
            case "sent":
                throw DeskError(.conflict, "message \(id) was already handed to the sendmail command",
                                remedy: .alreadyHandedToMail)
            case "sending":
                throw DeskError(.conflict, "message \(id) is being sent by a deliverer right now",
                                remedy: .waitForDeliverer)
            default:
                try db.run(sql: "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ?",
                           arguments: [Int(now.timeIntervalSince1970), id])
            }
            return try outboxItems(db, where: "id = ?", [id], now: now)[0]
        }
    }

    /// The outbox, oldest first; with `failedOnly`, the messages whose last attempt failed (retrying or given up).
    public func outbox(failedOnly: Bool = false, now: Date = Date()) async throws -> [OutboxItem] {
        try await database.read { db in
            try outboxItems(db, where: failedOnly ? "status = 'failed' OR (status = 'pending' AND last_error IS NOT NULL)" : "1", [], now: now)
        }
    }

    func outboxItems(_ db: Database, where condition: String, _ arguments: [Int64], now: Date) throws -> [OutboxItem] {
        try db.all(sql: "SELECT * FROM outbox WHERE \(condition) ORDER BY id", arguments: StatementArguments(arguments)).map { r in
            let next: Int = r["next_attempt_at"], status: String = r["status"]
            return OutboxItem(id: r["id"], status: status, subject: r["subject"], to: try Self.decode([String].self, r["recipients"]),
                              messageID: r["message_id"], created: LondonTime.format(Date(unix: r["created_at"])), attempts: r["attempts"],
                              nextAttempt: status == "pending" && next > Int(now.timeIntervalSince1970) ? LondonTime.format(Date(unix: next)) : nil,
                              sent: (r["sent_at"] as Int?).map { LondonTime.format(Date(unix: $0)) }, lastError: r["last_error"],
                              claimedBy: r["claimed_by"])
        }
    }

    /// One message as stored: what the deliverer renders and sends.
    public func outboxMessage(_ id: Int64) async throws -> OutgoingMessage {
        try await database.read { db in
            guard let text = try db.value(String.self, sql: "SELECT message FROM outbox WHERE id = ?", arguments: [id]) else {
                throw DeskError(.notFound, "no message \(id) in the outbox", remedy: .seeList(.outbox))
            }
            return try AuditTrail.decoder().decode(OutgoingMessage.self, from: Data(text.utf8))
        }
    }

    /// How many messages stand in each state.
    public func outboxCounts() async throws -> OutboxCounts {
        try await database.read { db in
            var counts = OutboxCounts()
            for row in try db.all(sql: "SELECT status, last_error IS NOT NULL AS erred, COUNT(*) AS n FROM outbox GROUP BY status, erred") {
                let n: Int = row["n"]
                switch row["status"] as String {
                case "pending": counts.pending += n; if row["erred"] as Bool { counts.retrying += n }
                case "sending": counts.sending += n
                case "sent": counts.sent += n
                default: counts.failed += n
                }
            }
            return counts
        }
    }

    /// Whether any message is due now (a cheap read the service makes before waking its deliverer).
    public func outboxDue(now: Date = Date()) async throws -> Bool {
        try await database.read { db in
            try db.value(Int.self, sql: "SELECT EXISTS (SELECT 1 FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?)",
                         arguments: [Int(now.timeIntervalSince1970)]) == 1
        }
    }
}

/// How the outbox retries (documented in docs/operations.md, "Email").
public enum OutboxPolicy {
    /// The first retry waits a minute; each after waits twice as long as the one before, up to an hour.
    public static let firstRetry: TimeInterval = 60
    public static let longestRetry: TimeInterval = 3600
    /// After this many failed attempts (about eight hours of trying) a message is `failed` until `outbox retry`.
    public static let maxAttempts = 12
    /// A claim older than this is taken back even when its deliverer may still be running (it outlasts the
    /// sendmail command's own time limit several times over).
    public static let staleClaim: TimeInterval = 600
}
