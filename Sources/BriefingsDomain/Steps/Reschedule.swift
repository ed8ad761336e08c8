import Foundation

/// The host group (or the approver) moves a session, judged by every proposal rule for the groups it serves by the
/// person acting. The host group's leader moves it under the briefing's approval when every rule passes; a `refer`
/// sends the move to the approver's queue, holding the new slot, and the session stays put until agreed. The approver
/// (or the deputy while acting) moves it at once, recording a reason for each `refer`. A new time for the officers' part
/// puts each officer who had confirmed back to awaiting confirmation (`approval`: every officer confirms the new time),
/// so the session is tentative until they all confirm again.
public enum Reschedule {
    /// The officers whose confirmation was for the old time: every officer who had confirmed, when the officers' part
    /// moves (a new start or end); none when only the venue or the group's own part of the meeting changes.
    public static func confirmationsLapsing(_ s: Session, movedTo p: SessionProposal) -> [String] {
        guard newTime(s, p) else { return [] }
        return s.officers.filter { $0.response == .confirmed }.map(\.officer)
    }

    /// Whether the move gives the officers' part a new time, which every officer confirms again.
    static func newTime(_ s: Session, _ p: SessionProposal) -> Bool {
        p.segmentStart != s.segmentStart || p.segmentEnd != s.segmentEnd
    }

    /// Who is moving it: their audit role, and whether they act as the approver (who alone records overrides).
    public struct Mover: Sendable, Hashable {
        public var role: String
        public var approverActing: Bool
    }

    /// Before the new time is judged: a scheduled session, someone who may move it, overrides only from the approver.
    public static func mover(_ s: Session, by actor: String, reason: String, overrides: [RuleID: String], in c: Council,
                             presence: Decider.ApproverPresence) throws(Refusal) -> Mover {
        try Decider.requireReason(reason, for: "rescheduling a session")
        try SessionAuthority.requireScheduled(s)
        let role = try SessionAuthority.hostOrApprover(actor, s, in: c, presence: presence, what: "move")
        let approverActing = role != Role.groupLeader(group: s.host).auditName
        if !approverActing && !overrides.isEmpty {
            throw Refusal(.forbidden, rule: .approval, clauses: c.profile.approverClauses,
                          "only the \(c.profile.approverTitle) records a reason to override a rule",
                          remedy: .noOverrides(approverTitle: c.profile.approverTitle))
        }
        return Mover(role: role, approverActing: approverActing)
    }

    public enum Outcome: Sendable, Hashable {
        /// Moved now, under `agreement`: the briefing's approval, or the approver's own act (`approver:ID`).
        case moved(agreement: String)
        /// A rule refers and the host group moved it: the new time is held and the move waits for the approver.
        case queued
    }

    public struct Plan: Sendable {
        public var session: Session
        public var proposal: SessionProposal
        public var actor: String
        public var mover: Mover
        public var reason: String
        public var overrides: [RuleID: String]
        public var verdicts: [Verdict]
        public var outcome: Outcome
        public var deciders: [String]
        /// Officers who had confirmed the old time and are back to awaiting confirmation once it moves (none while queued).
        public var reconfirm: [String]

        var ref: String { Reference.format("SE", session.id) }

        /// The audit entry, once the store has filed the queued change `request`, if any.
        public func audit(request: String?) -> AuditEntry {
            let from = LondonTime.format(session.segmentStart), to = LondonTime.format(proposal.segmentStart)
            switch outcome {
            case .queued:
                return AuditEntry(actor: actor, role: mover.role, action: "session.propose-move", subject: ref,
                                  details: ["request": request ?? "", "from": from, "to": to, "reason": reason], verdicts: verdicts)
            case .moved(let agreement):
                return AuditEntry(actor: actor, role: mover.role, action: "session.reschedule", subject: ref,
                                  details: ["from": from, "to": to, "agreement": agreement, "reason": reason,
                                            "reconfirm": reconfirm.joined(separator: ",")],
                                  records: ["overrides": Dictionary(uniqueKeysWithValues: overrides.map { ($0.key.rawValue, $0.value) })],
                                  verdicts: verdicts)
            }
        }

        public func events(request: String?) -> [DeskEvent] {
            switch outcome {
            case .queued:
                [.moveQueued(request: request ?? "", host: session.host, session: ref, matter: session.matter.title, from: session.segmentStart, to: proposal.segmentStart,
                             reason: reason, referred: verdicts.referred.map(\.rule), tell: deciders)]
            case .moved:
                [.sessionChanged(session: ref, .rescheduled(from: session.segmentStart, to: proposal.segmentStart, reason: reason,
                                                            confirmAgain: Reschedule.newTime(session, proposal)))]
            }
        }
    }

    /// `p`: the session moved (its input checked); `verdicts`: every reschedule rule's, against the bookings as they are now.
    public static func decide(_ s: Session, to p: SessionProposal, by actor: String, mover: Mover, reason: String, overrides: [RuleID: String],
                              verdicts: [Verdict], standingAgreement: String, in c: Council,
                              presence: Decider.ApproverPresence) -> Result<Plan, Refusal> {
        Result { () throws(Refusal) in
            let outcome: Outcome
            if !mover.approverActing && verdicts.blocking.isEmpty && !verdicts.referred.isEmpty {
                outcome = .queued
            } else {
                do throws(Refusal) { try Decider.enforce(verdicts, overrides: overrides, what: "rescheduling \(Reference.format("SE", s.id))") } catch {
                    var refusal = error
                    if !mover.approverActing, case .recordOverrides = refusal.remedy { refusal.remedy = .approverAgrees }
                    throw refusal
                }
                outcome = .moved(agreement: mover.approverActing ? "approver:\(actor)" : standingAgreement)
            }
            let moved: Bool = if case .moved = outcome { true } else { false }
            return Plan(session: s, proposal: p, actor: actor, mover: mover, reason: reason, overrides: overrides, verdicts: verdicts,
                        outcome: outcome, deciders: Decider.deciders(c, presence: presence),
                        reconfirm: moved ? confirmationsLapsing(s, movedTo: p) : [])
        }
    }
}

/// A move needs the approver's agreement again only for what it changes (RULES.md `approval`; issue 25 item 15): a
/// reason the approver gave for this session stands where the rule judges something the move leaves as it was. The
/// venue's agreement stands while the venue does; the attendees' (`members-only`, `confidentiality`) always, since a
/// move keeps them; the matter's and the officers' too; a rule about the time (hours, clashes, the officers' part
/// before politics, a meeting the briefing should precede) only while the times stay.
extension Reschedule {
    /// The rules whose agreement stands after moving `s` as `p`.
    public static func unchanged(_ s: Session, movedTo p: SessionProposal) -> Set<RuleID> {
        var kept: Set<RuleID> = [.membersOnly, .confidentiality, .seniorOfficer, .professionalRemit, .noIndividualMatter, .requester]
        if p.venue == s.venue { kept.insert(.venue) }
        if p.meetingStart == s.meetingStart && p.meetingEnd == s.meetingEnd && !newTime(s, p) {
            kept.formUnion([.workingHours, .noDoubleBooking, .briefingBeforePolitics, .councilBusiness])
        }
        return kept
    }

    /// The reasons a group of the session keeps after the move: its own, for what the move leaves as it was.
    public static func keptOverrides(_ g: Session.Group, _ s: Session, movedTo p: SessionProposal) -> [RuleID: String] {
        let kept = unchanged(s, movedTo: p)
        return g.overrides.filter { kept.contains($0.key) }
    }

    /// The move's verdicts with each referred rule already agreed for this session, on something the move does not
    /// change, shown as agreed: passed, saying by whose reason, so neither the host nor the approver is asked again.
    public static func keepingAgreement(_ verdicts: [Verdict], of s: Session, movedTo p: SessionProposal) -> [Verdict] {
        var reasons: [RuleID: String] = [:]
        for g in s.groups { for (rule, reason) in keptOverrides(g, s, movedTo: p) where reasons[rule] == nil { reasons[rule] = reason } }
        return verdicts.map { v in
            guard !v.passed, v.severity == .refer, let reason = reasons[v.rule] else { return v }
            return Verdict(rule: v.rule, passed: true, severity: v.severity, clauses: v.clauses,
                           message: "already agreed for this session (\(reason)), and the move does not change it: \(v.message)")
        }
    }
}
