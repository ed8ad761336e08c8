import BriefingsDomain

/// The request form (`request-form.mustache`), checked against the rules and sent.
struct RequestFields: Decodable, Sendable {
    @FormText var matter: String?
    @FormText var details: String?
    @FormText var area: String?
    @FormText var meeting: String?
    @FormText var meetingDate: String?
    /// A committee meeting from the council's calendar (`CM-0003`), chosen instead of writing `meeting` and `meetingDate`.
    @FormText var meetingId: String?
    @FormText var onBehalfOf: String?
    @FormList var officer: [String]
    /// The meeting's date and clock time boxes; `start`, a whole local time, is read when neither is sent.
    @FormText var startDate: String?
    @FormText var startTime: String?
    @FormText var start: String?
    @FormText var duration: String?
    @FormText var segmentStart: String?
    @FormText var segment: String?
    @FormText var venue: String?
    @FormText var room: String?
    @FormText var virtual: String?
    @FormText var premises: String?
    @FormText var premisesKind: String?
    @FormList var attendee: [String]
    @FormText var guests: String?
    @FormText var joint: String?
    @FormText var budget: String?
    /// `meeting` (officers attend, the default) or `report`: a written report instead, wanted by `reportDue` (`001 §4.10`).
    @FormText var kind: String?
    @FormText var reportDue: String?
    /// An officer who attends as a senior officer's nominee, and the senior officer who nominates them (and endorses them).
    @FormText var nominee: String?
    @FormText var nominator: String?
}

/// An officer's flag of a request naming them (`request.mustache`).
struct FlagFields: Decodable, Sendable {
    @FormText var reason: String?
}

/// The approver's approval (`queue-item.mustache`): a reason for each refer rule, the rules they judged (a box each), and
/// why the answer is late.
struct ApproveFields: Decodable, Sendable {
    @FormKeyed var override: [String: String]
    @FormList var judged: [String]
    @FormText var explainDelay: String?

    /// The rules ticked under “What you judged”; a value that names no rule is refused naming that box.
    func judgedRules() throws -> Set<RuleID> {
        Set(try judged.map { name in
            guard let rule = RuleID(rawValue: name) else {
                throw DeskError(.invalid, "'\(name)' is not a rule", fix: "Tick only the boxes shown under “What you judged”.")
            }
            return rule
        })
    }
}

/// The approver's decline, with its reason.
struct DeclineFields: Decodable, Sendable {
    @FormText var reason: String?
    @FormText var explainDelay: String?
}

/// The approver's acknowledgement, with its message to the requester.
struct AcknowledgeFields: Decodable, Sendable {
    @FormText var message: String?
    /// The date by which the requester will hear (`type="date"`: YYYY-MM-DD), and why it is after the response date.
    @FormText var replyBy: String?
    @FormText var reason: String?

    /// The reply-by date, nil when the box is empty (the step then says it is needed); a date that cannot be read is
    /// refused naming the box.
    func replyByDate() throws -> LocalDate? {
        guard let text = replyBy else { return nil }
        guard let date = LocalDate(text) else {
            throw DeskError(.invalid, rule: .responseTime, "“\(text)” is not a date", remedy: .correctField(.replyBy, .unreadable))
        }
        return date
    }
}

/// An offer taken up (`offers.mustache`): with a session of the group's own (`mode=own`), by joining one (`mode=join`), or
/// a written report taken up as it is (`mode=report`, `001 §4.10`).
struct OfferAcceptFields: Decodable, Sendable {
    @FormText var mode: String?
    @FormText var onBehalfOf: String?
    @FormText var join: String?
    /// The meeting's date and clock time boxes; `start`, a whole local time, is read when neither is sent.
    @FormText var startDate: String?
    @FormText var startTime: String?
    @FormText var start: String?
    @FormText var duration: String?
    @FormText var segmentStart: String?
    @FormText var segment: String?
    @FormText var venue: String?
    @FormText var room: String?
    @FormText var virtual: String?
    @FormList var attendee: [String]
}

/// An offer declined, with its reason.
struct OfferDeclineFields: Decodable, Sendable {
    @FormText var onBehalfOf: String?
    @FormText var reason: String?
}

/// An officer's answer to an invitation (`sessions.mustache`): confirm, decline, nominate, or a nominee endorsed or refused.
struct RespondFields: Decodable, Sendable {
    @FormText var answer: String?
    @FormText var reason: String?
    @FormText var representative: String?
    @FormText var nominee: String?
}

/// An officer's proposal of another time for a session.
struct ProposeFields: Decodable, Sendable {
    @FormText var start: String?
    @FormText var duration: String?
    @FormText var segmentStart: String?
    @FormText var segment: String?
    @FormText var reason: String?
}

/// A group's written record of a session.
struct NoteFields: Decodable, Sendable {
    @FormText var text: String?
}

/// An officer's verification of a record, with any correction.
struct VerifyFields: Decodable, Sendable {
    @FormText var correction: String?
}

/// A record made final, with why it was not verified.
struct FinaliseFields: Decodable, Sendable {
    @FormText var unverifiedReason: String?
}

/// A briefing's material (`briefing.mustache`): for a budget briefing, the group whose own discussion it is for (`group`,
/// or the group of the session it was attached from).
struct MaterialFields: Decodable, Sendable {
    @FormText var text: String?
    @FormText var session: String?
    @FormText var group: String?
}

/// Sign-in with a password (`signin-password.mustache`); the password is read as typed.
struct PasswordSignInFields: Decodable, Sendable {
    @FormText var person: String?
    @FormSecret var password: String?
    @FormText var next: String?
}

/// Sign-in with a one-time link's Continue button (`signin-link.mustache`).
struct LinkSignInFields: Decodable, Sendable {
    @FormText var secret: String?
    @FormText var next: String?
}

/// "Sign in with your council account" (`signin-oidc.mustache`).
struct CouncilAccountSignInFields: Decodable, Sendable {
    @FormText var next: String?
}

/// A fresh secret link for one calendar feed (`subscribe.mustache`).
struct SubscribeFields: Decodable, Sendable {
    @FormText var feed: String?
}
