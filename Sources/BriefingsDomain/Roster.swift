/// A council's people, groups and rooms, as loaded from its roster file.
public struct Roster: Sendable, Hashable {
    public var councilName: String
    /// The council's desk address (`council.email`): the From of every message the desk sends, and the ORGANIZER of
    /// its calendar invitations. Required once anyone on the roster has an address.
    public var councilEmail: String?
    public var profileName: String
    /// Whether the roster file named a profile (`council.profile`); when it did not, the council keeps the
    /// profile it already has (the one given to `briefings init`).
    public var profileStated = true
    public var overrides: [String: OverrideValue]
    /// The approver (Chief Executive, or Clerk): an officer id.
    public var approver: String
    public var deputyApprover: String?
    public var monitoringOfficer: String?
    public var administrators: [Person]
    /// The political groups, then one line for each councillor who belongs to none (`PoliticalGroup.individual`):
    /// every councillor has the same rights (`002`), so an ungrouped councillor requests for themself and is
    /// offered what a group would be. A council without groups has only such lines.
    public var groups: [PoliticalGroup]
    public var members: [Member]
    public var assistants: [Assistant]
    public var officers: [Officer]
    public var rooms: [Room]

    public init(councilName: String, profileName: String, overrides: [String: OverrideValue] = [:],
                approver: String, deputyApprover: String? = nil, monitoringOfficer: String? = nil,
                administrators: [Person] = [], groups: [PoliticalGroup], members: [Member],
                assistants: [Assistant] = [], officers: [Officer], rooms: [Room], councilEmail: String? = nil) {
        self.councilName = councilName
        self.councilEmail = councilEmail
        self.profileName = profileName
        self.overrides = overrides
        self.approver = approver
        self.deputyApprover = deputyApprover
        self.monitoringOfficer = monitoringOfficer
        self.administrators = administrators
        let known = Set(groups.map(\.id))
        self.groups = groups + members.filter { $0.group == nil && !known.contains($0.id) }.map(PoliticalGroup.init(councillor:))
        self.members = members
        self.assistants = assistants
        self.officers = officers
        self.rooms = rooms
    }

    public func group(_ id: String) -> PoliticalGroup? { groups.first { $0.id == id } }
    public func member(_ id: String) -> Member? { members.first { $0.id == id } }
    public func assistant(_ id: String) -> Assistant? { assistants.first { $0.id == id } }
    public func officer(_ id: String) -> Officer? { officers.first { $0.id == id } }
    public func room(_ id: String) -> Room? { rooms.first { $0.id == id } }

    /// The email address of anyone on the roster who has one (`email` in the roster file).
    public func email(of id: String) -> String? {
        member(id)?.email ?? officer(id)?.email ?? assistant(id)?.email ?? administrators.first { $0.id == id }?.email
    }

    /// Whether anyone on the roster has an email address.
    public var hasEmail: Bool {
        members.contains { $0.email != nil } || officers.contains { $0.email != nil } || assistants.contains { $0.email != nil }
            || administrators.contains { $0.email != nil }
    }

    /// The display name of anyone on the roster.
    public func name(of id: String) -> String? {
        member(id)?.name ?? officer(id)?.name ?? assistant(id)?.name
            ?? administrators.first { $0.id == id }?.name
    }

    public var controllingGroup: PoliticalGroup? { groups.first { $0.controlling } }

    /// The members of one political group (of an ungrouped councillor's own line: that councillor).
    public func members(of group: String) -> [Member] { members.filter { $0.party == group } }

    /// The political groups proper, without ungrouped councillors' own lines.
    public var politicalGroups: [PoliticalGroup] { groups.filter { !$0.individual } }

    /// Every role a roster person holds.
    public func roles(of id: String) -> [Role] {
        var roles: [Role] = []
        for g in groups where g.leader == id {
            roles.append(.groupLeader(group: g.id))
            if g.controlling { roles.append(.leaderOfCouncil) }
        }
        if let a = assistant(id) { roles.append(.assistant(group: a.group)) }
        if let m = member(id) { roles.append(.member(group: m.group)) }
        if officer(id) != nil { roles.append(.officer) }
        if approver == id { roles.append(.approver) }
        if deputyApprover == id { roles.append(.deputyApprover) }
        if monitoringOfficer == id { roles.append(.monitoringOfficer) }
        if administrators.contains(where: { $0.id == id }) { roles.append(.administrator) }
        return roles
    }

    /// Whether an officer is `manager` or works in their line (their line manager, or theirs, and so on).
    public func inLine(of manager: String, officer: String) -> Bool {
        var current: String? = officer
        for _ in 0...officers.count {  // bounded: a cycle in the roster never loops for ever
            guard let id = current else { return false }
            if id == manager { return true }
            current = self.officer(id)?.lineManager
        }
        return false
    }

    /// Whether a council member may ask for briefings for a group themself (`requester`): its leader (the Leader of the
    /// Council leads the controlling group), a councillor without a group for their own line, or, where every councillor
    /// has the same right to ask (`002`), any member of it. A group's assistant acts only for such a member (`001 §4.9`).
    public func mayAsk(_ member: String, for group: String, everyCouncillorRequests: Bool) -> Bool {
        guard let m = self.member(member), m.party == group else { return false }
        return self.group(group)?.leader == member || everyCouncillorRequests
    }

    /// The group a person belongs to or works for (an ungrouped councillor: their own line), if any.
    public func groupOf(_ id: String) -> String? {
        member(id)?.party ?? assistant(id)?.group
    }
}

/// What a roster person may do.
public enum Role: Hashable, Sendable, CustomStringConvertible {
    case groupLeader(group: String)
    case leaderOfCouncil
    case assistant(group: String)
    case member(group: String?)
    case officer
    case approver
    case deputyApprover
    /// A Director deciding a request for officers in their own line, where the council lets them (`001 §4.10`).
    case director
    case monitoringOfficer
    case administrator

    public var description: String {
        switch self {
        case .groupLeader(let g): "leader of group \(g)"
        case .leaderOfCouncil: "Leader of the Council"
        case .assistant(let g): "political assistant of group \(g)"
        case .member(let g): g.map { "member of group \($0)" } ?? "member (no group)"
        case .officer: "officer"
        case .approver: "approver"
        case .deputyApprover: "deputy approver"
        case .director: "Director (own line)"
        case .monitoringOfficer: "Monitoring Officer"
        case .administrator: "administrator"
        }
    }

    /// The word the audit trail records for someone acting in this role: the one place it is derived.
    public var auditName: String {
        switch self {
        case .groupLeader, .leaderOfCouncil: "group leader"
        case .assistant: "assistant"
        case .member: "member"
        case .officer: "officer"
        case .approver: "approver"
        case .deputyApprover: "deputy approver"
        case .director: "director"
        case .monitoringOfficer: "monitoring officer"
        case .administrator: "administrator"
        }
    }
}

/// Someone on the roster who is neither member nor officer (e.g. democratic services staff).
public struct Person: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var email: String?
    public init(id: String, name: String, email: String? = nil) { self.id = id; self.name = name; self.email = email }
}

/// A political group of council members, or a councillor who belongs to none, standing as their own line.
public struct PoliticalGroup: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// A member id: the group's leader, or the ungrouped councillor themself.
    public var leader: String
    public var controlling: Bool
    /// A councillor without a group (id, name and leader are theirs): they request for themself and are offered
    /// what every group is (`002` "same rights", `003 §22.1`).
    public var individual: Bool

    public init(id: String, name: String, leader: String, controlling: Bool = false, individual: Bool = false) {
        self.id = id; self.name = name; self.leader = leader; self.controlling = controlling; self.individual = individual
    }

    /// The own line of a councillor who belongs to no group.
    public init(councillor m: Member) {
        self.init(id: m.id, name: m.name, leader: m.id, individual: true)
    }

    private enum CodingKeys: String, CodingKey { case id, name, leader, controlling, individual }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
                  leader: try c.decode(String.self, forKey: .leader), controlling: try c.decodeIfPresent(Bool.self, forKey: .controlling) ?? false,
                  individual: try c.decodeIfPresent(Bool.self, forKey: .individual) ?? false)
    }
}

/// A council member: elected, or co-opted (`003` footnote 1, `003 §22.1`: co-opted members are members).
public struct Member: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable { case elected, coopted = "co-opted" }
    public var id: String
    public var name: String
    public var group: String?
    public var kind: Kind
    public var email: String?
    public init(id: String, name: String, group: String?, kind: Kind = .elected, email: String? = nil) {
        self.id = id; self.name = name; self.group = group; self.kind = kind; self.email = email
    }

    /// Whom they request and are offered briefings as: their group, or (belonging to none) themself.
    public var party: String { group ?? id }
}

/// A political group's assistant: staff, not a council member (`001 §4.9`).
public struct Assistant: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var group: String
    public var email: String?
    public init(id: String, name: String, group: String, email: String? = nil) {
        self.id = id; self.name = name; self.group = group; self.email = email
    }
}

/// A council room that can host group meetings.
public struct Room: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var capacity: Int?
    public init(id: String, name: String, capacity: Int? = nil) { self.id = id; self.name = name; self.capacity = capacity }
}
