import Foundation

/// A group that joined a joint session withdraws from it (its leader, or its assistant for a named member), with a
/// reason: its attendees leave, its offer is open to answer again, and the session stands for the others. A host does
/// not withdraw from its own meeting: it cancels or moves it.
public enum Withdrawal {
    public struct Plan: Sendable {
        public var session: Session
        public var group: String
        public var actor: String
        public var role: String
        public var reason: String
        /// This group's own attendees, who leave with it, in the session's order (so its message names them in that order).
        public var leaving: [Attendee]
        /// The offer this group answered by joining, open again.
        public var offer: String

        var ref: String { Reference.format("SE", session.id) }

        public var audit: AuditEntry {
            AuditEntry(actor: actor, role: role, action: "session.withdraw", subject: ref, details: ["group": group, "reason": reason, "offer": offer])
        }

        /// The group's own people get a cancellation; everyone else the session as it now stands.
        public var events: [DeskEvent] {
            let left = leaving.compactMap { if case .person(let p) = $0 { p } else { nil } }
            return [.sessionChanged(session: ref, .withdrawn(group: group, offer: offer, reason: reason, left: left,
                                                              remaining: session.groupIDs.filter { $0 != group }))]
        }
    }

    public static func decide(_ s: Session, by actor: String, onBehalfOf: String?, reason: String, in c: Council) -> Result<Plan, Refusal> {
        Result { () throws(Refusal) in
            try Decider.requireReason(reason, for: "withdrawing from a joint session")
            try SessionAuthority.requireScheduled(s)
            let groups = s.groupIDs, ref = Reference.format("SE", s.id)
            let roles = try Decider.roles(actor, in: c)
            guard let group = groups.dropFirst().first(where: { g in
                roles.contains(.groupLeader(group: g)) || c.assists(g, actor: actor, onBehalfOf: onBehalfOf)
            }) else {
                let hosts = roles.contains(.groupLeader(group: groups[0]))
                throw Refusal(.forbidden, rule: .requester, clauses: c.profile.clauses(.requester),
                              hosts ? "\(c.name(groups[0])) hosts \(ref); a host does not withdraw from its own meeting"
                                    : "\(c.name(actor)) leads no group that joined \(ref)",
                              remedy: hosts ? .cancelOrMoveInstead(session: ref) : .joinedGroupWithdraws)
            }
            var seen = Set<Attendee>()
            let leaving = s.attendees(of: group, memberGroup: { c.roster.member($0)?.party }).filter { seen.insert($0).inserted }
            return Plan(session: s, group: group, actor: actor, role: c.groupRole(actor, group: group), reason: reason, leaving: leaving,
                        offer: Reference.format("OF", s.group(group)!.offer))
        }
    }
}
