import Foundation

/// The approver is away from one date to another (both included): the deputy decides in their place then (RULES.md,
/// "decide"). The approver or an administrator records it, never the deputy, who would otherwise authorise themself to
/// decide (`000 §17.16.3`; under `002` the Proper Officer's express approval); the audit entry names who recorded it.
public enum Absence {
    /// What recording an absence writes to the audit trail, and who hears: the approver, the deputy and whoever recorded it.
    public static func record(from: LocalDate, until: LocalDate, by actor: String, today: LocalDate,
                              in c: Council) -> Result<(audit: AuditEntry, events: [DeskEvent]), Refusal> {
        Result { () throws(Refusal) in
            guard from <= until else {
                throw Refusal(.invalid, "the absence ends (\(until)) before it starts (\(from))", remedy: .correctField(.until, .beforeStart))
            }
            if until < today {
                throw Refusal(.invalid, "the absence ended on \(until), in the past", remedy: .advice("Record an absence that has not yet ended."))
            }
            let roles = try Decider.roles(actor, in: c)
            let title = c.profile.approverTitle
            if roles.contains(.deputyApprover) && !roles.contains(.approver) {
                throw Refusal(.forbidden, rule: .approval, clauses: c.profile.approverClauses,
                              "\(c.name(actor)) is the deputy and may not record the \(title)'s absence: the deputy would authorise themself to decide in the \(title)'s place",
                              remedy: .approverOrAdministratorRecordsAbsence(approverTitle: title))
            }
            guard let role = [Role.approver, .administrator].first(where: roles.contains) else {
                throw Refusal(.forbidden, rule: .approval, clauses: c.profile.approverClauses,
                              "\(c.name(actor)) may not record the \(title)'s absence",
                              remedy: .approverOrAdministratorRecordsAbsence(approverTitle: title))
            }
            return (AuditEntry(actor: actor, role: role.auditName, action: "approver.away", subject: c.roster.approver,
                               details: ["from": from.description, "until": until.description]),
                    [.approverAway(from: from, until: until, tell: [c.roster.approver, c.roster.deputyApprover, actor].compactMap { $0 })])
        }
    }
}
