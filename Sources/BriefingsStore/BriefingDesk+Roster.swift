import BriefingsDomain
import Foundation
import GRDB

extension BriefingDesk {
    /// What a roster import changed.
    public struct ImportSummary: Sendable, Codable {
        public var council: String
        public var profile: String
        public var groups: Int
        public var members: Int
        public var assistants: Int
        public var officers: Int
        public var rooms: Int
        /// Ids on the roster before and not in this file: kept, marked inactive.
        public var retired: [String]
    }

    /// Loads a roster file in one transaction: updates in place, never deletes (so no request is
    /// orphaned), marks anyone no longer listed inactive. An invalid file changes nothing.
    public func importRoster(_ data: Data, as actorID: String? = nil) async throws -> ImportSummary {
        let parsed: Roster
        do { parsed = try RosterFile.parse(data) } catch {
            throw DeskError(.invalid, error.description, fix: "Correct the roster file; docs/roster.md describes every key.")
        }
        let at = now(), t = timestamp
        return try await database.step { db in
            guard let stored = try db.value(String.self, sql: "SELECT profile FROM council WHERE id = 1") else {
                throw DeskError(.notInitialised, "this database has no council yet", remedy: .setUp(rosterToo: false))
            }
            // A roster that names no profile keeps the council's (the one given to `init`); its overrides must suit it.
            var roster = parsed
            if !roster.profileStated {
                roster.profileName = stored
                if case .failure(let e) = (PolicyProfile.named(stored) ?? .model).applying(roster.overrides) {
                    throw DeskError(.invalid, e.problems.joined(separator: "; "), fix: "Correct council.overrides; docs/roster.md describes every key.")
                }
            }
            if let actorID {
                let c = try council(db)
                if !c.roster.roles(of: actorID).contains(.administrator) {
                    throw DeskError(.forbidden, "\(c.name(actorID)) is not an administrator", fix: "Ask democratic services to import the roster.")
                }
            }
            let overrides = AuditTrail.encode(roster.overrides)
            try db.run(sql: """
                UPDATE council SET name = ?, profile = ?, overrides = ?, approver = ?, deputy_approver = ?,
                monitoring_officer = ?, email = ?, imported_at = ?, roster_version = roster_version + 1 WHERE id = 1
                """, arguments: [roster.councilName, roster.profileName, overrides, roster.approver,
                                 roster.deputyApprover, roster.monitoringOfficer, roster.councilEmail, t])
            let before = Set(try db.values(String.self, sql: "SELECT id FROM person WHERE active = 1"))
                .union(try db.values(String.self, sql: "SELECT 'group:' || id FROM political_group WHERE active = 1"))
                .union(try db.values(String.self, sql: "SELECT 'room:' || id FROM room WHERE active = 1"))
            try db.run(sql: "UPDATE person SET active = 0")
            try db.run(sql: "UPDATE political_group SET active = 0")
            try db.run(sql: "UPDATE room SET active = 0")
            for g in roster.groups {
                try db.run(sql: """
                    INSERT INTO political_group (id, name, leader, controlling, individual, active) VALUES (?, ?, ?, ?, ?, 1)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, leader = excluded.leader,
                    controlling = excluded.controlling, individual = excluded.individual, active = 1
                    """, arguments: [g.id, g.name, g.leader, g.controlling, g.individual])
            }
            let admins = Set(roster.administrators.map(\.id))
            func upsert(_ id: String, _ name: String, kind: String, group: String? = nil, memberKind: String? = nil,
                        title: String? = nil, grade: String? = nil, remit: String? = nil, hours: String? = nil, manager: String? = nil) throws {
                try db.run(sql: """
                    INSERT INTO person (id, name, kind, group_id, member_kind, title, grade, remit, hours, line_manager, administrator, email, active)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, group_id = excluded.group_id,
                    member_kind = excluded.member_kind, title = excluded.title, grade = excluded.grade, remit = excluded.remit,
                    hours = excluded.hours, line_manager = excluded.line_manager, administrator = excluded.administrator,
                    email = excluded.email, active = 1
                    """, arguments: [id, name, kind, group, memberKind, title, grade, remit, hours, manager, admins.contains(id),
                                     roster.email(of: id)])
            }
            for m in roster.members { try upsert(m.id, m.name, kind: "member", group: m.group, memberKind: m.kind.rawValue) }
            for a in roster.assistants { try upsert(a.id, a.name, kind: "assistant", group: a.group) }
            for o in roster.officers {
                try upsert(o.id, o.name, kind: "officer", title: o.title, grade: o.grade.rawValue,
                           remit: AuditTrail.encode(o.remit), hours: o.hours.description, manager: o.lineManager)
            }
            for p in roster.administrators where roster.roles(of: p.id) == [.administrator] {
                try upsert(p.id, p.name, kind: "staff")
            }
            for r in roster.rooms {
                try db.run(sql: """
                    INSERT INTO room (id, name, capacity, active) VALUES (?, ?, ?, 1)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, capacity = excluded.capacity, active = 1
                    """, arguments: [r.id, r.name, r.capacity])
            }
            let after = Set(try db.values(String.self, sql: "SELECT id FROM person WHERE active = 1"))
                .union(try db.values(String.self, sql: "SELECT 'group:' || id FROM political_group WHERE active = 1"))
                .union(try db.values(String.self, sql: "SELECT 'room:' || id FROM room WHERE active = 1"))
            let retired = before.subtracting(after).sorted()
            let summary = ImportSummary(council: roster.councilName, profile: roster.profileName, groups: roster.groups.count,
                                        members: roster.members.count, assistants: roster.assistants.count,
                                        officers: roster.officers.count, rooms: roster.rooms.count, retired: retired)
            try AuditTrail.append(db, at: at, actor: actorID ?? "system", role: Role.administrator.auditName, action: "roster.import",
                                  subject: roster.councilName,
                                  details: ["profile": roster.profileName, "groups": "\(summary.groups)", "members": "\(summary.members)",
                                            "officers": "\(summary.officers)", "rooms": "\(summary.rooms)",
                                            "retired": retired.joined(separator: ",")])
            return summary
        }
    }
}
