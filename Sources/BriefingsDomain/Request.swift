import Foundation

/// What a request asks the approver to agree: a new briefing, or a change to a session a rule referred.
public enum RequestKind: String, Sendable, Hashable, Codable {
    case request
    /// Another group takes up an offer with a session of its own.
    case acceptance
    case join
    case reschedule
    /// A senior officer's representative a rule refers (their hours, a day they never work): waits for the approver.
    case nomination
    /// An officer's material that a rule warns about (advice-limits): held, unseen by any group, until the approver
    /// releases it or declines it with a reason (issue 23 item 8).
    case material

    /// The workflow step it is judged as (`docs/workflow.md`).
    public var transition: Transition {
        switch self {
        case .request: .request
        case .acceptance: .takeUp
        case .join: .join
        case .reschedule: .reschedule
        case .nomination: .nominate
        case .material: .decide
        }
    }
}

/// Where a request stands with the approver.
public enum RequestStatus: String, Sendable, Hashable, Codable {
    case pending, approved, declined, withdrawn
}

/// A request (or a queued change) as a step reads it: what was asked, by whom, and where it stands.
public struct BriefingRequest: Sendable, Hashable {
    /// `RQ-0007`.
    public var ref: String
    public var kind: RequestKind
    public var status: RequestStatus
    public var group: String
    public var requester: String
    public var onBehalfOf: String?
    public var proposal: SessionProposal
    public var submitted: Date
    public var acknowledged: Date?
    /// The date the approver's latest acknowledgement said the requester will hear by, and why it is later than the
    /// council's response date where it is (`response-time`: `004 §6.5.8`, `000 §17.8.2`).
    public var replyBy: LocalDate?
    public var replyByReason: String?
    public var decided: Date?
    public var decidedBy: String?
    /// The briefing it belongs to: a change's, or the one an approval created.
    public var briefing: String?
    /// The session a change concerns (`SE-0003`).
    public var session: String?
    /// Whether an officer it names flagged it as unreasonable (`001 §4.10`).
    public var flagged: Bool

    public init(ref: String, kind: RequestKind, status: RequestStatus, group: String, requester: String, onBehalfOf: String?,
                proposal: SessionProposal, submitted: Date, acknowledged: Date? = nil, replyBy: LocalDate? = nil, replyByReason: String? = nil,
                decided: Date? = nil, decidedBy: String? = nil, briefing: String? = nil, session: String? = nil, flagged: Bool = false) {
        self.replyBy = replyBy; self.replyByReason = replyByReason
        self.ref = ref; self.kind = kind; self.status = status; self.group = group; self.requester = requester
        self.onBehalfOf = onBehalfOf; self.proposal = proposal; self.submitted = submitted; self.acknowledged = acknowledged
        self.decided = decided; self.decidedBy = decidedBy; self.briefing = briefing; self.session = session; self.flagged = flagged
    }

    /// A queued nomination's representative: the officer the requesting senior officer sends in their place.
    public var representative: String? {
        kind == .nomination ? proposal.officers.first { $0.nominatedBy == requester }?.officer : nil
    }

    /// Who hears its acknowledgement and its decision.
    /// Held material is the officer's alone until released: only they hear.
    public func requesterSide(_ c: Council) -> [String] {
        kind == .material ? [requester] : c.requesterSide(requester: requester, onBehalfOf: onBehalfOf, group: group)
    }

    /// Where it stands against the council's acknowledgement and response times (`response-time`).
    public func clock(now: Date, profile: PolicyProfile, days: WorkingDays) -> ResponseClock {
        ResponseClock(submitted: submitted, acknowledged: acknowledged != nil, now: now, profile: profile, days: days,
                      acknowledgedAt: acknowledged, replyBy: replyBy, delayExplained: replyByReason != nil)
    }
}
