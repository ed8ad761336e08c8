import BriefingsCalendar
import BriefingsStore
import Crypto
import Foundation
import NIOCore
import Synchronization

/// Rendered feeds, kept until anything they show may have changed. The desk's change stamp (audit head
/// and day) is read at most once a second, so a storm of polls costs no database work.
final class FeedCache: Sendable {
    /// A rendered feed with its validators, ready to send: nothing is formatted or copied per poll.
    struct Entry: Sendable {
        let body: ByteBuffer
        let etag: String
        let lastModified: Date?
        let lastModifiedHeader: String?
    }

    private struct State {
        var stamp = ""
        var checkedAt = Date.distantPast
        var subjects: [String: BriefingDesk.FeedSubject] = [:]   // secret → feed
        var feeds: [String: Entry] = [:]                          // feed key → rendered
    }

    private let state = Mutex(State())
    let desk: BriefingDesk
    /// How long a change stamp is trusted before it is read again.
    let freshness: TimeInterval

    init(desk: BriefingDesk, freshness: TimeInterval = 1) {
        self.desk = desk
        self.freshness = freshness
    }

    /// Drops everything if the desk changed since the last look (at most one look per `freshness`).
    private func refresh() throws {
        let now = Date()
        let due = state.withLock { now.timeIntervalSince($0.checkedAt) >= freshness }
        guard due else { return }
        let stamp = try desk.changeStamp()
        state.withLock {
            if $0.stamp != stamp { $0.subjects.removeAll(); $0.feeds.removeAll(); $0.stamp = stamp }
            $0.checkedAt = now
        }
    }

    /// The feed a secret opens, rendered; nil for an unknown or revoked secret.
    func feed(secret: String) throws -> Entry? {
        try refresh()
        var subject = state.withLock { $0.subjects[secret] }
        if subject == nil {
            guard let found = try desk.feedSubject(secret: secret) else { return nil }
            state.withLock { $0.subjects[secret] = found }
            subject = found
        }
        let key = subject!.key
        if let hit = state.withLock({ $0.feeds[key] }) { return hit }
        let feed = try desk.feed(subject!)
        let bytes = FeedRenderer.render(feed)
        let digest = SHA256.hash(data: bytes).prefix(16).map { String(format: "%02x", $0) }.joined()
        let modified = feed.events.map(\.lastModified).max()
        let entry = Entry(body: ByteBuffer(bytes: bytes), etag: "\"\(digest)\"", lastModified: modified,
                          lastModifiedHeader: modified.map(FeedController.httpDate))
        state.withLock { $0.feeds[key] = entry }
        return entry
    }
}
