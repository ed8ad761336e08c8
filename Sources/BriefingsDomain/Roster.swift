/// A council's people, groups and rooms, as loaded from its roster file.
public struct Roster: Sendable, Hashable {
    public var councilName: String
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
    public var groups: [PoliticalGroup]
    public var members: [Member]
    public var assistants: [Assistant]
    public var officers: [Officer]
    public var rooms: [Room]

    public init(councilName: String, profileName: String, overrides: [String: OverrideValue] = [:],
                approver: String, deputyApprover: String? = nil, monitoringOfficer: String? = nil,
                administrators: [Person] = [], groups: [PoliticalGroup], members: [Member],
                assistants: [Assistant] = [], officers: [Officer], rooms: [Room]) {
        self.councilName = councilName
        self.profileName = profileName
        self.overrides = overrides
        self.approver = approver
        self.deputyApprover = deputyApprover
        self.monitoringOfficer = monitoringOfficer
        self.administrators = administrators
        self.groups = groups
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

    /// The display name of anyone on the roster.
    public func name(of id: String) -> String? {
        member(id)?.name ?? officer(id)?.name ?? assistant(id)?.name
            ?? administrators.first { $0.id == id }?.name
    }

    public var controllingGroup: PoliticalGroup? { groups.first { $0.controlling } }

    /// The members of one political group.
    public func members(of group: String) -> [Member] { members.filter { $0.group == group } }

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

    /// The political group a person belongs to or works for, if any.
    public func groupOf(_ id: String) -> String? {
        member(id)?.group ?? assistant(id)?.group
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
        case .monitoringOfficer: "monitoring officer"
        case .administrator: "administrator"
        }
    }
}

/// Someone on the roster who is neither member nor officer (e.g. democratic services staff).
public struct Person: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public init(id: String, name: String) { self.id = id; self.name = name }
}

/// A political group of council members.
public struct PoliticalGroup: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// A member id.
    public var leader: String
    public var controlling: Bool
    public init(id: String, name: String, leader: String, controlling: Bool = false) {
        self.id = id; self.name = name; self.leader = leader; self.controlling = controlling
    }
}

/// A council member: elected, or co-opted (`003` footnote 1, `003 §22.1`: co-opted members are members).
public struct Member: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable { case elected, coopted = "co-opted" }
    public var id: String
    public var name: String
    public var group: String?
    public var kind: Kind
    public init(id: String, name: String, group: String?, kind: Kind = .elected) {
        self.id = id; self.name = name; self.group = group; self.kind = kind
    }
}

/// A political group's assistant: staff, not a council member (`001 §4.9`).
public struct Assistant: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var group: String
    public init(id: String, name: String, group: String) { self.id = id; self.name = name; self.group = group }
}

/// A council room that can host group meetings.
public struct Room: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var capacity: Int?
    public init(id: String, name: String, capacity: Int? = nil) { self.id = id; self.name = name; self.capacity = capacity }
}
