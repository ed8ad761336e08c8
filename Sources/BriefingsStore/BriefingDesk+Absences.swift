import BriefingsDomain
import Foundation
import GRDB

extension BriefingDesk {
    /// Records that the approver is away from one date to another, both included (`Absence.record`).
    public func recordAbsence(from: LocalDate, until: LocalDate, as actorID: String) async throws {
        let at = now()
        try await database.step { db in
            let c = try council(db)
            let plan = try refusing { () throws(Refusal) in try Absence.record(from: from, until: until, by: actorID, today: LocalDate(at), in: c).get() }
            var record = ApproverAbsenceRecord(fromDate: from.description, untilDate: until.description, recordedBy: actorID, recordedAt: at.unix)
            try record.insert(db)
            try AuditTrail.append(db, at: at, plan.audit)
            try publish(db, c, plan.events, at: at)
        }
    }

    /// The approver's recorded absences that have not ended, soonest first.
    public func absences(as actorID: String) async throws -> [AbsenceView] {
        let today = LocalDate(now()).description
        return try await database.read { db in
            let c = try council(db)
            _ = try actor(actorID, in: c)
            typealias Columns = ApproverAbsenceRecord.Columns
            return try ApproverAbsenceRecord.filter(Columns.untilDate >= today).order(Columns.fromDate, Columns.id).fetchAll(db).map {
                AbsenceView(from: $0.fromDate, until: $0.untilDate, recordedBy: $0.recordedBy)
            }
        }
    }
}
