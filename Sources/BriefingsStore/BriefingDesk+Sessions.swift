import BriefingsDomain
import Foundation
import GRDB

extension BriefingDesk {
    /// Inserts a scheduled session for one group with its invited officers and bookings. `agreement` is the approver's
    /// act that covers it, or nil while it waits for the approver (tentative, holding its bookings).
    func createSession(_ db: Database, briefing: Int64, _ p: SessionProposal, group: String, offer: Int64, agreement: String?,
                       overrides: [RuleID: String], joinable: Bool, at: Date) throws -> Int64 {
        let t = Int(at.timeIntervalSince1970)
        try db.run(sql: """
            INSERT INTO session (briefing_id, status, meeting_start, meeting_end, segment_start, segment_end, venue, attendees,
                                 joinable, sequence, updated_at, created_at)
            VALUES (?, 'scheduled', ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
            """, arguments: [briefing, p.meetingStart.unix, p.meetingEnd.unix, p.segmentStart.unix, p.segmentEnd.unix,
                             Self.json(p.venue), Self.json(p.attendees), joinable, t, t])
        let session = db.lastInsertedRowID
        try db.run(sql: "INSERT INTO session_group (session_id, group_id, offer_id, agreement, overrides, attendees) VALUES (?, ?, ?, ?, ?, ?)",
                   arguments: [session, group, offer, agreement, Self.json(overrides.mapKeys(\.rawValue)), Self.json(p.attendees)])
        // A nominee the group named waits for the nominating senior officer's confirmation (`senior-officer`).
        for a in p.officers {
            try db.run(sql: "INSERT INTO session_officer (session_id, officer_id, nominated_by, response, nomination_confirmed) VALUES (?, ?, ?, 'invited', ?)",
                           arguments: [session, a.officer, a.nominatedBy, a.nominatedBy == nil])
        }
        try book(db, session: session, p)
        return session
    }

    /// Replaces a session's bookings: each officer for the officers' segment, the room for the whole meeting. With
    /// `holdFor`, adds bookings labelled with a queued change instead, holding the slot it asks for until decided.
    func book(_ db: Database, session: Int64, _ p: SessionProposal, holdFor change: String? = nil) throws {
        if change == nil { try db.run(sql: "DELETE FROM booking WHERE session_id = ?", arguments: [session]) }
        let label = change ?? Ref.format("SE", session)
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
                   briefing.embargo_until, briefing.budget, briefing.released_at, briefing.status AS briefing_status,
                   request.group_id AS origin
            FROM session JOIN briefing ON briefing.id = session.briefing_id JOIN request ON request.id = briefing.request_id
            WHERE session.id = ?
            """, arguments: [id]) else {
            throw DeskError(.notFound, "no session \(Ref.format("SE", id))", fix: "`briefings session list` lists the sessions you can see.")
        }
        let groups = try db.values(String.self, sql: "SELECT group_id FROM session_group WHERE session_id = ? ORDER BY rowid", arguments: [id])
        let officers = try db.all(sql: """
            SELECT officer_id, nominated_by FROM session_officer
            WHERE session_id = ? AND response IN ('invited', 'confirmed') ORDER BY rowid
            """, arguments: [id]).map { OfficerAttendance(officer: $0["officer_id"], nominatedBy: $0["nominated_by"]) }
        // A budget briefing's other groups see only their own confidential discussions (003 §7.13).
        let matter = Self.matter(briefing: s, seenBy: groups.first, at: now()).matter
        // Nobody is acting yet: each step names the person acting, never another group's requester.
        let p = SessionProposal(requester: "", groups: groups,
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

    /// Moves a session to new times (and optionally a new venue), judged by every proposal rule for the groups it
    /// serves, by the person acting. The host group's leader moves it under the briefing's approval when every rule
    /// passes; a `refer` sends the move to the approver's queue, holding the new slot, and the session stays put until
    /// agreed. The approver (or the deputy while acting) moves it at once, recording a reason for each `refer`.
    public func reschedule(_ ref: String, as actorID: String, meetingStart: Date, meetingEnd: Date, segmentStart: Date, segmentEnd: Date,
                           venue: Venue?, reason: String, overrides: [RuleID: String] = [:]) throws -> Receipt {
        let id = try Ref.parse(ref, "SE"), at = now()
        try requireReason(reason, for: "rescheduling a session")
        return try database.step { db in
            try rescheduleStep(db, id, as: actorID, meetingStart: meetingStart, meetingEnd: meetingEnd, segmentStart: segmentStart,
                               segmentEnd: segmentEnd, venue: venue, reason: reason, overrides: overrides, at: at)
        }
    }

    /// A reschedule inside a workflow step's transaction (also how a group takes an officer's proposed time).
    func rescheduleStep(_ db: Database, _ id: Int64, as actorID: String, meetingStart: Date, meetingEnd: Date, segmentStart: Date,
                        segmentEnd: Date, venue: Venue?, reason: String, overrides: [RuleID: String], at: Date) throws -> Receipt {
        let c = try council(db)
        var (row, p, groups) = try proposal(db, session: id)
        try requireScheduled(row, id)
        let role = try hostOrApprover(db, actorID, c, session: id, groups: groups, what: "move")
        let approverActing = role != Role.groupLeader(group: groups[0]).auditName
        if !approverActing && !overrides.isEmpty {
            throw DeskError(.forbidden, rule: .approval, clauses: c.profile.approverClauses,
                            "only the \(c.profile.approverTitle) records a reason to override a rule",
                            fix: "Leave out --override: a move a rule refers goes to the \(c.profile.approverTitle)'s queue.")
        }
        p.meetingStart = meetingStart; p.meetingEnd = meetingEnd; p.segmentStart = segmentStart; p.segmentEnd = segmentEnd
        if let venue { p.venue = venue }
        p.requester = actorID
        try checkInput(p, c, now: at)
        let v = try judge(db, c, kind: "reschedule", p, session: id, approverActing: approverActing)
        let from = LondonTime.format(Date(unix: row["segment_start"]))
        if !approverActing && v.blocking.isEmpty && !v.referred.isEmpty {
            let rq = try queueChange(db, kind: "reschedule", p, briefing: row["briefing_id"], offer: nil, session: id, verdicts: v, at: at)
            try AuditTrail.append(db, at: at, actor: actorID, role: role, action: "session.propose-move", subject: Ref.format("SE", id),
                                  details: ["request": rq, "from": from, "to": LondonTime.format(segmentStart), "reason": reason], verdicts: v)
            try notify(db, c, at: at, subject: "\(rq): \(c.name(groups[0])) asks to move \(Ref.format("SE", id)) to \(LondonTime.formatLong(segmentStart))",
                       body: "Rules \(v.referred.map(\.rule.rawValue).joined(separator: ", ")) need the \(c.profile.approverTitle)'s agreement. Reason: \(reason)",
                       to: [c.roster.approver, c.roster.deputyApprover, actorID].compactMap { $0 })
            return Receipt(ref: rq, status: "pending", message: "\(rq) is in the \(c.profile.approverTitle)'s queue: \(v.referred.map(\.rule.rawValue).joined(separator: ", ")) need their agreement; \(Ref.format("SE", id)) stays at \(from) and the new time is held until they decide", verdicts: v)
        }
        try enforce(v, overrides: overrides, what: "rescheduling \(Ref.format("SE", id))", approverCanOverride: approverActing)
        let agreement = approverActing ? "approver:\(actorID)" : try standingAgreement(db, briefing: row["briefing_id"])
        try move(db, session: id, to: p, agreement: agreement, overrides: overrides, at: at)
        try AuditTrail.append(db, at: at, actor: actorID, role: role, action: "session.reschedule",
                              subject: Ref.format("SE", id),
                              details: ["from": from, "to": LondonTime.format(segmentStart), "agreement": agreement,
                                        "reason": reason, "overrides": Self.json(overrides.mapKeys(\.rawValue))], verdicts: v)
        try notify(db, c, at: at, subject: "\(Ref.format("SE", id)) moved to \(LondonTime.formatLong(segmentStart))", body: "Reason: \(reason)",
                   to: groups.compactMap { c.roster.group($0)?.leader } + p.officers.map(\.officer))
        return Receipt(ref: Ref.format("SE", id), status: "scheduled", message: "\(Ref.format("SE", id)) now runs \(LondonTime.format(segmentStart))–\(LondonTime.format(segmentEnd).suffix(5))", verdicts: v)
    }

    /// The audit role of someone who may move or cancel a session: the approver acting, or the host group's leader.
    /// A joined group's leader is told to withdraw instead; the deputy outside an absence is told why not.
    func hostOrApprover(_ db: Database, _ actorID: String, _ c: Council, session id: Int64, groups: [String], what: String) throws -> String {
        let roles = try actor(actorID, in: c)
        if try actsAsApprover(db, actorID, in: c, at: now()) { return try approverRole(db, actorID, in: c, at: now()) }
        if roles.contains(.groupLeader(group: groups[0])) { return Role.groupLeader(group: groups[0]).auditName }
        if roles.contains(.deputyApprover) { _ = try approverRole(db, actorID, in: c, at: now()) }
        if let joined = groups.dropFirst().first(where: { roles.contains(.groupLeader(group: $0)) }) {
            throw DeskError(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                            "\(c.name(actorID)) leads \(c.name(joined)), which joined \(Ref.format("SE", id)); only the host group (\(c.name(groups[0]))) or the \(c.profile.approverTitle) may \(what) it",
                            fix: "To take your group out and leave the host group's meeting standing: `briefings session withdraw \(Ref.format("SE", id)) --reason \"…\"`.")
        }
        throw DeskError(.forbidden, "\(c.name(actorID)) may not \(what) \(Ref.format("SE", id))",
                        fix: "Ask the leader of \(c.name(groups[0])) (the host group) or the \(c.profile.approverTitle).")
    }

    func requireScheduled(_ row: Row, _ id: Int64) throws {
        if (row["status"] as String) == "cancelled" {
            throw DeskError(.conflict, "\(Ref.format("SE", id)) was cancelled", fix: "Propose a new session instead.")
        }
    }

    /// Cancels a session with a reason (the host group or the approver); it keeps its history and leaves feeds
    /// after the retention period. Changes still waiting for the approver are withdrawn with it.
    public func cancel(_ ref: String, as actorID: String, reason: String) throws {
        let id = try Ref.parse(ref, "SE"), at = now()
        try requireReason(reason, for: "cancelling a session")
        try database.step { db in
            let c = try council(db)
            let (row, p, groups) = try proposal(db, session: id)
            try requireScheduled(row, id)
            let role = try hostOrApprover(db, actorID, c, session: id, groups: groups, what: "cancel")
            for r in try db.all(sql: "SELECT * FROM request WHERE session_id = ? AND status = 'pending'", arguments: [id]) {
                try db.run(sql: "UPDATE request SET status = 'withdrawn', decided_at = ?, reason = ? WHERE id = ?",
                           arguments: [at.unix, "the session was cancelled: \(reason)", r["id"] as Int64])
                try releaseChange(db, r, reason: reason, at: at)
            }
            try db.run(sql: "UPDATE session SET status = 'cancelled', cancelled_at = ?, reason = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?",
                           arguments: [at.unix, reason, at.unix, id])
            try db.run(sql: "DELETE FROM booking WHERE session_id = ?", arguments: [id])
            try AuditTrail.append(db, at: at, actor: actorID, role: role, action: "session.cancel",
                                  subject: Ref.format("SE", id), details: ["reason": reason])
            try notify(db, c, at: at, subject: "\(Ref.format("SE", id)) cancelled", body: "Reason: \(reason)",
                       to: groups.compactMap { c.roster.group($0)?.leader } + p.officers.map(\.officer))
        }
    }

    /// A group that joined a joint session takes itself out: its attendees leave, its offer is open to answer again,
    /// and the host group's session stands.
    public func withdraw(_ ref: String, as actorID: String, onBehalfOf: String? = nil, reason: String) throws {
        let id = try Ref.parse(ref, "SE"), at = now()
        try requireReason(reason, for: "withdrawing from a joint session")
        try database.step { db in
            let c = try council(db)
            let (row, p, groups) = try proposal(db, session: id)
            try requireScheduled(row, id)
            let roles = try actor(actorID, in: c)
            guard let group = groups.dropFirst().first(where: { g in
                roles.contains(.groupLeader(group: g)) || (roles.contains(.assistant(group: g)) && onBehalfOf.map { c.roster.member($0)?.group == g } == true)
            }) else {
                let hosts = roles.contains(.groupLeader(group: groups[0]))
                throw DeskError(.forbidden, rule: .requester, clauses: c.profile.clauses(.requester),
                                hosts ? "\(c.name(groups[0])) hosts \(Ref.format("SE", id)); a host does not withdraw from its own meeting"
                                      : "\(c.name(actorID)) leads no group that joined \(Ref.format("SE", id))",
                                fix: hosts ? "Cancel it with `briefings session cancel \(Ref.format("SE", id)) --reason \"…\"`, or move it with `session reschedule`."
                                           : "The leader of a joined group (or its assistant, with --on-behalf-of MEMBER) withdraws that group.")
            }
            let sg = try db.one(sql: "SELECT * FROM session_group WHERE session_id = ? AND group_id = ?", arguments: [id, group])!
            let theirs: Set<Attendee> = try (sg["attendees"] as String?).map { Set(try Self.decode([Attendee].self, $0)) }
                ?? Set(p.attendees.filter { if case .person(let m) = $0 { c.roster.member(m)?.group == group } else { false } })
            let remaining = p.attendees.filter { !theirs.contains($0) }
            try db.run(sql: "DELETE FROM session_group WHERE session_id = ? AND group_id = ?", arguments: [id, group])
            try db.run(sql: "UPDATE session SET attendees = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?",
                       arguments: [Self.json(remaining), at.unix, id])
            try db.run(sql: "UPDATE offer SET status = 'open', answered_at = NULL, answered_by = NULL, reason = NULL WHERE id = ?",
                       arguments: [sg["offer_id"] as Int64])
            try AuditTrail.append(db, at: at, actor: actorID, role: groupRole(actorID, group: group, in: c), action: "session.withdraw",
                                  subject: Ref.format("SE", id), details: ["group": group, "reason": reason, "offer": Ref.format("OF", sg["offer_id"] as Int64)])
            try notify(db, c, at: at, subject: "\(c.name(group)) withdrew from \(Ref.format("SE", id))",
                       body: "Reason: \(reason). The session goes ahead for \(groups.filter { $0 != group }.map(c.name).joined(separator: ", ")); \(c.name(group))'s offer (\(Ref.format("OF", sg["offer_id"] as Int64))) is open to answer again.",
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
