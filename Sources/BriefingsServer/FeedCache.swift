import BriefingsCalendar
import BriefingsDomain
import BriefingsStore
import Crypto
import Foundation
import HTTPTypes
import NIOCore
import NIOPosix
import Synchronization

/// Rendered feeds, kept until anything they show may have changed. Before every poll it asks SQLite
/// whether any transaction committed since the last look (`AppDatabase.commitMark`: exact, whichever
/// process committed, and a few microseconds), so a revocation or a change is seen by the very next poll.
/// The day (cancelled sessions age out of feeds) is looked at once a second. A poll of a cached feed
/// costs that one question, one lock and two dictionary lookups.
final class FeedCache: Sendable {
    /// A rendered feed with its validators and response headers, ready to send: nothing is formatted or
    /// copied per poll. The body is the only copy of the rendered bytes; responses share its storage.
    struct Entry: Sendable {
        let body: ByteBuffer
        let etag: String
        let lastModified: Date?
        /// `Content-Type`, `ETag`, `Cache-Control` and `Last-Modified`, the same on a 200 and a 304.
        let headers: HTTPFields
    }

    private struct State {
        var mark: AppDatabase.CommitMark?                         // what the cached feeds were read after
        var stamp = ""
        var nextCheck: ContinuousClock.Instant?                   // nil: read the stamp on the next poll
        var subjects: [String: BriefingDesk.FeedSubject] = [:]   // secret → feed
        var feeds: [BriefingDesk.FeedSubject: Entry] = [:]        // feed → rendered

        mutating func clear() { subjects.removeAll(); feeds.removeAll() }
    }

    private let state = Mutex(State())
    let desk: BriefingDesk
    /// How long the day part of the change stamp is trusted before it is read again.
    let freshness: Duration

    init(desk: BriefingDesk, freshness: Duration = .seconds(1)) {
        self.desk = desk
        self.freshness = freshness
    }

    /// The feed a secret opens, rendered; nil for an unknown or revoked secret.
    func feed(secret: String) async throws -> Entry? {
        // Asked before anything is looked up or read: whatever is read after it is at least this fresh.
        let mark = try desk.database.commitMark()
        let now = ContinuousClock.now
        if let cached = cached(secret, mark, now) { return cached }
        try await refresh(mark, now)
        let subject: BriefingDesk.FeedSubject
        if let known = state.withLock({ $0.mark == mark ? $0.subjects[secret] : nil }) {
            subject = known
        } else {
            guard let found = try await desk.feedSubject(secret: secret) else { return nil }
            state.withLock { if $0.mark == mark { $0.subjects[secret] = found } }
            subject = found
        }
        if let hit = state.withLock({ $0.mark == mark ? $0.feeds[subject] : nil }) { return hit }
        let entry = try await render(subject)
        // Kept only if nothing committed meanwhile (another poll saw a newer mark): else it may be stale already.
        state.withLock { if $0.mark == mark { $0.feeds[subject] = entry } }
        return entry
    }

    /// The rendered feed for a secret if it can be sent right now without reading or rendering anything: SQLite says
    /// nothing committed since the feeds were read, the day was looked at within `freshness`, and this secret's feed
    /// is known and rendered. Nil when any of that is not so (`feed(secret:)` then goes the whole way) or SQLite cannot
    /// answer. An unknown or revoked secret is never here: only secrets the desk resolved since the last commit are.
    func ready(secret: String) -> Entry? {
        guard let mark = try? desk.database.commitMark() else { return nil }
        return cached(secret, mark, .now)
    }

    /// The common poll: nothing committed since `mark`, the day is checked, and the secret's feed is rendered.
    private func cached(_ secret: String, _ mark: AppDatabase.CommitMark, _ now: ContinuousClock.Instant) -> Entry? {
        state.withLock { s in
            guard s.mark == mark, let next = s.nextCheck, now < next, let subject = s.subjects[secret] else { return nil }
            return s.feeds[subject]
        }
    }

    /// Drops everything if a transaction committed since the last look, or (looked at once per `freshness`)
    /// the day changed.
    private func refresh(_ mark: AppDatabase.CommitMark, _ now: ContinuousClock.Instant) async throws {
        let (changed, due) = state.withLock { s in (s.mark != mark, s.nextCheck.map { now >= $0 } ?? true) }
        guard changed || due else { return }
        let stamp = try await desk.changeStamp()
        state.withLock {
            if $0.mark != mark || $0.stamp != stamp { $0.clear(); $0.stamp = stamp; $0.mark = mark }
            if due { $0.nextCheck = now + freshness }
        }
    }

    /// Renders a feed and its validators: read on GRDB's queues, rendered by libical on NIO's thread pool, off
    /// Swift's cooperative threads (a big council's render takes a while). It allocates tens of megabytes that are
    /// free again once the bytes are out; they are handed back to the system rather than kept by malloc.
    private func render(_ subject: BriefingDesk.FeedSubject) async throws -> Entry {
        let feed = try await desk.feed(subject)
        return try await NIOThreadPool.singleton.runIfActive {
            let entry = Self.entry(feed)
            SystemMemory.trim()
            return entry
        }
    }

    private static func entry(_ feed: Feed) -> Entry {
        let bytes = FeedRenderer.render(feed)
        let digest = SHA256.hash(data: bytes).prefix(16).map { String(format: "%02x", $0) }.joined()
        let etag = "\"\(digest)\""
        let modified = feed.events.map(\.lastModified).max()
        var headers: HTTPFields = [.contentType: "text/calendar; charset=utf-8", .eTag: etag, .cacheControl: "private, max-age=0, must-revalidate"]
        if let modified { headers[.lastModified] = FeedController.httpDate(modified) }
        return Entry(body: ByteBuffer(bytes: bytes), etag: etag, lastModified: modified, headers: headers)
    }
}
