import BriefingsDomain
import Foundation
import GRDB

/// An invited officer proposes another time for a session (`officer-consistency`: an officer who may not decline
/// "may propose another time"); the host group takes it, when it is judged as that group's reschedule, or refuses it.
extension BriefingDesk {
    /// An officer invited to a session proposes other times for it, with a reason; the host group's leader is told.
    public func proposeTime(_ ref: String, as officerID: String, to form: SessionForm, reason: String) async throws -> TimeProposalView {
        let id = try Ref.parse(ref, "SE"), at = now()
        let (ms, me, ss, se) = try form.times()
        return try await database.step { db in
            let c = try council(db)
            return try proposeStep(db, c, try loadSession(db, id), as: officerID, meetingStart: ms, meetingEnd: me, segmentStart: ss,
                                   segmentEnd: se, reason: reason, at: at)
        }
    }

    /// A proposed time, in the caller's transaction: the desk's (`proposeTime`) and a calendar's COUNTER
    /// (`receiveCalendarReply`, whose audit entry says so in `via`). A refusal is thrown before anything is written.
    func proposeStep(_ db: Database, _ c: Council, _ s: Session, as officerID: String, meetingStart ms: Date, meetingEnd me: Date,
                     segmentStart ss: Date, segmentEnd se: Date, reason: String, at: Date, via: String? = nil) throws -> TimeProposalView {
        let p = try refusing { () throws(Refusal) in
            try TimeProposal.propose(s, by: officerID, reason: reason, meetingStart: ms, meetingEnd: me, segmentStart: ss, segmentEnd: se, in: c)
        }
        try checkInput(p, c, now: at)
        var proposal = TimeProposalRecord(id: nil, sessionID: s.id, officer: officerID, meetingStart: ms.unix, meetingEnd: me.unix,
                                          segmentStart: ss.unix, segmentEnd: se.unix, reason: reason, status: .open, proposedAt: at.unix)
        try proposal.insert(db)
        var plan = TimeProposal.proposed(proposal.ref, s, by: officerID, to: ss, reason: reason, in: c)
        if let via { plan.audit.details["via"] = via }
        try AuditTrail.append(db, at: at, plan.audit)
        try publish(db, c, plan.events, at: at)
        return try timeProposal(db, c, proposal.id!)
    }

    /// The host group takes an officer's proposed time: judged as the group's own reschedule, so a time a rule
    /// refers goes to the approver's queue. Refusing it needs a reason. Either way the proposal is answered.
    public func answerProposal(_ ref: String, as actorID: String, take: Bool, reason: String? = nil) async throws -> ProposalAnswer {
        let id = try Ref.parse(ref, "TP"), at = now()
        return try await database.step { db in
            let c = try council(db)
            let found = try TimeProposalRecord.fetchOne(db, key: id)
            let host = try found.map { try sessionGroups(db, $0.sessionID)[0] } ?? ""
            let role = try refusing { () throws(Refusal) in
                try TimeProposal.answerer(found?.proposal, ref: Ref.format("TP", id), hostGroup: host, by: actorID, take: take, reason: reason, in: c)
            }
            guard var r = found else { preconditionFailure("TimeProposal.answerer refuses a missing proposal") }
            var receipt: Receipt?
            var answer = reason ?? ""
            if take {
                receipt = try rescheduleStep(db, r.sessionID, as: actorID, meetingStart: Date(unix: r.meetingStart), meetingEnd: Date(unix: r.meetingEnd),
                                             segmentStart: Date(unix: r.segmentStart), segmentEnd: Date(unix: r.segmentEnd), venue: nil,
                                             reason: "taking \(r.ref) proposed by \(c.name(r.officer)): \(r.reason)",
                                             overrides: [:], at: at)
                answer = receipt!.message
            }
            r.status = take ? .taken : .refused; r.answeredAt = at.unix; r.answeredBy = actorID; r.answer = answer
            try r.update(db)
            let kept = try loadSession(db, r.sessionID)
            let plan = r.proposal.answered(by: actorID, role: role, take: take, answer: answer, hostGroup: host, matter: kept.matter.title,
                                           start: kept.meetingStart, in: c)
            try AuditTrail.append(db, at: at, plan.audit)
            try publish(db, c, plan.events, at: at)
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
