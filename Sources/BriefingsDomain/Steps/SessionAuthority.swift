import Foundation

/// Who may move or cancel a session: the approver (or the acting deputy), or the host group's leader; a joined group
/// withdraws instead (`confidentiality`: one group never decides another's meeting).
public enum SessionAuthority {
    /// The audit role of someone who may move or cancel the session, or the refusal: a joined group's leader is told to
    /// withdraw instead, the deputy outside an absence why not.
    public static func hostOrApprover(_ actor: String, _ s: Session, in c: Council, presence: Decider.ApproverPresence,
                                      what: String) throws(Refusal) -> String {
        let ref = sessionRef(s), groups = s.groupIDs
        let roles = try Decider.roles(actor, in: c)
        if try Decider.actsAsApprover(actor, in: c, presence: presence) { return try Decider.approverRole(actor, in: c, presence: presence) }
        if roles.contains(.groupLeader(group: groups[0])) { return Role.groupLeader(group: groups[0]).auditName }
        if roles.contains(.deputyApprover) { _ = try Decider.approverRole(actor, in: c, presence: presence) }
        if let joined = groups.dropFirst().first(where: { roles.contains(.groupLeader(group: $0)) }) {
            throw Refusal(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                          "\(c.name(actor)) leads \(c.name(joined)), which joined \(ref); only the host group (\(c.name(groups[0]))) or the \(c.profile.approverTitle) may \(what) it",
                          remedy: .withdrawInstead(session: ref))
        }
        throw Refusal(.forbidden, "\(c.name(actor)) may not \(what) \(ref)",
                      remedy: .advice("Ask the leader of \(c.name(groups[0])) (the host group) or the \(c.profile.approverTitle)."))
    }

    /// Refuses a step on a cancelled session.
    public static func requireScheduled(_ s: Session) throws(Refusal) {
        if s.status == .cancelled { throw Refusal(.conflict, "\(sessionRef(s)) was cancelled", remedy: .advice("Propose a new session instead.")) }
    }

    static func sessionRef(_ s: Session) -> String { Reference.format("SE", s.id) }
}

/// The host group (or the approver) cancels a session with a reason; it keeps its history, and changes still waiting
/// for the approver are withdrawn with it. Everyone in it is sent the cancellation.
public enum Cancellation {
    public struct Plan: Sendable {
        public var session: String
        public var actor: String
        public var role: String
        public var reason: String

        public var audit: AuditEntry {
            AuditEntry(actor: actor, role: role, action: "session.cancel", subject: session, details: ["reason": reason])
        }

        public var events: [DeskEvent] { [.sessionChanged(session: session, .cancelled(by: actor, reason: reason))] }
    }

    public static func decide(_ s: Session, by actor: String, reason: String, in c: Council,
                              presence: Decider.ApproverPresence) -> Result<Plan, Refusal> {
        Result { () throws(Refusal) in
            try Decider.requireReason(reason, for: "cancelling a session")
            try SessionAuthority.requireScheduled(s)
            let role = try SessionAuthority.hostOrApprover(actor, s, in: c, presence: presence, what: "cancel")
            return Plan(session: SessionAuthority.sessionRef(s), actor: actor, role: role, reason: reason)
        }
    }
}
