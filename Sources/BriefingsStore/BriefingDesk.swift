import BriefingsDomain
import Foundation
import GRDB
import Synchronization

/// The application service: every workflow step and read, each step one transaction that also
/// appends to the audit trail. The CLI (local mode) and the HTTP service both call this, and
/// no rule is judged anywhere else.
public struct BriefingDesk: Sendable {
    public let database: AppDatabase
    /// The current time; tests and the demo move it.
    public let now: @Sendable () -> Date

    /// The council as last loaded, reused until the next roster import.
    let cache = CouncilCache()
    /// The working-day calendar as last built, reused while the stored bank holidays are the same.
    let holidays = WorkingDaysCache()
    /// The largest material file an officer may attach, in bytes (`MaterialFile.defaultLimit`, 5 MB, unless configured).
    public var materialFileLimit: Int

    public init(database: AppDatabase, now: @escaping @Sendable () -> Date = { Date() }, materialFileLimit: Int = MaterialFile.defaultLimit) {
        self.database = database
        self.now = now
        self.materialFileLimit = materialFileLimit
    }

    /// Creates the council's database with a policy profile; the roster is imported next.
    public func initialise(profile: String) async throws -> PolicyProfile {
        guard let p = PolicyProfile.named(profile) else {
            throw DeskError(.invalid, "no policy profile '\(profile)'",
                            fix: "Choose one of \(PolicyProfile.all.map(\.name).joined(separator: ", ")).")
        }
        let at = now()
        try await database.step { db in
            if try db.value(Int.self, sql: "SELECT COUNT(*) FROM council")! > 0 {
                throw DeskError(.conflict, "this database is already initialised",
                                remedy: .useAnotherDatabase)
            }
            try db.run(sql: "INSERT INTO council (id, profile, created_at) VALUES (1, ?, ?)", arguments: [profile, Int(at.timeIntervalSince1970)])
            for h in BankHoliday.englandAndWales {
                try db.run(sql: "INSERT INTO bank_holiday (date, title) VALUES (?, ?)", arguments: [h.date.description, h.title])
            }
            try AuditTrail.append(db, at: at, actor: "system", role: Role.administrator.auditName, action: "init",
                                  subject: "council", details: ["profile": profile])
        }
        return p
    }

    /// The council as loaded: its roster and the profile in force.
    public typealias Council = BriefingsDomain.Council

    static var noCouncil: DeskError {
        DeskError(.notInitialised, "this database has no council yet",
                  remedy: .setUp(rosterToo: true))
    }

    func council(_ db: Database) throws -> Council {
        // Every step asks: the two numbers the cache is keyed by, from a cached statement; the whole row only when they changed.
        guard let key = try Row.fetchOne(db.cachedStatement(sql: "SELECT roster_version, created_at FROM council WHERE id = 1")) else {
            throw Self.noCouncil
        }
        let version = [key[0] as Int64, key[1] as Int64]
        if let cached = cache.council(version: version) { return cached }
        guard let record = try CouncilRecord.fetchOne(db, key: 1) else {
            throw Self.noCouncil
        }
        let loaded = try loadCouncil(db, record)
        cache.store(loaded, version: version)
        return loaded
    }

    func loadCouncil(_ db: Database, _ row: CouncilRecord) throws -> Council {
        let overrides = try JSONDecoder().decode([String: OverrideValue].self, from: Data(row.overrides.utf8))
        let base = PolicyProfile.named(row.profile) ?? .model
        let profile = (try? base.applying(overrides).get()) ?? base
        var names: [String: String] = [:]
        var members: [Member] = [], assistants: [Assistant] = [], officers: [Officer] = [], admins: [Person] = []
        for p in try PersonRecord.order(Column.rowID).fetchAll(db) {
            names[p.id] = p.name
            guard p.active else { continue }
            if p.administrator { admins.append(Person(id: p.id, name: p.name, email: p.email)) }
            switch p.kind {
            case .member:
                members.append(Member(id: p.id, name: p.name, group: p.groupID, kind: Member.Kind(rawValue: p.memberKind ?? "") ?? .elected, email: p.email))
            case .assistant:
                assistants.append(Assistant(id: p.id, name: p.name, group: p.groupID ?? "", email: p.email))
            case .officer:
                let remit = (try? JSONDecoder().decode([String].self, from: Data((p.remit ?? "[]").utf8))) ?? []
                officers.append(Officer(id: p.id, name: p.name, title: p.title ?? "", grade: Officer.Grade(rawValue: p.grade ?? "") ?? .officer,
                                        remit: remit, hours: WorkingHours(parsing: p.hours ?? "") ?? .standard, lineManager: p.lineManager,
                                        email: p.email))
            case .staff:
                break
            }
        }
        let allGroups = try PoliticalGroupRecord.order(Column.rowID).fetchAll(db)
        for g in allGroups { names[g.id] = g.name }
        let groups = allGroups.filter(\.active).map {
            PoliticalGroup(id: $0.id, name: $0.name, leader: $0.leader, controlling: $0.controlling, individual: $0.individual)
        }
        let rooms = try RoomRecord.filter(RoomRecord.Columns.active).order(Column.rowID).fetchAll(db).map {
            Room(id: $0.id, name: $0.name, capacity: $0.capacity)
        }
        let roster = Roster(councilName: row.name, profileName: row.profile, overrides: overrides,
                            approver: row.approver ?? "", deputyApprover: row.deputyApprover,
                            monitoringOfficer: row.monitoringOfficer, administrators: admins, groups: groups,
                            members: members, assistants: assistants, officers: officers, rooms: rooms, councilEmail: row.email)
        return Council(roster: roster, profile: profile, names: names)
    }

    /// Reads the council outside any write.
    public func council() async throws -> Council {
        try await database.read { db in try council(db) }
    }

    /// The working-day calendar from the stored bank holidays. Every approval needs it (offers' answer-by dates); the
    /// dates come back as one text, compared with the last calendar's, so the dates are parsed again only once they change
    /// (an import), never a stale calendar.
    func workingDays(_ db: Database) throws -> WorkingDays {
        let dates = try db.value(String.self, sql: "SELECT group_concat(date, ',') FROM bank_holiday") ?? ""
        if let cached = holidays.days(for: dates) { return cached }
        let days = WorkingDays(holidays: dates.split(separator: ",").compactMap { LocalDate(String($0)) })
        holidays.store(days, for: dates)
        return days
    }

    /// Resolves who is acting, refusing anyone not on the current roster.
    func actor(_ id: String, in c: Council) throws -> [Role] {
        try refusing { () throws(Refusal) in try Decider.roles(id, in: c) }
    }

    /// Who an administrative step's audit entry names: the administrator signed in to the desk (`by`), the person
    /// themself where they act on their own access (a feed of their own), else `system` (the command line on the
    /// server, run by whoever operates it).
    func administrativeActor(_ c: Council, by: String?, for person: String?) throws -> (actor: String, role: String) {
        guard let by else { return ("system", Role.administrator.auditName) }
        let roles = try actor(by, in: c)
        if by == person, !roles.contains(.administrator) { return (by, roles.first?.auditName ?? Role.administrator.auditName) }
        return (by, Role.administrator.auditName)
    }

    /// Whether the approver is recorded as away on the day of `at`, as the decisions read it.
    func approverPresence(_ db: Database, at: Date) throws -> Decider.ApproverPresence {
        let day = LocalDate(at)
        return Decider.ApproverPresence(away: try approverAway(db, on: day), on: day)
    }

    /// The approver role an actor decides in, or a refusal citing `approval` (`Decider.approverRole`).
    func approverRole(_ db: Database, _ id: String, in c: Council, at: Date) throws -> String {
        let presence = try approverPresence(db, at: at)
        return try refusing { () throws(Refusal) in try Decider.approverRole(id, in: c, presence: presence) }
    }

    /// Whether the person is a Director in a council that lets Directors agree requests for their own line (`001`).
    func decidesAsDirector(_ id: String, _ c: Council) -> Bool { c.decidesAsDirector(id) }

    /// Whether a Director (where the council lets Directors agree) may see a request in the queue: its officers are in their line.
    func directorSees(_ id: String, _ c: Council, _ r: RequestRecord) -> Bool {
        decidesAsDirector(id, c) && r.kind == .request && r.proposal.officers.allSatisfy { c.roster.inLine(of: id, officer: $0.officer) }
    }

    /// Whether the person acts as the approver at this moment: the approver, or the deputy while acting.
    func actsAsApprover(_ db: Database, _ id: String, in c: Council, at: Date) throws -> Bool {
        let presence = try approverPresence(db, at: at)
        return try refusing { () throws(Refusal) in try Decider.actsAsApprover(id, in: c, presence: presence) }
    }

    /// Whether the deputy may decide now: the council delegates, or the approver is recorded as away today.
    func deputyActs(_ db: Database, _ c: Council, at: Date) throws -> Bool {
        Decider.deputyActs(c, presence: try approverPresence(db, at: at))
    }

    /// A domain decision, its refusal thrown as the desk's error (the same value: `DeskError` is `Refusal`).
    func refusing<T>(_ body: () throws(Refusal) -> T) throws -> T { try body() }

    /// Whether the approver is recorded as away on a day.
    func approverAway(_ db: Database, on day: LocalDate) throws -> Bool {
        try ApproverAbsenceRecord.covering(day).isEmpty(db) == false
    }

    /// The audit role of someone acting for a group: its leader or its assistant (`requester`).
    func groupRole(_ id: String, group: String, in c: Council) -> String { c.groupRole(id, group: group) }

    var timestamp: Int { Int(now().timeIntervalSince1970) }
}

/// The last council read, keyed by the roster version (and the database's creation time), so a workflow
/// step reads one row instead of the whole roster unless a roster import has happened since.
final class CouncilCache: Sendable {
    private let state = Mutex<(version: [Int64], council: BriefingDesk.Council)?>(nil)

    func council(version: [Int64]) -> BriefingDesk.Council? {
        state.withLock { $0?.version == version ? $0?.council : nil }
    }

    func store(_ council: BriefingDesk.Council, version: [Int64]) {
        state.withLock { $0 = (version, council) }
    }
}

/// The working-day calendar built from one text of the stored bank holidays' dates (`workingDays`).
final class WorkingDaysCache: Sendable {
    private let state = Mutex<(dates: String, days: WorkingDays)?>(nil)

    func days(for dates: String) -> WorkingDays? {
        state.withLock { $0?.dates == dates ? $0?.days : nil }
    }

    func store(_ days: WorkingDays, for dates: String) {
        state.withLock { $0 = (dates, days) }
    }
}
