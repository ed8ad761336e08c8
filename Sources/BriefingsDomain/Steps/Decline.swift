import Foundation

/// The approver declines a request or a queued change, with a reason (RULES.md "decide"). Who may decline, and when a
/// late answer must explain itself, is as for `Approval`; the store then releases whatever a queued change held.
public enum Decline {
    public struct Input: Sendable {
        public var actor: String
        public var reason: String
        public var explainDelay: String?

        public init(actor: String, reason: String, explainDelay: String? = nil) {
            self.actor = actor; self.reason = reason; self.explainDelay = explainDelay
        }
    }

    public struct Plan: Sendable {
        public var request: BriefingRequest
        public var actor: String
        /// The audit name of the role the actor decided in.
        public var role: String
        public var reason: String
        public var delayExplanation: String?

        /// The audit entry: the reason.
        public var audit: AuditEntry {
            AuditEntry(actor: actor, role: role, action: "request.decline", subject: request.ref, details: ["reason": reason])
        }

        /// The requesting side hears, with the reason (and why it is late, when it is). A senior officer whose representative
        /// was not agreed is invited to the session again.
        public func events(in c: Council) -> [DeskEvent] {
            let r = request
            let declined: [DeskEvent] = [.requestDeclined(.init(request: r.ref, kind: r.kind, matter: r.proposal.matter.title, reason: reason,
                                                                lateExplanation: delayExplanation, to: r.requesterSide(c)))]
            guard r.kind == .nomination, let session = r.session else { return declined }
            return declined + [.sessionInvited(.init(session: session, request: r.ref,
                                                     why: .nominationDeclined(officer: r.requester, representative: r.representative ?? "", reason: reason)))]
        }
    }

    public static func decide(_ s: DecisionState, _ input: Input) -> Result<Plan, Refusal> {
        Result { () throws(Refusal) in
            try Decider.requireReason(input.reason, for: "declining a request")
            let c = s.council
            try Decider.requireDecider(input.actor, in: c, presence: s.presence)
            let r = try Decider.pending(s.request, ref: s.ref, when: LondonTime.format)
            let role = try Decider.role(input.actor, deciding: r, referred: [], in: c, presence: s.presence)
            let delay = try Decider.lateness(r, explanation: input.explainDelay, in: c, days: s.days, at: s.now)
            return Plan(request: r, actor: input.actor, role: role, reason: input.reason, delayExplanation: delay)
        }
    }
}
