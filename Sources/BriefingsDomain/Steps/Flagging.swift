import Foundation

/// An officer named in a pending request flags it as unreasonable, with a reason, for the approver to determine
/// (`001 §4.10`); the approver sees the flag in the queue and is told at once, as is the officer.
public enum Flagging {
    public struct Plan: Sendable {
        public var request: BriefingRequest
        public var officer: String
        public var reason: String
        public var deciders: [String]

        public var audit: AuditEntry {
            AuditEntry(actor: officer, role: Role.officer.auditName, action: "request.flag", subject: request.ref, details: ["reason": reason])
        }

        public var events: [DeskEvent] {
            [.requestFlagged(.init(request: request.ref, matter: request.proposal.matter.title, officer: officer, reason: reason, to: deciders + [officer]))]
        }
    }

    public static func decide(_ s: DecisionState, officer: String, reason: String) -> Result<Plan, Refusal> {
        Result { () throws(Refusal) in
            try Decider.requireReason(reason, for: "flagging a request")
            let c = s.council
            _ = try Decider.roles(officer, in: c)
            let r = try Decider.pending(s.request, ref: s.ref, when: LondonTime.format)
            guard c.roster.officer(officer) != nil, r.proposal.names(officer: officer) else {
                throw Refusal(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                              "\(c.name(officer)) is not named in \(r.ref)", remedy: .seeOwnRequests)
            }
            return Plan(request: r, officer: officer, reason: reason, deciders: Decider.deciders(c, presence: s.presence))
        }
    }
}
