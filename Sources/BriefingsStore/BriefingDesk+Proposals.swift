import BriefingsDomain
import Foundation
import GRDB

/// An invited officer proposes another time for a session (`officer-consistency`: an officer who may not decline
/// "may propose another time"); the host group takes it, when it is judged as that group's reschedule, or refuses it.
extension BriefingDesk {
    /// An officer's proposed time, as the session's groups, its officers and the approver see it.
    public struct TimeProposalView: Sendable, Codable, Equatable {
        public var ref: String
        public var session: String
        public var officer: String
        public var segmentStart: String
        public var segmentEnd: String
        public var reason: String
        /// `open`, `taken`, `refused` or `withdrawn`.
        public var status: String
        public var answer: String?
    }

    /// An officer invited to a session proposes other times for it, with a reason; the host group's leader is told.
    public func proposeTime(_ ref: String, as officerID: String, to form: SessionForm, reason: String) throws -> TimeProposalView {
        let id = try Ref.parse(ref, "SE"), at = now()
        try requireReason(reason, for: "proposing another time")
        let (ms, me, ss, se) = try form.times()
        return try database.step { db in
            let c = try council(db)
            _ = try actor(officerID, in: c)
            let s = try loadSession(db, id)
            try requireScheduled(s)
            let groups = s.groupIDs
            guard s.officer(officerID)?.attends == true else {
                throw DeskError(.forbidden, rule: .officerConsistency, clauses: c.profile.clauses(.officerConsistency),
                                "\(c.name(officerID)) is not invited to \(Ref.format("SE", id))",
                                fix: "Only an officer invited to a session proposes another time for it; `briefings session list` shows yours.")
            }
            // Checked as the host group would take it: judged in full when they do (`session take-proposal`).
            let p = s.moved(meetingStart: ms, meetingEnd: me, segmentStart: ss, segmentEnd: se, venue: nil,
                            by: c.roster.group(s.host)?.leader ?? officerID)
            try checkInput(p, c, now: at)
            try db.run(sql: """
                INSERT INTO time_proposal (session_id, officer, meeting_start, meeting_end, segment_start, segment_end, reason, status, proposed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)
                """, arguments: [id, officerID, ms.unix, me.unix, ss.unix, se.unix, reason, at.unix])
            let tpID = db.lastInsertedRowID, tp = Ref.format("TP", tpID)
            try AuditTrail.append(db, at: at, actor: officerID, role: Role.officer.auditName, action: "officer.propose", subject: Ref.format("SE", id),
                                  details: ["proposal": tp, "to": LondonTime.format(ss), "reason": reason])
            try notify(db, c, at: at, subject: "\(tp): \(c.name(officerID)) proposes moving \(Ref.format("SE", id)) to \(LondonTime.formatLong(ss))",
                       body: "Reason: \(reason). The host group takes it with `briefings session take-proposal \(tp)` (judged as a reschedule) or refuses it with `briefings session refuse-proposal \(tp) --reason \"…\"`.",
                       to: [c.roster.group(groups[0])?.leader, officerID, c.roster.approver].compactMap { $0 })
            return try timeProposal(db, c, tpID)
        }
    }

    /// The host group takes an officer's proposed time: judged as the group's own reschedule, so a time a rule
    /// refers goes to the approver's queue. Refusing it needs a reason. Either way the proposal is answered.
    /// A proposed time as answered, and the reschedule it became when taken.
    public struct ProposalAnswer: Sendable, Codable {
        public var proposal: TimeProposalView
        public var receipt: Receipt?
    }

    public func answerProposal(_ ref: String, as actorID: String, take: Bool, reason: String? = nil) throws -> ProposalAnswer {
        let id = try Ref.parse(ref, "TP"), at = now()
        if !take { try requireReason(reason ?? "", for: "refusing a proposed time") }
        return try database.step { db in
            let c = try council(db)
            guard let r = try db.one(sql: "SELECT * FROM time_proposal WHERE id = ?", arguments: [id]) else {
                throw DeskError(.notFound, "no proposed time \(Ref.format("TP", id))", fix: "`briefings session show SE-…` lists a session's proposed times.")
            }
            guard (r["status"] as String) == "open" else {
                throw DeskError(.conflict, "\(Ref.format("TP", id)) is already \(r["status"] as String)", fix: "Nothing to do.")
            }
            let session: Int64 = r["session_id"]
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
                receipt = try rescheduleStep(db, session, as: actorID, meetingStart: Date(unix: r["meeting_start"]), meetingEnd: Date(unix: r["meeting_end"]),
                                             segmentStart: Date(unix: r["segment_start"]), segmentEnd: Date(unix: r["segment_end"]), venue: nil,
                                             reason: "taking \(Ref.format("TP", id)) proposed by \(c.name(r["officer"])): \(r["reason"] as String)",
                                             overrides: [:], at: at)
                answer = receipt!.message
            }
            try db.run(sql: "UPDATE time_proposal SET status = ?, answered_at = ?, answered_by = ?, answer = ? WHERE id = ?",
                       arguments: [take ? "taken" : "refused", at.unix, actorID, answer, id])
            try AuditTrail.append(db, at: at, actor: actorID, role: Role.groupLeader(group: groups[0]).auditName,
                                  action: take ? "proposal.take" : "proposal.refuse", subject: Ref.format("TP", id), details: ["answer": answer])
            if !take {
                try notify(db, c, at: at, subject: "\(Ref.format("TP", id)) refused by \(c.name(groups[0]))", body: "Reason: \(answer)",
                           to: [r["officer"] as String, c.roster.approver])
            }
            return ProposalAnswer(proposal: try timeProposal(db, c, id), receipt: receipt)
        }
    }

    func timeProposal(_ db: Database, _ c: Council, _ id: Int64) throws -> TimeProposalView {
        guard let r = try db.one(sql: "SELECT * FROM time_proposal WHERE id = ?", arguments: [id]) else {
            throw DeskError(.notFound, "no proposed time \(Ref.format("TP", id))", fix: "`briefings session show SE-…` lists a session's proposed times.")
        }
        return TimeProposalView(ref: Ref.format("TP", id), session: Ref.format("SE", r["session_id"] as Int64), officer: c.name(r["officer"]),
                                segmentStart: LondonTime.format(Date(unix: r["segment_start"])),
                                segmentEnd: LondonTime.format(Date(unix: r["segment_end"])), reason: r["reason"], status: r["status"], answer: r["answer"])
    }

    func timeProposals(_ db: Database, _ c: Council, session id: Int64) throws -> [TimeProposalView] {
        try db.values(Int64.self, sql: "SELECT id FROM time_proposal WHERE session_id = ? ORDER BY id", arguments: [id]).map { try timeProposal(db, c, $0) }
    }
}
