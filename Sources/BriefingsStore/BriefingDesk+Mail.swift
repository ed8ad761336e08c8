import BriefingsDomain
import BriefingsMessages
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Who hears what (issue 12; `docs/operations.md`, "Email"). Every message is a notification naming each of its
/// recipients (`no-silent-copies`), recorded in the step's own transaction together with its outbox message for the
/// recipients who have an address: a step that does not commit sends nothing, and nothing it committed is forgotten.
///
/// | step | who hears |
/// |---|---|
/// | new request; a change waiting (a take-up, join or move a rule referred) | the approver, and the deputy while they decide |
/// | acknowledgement, decision | the requester (and the member they asked for) and their group's leader |
/// | offer | each other group's leader and assistants, with that group's own offer (a budget or embargoed title never) |
/// | session agreed, confirmed, moved, joined, cancelled | its officers (their segment) and each group's own attendees, with a calendar invitation |
/// | officer declines, proposes a time, nominates | the session's groups' leaders and the approver |
extension BriefingDesk {
    /// Records a notification naming every recipient (`no-silent-copies`) and, for the recipients with an email address,
    /// its message in the outbox, in the step's transaction. Nothing is sent here: a deliverer sends it once committed.
    /// The notification keeps the letter's text with its desk links as paths (`EmailLayout.text`); the email keeps the
    /// letter itself, laid out with the council's public address when it is sent.
    func notify(_ db: Database, _ c: Council, at: Date, subject: String, letter: Letter, to: [String], blindCopies: [String] = [],
                invitation: OutgoingMessage.Invitation? = nil, replies: ReplyTokens? = nil) throws {
        var seen = Set<String>()
        let n = Notification(subject: subject, body: EmailLayout.text(letter, base: nil), to: to.filter { !$0.isEmpty && seen.insert($0).inserted },
                             blindCopies: blindCopies)
        let v = n.verdict(c.profile)
        if !v.passed && v.severity == .block { throw DeskError.refused([v], failing: [v], what: "the notification") }
        try db.run(sql: "INSERT INTO notification (at, subject, body, recipients) VALUES (?, ?, ?, ?)",
                   arguments: [at.unix, subject, n.body, Self.json(n.to)])
        try queueMail(db, c, notification: db.lastInsertedRowID, n, letter: letter, at: at, invitation: invitation, replies: replies)
    }

    /// An officers' invitation whose answers the desk reads (issue 24): its session and SEQUENCE, which each officer's
    /// reply token is tied to.
    struct ReplyTokens {
        var session: Int64
        var sequence: Int
    }

    /// The notification's email, for those of its recipients who have an address: all of them on the To line, and
    /// the letter's last lines naming everyone it is for, those without an address too. Nothing when the council has no
    /// desk address or nobody on it has an address.
    /// An officers' invitation the desk reads answers to (`replies`) goes to each officer on their own, its ORGANIZER and
    /// Reply-To the desk's address plus-addressed with that officer's reply token (`reply_token`), the letter still
    /// naming everyone it is for.
    func queueMail(_ db: Database, _ c: Council, notification id: Int64, _ n: BriefingsDomain.Notification, letter: Letter, at: Date,
                   invitation: OutgoingMessage.Invitation?, replies: ReplyTokens? = nil) throws {
        guard let desk = c.roster.councilEmail else { return }
        let people = n.to.compactMap { p in c.roster.email(of: p).map { (id: p, address: OutgoingMessage.Address(name: c.name(p), email: $0)) } }
        guard !people.isEmpty else { return }
        var letter = letter
        letter.footer = EmailText.footer(council: c, recipients: n.to, desk: desk)
        let from = OutgoingMessage.Address(name: c.roster.councilName, email: desk)
        func queue(_ to: [OutgoingMessage.Address], replyTo: OutgoingMessage.Address?) throws {
            let messageID = "n\(id).\(Self.randomUUID())@\(EmailAddress.domain(of: desk))"
            let message = OutgoingMessage(messageID: messageID, date: at, from: from, to: to, subject: n.subject, letter: letter,
                                          invitation: invitation, replyTo: replyTo)
            try db.run(sql: """
                INSERT INTO outbox (notification_id, message_id, created_at, recipients, subject, message) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [id, messageID, at.unix, Self.json(to.map { $0.email }), n.subject, AuditTrail.encode(message)])
        }
        guard let replies, invitation?.method == .request else { return try queue(people.map { $0.address }, replyTo: nil) }
        for person in people {
            let token = Self.replyToken()
            try ReplyTokenRecord(hash: Self.secretHash(token), sessionID: replies.session, officerID: person.id, email: person.address.email,
                                 sequence: replies.sequence, createdAt: at.unix, usedAt: nil).insert(db)
            try queue([person.address], replyTo: .init(name: c.roster.councilName, email: EmailAddress.plus(desk, token)))
        }
    }

    /// An unguessable reply token that survives a mail system folding the case of a local part: 128 random bits as 26
    /// lower-case base32 letters and digits.
    static func replyToken() -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        bytes.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, 16) }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        var out = "", buffer = 0, bits = 0
        for b in bytes {
            buffer = buffer << 8 | Int(b); bits += 8
            while bits >= 5 { out.append(alphabet[(buffer >> (bits - 5)) & 31]); bits -= 5 }
            buffer &= (1 << bits) - 1
        }
        if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return out
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A random (version 4) UUID in lower case, `8-4-4-4-12` hex digits, from the system's random source in one call.
    /// Foundation's `UUID()` opens, reads and closes `/dev/urandom` on every call on Linux: with several messages a
    /// step, that was about 3% of an approval's time.
    static func randomUUID() -> String {
        var bytes: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &bytes) { arc4random_buf($0.baseAddress!, 16) }
        return withUnsafeMutableBytes(of: &bytes) { raw -> String in
            raw[6] = raw[6] & 0x0F | 0x40   // version 4
            raw[8] = raw[8] & 0x3F | 0x80   // RFC 4122 variant
            return String(unsafeUninitializedCapacity: 36) { text in
                let hex = hexDigits
                var n = 0
                for i in 0..<16 {
                    if i == 4 || i == 6 || i == 8 || i == 10 { text[n] = UInt8(ascii: "-"); n += 1 }
                    text[n] = hex[Int(raw[i] >> 4)]; text[n + 1] = hex[Int(raw[i] & 0x0F)]; n += 2
                }
                return n
            }
        }
    }

    /// The approver, and the deputy while they decide (the approver recorded as away, or `deputyActsAnyTime`).
    func deciders(_ db: Database, _ c: Council, at: Date) throws -> [String] {
        Decider.deciders(c, presence: try approverPresence(db, at: at))
    }

    /// Records what a step's events tell their readers, in its transaction: each event worded by `EmailText`, a
    /// notification (and its email) for each message, a calendar invitation for each session invited. `created`: a
    /// session the step booked, as stored, so its invitations need not read it again.
    func publish(_ db: Database, _ c: Council, _ events: [DeskEvent], at: Date, created: Session? = nil) throws {
        for event in events {
            for draft in EmailText.render(event, in: c) {
                switch draft {
                case .note(let subject, let letter, let to):
                    try notify(db, c, at: at, subject: subject, letter: letter, to: to)
                case .invitation(let ref, let news, let officers, let attendees, let groups, let only):
                    let id = try Ref.parse(ref, "SE")
                    try invite(db, c, session: created?.id == id ? created! : loadSession(db, id), at: at, news: news,
                               officers: officers, attendees: attendees, groups: groups, only: only)
                case .cancellation(let ref, let officerView, let part, let news, let to):
                    try sendInvitation(db, c, session: try loadSession(db, try Ref.parse(ref, "SE")), at: at, officerView: officerView,
                                       news: news, part: part, to: to, method: .cancel)
                }
            }
        }
    }

    /// The roster people a group brought to a session (guests have no address).
    func attendeeIDs(_ c: Council, _ s: Session, group: String) -> [String] {
        s.attendees(of: group, memberGroup: { c.roster.member($0)?.party }).compactMap { if case .person(let p) = $0 { p } else { nil } }
    }

    /// Calendar invitations for a session, made from the very event its feeds show (`sessionEvent`: same UID, SEQUENCE
    /// and times): one message to the officers still attending (their segment only), and one to each group's own
    /// attendees (the whole meeting: no group sees another's attendees, `confidentiality`). REQUEST while it is
    /// scheduled, CANCEL once cancelled (the cancellation raised its SEQUENCE). `groups` limits the attendees' messages
    /// (nil: every group of the session); `officers` or `attendees` nil sends them none; `only` limits the officers'
    /// message to those officers (nil: every officer who holds an invitation, never a nominee not yet endorsed,
    /// `003 §7.9`). `s` is the session as stored.
    func invite(_ db: Database, _ c: Council, session s: Session, at: Date, news: String,
                officers: InvitationPart?, attendees: InvitationPart?, groups: [String]? = nil, only: [String]? = nil) throws {
        assert(s == (try? loadSession(db, s.id)), "invitations for \(Ref.format("SE", s.id)) made from a session that is not as stored")
        if let officers {
            try sendInvitation(db, c, session: s, at: at, officerView: true, news: news, part: officers,
                               to: only.map { Set($0) }.map { only in s.invitees.filter(only.contains) } ?? s.invitees)
        }
        guard let attendees else { return }
        for g in groups ?? s.groupIDs {
            try sendInvitation(db, c, session: s, at: at, officerView: false, news: news, part: attendees, to: attendeeIDs(c, s, group: g))
        }
    }

    /// One invitation message: the session's event as the recipients' feed shows it, worded by `EmailText.invitation`
    /// (what happened, the session's facts, what the reader is asked, the desk page). Nobody to send to, nothing sent.
    func sendInvitation(_ db: Database, _ c: Council, session s: Session, at: Date, officerView: Bool, news: String,
                        part: InvitationPart, to: [String], method: OutgoingMessage.Method? = nil) throws {
        guard !to.isEmpty else { return }
        var event = sessionEvent(s, c, officerView: officerView)
        let method = method ?? (event.status == .cancelled ? .cancel : .request)
        // A cancellation cancels the event for its recipients, even where the session stands for others (a withdrawal).
        if method == .cancel { event.status = .cancelled }
        let (subject, letter) = EmailText.invitation(session: Ref.format("SE", s.id), matter: s.matter.title, event: event,
                                                     officerView: officerView, news: news, part: part)
        // An officer's invitation asks for their answer from the calendar, to a reply address of its own (issue 24).
        try notify(db, c, at: at, subject: subject, letter: letter, to: to, invitation: .init(method: method, event: event),
                   replies: officerView && method == .request ? ReplyTokens(session: s.id, sequence: event.sequence) : nil)
    }

    /// `A`, `A and B`, `A, B and C`.
    static func list(_ items: [String]) -> String { Wording.list(items) }
}
