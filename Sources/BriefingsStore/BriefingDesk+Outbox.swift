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
    private typealias Columns = OutboxRecord.Columns

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
            for var claim in try OutboxRecord.filter(Columns.status == OutboxStatus.sending).fetchAll(db) {
                let by = claim.claimedBy ?? ""
                guard by == deliverer || (claim.claimedAt ?? 0) < t - Int(staleAfter) || !isAlive(by) else { continue }
                claim.status = .pending; claim.nextAttemptAt = t; claim.claimedAt = nil; claim.claimedBy = nil
                claim.lastError = "the deliverer \(by) stopped while sending it; it is sent again under the same Message-ID, so it may arrive twice"
                try claim.update(db)
            }
            guard var due = try OutboxRecord.filter(Columns.status == OutboxStatus.pending && Columns.nextAttemptAt <= t).order(Columns.id).fetchOne(db)
            else { return nil }
            due.status = .sending; due.claimedAt = t; due.claimedBy = deliverer; due.attempts += 1
            try due.update(db)
            return ClaimedMessage(id: due.id, message: try due.outgoing(), attempt: due.attempts)
        }
    }

    /// Records a message handed to the sendmail command.
    public func recordSent(_ id: Int64, now: Date = Date()) async throws {
        try await database.step { db in
            try OutboxRecord.filter(key: id).updateAll(db, [Columns.status.set(to: OutboxStatus.sent), Columns.sentAt.set(to: Int(now.timeIntervalSince1970)),
                                                            Columns.claimedAt.set(to: nil), Columns.claimedBy.set(to: nil)])
        }
    }

    /// Records a failed attempt with what went wrong: pending again after the backoff, or failed once it has run out.
    /// Returns whether it will be tried again.
    @discardableResult
    public func recordFailure(_ id: Int64, error: String, now: Date = Date()) async throws -> Bool {
        try await database.step { db in
            // Taken back by another deliverer meanwhile: theirs to send.
            guard var sending = try OutboxRecord.filter(key: id).filter(Columns.status == OutboxStatus.sending).fetchOne(db) else { return true }
            let delay = Self.retryDelay(afterAttempts: sending.attempts)
            sending.status = delay == nil ? .failed : .pending; sending.nextAttemptAt = Int(now.timeIntervalSince1970 + (delay ?? 0))
            sending.lastError = error; sending.claimedAt = nil; sending.claimedBy = nil
            try sending.update(db)
            return delay != nil
        }
    }

    /// Makes a pending or failed message due now, its backoff started afresh (`briefings outbox retry ID`).
    public func retryMessage(_ id: Int64, now: Date = Date()) async throws -> OutboxItem {
        try await database.step { db in
            guard var record = try OutboxRecord.fetchOne(db, key: id) else {
                throw DeskError(.notFound, "no message \(id) in the outbox", remedy: .seeList(.outbox))
            }
            switch record.status {
            case .sent:
                throw DeskError(.conflict, "message \(id) was already handed to the sendmail command",
                                remedy: .alreadyHandedToMail)
            case .sending:
                throw DeskError(.conflict, "message \(id) is being sent by a deliverer right now",
                                remedy: .waitForDeliverer)
            case .pending, .failed:
                record.status = .pending; record.attempts = 0; record.nextAttemptAt = Int(now.timeIntervalSince1970)
                try record.update(db)
            }
            return try item(record, now: now)
        }
    }

    /// The outbox, oldest first; with `failedOnly`, the messages whose last attempt failed (retrying or given up).
    public func outbox(failedOnly: Bool = false, now: Date = Date()) async throws -> [OutboxItem] {
        try await database.read { db in
            let all = OutboxRecord.order(Columns.id)
            let failed = Columns.status == OutboxStatus.failed || (Columns.status == OutboxStatus.pending && Columns.lastError != nil)
            return try (failedOnly ? all.filter(failed) : all).fetchAll(db).map { try item($0, now: now) }
        }
    }

    func item(_ r: OutboxRecord, now: Date) throws -> OutboxItem {
        OutboxItem(id: r.id, status: r.status.rawValue, subject: r.subject, to: try Self.decode([String].self, r.recipients),
                   messageID: r.messageID, created: LondonTime.format(Date(unix: r.createdAt)), attempts: r.attempts,
                   nextAttempt: r.status == .pending && r.nextAttemptAt > Int(now.timeIntervalSince1970) ? LondonTime.format(Date(unix: r.nextAttemptAt)) : nil,
                   sent: r.sentAt.map { LondonTime.format(Date(unix: $0)) }, lastError: r.lastError, claimedBy: r.claimedBy)
    }

    /// One message as stored: what the deliverer renders and sends.
    public func outboxMessage(_ id: Int64) async throws -> OutgoingMessage {
        try await database.read { db in
            guard let record = try OutboxRecord.fetchOne(db, key: id) else {
                throw DeskError(.notFound, "no message \(id) in the outbox", remedy: .seeList(.outbox))
            }
            return try record.outgoing()
        }
    }

    /// How many messages stand in each state.
    public func outboxCounts() async throws -> OutboxCounts {
        try await database.read { db in
            var counts = OutboxCounts()
            let erred = Columns.lastError != nil
            for t in try OutboxRecord.select(Columns.status, erred, count(Columns.id)).group(Columns.status, erred).asRequest(of: OutboxTally.self).fetchAll(db) {
                switch t.status {
                case .pending: counts.pending += t.n; if t.erred { counts.retrying += t.n }
                case .sending: counts.sending += t.n
                case .sent: counts.sent += t.n
                case .failed: counts.failed += t.n
                }
            }
            return counts
        }
    }

    /// Whether any message is due now (a cheap read the service makes before waking its deliverer).
    public func outboxDue(now: Date = Date()) async throws -> Bool {
        try await database.read { db in
            try !OutboxRecord.filter(Columns.status == OutboxStatus.pending && Columns.nextAttemptAt <= Int(now.timeIntervalSince1970)).isEmpty(db)
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
