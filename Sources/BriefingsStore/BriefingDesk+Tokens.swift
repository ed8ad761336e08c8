import BriefingsDomain
import Foundation
import GRDB

extension BriefingDesk {
    /// A token as listed: never the token itself, which is shown once when issued.
    public struct TokenLine: Sendable, Codable {
        public var id: Int64
        public var person: String
        public var label: String
        public var created: String
        public var revoked: String?
    }

    static func secretHash(_ secret: String) -> String { AuditTrail.sha256Hex(secret) }

    static func newSecret(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return prefix + base64
    }

    /// Issues a bearer token for a roster person; only its hash is stored. Returns (id, token).
    public func issueToken(for person: String, label: String = "", by admin: String? = nil) async throws -> (id: Int64, token: String) {
        let at = now(), token = Self.newSecret("brf_")
        try Forms.oneLine([("token label", label)])
        return try await database.step { db in
            let c = try council(db)
            _ = try actor(person, in: c)
            let who = try administrativeActor(c, by: admin, for: nil)
            try db.run(sql: "INSERT INTO api_token (person, hash, label, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [person, Self.secretHash(token), label, at.unix])
            let id = db.lastInsertedRowID
            try AuditTrail.append(db, at: at, actor: who.actor, role: who.role, action: "token.issue", subject: person,
                                  details: ["token": "\(id)", "label": label])
            return (id, token)
        }
    }

    /// Revokes a token, and ends every web session of its person.
    public func revokeToken(_ id: Int64, by admin: String? = nil) async throws {
        let at = now()
        try await database.step { db in
            let who = try administrativeActor(try council(db), by: admin, for: nil)
            guard let person = try db.value(String.self, sql: "SELECT person FROM api_token WHERE id = ? AND revoked_at IS NULL", arguments: [id]) else {
                throw DeskError(.notFound, "no live token \(id)", remedy: .seeList(.tokens))
            }
            try db.run(sql: "UPDATE api_token SET revoked_at = ? WHERE id = ?", arguments: [at.unix, id])
            // Revoking a person's token ends their signed-in browsers too: whoever lost the laptop lost both.
            let ended = try Self.endWebSessions(db, of: person, at: at)
            try AuditTrail.append(db, at: at, actor: who.actor, role: who.role, action: "token.revoke", subject: person,
                                  details: ["token": "\(id)", "webSessions": "\(ended)"])
        }
    }

    public func tokens() async throws -> [TokenLine] {
        try await database.read { db in
            try APITokenRecord.order(APITokenRecord.CodingKeys.id).fetchAll(db).map {
                TokenLine(id: $0.id, person: $0.person, label: $0.label, created: LondonTime.format(Date(unix: $0.createdAt)),
                          revoked: $0.revokedAt.map { LondonTime.format(Date(unix: $0)) })
            }
        }
    }

    /// The roster person a live token belongs to, if it is live and they are still on the roster.
    public func authenticate(token: String) async throws -> String? {
        try await database.read { db in
            guard let person = try db.value(String.self, sql: "SELECT person FROM api_token WHERE hash = ? AND revoked_at IS NULL",
                                            arguments: [Self.secretHash(token)]) else { return nil }
            return try council(db).roster.roles(of: person).isEmpty ? nil : person
        }
    }

    /// Issues the secret of a feed URL for one subscriber, replacing their earlier secret for the same feed.
    /// Only someone entitled to the feed gets one (`confidentiality`).
    public func issueFeedSecret(_ subject: FeedSubject, for person: String) async throws -> String {
        try await issueFeedSecret(subject, for: person, by: nil)
    }

    /// As `issueFeedSecret(_:for:)`, recorded as `by`'s step: the person themself on the desk or the API, or an administrator.
    public func issueFeedSecret(_ subject: FeedSubject, for person: String, by: String?) async throws -> String {
        let at = now(), secret = Self.newSecret("")
        return try await database.step { db in
            let c = try council(db)
            let roles = try actor(person, in: c)
            let oversight = roles.contains { [.approver, .deputyApprover, .monitoringOfficer].contains($0) }
            let allowed: Bool = switch subject {
            case .officer(let id): id == person || oversight
            case .group(let g): c.roster.groupOf(person) == g || oversight
            case .member(let m): m == person
            case .overview: oversight
            }
            guard allowed else {
                throw DeskError(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                                "\(c.name(person)) may not subscribe to \(subject.key)'s feed",
                                fix: "Subscribe people to their own feed: an officer's own, their group's, or their own as a member.")
            }
            _ = try feed(db, c, subject, at: at) // refuses an unknown officer, group or member
            try FeedSecretRecord.live(of: person, subject: subject).updateAll(db, [FeedSecretRecord.Columns.revokedAt.set(to: at.unix)])
            var record = FeedSecretRecord(hash: Self.secretHash(secret), subject: subject.key, person: person, createdAt: at.unix)
            try record.insert(db)
            let who = try administrativeActor(c, by: by, for: person)
            try AuditTrail.append(db, at: at, actor: who.actor, role: who.role, action: "feed.issue", subject: subject.key, details: ["subscriber": person])
            return secret
        }
    }

    /// Revokes every live feed secret of a subscriber (for one feed, or all).
    public func revokeFeedSecrets(for person: String, subject: FeedSubject? = nil) async throws -> Int {
        try await revokeFeedSecrets(for: person, subject: subject, by: nil)
    }

    /// As `revokeFeedSecrets(for:subject:)`, recorded as `by`'s step: the person themself, or an administrator.
    public func revokeFeedSecrets(for person: String, subject: FeedSubject?, by: String?) async throws -> Int {
        let at = now()
        return try await database.step { db in
            let who = try administrativeActor(try council(db), by: by, for: person)
            let n = try FeedSecretRecord.live(of: person, subject: subject).updateAll(db, [FeedSecretRecord.Columns.revokedAt.set(to: at.unix)])
            try AuditTrail.append(db, at: at, actor: who.actor, role: who.role, action: "feed.revoke", subject: person, details: ["feeds": "\(n)"])
            return n
        }
    }

    /// The feed a live secret opens, or nil: unknown and revoked secrets are indistinguishable.
    public func feedSubject(secret: String) async throws -> FeedSubject? {
        try await database.read { db in
            try FeedSecretRecord.filter(FeedSecretRecord.Columns.hash == Self.secretHash(secret) && FeedSecretRecord.Columns.revokedAt == nil)
                .fetchOne(db).flatMap { FeedSubject(key: $0.subject) }
        }
    }

    /// A number that changes whenever anything a feed shows may have changed: the audit trail's head
    /// (every write appends to it) and the day (cancelled sessions age out of feeds).
    public func changeStamp() async throws -> String {
        let day = LocalDate(now()).description
        return try await database.read { db in
            "\(try db.value(Int64.self, sql: "SELECT seq FROM audit_head WHERE id = 1") ?? 0)-\(day)"
        }
    }
}
