import Foundation

/// The approver is away from one date to another (both included): the deputy decides in their place then (RULES.md,
/// "decide"). The approver, the deputy or an administrator records it.
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
            guard let role = [Role.approver, .deputyApprover, .administrator].first(where: roles.contains) else {
                throw Refusal(.forbidden, rule: .approval, clauses: c.profile.approverClauses,
                              "\(c.name(actor)) may not record the \(c.profile.approverTitle)'s absence",
                              remedy: .advice("The \(c.profile.approverTitle), their deputy or an administrator records it."))
            }
            return (AuditEntry(actor: actor, role: role.auditName, action: "approver.away", subject: c.roster.approver,
                               details: ["from": from.description, "until": until.description]),
                    [.approverAway(from: from, until: until, tell: [c.roster.approver, c.roster.deputyApprover, actor].compactMap { $0 })])
        }
    }
}
