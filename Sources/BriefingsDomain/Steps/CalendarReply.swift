import Foundation

/// An officer's answer from their own calendar (issue 24): Outlook, Google Calendar or Apple Calendar sends an iMIP
/// `REPLY` or `COUNTER` (RFC 6047, RFC 5546) to the reply address unique to one invitation (its token). This step decides
/// what the message may do, before any rule: a confirmation, a decline (then judged by `OfficerResponse.decline`, the
/// same step as the desk), or a proposed time (`TimeProposal.propose`); or nothing, with the reason logged. A message
/// is never answered when it says it was sent automatically (`Auto-Submitted`, RFC 3834), so no two robots mail each
/// other for ever.
public enum CalendarReply {
    /// What the calendar says the officer did.
    public enum Answer: Sendable, Hashable {
        /// `PARTSTAT=ACCEPTED` in a `REPLY`.
        case accepted
        /// `PARTSTAT=DECLINED` in a `REPLY`; `comment`: the `COMMENT` the officer typed, if any.
        case declined(comment: String?)
        /// A `COUNTER` with a new `DTSTART` (and `DTEND`): the time the officer proposes instead.
        case counter(start: Date, end: Date, comment: String?)
        /// Any other answer (`TENTATIVE`, `DELEGATED`, a `REPLY` without a `PARTSTAT`…): the desk does not act on it.
        case other(String)
    }

    /// One message as read from the mail server: its envelope and headers, and its calendar part (nil fields where the
    /// message lacked them).
    public struct Message: Sendable, Hashable {
        /// The address in `From`.
        public var sender: String
        /// The `Auto-Submitted` header says it was sent by a program (anything but `no`).
        public var autoSubmitted: Bool
        /// The token in the address it was sent to (`briefings+TOKEN@…`).
        public var token: String?
        /// The calendar part's `METHOD`, `UID`, `SEQUENCE` and the answering `ATTENDEE`'s address.
        public var method: String?
        public var uid: String?
        public var sequence: Int?
        public var attendee: String?
        public var answer: Answer?

        public init(sender: String, autoSubmitted: Bool, token: String?, method: String?, uid: String?, sequence: Int?, attendee: String?,
                    answer: Answer?) {
            self.sender = sender; self.autoSubmitted = autoSubmitted; self.token = token; self.method = method; self.uid = uid
            self.sequence = sequence; self.attendee = attendee; self.answer = answer
        }
    }

    /// The invitation a reply token names, as the store keeps it: to whom it was sent, for which event and `SEQUENCE`,
    /// and whether it has been answered.
    public struct Invitation: Sendable, Hashable {
        public var session: Int64
        public var officer: String
        public var email: String
        public var uid: String
        public var sequence: Int
        public var used: Bool

        public init(session: Int64, officer: String, email: String, uid: String, sequence: Int, used: Bool) {
            self.session = session; self.officer = officer; self.email = email; self.uid = uid; self.sequence = sequence; self.used = used
        }
    }

    /// What the reply asks the desk to do, for the officer the invitation was sent to.
    public enum Decision: Sendable, Hashable {
        case confirm
        /// Decline with this reason (the officer's comment, or a reason saying it came from their calendar).
        case decline(reason: String)
        /// Propose this time for the officers' part (the session's meeting moved by as much).
        case propose(segmentStart: Date, segmentEnd: Date, reason: String)
    }

    /// A message the desk does not act on: why (for the log), and whether the sender may be told (never an automatic
    /// message, never a sender who is not the invitation's officer: that would mail a stranger).
    public struct Ignored: Error, Sendable, Hashable {
        public var reason: String
        public var answerSender: Bool

        public init(_ reason: String, answerSender: Bool = false) { self.reason = reason; self.answerSender = answerSender }
    }

    /// Decides what `m` may do: `invitation` is what its token names (nil: no such token), `session` that invitation's
    /// session as it stands now (nil: not found). Only the invitation's own officer, answering the invitation's event
    /// at its current `SEQUENCE`, on a session not cancelled, changes anything; once.
    public static func decide(_ m: Message, invitation: Invitation?, session: Session?) -> Result<Decision, Ignored> {
        Result { () throws(Ignored) in
            guard let token = m.token, !token.isEmpty else { throw Ignored("no reply token in the address it was sent to") }
            guard let inv = invitation else { throw Ignored("unknown reply token") }
            guard same(m.sender, inv.email) else {
                throw Ignored("sent by \(m.sender), not by the invitation's recipient")
            }
            guard let method = m.method?.uppercased(), let uid = m.uid, let answer = m.answer else {
                throw Ignored("malformed: no iCalendar REPLY or COUNTER with a UID and an answer", answerSender: !m.autoSubmitted)
            }
            guard method == "REPLY" || method == "COUNTER" else {
                throw Ignored("malformed: METHOD:\(method) is not REPLY or COUNTER", answerSender: !m.autoSubmitted)
            }
            guard uid == inv.uid else { throw Ignored("malformed: UID \(uid) is not the invitation's event \(inv.uid)", answerSender: !m.autoSubmitted) }
            guard let attendee = m.attendee, same(attendee, inv.email) else {
                throw Ignored("the ATTENDEE answering (\(m.attendee ?? "none")) is not the invitation's recipient")
            }
            guard !inv.used else { throw Ignored("reply token already used: the invitation was answered") }
            guard let session, session.id == inv.session else { throw Ignored("the invitation's session no longer exists") }
            guard session.status == .scheduled else {
                throw Ignored("\(Reference.format("SE", session.id)) was cancelled", answerSender: !m.autoSubmitted)
            }
            // A reply to an older version (an invitation since moved, or a calendar answering an old copy) says nothing of
            // the session as it stands: the newer invitation carries its own token.
            guard (m.sequence ?? 0) >= session.sequence, inv.sequence >= session.sequence else {
                throw Ignored("stale SEQUENCE \(m.sequence ?? 0): the invitation is now at SEQUENCE \(session.sequence)", answerSender: !m.autoSubmitted)
            }
            switch answer {
            case .accepted:
                guard method == "REPLY" else { throw Ignored("malformed: a COUNTER without a new time", answerSender: !m.autoSubmitted) }
                return .confirm
            case .declined(let comment):
                guard method == "REPLY" else { throw Ignored("malformed: a COUNTER without a new time", answerSender: !m.autoSubmitted) }
                return .decline(reason: text(comment) ?? "Declined from their calendar")
            case .counter(let start, let end, let comment):
                guard end > start else { throw Ignored("malformed: the proposed time ends before it starts", answerSender: !m.autoSubmitted) }
                return .propose(segmentStart: start, segmentEnd: end, reason: text(comment) ?? "Proposed from their calendar")
            case .other(let status):
                throw Ignored("\(status) is not an answer the desk acts on (accept, decline or propose a new time)", answerSender: !m.autoSubmitted)
            }
        }
    }

    /// The session at the officer's proposed time: the whole meeting moves with the officers' part, keeping its shape.
    public static func meeting(for s: Session, segmentStart: Date, segmentEnd: Date) -> (start: Date, end: Date) {
        let shift = segmentStart.timeIntervalSince(s.segmentStart)
        let longer = segmentEnd.timeIntervalSince(segmentStart) - s.segmentEnd.timeIntervalSince(s.segmentStart)
        return (s.meetingStart.addingTimeInterval(shift), s.meetingEnd.addingTimeInterval(shift + max(0, longer)))
    }

    /// A refused answer from the calendar, for the officer: what they tried, why it is refused (the rule and clause), and
    /// what they may do instead; nothing changed.
    public static func refused(_ r: Refusal, answer: Decision, session s: Session, officer: String) -> DeskEvent {
        let tried = switch answer {
        case .confirm: "accept"
        case .decline: "decline"
        case .propose: "propose another time for"
        }
        return .calendarAnswerRefused(.init(session: Reference.format("SE", s.id), matter: s.matter.title, start: s.segmentStart, tried: tried,
                                            refusal: r, to: [officer]))
    }

    static func same(_ a: String, _ b: String) -> Bool {
        bare(a) == bare(b)
    }

    /// An address without `mailto:` and case (RFC 5321 local parts are case-sensitive in theory, never in a council's mail).
    static func bare(_ address: String) -> String {
        var a = address.trimmingCharacters(in: .whitespaces)
        if a.lowercased().hasPrefix("mailto:") { a.removeFirst("mailto:".count) }
        return a.lowercased()
    }

    static func text(_ s: String?) -> String? {
        guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }
}
