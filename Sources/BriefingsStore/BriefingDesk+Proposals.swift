import BriefingsDomain
import Foundation
import GRDB

/// An invited officer proposes another time for a session (`officer-consistency`: an officer who may not decline
/// "may propose another time"); the host group takes it, when it is judged as that group's reschedule, or refuses it.
extension BriefingDesk {
    /// An officer invited to a session proposes other times for it, with a reason; the host group's leader is told.
    public func proposeTime(_ ref: String, as officerID: String, to form: SessionForm, reason: String) async throws -> TimeProposalView {
        let id = try Ref.parse(ref, "SE"), at = now()
        try requireReason(reason, for: "proposing another time")
        let (ms, me, ss, se) = try form.times()
        return try await database.step { db in
            let c = try council(db)
            _ = try actor(officerID, in: c)
            let s = try loadSession(db, id)
            try requireScheduled(s)
            guard s.officer(officerID)?.attends == true else {
                throw DeskError(.forbidden, rule: .officerConsistency, clauses: c.profile.clauses(.officerConsistency),
                                "\(c.name(officerID)) is not invited to \(Ref.format("SE", id))",
                                remedy: .onlyInvitedOfficerProposes)
            }
            // Checked as the host group would take it: judged in full when they do (`session take-proposal`).
            let p = s.moved(meetingStart: ms, meetingEnd: me, segmentStart: ss, segmentEnd: se, venue: nil,
                            by: c.roster.group(s.host)?.leader ?? officerID)
            try checkInput(p, c, now: at)
            var proposal = TimeProposalRecord(id: nil, sessionID: id, officer: officerID, meetingStart: ms.unix, meetingEnd: me.unix,
                                              segmentStart: ss.unix, segmentEnd: se.unix, reason: reason, status: .open, proposedAt: at.unix)
            try proposal.insert(db)
            let tpID = proposal.id!, tp = proposal.ref
            try AuditTrail.append(db, at: at, actor: officerID, role: Role.officer.auditName, action: "officer.propose", subject: Ref.format("SE", id),
                                  details: ["proposal": tp, "to": LondonTime.format(ss), "reason": reason])
            try publish(db, c, [.timeProposed(proposal: tp, officer: officerID, session: Ref.format("SE", id), from: s.segmentStart, to: ss,
                                              reason: reason, tell: leaders(c, s) + [c.roster.approver])], at: at)
            return try timeProposal(db, c, tpID)
        }
    }

    /// The host group takes an officer's proposed time: judged as the group's own reschedule, so a time a rule
    /// refers goes to the approver's queue. Refusing it needs a reason. Either way the proposal is answered.
    public func answerProposal(_ ref: String, as actorID: String, take: Bool, reason: String? = nil) async throws -> ProposalAnswer {
        let id = try Ref.parse(ref, "TP"), at = now()
        if !take { try requireReason(reason ?? "", for: "refusing a proposed time") }
        return try await database.step { db in
            let c = try council(db)
            guard var r = try TimeProposalRecord.fetchOne(db, key: id) else {
                throw DeskError(.notFound, "no proposed time \(Ref.format("TP", id))", remedy: .seeList(.proposedTimes))
            }
            guard r.status == .open else {
                throw DeskError(.conflict, "\(r.ref) is already \(r.status.rawValue)", fix: "Nothing to do.")
            }
            let session = r.sessionID
            let groups = try sessionGroups(db, session)
            guard c.roster.roles(of: actorID).contains(.groupLeader(group: groups[0])) else {
                _ = try actor(actorID, in: c)
                throw DeskError(.forbidden, rule: .requester, clauses: c.profile.clauses(.requester),
                                "only the leader of \(c.name(groups[0])), the host group, answers \(Ref.format("TP", id))",
                                fix: "Ask the leader of \(c.name(groups[0])).")
            }
            var receipt: Receipt?
            var answer = reason ?? ""
            if take {
                receipt = try rescheduleStep(db, session, as: actorID, meetingStart: Date(unix: r.meetingStart), meetingEnd: Date(unix: r.meetingEnd),
                                             segmentStart: Date(unix: r.segmentStart), segmentEnd: Date(unix: r.segmentEnd), venue: nil,
                                             reason: "taking \(r.ref) proposed by \(c.name(r.officer)): \(r.reason)",
                                             overrides: [:], at: at)
                answer = receipt!.message
            }
            r.status = take ? .taken : .refused; r.answeredAt = at.unix; r.answeredBy = actorID; r.answer = answer
            try r.update(db)
            try AuditTrail.append(db, at: at, actor: actorID, role: Role.groupLeader(group: groups[0]).auditName,
                                  action: take ? "proposal.take" : "proposal.refuse", subject: Ref.format("TP", id), details: ["answer": answer])
            if !take {
                try publish(db, c, [.proposalRefused(proposal: Ref.format("TP", id), group: groups[0], session: Ref.format("SE", session),
                                                     answer: answer, tell: [r.officer, c.roster.approver])], at: at)
            }
            return ProposalAnswer(proposal: try timeProposal(db, c, id), receipt: receipt)
        }
    }

    func timeProposal(_ db: Database, _ c: Council, _ id: Int64) throws -> TimeProposalView {
        guard let r = try TimeProposalRecord.fetchOne(db, key: id) else {
            throw DeskError(.notFound, "no proposed time \(Ref.format("TP", id))", remedy: .seeList(.proposedTimes))
        }
        return view(r, c)
    }

    func timeProposals(_ db: Database, _ c: Council, session id: Int64) throws -> [TimeProposalView] {
        try TimeProposalRecord.filter(TimeProposalRecord.Columns.sessionID == id).order(TimeProposalRecord.Columns.id).fetchAll(db).map { view($0, c) }
    }

    private func view(_ r: TimeProposalRecord, _ c: Council) -> TimeProposalView {
        TimeProposalView(ref: r.ref, session: Ref.format("SE", r.sessionID), officer: c.name(r.officer),
                         segmentStart: LondonTime.format(Date(unix: r.segmentStart)), segmentEnd: LondonTime.format(Date(unix: r.segmentEnd)),
                         reason: r.reason, status: r.status.rawValue, answer: r.answer)
    }
}
