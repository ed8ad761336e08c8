import BriefingsDomain
import Foundation
import GRDB

/// How each roster person gets in, as the administrator's desk page shows it (issue 23): whether a password is set, a
/// sign-in link waiting to be used, their API tokens, the feeds they subscribe to and the browsers signed in. A read
/// only; never a secret, a hash or a calendar address. The steps that change these are the command line's own
/// (`setPassword`, `issueSignInLink`, `issueToken`, `revokeToken`, `revokeFeedSecrets`, `endWebSessions`).
extension BriefingDesk {
    public struct Access: Sendable {
        public struct FeedLine: Sendable, Equatable {
            /// `officer:ID`, `group:ID`, `member:ID` or `overview` (`FeedSubject.key`).
            public var subject: String
            public var created: Date
        }

        public var person: String
        /// When their password was set; nil: none (they sign in with a link or the council's account).
        public var passwordSet: Date?
        /// When their newest sign-in link not yet used stops working; nil: none waiting.
        public var linkExpires: Date?
        /// Every token issued to them, revoked ones too, oldest first.
        public var tokens: [TokenLine]
        /// Their feed URLs still working.
        public var feeds: [FeedLine]
        /// Browsers signed in as them now.
        public var webSessions: Int

        public var liveTokens: [TokenLine] { tokens.filter { $0.revoked == nil } }
    }

    /// Each person's access, by id; someone with nothing issued has an empty `Access` of their own only when asked for.
    public func access() async throws -> [String: Access] {
        let at = now()
        return try await database.read { db in
            var all: [String: Access] = [:]
            func edit(_ person: String, _ change: (inout Access) -> Void) {
                var a = all[person] ?? Access(person: person, tokens: [], feeds: [], webSessions: 0)
                change(&a)
                all[person] = a
            }
            for p in try PersonPasswordRecord.fetchAll(db) { edit(p.person) { $0.passwordSet = Date(unix: p.setAt) } }
            let links = SignInLinkRecord.filter(SignInLinkRecord.Columns.usedAt == nil && SignInLinkRecord.Columns.expiresAt > at.unix)
            for l in try links.fetchAll(db) { edit(l.person) { $0.linkExpires = max($0.linkExpires ?? .distantPast, Date(unix: l.expiresAt)) } }
            for t in try APITokenRecord.order(APITokenRecord.CodingKeys.id).fetchAll(db) {
                edit(t.person) {
                    $0.tokens.append(TokenLine(id: t.id, person: t.person, label: t.label, created: LondonTime.format(Date(unix: t.createdAt)),
                                               revoked: t.revokedAt.map { LondonTime.format(Date(unix: $0)) }))
                }
            }
            let feeds = FeedSecretRecord.filter(FeedSecretRecord.Columns.revokedAt == nil).order(FeedSecretRecord.Columns.id)
            for f in try feeds.fetchAll(db) { edit(f.person) { $0.feeds.append(.init(subject: f.subject, created: Date(unix: f.createdAt))) } }
            for s in try WebSessionRecord.live(at: at).filter(WebSessionRecord.Columns.person != nil).fetchAll(db) {
                if let person = s.person { edit(person) { $0.webSessions += 1 } }
            }
            return all
        }
    }

    /// One person's access (nothing issued: an empty one).
    public func access(of person: String) async throws -> Access {
        try await access()[person] ?? Access(person: person, tokens: [], feeds: [], webSessions: 0)
    }
}
