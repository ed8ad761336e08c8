import BriefingsDomain
import Foundation
import GRDB

extension BriefingDesk {
    /// Inserts a scheduled session with its groups, invited officers and bookings.
    func createSession(_ db: Database, briefing: Int64, _ p: SessionProposal, groups: [(String, Int64)],
                       joinable: Bool, at: Date) throws -> Int64 {
        let t = Int(at.timeIntervalSince1970)
        try db.run(sql: """
            INSERT INTO session (briefing_id, status, meeting_start, meeting_end, segment_start, segment_end, venue, attendees,
                                 joinable, sequence, updated_at, created_at)
            VALUES (?, 'scheduled', ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
            """, arguments: [briefing, p.meetingStart.unix, p.meetingEnd.unix, p.segmentStart.unix, p.segmentEnd.unix,
                             Self.json(p.venue), Self.json(p.attendees), joinable, t, t])
        let session = db.lastInsertedRowID
        for (group, offer) in groups {
            try db.run(sql: "INSERT INTO session_group (session_id, group_id, offer_id) VALUES (?, ?, ?)", arguments: [session, group, offer])
        }
        for a in p.officers {
            try db.run(sql: "INSERT INTO session_officer (session_id, officer_id, nominated_by, response) VALUES (?, ?, ?, 'invited')",
                           arguments: [session, a.officer, a.nominatedBy])
        }
        try book(db, session: session, p)
        return session
    }

    /// Replaces a session's bookings: each officer for the officers' segment, the room for the whole meeting.
    func book(_ db: Database, session: Int64, _ p: SessionProposal) throws {
        try db.run(sql: "DELETE FROM booking WHERE session_id = ?", arguments: [session])
        let label = Ref.format("SE", session)
        for a in p.officers {
            try db.run(sql: "INSERT INTO booking (resource, start, end, session_id, label) VALUES (?, ?, ?, ?, ?)",
                           arguments: ["officer:\(a.officer)", p.segmentStart.unix, p.segmentEnd.unix, session, label])
        }
        if let room = p.venue.roomID {
            try db.run(sql: "INSERT INTO booking (resource, start, end, session_id, label) VALUES (?, ?, ?, ?, ?)",
                           arguments: ["room:\(room)", p.meetingStart.unix, p.meetingEnd.unix, session, label])
        }
    }

    /// A session as stored, turned back into the proposal the rules judge.
    func proposal(_ db: Database, session id: Int64) throws -> (row: Row, proposal: SessionProposal, groups: [String]) {
        guard let s = try db.one(sql: """
            SELECT session.*, briefing.title, briefing.details, briefing.area, briefing.linked_meeting, briefing.decision_date,
                   briefing.embargo_until, briefing.status AS briefing_status
            FROM session JOIN briefing ON briefing.id = session.briefing_id WHERE session.id = ?
            """, arguments: [id]) else {
            throw DeskError(.notFound, "no session \(Ref.format("SE", id))", fix: "`briefings session list` lists the sessions you can see.")
        }
        let groups = try db.values(String.self, sql: "SELECT group_id FROM session_group WHERE session_id = ? ORDER BY rowid", arguments: [id])
        let officers = try db.all(sql: """
            SELECT officer_id, nominated_by FROM session_officer
            WHERE session_id = ? AND response IN ('invited', 'confirmed') ORDER BY rowid
            """, arguments: [id]).map { OfficerAttendance(officer: $0["officer_id"], nominatedBy: $0["nominated_by"]) }
        let firstRequest = try db.one(sql: "SELECT requester, on_behalf_of FROM request WHERE briefing_id = ? ORDER BY id LIMIT 1",
                                            arguments: [s["briefing_id"] as Int64])
        let matter = Matter(title: s["title"], details: s["details"], area: s["area"], linkedMeeting: s["linked_meeting"],
                            decisionDate: (s["decision_date"] as String?).flatMap(LocalDate.init),
                            embargoUntil: (s["embargo_until"] as String?).flatMap(LocalDate.init))
        let p = SessionProposal(requester: firstRequest?["requester"] ?? "", onBehalfOf: firstRequest?["on_behalf_of"], groups: groups,
                                matter: matter, officers: officers,
                                meetingStart: Date(unix: s["meeting_start"]), meetingEnd: Date(unix: s["meeting_end"]),
                                segmentStart: Date(unix: s["segment_start"]), segmentEnd: Date(unix: s["segment_end"]),
                                venue: try Self.decode(Venue.self, s["venue"]), attendees: try Self.decode([Attendee].self, s["attendees"]),
                                jointWish: s["joinable"])
        return (s, p, groups)
    }

    func requireOpenBriefing(_ db: Database, _ id: Int64) throws {
        let status = try db.value(String.self, sql: "SELECT status FROM briefing WHERE id = ?", arguments: [id])
        if status == nil { throw DeskError(.notFound, "no briefing \(Ref.format("BR", id))", fix: "`briefings briefing list` lists them.") }
        if status == "closed" {
            throw DeskError(.conflict, "\(Ref.format("BR", id)) is closed", fix: "Ask the approver for a new briefing.")
        }
    }

    /// Moves a session to new times (and optionally a new venue), re-checked by every rule.
    /// The group's leader may do it where no rule needs the approver; the approver can override `refer`s.
    public func reschedule(_ ref: String, as actorID: String, meetingStart: Date, meetingEnd: Date, segmentStart: Date, segmentEnd: Date,
                           venue: Venue?, reason: String, overrides: [RuleID: String] = [:]) throws -> Receipt {
        let id = try Ref.parse(ref, "SE"), at = now()
        try requireReason(reason, for: "rescheduling a session")
        return try database.step { db in
            let c = try council(db)
            let roles = try actor(actorID, in: c)
            var (row, p, groups) = try proposal(db, session: id)
            try requireScheduled(row, id)
            let isApprover = roles.contains(.approver) || roles.contains(.deputyApprover)
            guard isApprover || roles.contains(.groupLeader(group: groups[0])) else {
                throw DeskError(.forbidden, "\(c.name(actorID)) may not reschedule \(Ref.format("SE", id))",
                                fix: "Ask the leader of \(c.name(groups[0])) or the \(c.profile.approverTitle).")
            }
            p.meetingStart = meetingStart; p.meetingEnd = meetingEnd; p.segmentStart = segmentStart; p.segmentEnd = segmentEnd
            if let venue { p.venue = venue }
            p.requester = isApprover ? p.requester : actorID
            try checkInput(p, c, now: at)
            let v = try verdicts(db, p, c, excluding: id)
            try enforce(v, overrides: isApprover ? overrides : [:], what: "rescheduling \(Ref.format("SE", id))", approverCanOverride: isApprover)
            try db.run(sql: """
                UPDATE session SET meeting_start = ?, meeting_end = ?, segment_start = ?, segment_end = ?, venue = ?,
                sequence = sequence + 1, updated_at = ? WHERE id = ?
                """, arguments: [meetingStart.unix, meetingEnd.unix, segmentStart.unix, segmentEnd.unix, Self.json(p.venue), at.unix, id])
            try book(db, session: id, p)
            try AuditTrail.append(db, at: at, actor: actorID, role: isApprover ? "approver" : "group leader", action: "session.reschedule",
                                  subject: Ref.format("SE", id),
                                  details: ["from": LondonTime.format(Date(unix: row["segment_start"])), "to": LondonTime.format(segmentStart),
                                            "reason": reason, "overrides": Self.json(overrides.mapKeys(\.rawValue))], verdicts: v)
            try notify(db, c, at: at, subject: "\(Ref.format("SE", id)) moved to \(LondonTime.formatLong(segmentStart))", body: "Reason: \(reason)",
                       to: groups.compactMap { c.roster.group($0)?.leader } + p.officers.map(\.officer))
            return Receipt(ref: Ref.format("SE", id), status: "scheduled", message: "\(Ref.format("SE", id)) now runs \(LondonTime.format(segmentStart))–\(LondonTime.format(segmentEnd).suffix(5))", verdicts: v)
        }
    }

    func requireScheduled(_ row: Row, _ id: Int64) throws {
        if (row["status"] as String) == "cancelled" {
            throw DeskError(.conflict, "\(Ref.format("SE", id)) was cancelled", fix: "Propose a new session instead.")
        }
    }

    /// Cancels a session with a reason; it keeps its history and leaves feeds after the retention period.
    public func cancel(_ ref: String, as actorID: String, reason: String) throws {
        let id = try Ref.parse(ref, "SE"), at = now()
        try requireReason(reason, for: "cancelling a session")
        try database.step { db in
            let c = try council(db)
            let roles = try actor(actorID, in: c)
            let (row, p, groups) = try proposal(db, session: id)
            try requireScheduled(row, id)
            let isApprover = roles.contains(.approver) || roles.contains(.deputyApprover)
            guard isApprover || groups.contains(where: { roles.contains(.groupLeader(group: $0)) }) else {
                throw DeskError(.forbidden, "\(c.name(actorID)) may not cancel \(Ref.format("SE", id))",
                                fix: "Ask the leader of a group the session serves, or the \(c.profile.approverTitle).")
            }
            try db.run(sql: "UPDATE session SET status = 'cancelled', cancelled_at = ?, reason = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?",
                           arguments: [at.unix, reason, at.unix, id])
            try db.run(sql: "DELETE FROM booking WHERE session_id = ?", arguments: [id])
            try AuditTrail.append(db, at: at, actor: actorID, role: isApprover ? "approver" : "group leader", action: "session.cancel",
                                  subject: Ref.format("SE", id), details: ["reason": reason])
            try notify(db, c, at: at, subject: "\(Ref.format("SE", id)) cancelled", body: "Reason: \(reason)",
                       to: groups.compactMap { c.roster.group($0)?.leader } + p.officers.map(\.officer))
        }
    }

    /// Records a notification naming every recipient (`no-silent-copies`).
    func notify(_ db: Database, _ c: Council, at: Date, subject: String, body: String, to: [String], blindCopies: [String] = []) throws {
        var seen = Set<String>()
        let n = Notification(subject: subject, body: body, to: to.filter { !$0.isEmpty && seen.insert($0).inserted }, blindCopies: blindCopies)
        let v = n.verdict(c.profile)
        if !v.passed && v.severity == .block { throw DeskError.refused([v], failing: [v], what: "the notification") }
        try db.run(sql: "INSERT INTO notification (at, subject, body, recipients) VALUES (?, ?, ?, ?)",
                       arguments: [at.unix, subject, body, Self.json(n.to)])
    }
}

extension Date {
    var unix: Int { Int(timeIntervalSince1970) }
    init(unix: Int) { self.init(timeIntervalSince1970: Double(unix)) }
}
