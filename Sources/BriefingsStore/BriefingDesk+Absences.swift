import BriefingsDomain
import Foundation
import GRDB

extension BriefingDesk {
    /// Records that the approver is away from one date to another (both included): the deputy decides then
    /// (RULES.md, "decide"). The approver, the deputy or an administrator records it.
    public func recordAbsence(from: LocalDate, until: LocalDate, as actorID: String) async throws {
        let at = now()
        guard from <= until else {
            throw DeskError(.invalid, "the absence ends (\(until)) before it starts (\(from))", fix: "Give --until on or after --from.")
        }
        if until < LocalDate(at) {
            throw DeskError(.invalid, "the absence ended on \(until), in the past", fix: "Record an absence that has not yet ended.")
        }
        try await database.step { db in
            let c = try council(db)
            let roles = try actor(actorID, in: c)
            guard let role = [Role.approver, .deputyApprover, .administrator].first(where: roles.contains) else {
                throw DeskError(.forbidden, rule: .approval, clauses: c.profile.approverClauses,
                                "\(c.name(actorID)) may not record the \(c.profile.approverTitle)'s absence",
                                fix: "The \(c.profile.approverTitle), their deputy or an administrator records it.")
            }
            try db.run(sql: "INSERT INTO approver_absence (from_date, until_date, recorded_by, recorded_at) VALUES (?, ?, ?, ?)",
                       arguments: [from.description, until.description, actorID, at.unix])
            try AuditTrail.append(db, at: at, actor: actorID, role: role.auditName, action: "approver.away", subject: c.roster.approver,
                                  details: ["from": from.description, "until": until.description])
            try publish(db, c, [.approverAway(from: from, until: until, tell: [c.roster.approver, c.roster.deputyApprover, actorID].compactMap { $0 })], at: at)
        }
    }

    /// The approver's recorded absences that have not ended, soonest first.
    public func absences(as actorID: String) async throws -> [AbsenceView] {
        let today = LocalDate(now()).description
        return try await database.read { db in
            let c = try council(db)
            _ = try actor(actorID, in: c)
            return try db.all(sql: "SELECT * FROM approver_absence WHERE until_date >= ? ORDER BY from_date, id", arguments: [today]).map {
                AbsenceView(from: $0["from_date"], until: $0["until_date"], recordedBy: $0["recorded_by"])
            }
        }
    }
}
