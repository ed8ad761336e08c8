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
            var verdicts: [Verdict] = []
            if !confirmedOnMatter.isEmpty, let yielded = yieldsToNonMembers(s, in: c) {
                verdicts.append(yielded)
            } else if !confirmedOnMatter.isEmpty {
                let v = Verdict(rule: .officerConsistency, passed: false, severity: c.profile.severity(.officerConsistency),
                                clauses: c.profile.clauses(.officerConsistency),
                                message: "\(c.name(officer)) has confirmed a session on this matter (\(confirmedOnMatter.joined(separator: ", "))) and may not decline another group's session on it",
                                fix: "Nominate a representative for \(ref(s)), or ask the group to reschedule.")
                throw Refusal.refused([v], failing: [v], what: "declining \(ref(s))")
            }
            if verdicts.isEmpty {
                verdicts.append(Verdict(rule: .officerMayDecline, passed: true, severity: c.profile.severity(.officerMayDecline),
                                        clauses: c.profile.clauses(.officerMayDecline), message: "first invitation on this matter declined: \(reason)"))
            }
            return Plan(audit: AuditEntry(actor: officer, role: Role.officer.auditName, action: "officer.decline", subject: ref(s),
                                          details: ["reason": reason], verdicts: verdicts),
                        events: [.sessionChanged(session: ref(s), .officerDeclined(officer: officer, matter: s.matter.title, start: s.segmentStart, reason: reason,
                                                                                   tell: c.leaders(of: s.groupIDs) + [c.roster.approver]))],
                        verdicts: verdicts, touches: true)
        }
    }

    /// `officer-consistency` yields where a non-member will be present and the protocol lets an officer refuse such a
    /// meeting (`members-only` refers rather than blocks: 003 §7.6 "normally not", 004 §10.5 "may be declined"): the
    /// passed verdict that says so, or nil where it holds.
    static func yieldsToNonMembers(_ s: Session, in c: Council) -> Verdict? {
        guard c.profile.severity(.membersOnly) < .block else { return nil }
        let nonMembers = s.attendees.compactMap { a -> String? in
            switch a {
            case .person(let id): c.roster.member(id) == nil ? (c.roster.name(of: id) ?? id) : nil
            case .guest(let name): name
            }
        }
        guard !nonMembers.isEmpty else { return nil }
        return Verdict(rule: .officerConsistency, passed: true, severity: c.profile.severity(.officerConsistency),
                       clauses: c.profile.clauses(.membersOnly),
                       message: "yields to a declared non-member: \(nonMembers.joined(separator: ", ")) will be present, and an officer may decline such a meeting")
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

    /// Sends the representative, judged on the changed session (`judged`) by the rules of a nomination: who may represent
    /// (`senior-officer`), their remit, their hours (a day they never work too) and double booking. A rule that blocks
    /// refuses it; one that refers sends it to the approver's queue (`000 §17.5.1`, `§17.16.3`; `004 §10.2`), the
    /// representative uninvited and the session tentative until agreed; a warning is recorded with it.
    public static func nominate(_ s: Session, by officer: String, representative: String, reason: String, judged: [Verdict],
                                in c: Council) -> Result<Nomination, Refusal> {
        Result { () throws(Refusal) in
            let verdicts = judged.filter { Transition.nominate.judged.contains($0.rule) }
            if !verdicts.blocking.isEmpty {
                throw Refusal.refused(verdicts, failing: verdicts.blocking, what: "nominating \(c.name(representative))")
            }
            return Nomination(session: s, officer: officer, representative: representative, reason: reason, verdicts: verdicts)
        }
    }

    /// A representative a senior officer sends, judged: sent at once, or waiting for the approver where a rule refers.
    public struct Nomination: Sendable {
        public var session: Session
        public var officer: String
        public var representative: String
        public var reason: String
        public var verdicts: [Verdict]

        /// Whether a rule refers, so it waits in the approver's queue as a change (`RequestKind.nomination`).
        public var waits: Bool { !verdicts.referred.isEmpty }

        /// The changed session as the queue keeps it: the officers' part, never any group's attendees (`confidentiality`).
        public func change(_ changed: SessionProposal) -> SessionProposal {
            var p = changed
            p.attendees = []
            return p
        }

        /// What it writes and who hears; `request`: the queued change when it waits, `deciders`: who decides it.
        public func plan(request: String?, deciders: [String], in c: Council) -> Plan {
            let s = session, ref = OfficerResponse.ref(s)
            var details = ["representative": representative, "reason": reason]
            if let request { details["request"] = request }
            var events: [DeskEvent] = [.sessionChanged(session: ref, .represented(officer: officer, representative: representative, matter: s.matter.title,
                                                                                   start: s.meetingStart, reason: reason, waitingFor: request,
                                                                                   tell: c.leaders(of: s.groupIDs) + [c.roster.approver]))]
            if let request {
                events.append(.nominationQueued(request: request, officer: officer, representative: representative, session: ref,
                                                matter: s.matter.title, start: s.segmentStart, referred: verdicts.referred.map(\.rule), tell: deciders))
            }
            return Plan(audit: AuditEntry(actor: officer, role: Role.officer.auditName, action: "officer.nominate", subject: ref,
                                          details: details, verdicts: verdicts),
                        events: events, verdicts: verdicts, touches: true)
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
        guard let line = s.officer(officer), line.attends else {
            throw Refusal(.forbidden, "\(c.name(officer)) is not invited to \(ref(s))", remedy: .seeOwnSessions(officer: officer))
        }
        try requireEndorsed(line, s, in: c)
    }

    /// Refuses an officer who holds no invitation yet: a nominee a group named whose senior officer has not endorsed them
    /// (`003 §7.9`), or a representative whose attendance waits for the approver (`approval`).
    static func requireEndorsed(_ line: Session.Officer, _ s: Session, in c: Council) throws(Refusal) {
        if let change = line.waitingFor {
            throw Refusal(.conflict, rule: .approval, clauses: c.profile.clauses(.approval),
                          "\(c.name(line.officer))'s attendance at \(ref(s)) waits for the \(c.profile.approverTitle)'s agreement (\(change)): no officer attends without it",
                          remedy: .awaitDecision(request: change, approverTitle: c.profile.approverTitle))
        }
        guard !line.nominationConfirmed, let senior = line.nominatedBy else { return }
        throw Refusal(.forbidden, rule: .seniorOfficer, clauses: c.profile.clauses(.seniorOfficer),
                      "\(c.name(line.officer)) is named as \(c.name(senior))'s nominee for \(ref(s)), and \(c.name(senior)) has not endorsed them yet: a nominee is invited only once the senior officer endorses",
                      remedy: .awaitEndorsement(senior: c.name(senior)))
    }
    static func ref(_ s: Session) -> String { Reference.format("SE", s.id) }
}
