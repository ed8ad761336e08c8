/// The council as a step reads it: its roster and the profile in force.
public struct Council: Sendable {
    public var roster: Roster
    public var profile: PolicyProfile
    /// Names of everyone ever on the roster, including those since removed.
    public var names: [String: String]

    public init(roster: Roster, profile: PolicyProfile, names: [String: String]) {
        self.roster = roster; self.profile = profile; self.names = names
    }

    public func name(_ id: String) -> String { names[id] ?? id }

    /// Who hears an acknowledgement or a decision: the requester, the member they asked for, and their group's leader.
    public func requesterSide(requester: String, onBehalfOf: String?, group: String) -> [String] {
        [requester, onBehalfOf, roster.group(group)?.leader].compactMap { $0 }
    }

    /// The leaders of these groups, in their order: who hears what happens to a session or a briefing they share.
    public func leaders(of groups: [String]) -> [String] { groups.compactMap { roster.group($0)?.leader } }

    /// A group's leader and its political assistants: who hears of an offer to the group.
    public func leaderAndAssistants(_ group: String) -> [String] {
        [roster.group(group)?.leader].compactMap { $0 } + roster.assistants.filter { $0.group == group }.map(\.id)
    }

    /// Whether the person is a Director in a council that lets Directors agree requests for their own line (`001`).
    public func decidesAsDirector(_ id: String) -> Bool {
        profile.directorsAgree && roster.officer(id)?.grade == .director
    }

    /// Whether a member may ask for briefings for the group themself (`Roster.mayAsk`, under the profile in force).
    public func mayAsk(_ member: String, for group: String) -> Bool {
        roster.mayAsk(member, for: group, everyCouncillorRequests: profile.everyCouncillorRequests)
    }

    /// Whether someone acts for a group as its assistant: on behalf of a named member who could ask themself (`001 §4.9`).
    public func assists(_ group: String, actor: String, onBehalfOf: String?) -> Bool {
        roster.roles(of: actor).contains(.assistant(group: group)) && onBehalfOf.map { mayAsk($0, for: group) } == true
    }

    /// The audit role of someone acting for a group: its leader, its assistant, or (an ungrouped councillor, or any
    /// councillor where every councillor may ask) a member (`requester`).
    public func groupRole(_ id: String, group: String) -> String {
        if roster.group(group)?.individual == true { return Role.member(group: nil).auditName }
        let roles = roster.roles(of: id)
        if roles.contains(.groupLeader(group: group)) { return Role.groupLeader(group: group).auditName }
        if roles.contains(.assistant(group: group)) { return Role.assistant(group: group).auditName }
        return roster.member(id)?.party == group ? Role.member(group: group).auditName : Role.groupLeader(group: group).auditName
    }
}
