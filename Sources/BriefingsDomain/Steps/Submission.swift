import Foundation

/// A group asks for officers at one of its meetings (or for a written report): judged at once, a `block` refuses it and
/// nothing is written; otherwise it joins the approver's queue (`approval`: prior agreement), and those who decide hear.
public enum Submission {
    /// The request as it will be judged: for the requester's own group when none is named (an ungrouped councillor's own
    /// line, or the group they lead or assist), and for one group only (the others are offered it after approval).
    public static func resolve(_ proposal: SessionProposal, in c: Council) throws(Refusal) -> SessionProposal {
        _ = try Decider.roles(proposal.requester, in: c)
        var p = proposal
        if p.groups.isEmpty, let own = c.roster.groupOf(p.requester) { p.groups = [own] }
        if p.groups.isEmpty {
            // The request is well formed; who sends it may not ask (403, exit 6), as for any other role refusal.
            throw Refusal(.forbidden, rule: .requester, clauses: c.profile.clauses(.requester),
                          "\(c.name(p.requester)) belongs to no group and is not a councillor", remedy: .nameGroup)
        }
        return p
    }

    /// Refuses a request for more than one group (checked once its input is known to be sound).
    public static func requireOneGroup(_ p: SessionProposal) throws(Refusal) {
        guard p.groups.count == 1 else { throw Refusal(.invalid, "a request is made by one group", remedy: .oneGroup) }
    }

    public struct Plan: Sendable {
        public var proposal: SessionProposal
        public var verdicts: [Verdict]
        /// The audit name of the requester's role for the group.
        public var role: String
        /// Who decides it now: the approver, and the deputy while they decide.
        public var deciders: [String]

        public var group: String { proposal.groups[0] }

        /// The audit entry, once the store has given the request its ref.
        public func audit(ref: String) -> AuditEntry {
            AuditEntry(actor: proposal.requester, role: role, action: "request.submit", subject: ref,
                       details: ["group": group, "matter": proposal.matter.title, "onBehalfOf": proposal.onBehalfOf ?? ""], verdicts: verdicts)
        }

        /// `clock`: the request's response clock as it is submitted (when the approver should acknowledge and decide it).
        public func events(ref: String, clock: ResponseClock? = nil) -> [DeskEvent] {
            [.requestSubmitted(.init(request: ref, proposal: proposal, referred: verdicts.referred.map(\.rule), acknowledgeBy: clock?.acknowledgeBy,
                                     decideBy: clock?.respondBy, to: deciders))]
        }
    }

    /// `p` as `resolve` gave it, its input checked; `verdicts`: every rule's against the bookings as they are now.
    public static func decide(_ p: SessionProposal, verdicts: [Verdict], in c: Council,
                              presence: Decider.ApproverPresence) -> Result<Plan, Refusal> {
        if !verdicts.blocking.isEmpty { return .failure(.refused(verdicts, failing: verdicts.blocking, what: "the request")) }
        return .success(Plan(proposal: p, verdicts: verdicts, role: c.groupRole(p.requester, group: p.groups[0]),
                             deciders: Decider.deciders(c, presence: presence)))
    }
}
