import Foundation

/// An officer answers an invitation to a session: confirms it, declines it (only while they have confirmed no other
/// group's session on the matter: `officer-may-decline`, `officer-consistency`), or sends a representative
/// (`senior-officer`); the senior officer a group named as nominating someone confirms or refuses that nominee.
public enum OfficerResponse {
    /// What one answer writes besides the officer's own line: the audit entry, the messages, and whether subscribers
    /// need a new SEQUENCE (who attends, or the session's status, changed).
    public struct Plan: Sendable {
        public var audit: AuditEntry
        public var events: [DeskEvent]
        public var verdicts: [Verdict]
        public var touches: Bool
    }

    /// The officer answering, or the refusal: only officers answer invitations.
    public static func officer(_ actor: String, in c: Council) throws(Refusal) -> Officer {
        guard let me = c.roster.officer(actor) else {
            _ = try Decider.roles(actor, in: c)
            throw Refusal(.forbidden, "\(c.name(actor)) is not an officer", remedy: .actAsOfficer)
        }
        return me
    }

    /// Confirms the invitation; when that makes the whole session confirmed, its people are sent the confirmed event.
    public static func confirm(_ s: Session, by officer: String, in c: Council) -> Result<Plan, Refusal> {
        Result { () throws(Refusal) in
            try requireInvited(s, officer, in: c)
            var after = s
            after.officers = s.officers.map { var o = $0; if o.officer == officer { o.response = .confirmed }; return o }
            let completes = !s.isConfirmed && after.isConfirmed
            return Plan(audit: AuditEntry(actor: officer, role: Role.officer.auditName, action: "officer.confirm", subject: ref(s)),
                        events: completes ? [.sessionChanged(session: ref(s), .confirmed)] : [], verdicts: [], touches: completes)
        }
    }

    /// Declines the invitation with a reason, refused once the officer has confirmed another session on the same
    /// matter (`confirmedOnMatter`, their other confirmed sessions of the briefing): they nominate someone instead.
    public static func decline(_ s: Session, by officer: String, reason: String, confirmedOnMatter: [String],
                               in c: Council) -> Result<Plan, Refusal> {
        Result { () throws(Refusal) in
            try requireInvited(s, officer, in: c)
            try Decider.requireReason(reason, for: "declining an invitation")
            if !confirmedOnMatter.isEmpty {
                let v = Verdict(rule: .officerConsistency, passed: false, severity: c.profile.severity(.officerConsistency),
                                clauses: c.profile.clauses(.officerConsistency),
                                message: "\(c.name(officer)) has confirmed a session on this matter (\(confirmedOnMatter.joined(separator: ", "))) and may not decline another group's session on it",
                                fix: "Nominate a representative for \(ref(s)), or ask the group to reschedule.")
                throw Refusal.refused([v], failing: [v], what: "declining \(ref(s))")
            }
            let verdicts = [Verdict(rule: .officerMayDecline, passed: true, severity: c.profile.severity(.officerMayDecline),
                                    clauses: c.profile.clauses(.officerMayDecline), message: "first invitation on this matter declined: \(reason)")]
            return Plan(audit: AuditEntry(actor: officer, role: Role.officer.auditName, action: "officer.decline", subject: ref(s),
                                          details: ["reason": reason], verdicts: verdicts),
                        events: [.sessionChanged(session: ref(s), .officerDeclined(officer: officer, matter: s.matter.title, start: s.segmentStart, reason: reason,
                                                                                   tell: c.leaders(of: s.groupIDs) + [c.roster.approver]))],
                        verdicts: verdicts, touches: true)
        }
    }

    /// The session as it would stand with the representative in the officer's place, for the store to judge; refused
    /// without a reason, for someone not on the roster, or for someone who already attends.
    public static func nomination(_ s: Session, by officer: String, representative: String, reason: String,
                                  in c: Council) throws(Refusal) -> SessionProposal {
        try requireInvited(s, officer, in: c)
        try Decider.requireReason(reason, for: "nominating a representative")
        guard let rep = c.roster.officer(representative) else {
            throw Refusal(.notFound, "no officer '\(representative)' on the roster", remedy: .advice("Name the representative by roster id."))
        }
        if s.attending.contains(where: { $0.officer == representative }) {
            throw Refusal(.conflict, "\(rep.name) already attends \(ref(s))", remedy: .advice("Name someone else."))
        }
        var changed = s.proposal(by: officer)
        changed.officers = s.attending.map { $0.officer == officer ? OfficerAttendance(officer: representative, nominatedBy: officer) : $0 }
        return changed
    }

    /// Sends the representative, judged on the changed session (`judged`): who may represent (`senior-officer`) and
    /// double booking must pass; their hours and remit are recorded, not enforced, as the officer made the choice.
    public static func nominate(_ s: Session, by officer: String, representative: String, reason: String, judged: [Verdict],
                                in c: Council) -> Result<Plan, Refusal> {
        Result { () throws(Refusal) in
            let verdicts = judged.filter { [.seniorOfficer, .noDoubleBooking, .professionalRemit, .workingHours].contains($0.rule) }
            try Decider.enforce(verdicts.filter { $0.rule != .workingHours && $0.rule != .professionalRemit }, overrides: [:],
                                what: "nominating \(c.name(representative))", approverCanOverride: false)
            return Plan(audit: AuditEntry(actor: officer, role: Role.officer.auditName, action: "officer.nominate", subject: ref(s),
                                          details: ["representative": representative, "reason": reason], verdicts: verdicts),
                        events: [.sessionChanged(session: ref(s), .represented(officer: officer, representative: representative, matter: s.matter.title, start: s.meetingStart, reason: reason,
                                                                               tell: c.leaders(of: s.groupIDs) + [c.roster.approver]))],
                        verdicts: verdicts, touches: true)
        }
    }

    /// The senior officer named as nominating `nominee` confirms the nomination (`refusal` nil) or refuses it with a
    /// reason; only that senior officer may (`senior-officer`: made or confirmed by them, never only asserted by the group).
    public static func answerNomination(_ s: Session, by senior: String, nominee: String, refusal reason: String?,
                                        in c: Council) -> Result<Plan, Refusal> {
        Result { () throws(Refusal) in
            try SessionAuthority.requireScheduled(s)
            guard let named = s.officer(nominee), named.attends, named.nominatedBy == senior else {
                throw Refusal(.forbidden, rule: .seniorOfficer, clauses: c.profile.clauses(.seniorOfficer),
                              "\(c.name(senior)) is not named as nominating \(c.name(nominee)) for \(ref(s))",
                              remedy: .onlyNamedSeniorConfirms(session: ref(s)))
            }
            let v: Verdict, touches: Bool
            if let reason {
                try Decider.requireReason(reason, for: "refusing a nomination")
                v = Verdict(rule: .seniorOfficer, passed: false, severity: c.profile.severity(.seniorOfficer), clauses: c.profile.clauses(.seniorOfficer),
                            message: "\(c.name(senior)) refused the nomination of \(c.name(nominee)): \(reason)",
                            fix: "The group may ask \(c.name(senior)) to attend, or to nominate someone else.")
                touches = true
            } else {
                v = Verdict(rule: .seniorOfficer, passed: true, severity: c.profile.severity(.seniorOfficer), clauses: c.profile.clauses(.seniorOfficer),
                            message: "\(c.name(senior)) confirmed \(c.name(nominee)) as their nominee")
                var after = s
                after.officers = s.officers.map { var o = $0; if o.officer == nominee { o.nominationConfirmed = true }; return o }
                touches = s.isConfirmed != after.isConfirmed
            }
            return Plan(audit: AuditEntry(actor: senior, role: Role.officer.auditName, action: v.passed ? "officer.endorse" : "officer.refuse-nominee",
                                          subject: ref(s), details: ["nominee": nominee], verdicts: [v]),
                        events: [.sessionChanged(session: ref(s), .nomination(senior: senior, nominee: nominee, matter: s.matter.title, start: s.meetingStart, confirmed: v.passed, message: v.message,
                                                                              tell: [nominee] + c.leaders(of: s.groupIDs) + [c.roster.approver]))],
                        verdicts: [v], touches: touches)
        }
    }

    static func requireInvited(_ s: Session, _ officer: String, in c: Council) throws(Refusal) {
        try SessionAuthority.requireScheduled(s)
        guard s.officer(officer)?.attends == true else {
            throw Refusal(.forbidden, "\(c.name(officer)) is not invited to \(ref(s))", remedy: .seeOwnSessions(officer: officer))
        }
    }

    static func ref(_ s: Session) -> String { Reference.format("SE", s.id) }
}
