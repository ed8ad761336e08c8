import Foundation

/// Another time an invited officer proposes for a session (`officer-consistency`: an officer who may not decline "may
/// propose another time"), and the host group's answer: taken, it is judged as that group's own move of the session
/// (`Reschedule`); refused, it needs a reason.
public struct TimeProposal: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case open, taken, refused, withdrawn
    }

    public var id: Int64
    public var session: Int64
    public var officer: String
    public var reason: String
    public var status: Status

    public init(id: Int64, session: Int64, officer: String, reason: String, status: Status) {
        self.id = id; self.session = session; self.officer = officer; self.reason = reason; self.status = status
    }

    public var ref: String { Reference.format("TP", id) }

    /// The session at the proposed time, as the host group would move it (judged in full when they take it), or the
    /// refusal: a reason is needed, and only an officer invited to a scheduled session proposes.
    public static func propose(_ s: Session, by officer: String, reason: String, meetingStart: Date, meetingEnd: Date,
                               segmentStart: Date, segmentEnd: Date, in c: Council) throws(Refusal) -> SessionProposal {
        try Decider.requireReason(reason, for: "proposing another time")
        _ = try Decider.roles(officer, in: c)
        try SessionAuthority.requireScheduled(s)
        guard let line = s.officer(officer), line.attends else {
            throw Refusal(.forbidden, rule: .officerConsistency, clauses: c.profile.clauses(.officerConsistency),
                          "\(c.name(officer)) is not invited to \(Reference.format("SE", s.id))", remedy: .onlyInvitedOfficerProposes)
        }
        try OfficerResponse.requireEndorsed(line, s, in: c)
        return s.moved(meetingStart: meetingStart, meetingEnd: meetingEnd, segmentStart: segmentStart, segmentEnd: segmentEnd, venue: nil,
                       by: c.roster.group(s.host)?.leader ?? officer)
    }

    /// What a proposal, once recorded as `ref`, writes to the audit trail and tells the host group and the approver.
    public static func proposed(_ ref: String, _ s: Session, by officer: String, to segmentStart: Date, reason: String,
                                in c: Council) -> (audit: AuditEntry, events: [DeskEvent]) {
        let session = Reference.format("SE", s.id)
        return (AuditEntry(actor: officer, role: Role.officer.auditName, action: "officer.propose", subject: session,
                           details: ["proposal": ref, "to": LondonTime.format(segmentStart), "reason": reason]),
                [.timeProposed(proposal: ref, officer: officer, session: session, matter: s.matter.title, from: s.segmentStart, to: segmentStart, reason: reason,
                               tell: c.leaders(of: s.groupIDs) + [c.roster.approver])])
    }

    /// The host group's leader answering `proposal` (nil when there is none by `ref`): their audit role, or the refusal.
    /// Refusing needs a reason; a proposal is answered once.
    public static func answerer(_ proposal: TimeProposal?, ref: String, hostGroup: String, by actor: String, take: Bool, reason: String?,
                                in c: Council) throws(Refusal) -> String {
        if !take { try Decider.requireReason(reason ?? "", for: "refusing a proposed time") }
        guard let proposal else { throw Refusal(.notFound, "no proposed time \(ref)", remedy: .seeList(.proposedTimes)) }
        guard proposal.status == .open else {
            throw Refusal(.conflict, "\(proposal.ref) is already \(proposal.status.rawValue)", remedy: .advice("Nothing to do."))
        }
        guard c.roster.roles(of: actor).contains(.groupLeader(group: hostGroup)) else {
            _ = try Decider.roles(actor, in: c)
            throw Refusal(.forbidden, rule: .requester, clauses: c.profile.clauses(.requester),
                          "only the leader of \(c.name(hostGroup)), the host group, answers \(proposal.ref)",
                          remedy: .advice("Ask the leader of \(c.name(hostGroup))."))
        }
        return Role.groupLeader(group: hostGroup).auditName
    }

    /// What answering writes: the audit entry, and for a refusal the message to the officer and the approver (a taken
    /// time is told as the move it became).
    /// `matter` and `start` (the group's meeting) name the session for those told.
    public func answered(by actor: String, role: String, take: Bool, answer: String, hostGroup: String, matter: String, start: Date,
                         in c: Council) -> (audit: AuditEntry, events: [DeskEvent]) {
        (AuditEntry(actor: actor, role: role, action: take ? "proposal.take" : "proposal.refuse", subject: ref, details: ["answer": answer]),
         take ? [] : [.proposalRefused(proposal: ref, group: hostGroup, session: Reference.format("SE", session), matter: matter, start: start, answer: answer,
                                      tell: [officer, c.roster.approver])])
    }
}
