import BriefingsCalendar
import BriefingsStore
import Crypto
import Foundation
import HTTPTypes
import NIOCore
import Synchronization

/// Rendered feeds, kept until anything they show may have changed. The desk's change stamp (audit head
/// and day) is read at most once a second, so a storm of polls costs no database work: a poll of a
/// cached feed is one lock and two dictionary lookups.
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
        var stamp = ""
        var nextCheck: ContinuousClock.Instant?                   // nil: read the stamp on the next poll
        var subjects: [String: BriefingDesk.FeedSubject] = [:]   // secret → feed
        var feeds: [BriefingDesk.FeedSubject: Entry] = [:]        // feed → rendered
    }

    private let state = Mutex(State())
    let desk: BriefingDesk
    /// How long a change stamp is trusted before it is read again.
    let freshness: Duration

    init(desk: BriefingDesk, freshness: Duration = .seconds(1)) {
        self.desk = desk
        self.freshness = freshness
    }

    /// The feed a secret opens, rendered; nil for an unknown or revoked secret.
    func feed(secret: String) throws -> Entry? {
        let now = ContinuousClock.now
        // The common poll: the stamp is fresh and the feed is rendered.
        let cached: Entry? = state.withLock { s in
            guard let next = s.nextCheck, now < next, let subject = s.subjects[secret] else { return nil }
            return s.feeds[subject]
        }
        if let cached { return cached }
        try refresh(now)
        let subject: BriefingDesk.FeedSubject
        if let known = state.withLock({ $0.subjects[secret] }) {
            subject = known
        } else {
            guard let found = try desk.feedSubject(secret: secret) else { return nil }
            state.withLock { $0.subjects[secret] = found }
            subject = found
        }
        if let hit = state.withLock({ $0.feeds[subject] }) { return hit }
        let entry = try render(subject)
        state.withLock { $0.feeds[subject] = entry }
        return entry
    }

    /// Drops everything if the desk changed since the last look (at most one look per `freshness`).
    private func refresh(_ now: ContinuousClock.Instant) throws {
        let due = state.withLock { $0.nextCheck.map { now >= $0 } ?? true }
        guard due else { return }
        let stamp = try desk.changeStamp()
        state.withLock {
            if $0.stamp != stamp { $0.subjects.removeAll(); $0.feeds.removeAll(); $0.stamp = stamp }
            $0.nextCheck = now + freshness
        }
    }

    /// Renders a feed and its validators. A big council's render allocates tens of megabytes that are
    /// free again once the bytes are out; they are handed back to the system rather than kept by malloc.
    private func render(_ subject: BriefingDesk.FeedSubject) throws -> Entry {
        let entry = try {
            let feed = try desk.feed(subject)
            let bytes = FeedRenderer.render(feed)
            let digest = SHA256.hash(data: bytes).prefix(16).map { String(format: "%02x", $0) }.joined()
            let etag = "\"\(digest)\""
            let modified = feed.events.map(\.lastModified).max()
            var headers: HTTPFields = [.contentType: "text/calendar; charset=utf-8", .eTag: etag, .cacheControl: "private, max-age=0, must-revalidate"]
            if let modified { headers[.lastModified] = FeedController.httpDate(modified) }
            return Entry(body: ByteBuffer(bytes: bytes), etag: etag, lastModified: modified, headers: headers)
        }()
        SystemMemory.trim()
        return entry
    }
}
