import BriefingsDomain
import Foundation
import GRDB
import HummingbirdBcrypt

/// Why a sign-in was refused, in words for the person at the sign-in page. Never says whether the id exists.
public struct SignInRefusal: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var fix: String
    /// Refused because too many sign-ins failed recently (HTTP 429), rather than for these credentials (401).
    public var limited: Bool
    /// Refused because the council's identity provider could not be reached or answered nonsense (HTTP 502).
    public var unavailable: Bool

    public init(message: String, fix: String, limited: Bool = false, unavailable: Bool = false) {
        self.message = message
        self.fix = fix
        self.limited = limited
        self.unavailable = unavailable
    }

    public var description: String { "\(message)\nWhat to do: \(fix)" }
}

extension BriefingDesk {
    /// How long a sign-in link works after it is issued.
    public static let signInLinkLifetime: TimeInterval = 15 * 60
    /// Failed sign-ins are counted over this window…
    public static let signInWindow: TimeInterval = 15 * 60
    /// …and sign-in pauses after this many for one person…
    public static let signInFailuresPerPerson = 5
    /// …or this many from one address (several people may share an office's address).
    public static let signInFailuresPerAddress = 20
    /// How much of an id typed at sign-in (and of the address) a counted failure keeps: enough for any roster id
    /// people type; the rest of a longer one is cut (Unicode scalars, so at most four times as many bytes).
    public static let signInStoredIDLength = 64
    /// The shortest password an administrator may set.
    public static let passwordMinimumLength = 12
    /// bcrypt's work factor (2^12 rounds): about a quarter of a second per check on this class of machine.
    static let bcryptCost: UInt8 = 12
    /// Checked against when the id is unknown, so a wrong id takes as long as a wrong password.
    static let decoyHash = Bcrypt.hash("briefings decoy password", cost: bcryptCost)

    /// Sets (or replaces) a person's password for the web desk; only its bcrypt hash is stored.
    public func setPassword(for person: String, to password: String, by admin: String? = nil) async throws {
        if let problem = TextInput.lineProblem(password) {
            throw DeskError(.invalid, "the password: \(problem)", fix: "Choose a password of ordinary characters on one line.")
        }
        if password.count < Self.passwordMinimumLength {
            throw DeskError(.invalid, "the password is \(password.count) characters; it needs at least \(Self.passwordMinimumLength)",
                            fix: "Choose a longer one: three random words work well (NCSC guidance).")
        }
        let hash = await OffPool.run { Bcrypt.hash(password, cost: Self.bcryptCost) }, at = now()
        try await database.step { db in
            let c = try council(db)
            _ = try actor(person, in: c)
            let who = try administrativeActor(c, by: admin, for: nil)
            try PersonPasswordRecord(person: person, hash: hash, setAt: at.unix).upsert(db)
            try AuditTrail.append(db, at: at, actor: who.actor, role: who.role, action: "person.password", subject: person)
        }
    }

    /// Removes a person's password: they can then sign in only with a link an administrator gives them.
    public func removePassword(for person: String, by admin: String? = nil) async throws {
        let at = now()
        try await database.step { db in
            let c = try council(db)
            _ = try actor(person, in: c)
            let who = try administrativeActor(c, by: admin, for: nil)
            guard try PersonPasswordRecord.deleteOne(db, key: person) else {
                throw DeskError(.notFound, "\(person) has no password to remove", remedy: .noPasswordToRemove(person: person))
            }
            try AuditTrail.append(db, at: at, actor: who.actor, role: who.role, action: "person.password.remove", subject: person)
        }
    }

    /// Issues a one-time sign-in link's secret for a person, working once within `signInLinkLifetime`; only its hash is
    /// stored, and it replaces any earlier link of theirs not yet used.
    public func issueSignInLink(for person: String, by admin: String? = nil) async throws -> (secret: String, expires: Date) {
        let at = now(), secret = Self.newSecret("sil_"), expires = at.addingTimeInterval(Self.signInLinkLifetime)
        try await database.step { db in
            let c = try council(db)
            _ = try actor(person, in: c)
            let who = try administrativeActor(c, by: admin, for: nil)
            try SignInLinkRecord.filter(SignInLinkRecord.Columns.person == person && SignInLinkRecord.Columns.usedAt == nil)
                .updateAll(db, [SignInLinkRecord.Columns.usedAt.set(to: at.unix)])
            var link = SignInLinkRecord(person: person, hash: Self.secretHash(secret), createdAt: at.unix, expiresAt: expires.unix)
            try link.insert(db)
            try AuditTrail.append(db, at: at, actor: who.actor, role: who.role, action: "person.signin-link", subject: person,
                                  details: ["expires": LondonTime.format(expires)])
        }
        return (secret, expires)
    }

    /// Whose a sign-in link is, if it still works, without using it (the page that asks "Sign in as …?").
    public func signInLinkHolder(_ secret: String) async throws -> String? {
        let at = now()
        return try await database.read { db in
            guard let link = try SignInLinkRecord.live(secret, at: at).fetchOne(db) else { return nil }
            return try council(db).roster.roles(of: link.person).isEmpty ? nil : link.person
        }
    }

    /// Signs in with a roster id and password from an address; returns the person. Refused (`SignInRefusal`) for a
    /// wrong id or password, or while too many sign-ins failed recently for that person or from that address.
    ///
    /// The try is counted before its password is checked, in the same `BEGIN IMMEDIATE` transaction as the limit: it
    /// is written as a failure there and then, and only a right password takes it back. Simultaneous tries are
    /// serialised by that transaction and each sees the ones before it, so no more than the limit are ever checked;
    /// bcrypt runs after it commits, outside any transaction (a quarter of a second holding the write lock would hold up
    /// every other step). A try that dies half-way stays counted.
    public func signIn(person: String, password: String, address: String?) async throws -> String {
        let at = now(), counted = Self.counted(person), address = Self.counted(address ?? "unknown")
        let (attempt, stored) = try await database.step { db -> (Int64, String?) in
            try Self.refuseWhilePaused(db, person: counted, address: address, at: at)
            var attempt = SignInFailureRecord(person: counted, address: address, at: at.unix)
            try attempt.insert(db)
            guard try !council(db).roster.roles(of: person).isEmpty else { return (attempt.id!, nil) }
            return (attempt.id!, try PersonPasswordRecord.fetchOne(db, key: person)?.hash)
        }
        let matches = await OffPool.run { Bcrypt.verify(password, hash: stored ?? Self.decoyHash) } && stored != nil
        try await database.step { db in
            if matches {
                // This try and the failures before it are forgiven; tries still being checked beside it are not.
                try SignInFailureRecord.filter(SignInFailureRecord.Columns.person == counted && SignInFailureRecord.Columns.id <= attempt).deleteAll(db)
                try signedIn(db, person, method: "password", at: at)
            } else {
                try Self.recordFailure(db, person: person, method: "password", address: address, at: at)
            }
        }
        guard matches else {
            throw SignInRefusal(message: "that id and password do not match anyone who may sign in",
                                fix: "Check your id (for example m-patel) and your password. After \(Self.signInFailuresPerPerson) failed tries in \(Int(Self.signInWindow / 60)) minutes sign-in pauses; an administrator can set a new password or give you a sign-in link.",
                                limited: false)
        }
        return person
    }

    /// Signs in with a one-time link's secret, using it up; returns the person. The limit, the link and the failure
    /// are one transaction: no hashing to keep out of it.
    public func signIn(link secret: String, address: String?) async throws -> String {
        let at = now(), address = Self.counted(address ?? "unknown")
        let person = try await database.step { db -> String? in
            try Self.refuseWhilePaused(db, person: nil, address: address, at: at)
            if var link = try SignInLinkRecord.live(secret, at: at).fetchOne(db) {
                link.usedAt = at.unix
                try link.update(db)
                if try !council(db).roster.roles(of: link.person).isEmpty {
                    try signedIn(db, link.person, method: "link", at: at)
                    return link.person
                }
            }
            try Self.countFailure(db, method: "link", address: address, at: at)
            return nil
        }
        guard let person else {
            throw SignInRefusal(message: "this sign-in link does not work: it has been used already, it has expired (links last \(Int(Self.signInLinkLifetime / 60)) minutes), or a newer link replaced it",
                                fix: "Ask the council's administrator for a new link, or sign in with your password.",
                                limited: false)
        }
        return person
    }

    /// Signs in the roster person whose email address is `account`: the value of the claim `claim` in an ID token the
    /// council's identity provider signed (single sign-on; the token is checked before this is called). Refused for an
    /// address no one on the roster has, one two people share, or one the provider says it has not verified. The limit,
    /// the match and the failure are one transaction, as for a link.
    public func signIn(account: String?, claim: String, verified: Bool?, address: String?) async throws -> String {
        let at = now(), counted = Self.counted(address ?? "unknown")
        let outcome = try await database.step { db -> Result<String, SignInRefusal> in
            try Self.refuseWhilePaused(db, person: nil, address: counted, at: at)
            let refusal: SignInRefusal
            if let account, !account.isEmpty {
                let people = try council(db).roster.people(withEmail: account)
                if verified == false {
                    refusal = SignInRefusal(message: "the council's sign-in service says the address \(account) of your account is not verified",
                                            fix: "Verify the address with the council's IT team, then sign in again; or sign in with a password or a sign-in link.")
                } else if people.count == 1 {
                    try signedIn(db, people[0], method: "oidc", at: at)
                    return .success(people[0])
                } else if people.isEmpty {
                    refusal = SignInRefusal(message: "you signed in to the council account \(account), but no one on the briefings desk's roster has that address, so the desk cannot let you in",
                                            fix: "Ask the council's administrator (Democratic Services) to add \(account) to your entry on the roster; until then, sign in with a password or a sign-in link if you have one.")
                } else {
                    refusal = SignInRefusal(message: "\(account) is the address of more than one person on the roster (\(people.joined(separator: ", "))), so the desk cannot tell who you are",
                                            fix: "Ask the council's administrator (Democratic Services) to give each person their own address on the roster.")
                }
            } else {
                refusal = SignInRefusal(message: "the council's sign-in service did not say who you are: its token has no '\(claim)' claim, which the desk matches to the roster",
                                        fix: "Tell the council's IT team that the identity provider must release the '\(claim)' claim to the briefings desk (for email: the 'email' scope).")
            }
            try Self.countFailure(db, method: "oidc", address: counted, at: at)
            return .failure(refusal)
        }
        return try outcome.get()
    }

    /// Records a failed sign-in from an address (it counts toward the limits) and throws the refusal. Nothing is signed in.
    public func refuseSignIn(_ refusal: SignInRefusal, address: String?) async throws -> Never {
        let at = now(), counted = Self.counted(address ?? "unknown")
        try await database.step { db in try Self.countFailure(db, method: "oidc", address: counted, at: at) }
        throw refusal
    }

    /// Refuses while too many sign-ins failed within the window from the address (or for the person).
    public func limitSignIns(person: String?, address: String?) async throws {
        let at = now(), counted = Self.counted(address ?? "unknown")
        try await database.step { db in try Self.refuseWhilePaused(db, person: person.map(Self.counted), address: counted, at: at) }
    }

    /// A failure that names no person: counted toward the address's limit and kept in the audit trail.
    static func countFailure(_ db: Database, method: String, address: String, at: Date) throws {
        var failure = SignInFailureRecord(person: nil, address: address, at: at.unix)
        try failure.insert(db)
        try recordFailure(db, person: nil, method: method, address: address, at: at)
    }

    /// What a counted failure keeps of an id or address typed: its first `signInStoredIDLength` Unicode scalars.
    static func counted(_ typed: String) -> String {
        typed.unicodeScalars.count <= signInStoredIDLength ? typed : String(String.UnicodeScalarView(typed.unicodeScalars.prefix(signInStoredIDLength)))
    }

    /// Refuses while the tries within the window that have not signed in, for the person or from the address, reach
    /// the limit. A try refused here is not counted: the pause ends a window after the last try checked. Rows past the
    /// window are deleted first (the audit trail keeps the failures).
    static func refuseWhilePaused(_ db: Database, person: String?, address: String, at: Date) throws {
        let since = at.addingTimeInterval(-signInWindow).unix
        try SignInFailureRecord.filter(SignInFailureRecord.Columns.at <= since).deleteAll(db)
        let byPerson = try person.map { try SignInFailureRecord.filter(SignInFailureRecord.Columns.person == $0 && SignInFailureRecord.Columns.at > since).fetchCount(db) } ?? 0
        let byAddress = try SignInFailureRecord.filter(SignInFailureRecord.Columns.address == address && SignInFailureRecord.Columns.at > since).fetchCount(db)
        let again = "Wait \(Int(signInWindow / 60)) minutes and try again, or ask an administrator for a one-time sign-in link."
        if byPerson >= signInFailuresPerPerson {
            throw SignInRefusal(message: "sign-in for this id is paused: \(byPerson) tries in the last \(Int(signInWindow / 60)) minutes did not sign in", fix: again, limited: true)
        }
        if byAddress >= signInFailuresPerAddress {
            throw SignInRefusal(message: "sign-in from this address is paused: \(byAddress) tries in the last \(Int(signInWindow / 60)) minutes did not sign in", fix: again, limited: true)
        }
    }

    /// A success in the audit trail.
    func signedIn(_ db: Database, _ person: String, method: String, at: Date) throws {
        let role = try actor(person, in: try council(db)).first?.auditName ?? "person"
        try AuditTrail.append(db, at: at, actor: person, role: role, action: "signin", subject: person, details: ["method": method])
    }

    /// A failed sign-in in the audit trail, the evidence that outlives the counted rows (a success forgives those, and
    /// they go once past the window): the person tried when the id is one the council has had; what else was typed is not kept
    /// (it may be a password typed in the wrong box).
    static func recordFailure(_ db: Database, person: String?, method: String, address: String, at: Date) throws {
        let known = try person.flatMap { try PersonRecord.exists(db, key: $0) ? $0 : nil }
        try AuditTrail.append(db, at: at, actor: "anonymous", role: "not signed in", action: "signin.failed",
                              subject: known ?? (method == "link" ? "a link that does not work" : method == "oidc" ? "a council account the desk did not let in" : "an id not on the roster"),
                              details: ["method": method, "address": address])
    }

    // MARK: Web sessions (the store behind the desk's session cookie)

    /// Stores a web session under its cookie's key (only the key's hash is kept), for a person (nil before sign-in).
    ///
    /// An ended session never comes back. With no expiry this saves back a session the request read (a flash message,
    /// say): it updates that session's row while the row is not ended, and inserts nothing, so a form still in flight
    /// when the person was signed out cannot re-create their session. With an expiry it is a new session (the session
    /// middleware makes a new key for each): inserted, or, were its key already stored, updated only while not ended.
    /// `onlyIfNew` refuses (false) any key already stored, ended or not.
    public func saveWebSession(key: String, person: String?, value: String, expires: Date?, onlyIfNew: Bool = false) async throws -> Bool {
        let at = now()
        return try await database.step { db in
            let hash = Self.secretHash(key)
            let stored = WebSessionRecord.filter(key: hash)
            if try stored.fetchCount(db) > 0 {
                if onlyIfNew { return false }
                var changes = [WebSessionRecord.Columns.person.set(to: person), WebSessionRecord.Columns.value.set(to: value)]
                if let expires { changes.append(WebSessionRecord.Columns.expiresAt.set(to: expires.unix)) }
                return try stored.filter(WebSessionRecord.Columns.endedAt == nil).updateAll(db, changes) > 0
            }
            guard let expires else { return false }
            try WebSessionRecord(keyHash: hash, person: person, value: value, createdAt: at.unix, expiresAt: expires.unix).insert(db)
            return true
        }
    }

    /// A live web session's value and when it expires; nil when unknown, ended or expired.
    public func webSession(key: String) async throws -> (value: String, expires: Date?)? {
        let at = now()
        return try await database.read { db in
            guard let live = try WebSessionRecord.live(at: at).filter(key: Self.secretHash(key)).fetchOne(db) else { return nil }
            return (live.value, live.expiresAt.map(Date.init(unix:)))
        }
    }

    /// Takes a stored value once: returns it and deletes it in one transaction, so two requests with the same key cannot
    /// both have it (a single sign-on's state, used once). Nil when unknown, already taken or expired.
    public func takeWebSession(key: String) async throws -> String? {
        let at = now()
        return try await database.step { db in
            let stored = WebSessionRecord.live(at: at).filter(key: Self.secretHash(key))
            guard let live = try stored.fetchOne(db) else { return nil }
            try stored.updateAll(db, [WebSessionRecord.Columns.endedAt.set(to: at.unix)])
            return live.value
        }
    }

    /// Ends one web session (signing out).
    public func removeWebSession(key: String) async throws {
        let at = now()
        try await database.step { db in
            try WebSessionRecord.filter(key: Self.secretHash(key)).filter(WebSessionRecord.Columns.endedAt == nil)
                .updateAll(db, [WebSessionRecord.Columns.endedAt.set(to: at.unix)])
            try Self.pruneWebSessions(db, at: at)
        }
    }

    /// Ends every web session of a person at once; returns how many were live.
    public func endWebSessions(for person: String, by admin: String? = nil) async throws -> Int {
        let at = now()
        return try await database.step { db in
            let who = try administrativeActor(try council(db), by: admin, for: nil)
            let n = try Self.endWebSessions(db, of: person, at: at)
            try AuditTrail.append(db, at: at, actor: who.actor, role: who.role, action: "person.signout", subject: person,
                                  details: ["sessions": "\(n)"])
            return n
        }
    }

    /// Marks a person's live sessions ended (kept so that nothing saves them back); returns how many.
    static func endWebSessions(_ db: Database, of person: String, at: Date) throws -> Int {
        let n = try WebSessionRecord.live(at: at).filter(WebSessionRecord.Columns.person == person)
            .updateAll(db, [WebSessionRecord.Columns.endedAt.set(to: at.unix)])
        try pruneWebSessions(db, at: at)
        return n
    }

    /// Deletes the rows of sessions past their expiry, ended or not (and ended ones that never had one): nothing can
    /// use them, and a request that read one saves nothing back without its row.
    static func pruneWebSessions(_ db: Database, at: Date) throws {
        try WebSessionRecord.filter(WebSessionRecord.Columns.expiresAt <= at.unix
                                    || (WebSessionRecord.Columns.expiresAt == nil && WebSessionRecord.Columns.endedAt != nil)).deleteAll(db)
    }
}
