import BriefingsDomain
import BriefingsMessages
import Foundation
import GRDB

extension BriefingDesk {
    /// Inserts a scheduled session for one group with its invited officers and bookings. `agreement` is the approver's
    /// act that covers it, or nil while it waits for the approver (tentative, holding its bookings). Returns the session as
    /// `loadSession` reads it back, its matter `p.matter` (the matter as that group sees it), so a step that goes on to
    /// send its invitations need not read it again; debug builds (every test) check the two are equal.
    func createSession(_ db: Database, briefing: Int64, _ p: SessionProposal, group: String, offer: Int64, agreement: String?,
                       overrides: [RuleID: String], joinable: Bool, at: Date) throws -> Session {
        var record = SessionRecord(id: nil, briefingID: briefing, status: .scheduled, meetingStart: p.meetingStart.unix,
                                   meetingEnd: p.meetingEnd.unix, segmentStart: p.segmentStart.unix, segmentEnd: p.segmentEnd.unix,
                                   venue: p.venue, attendees: p.attendees, joinable: joinable, sequence: 0, updatedAt: at.unix,
                                   cancelledAt: nil, reason: nil, createdAt: at.unix)
        try record.insert(db)
        let session = record.id!
        let host = Session.Group(group: group, offer: offer, agreement: agreement, overrides: overrides, attendees: p.attendees)
        try SessionGroupRecord(session: session, host).insert(db)
        let officers = p.officers.map { SessionOfficerRecord(session: session, invited: $0) }
        for o in officers { try o.insert(db) }
        try book(db, session: session, p, new: true)
        var matter = p.matter
        matter.budget = matter.budget == true ? true : nil   // as the briefing's row gives it back
        matter.meetingCancelled = nil                        // a request's note, never the briefing's
        let created = Session(id: session, briefing: briefing, status: .scheduled, matter: matter, groups: [host], officers: officers.map(\.officer),
                              meetingStart: Date(unix: record.meetingStart), meetingEnd: Date(unix: record.meetingEnd),
                              segmentStart: Date(unix: record.segmentStart), segmentEnd: Date(unix: record.segmentEnd), venue: p.venue,
                              attendees: p.attendees, joinable: joinable, sequence: 0, updatedAt: Date(unix: record.updatedAt))
        assert(created == (try? loadSession(db, session)), "createSession's session differs from the one stored")
        return created
    }

    /// Replaces a session's bookings: each officer for the officers' segment, the room for the whole meeting (a `new`
    /// session has none to replace). With `holdFor`, adds bookings labelled with a queued change instead, holding the
    /// slot it asks for until decided.
    func book(_ db: Database, session: Int64, _ p: SessionProposal, holdFor change: String? = nil, new: Bool = false) throws {
        if change == nil && !new { try db.run(sql: "DELETE FROM booking WHERE session_id = ?", arguments: [session]) }
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

    /// A session as stored, with its groups (host first) and officers; its matter as the host group sees it.
    func loadSession(_ db: Database, _ id: Int64) throws -> Session {
        guard let row = try db.one(sql: """
            SELECT session.*, briefing.title, briefing.details, briefing.area, briefing.linked_meeting, briefing.meeting_date, briefing.meeting_id, briefing.decision_date,
                   briefing.embargo_until, briefing.budget, briefing.released_at, request.group_id AS origin
            FROM session JOIN briefing ON briefing.id = session.briefing_id JOIN request ON request.id = briefing.request_id
            WHERE session.id = ?
            """, arguments: [id]) else {
            throw DeskError(.notFound, "no session \(Ref.format("SE", id))", remedy: .seeList(.sessions))
        }
        let s = try SessionRecord(row: row)
        let groups = try SessionGroupRecord.all(of: id, db).map(\.group)
        let officers = try SessionOfficerRecord.all(of: id, db).map(\.officer)
        // A budget briefing's other groups see only their own confidential discussions (003 §7.13).
        let matter = StoredMatter(row: row).seen(by: groups.first?.group, at: now()).matter
        return Session(id: id, briefing: s.briefingID, status: s.status, matter: matter, groups: groups, officers: officers,
                       meetingStart: Date(unix: s.meetingStart), meetingEnd: Date(unix: s.meetingEnd),
                       segmentStart: Date(unix: s.segmentStart), segmentEnd: Date(unix: s.segmentEnd), venue: s.venue,
                       attendees: s.attendees, joinable: s.joinable, sequence: s.sequence, updatedAt: Date(unix: s.updatedAt), reason: s.reason)
    }

    /// Whether a briefing is closed, or the refusal for one that does not exist.
    func briefingClosed(_ db: Database, _ id: Int64) throws -> Bool {
        guard let status = try BriefingRecord.filter(key: id).select(BriefingRecord.Columns.status, as: Briefing.Status.self).fetchOne(db) else {
            throw DeskError(.notFound, "no briefing \(Ref.format("BR", id))", remedy: .seeList(.briefings))
        }
        return status == .closed
    }

    func requireOpenBriefing(_ db: Database, _ id: Int64) throws {
        let closed = try briefingClosed(db, id)
        try refusing { () throws(Refusal) in try OfferAnswer.requireOpenBriefing(Ref.format("BR", id), closed: closed) }
    }

    /// Moves a session to new times (and optionally a new venue), judged by every proposal rule for the groups it
    /// serves, by the person acting. The host group's leader moves it under the briefing's approval when every rule
    /// passes; a `refer` sends the move to the approver's queue, holding the new slot, and the session stays put until
    /// agreed. The approver (or the deputy while acting) moves it at once, recording a reason for each `refer`.
    public func reschedule(_ ref: String, as actorID: String, meetingStart: Date, meetingEnd: Date, segmentStart: Date, segmentEnd: Date,
                           venue: Venue?, reason: String, overrides: [RuleID: String] = [:]) async throws -> Receipt {
        let id = try Ref.parse(ref, "SE"), at = now()
        return try await database.step { db in
            try rescheduleStep(db, id, as: actorID, meetingStart: meetingStart, meetingEnd: meetingEnd, segmentStart: segmentStart,
                               segmentEnd: segmentEnd, venue: venue, reason: reason, overrides: overrides, at: at)
        }
    }

    /// A reschedule inside a workflow step's transaction (also how a group takes an officer's proposed time):
    /// `BriefingsDomain.Reschedule` decides, this moves it (or files the queued change holding the new time).
    func rescheduleStep(_ db: Database, _ id: Int64, as actorID: String, meetingStart: Date, meetingEnd: Date, segmentStart: Date,
                        segmentEnd: Date, venue: Venue?, reason: String, overrides: [RuleID: String], at: Date) throws -> Receipt {
        let c = try council(db)
        let s = try loadSession(db, id), presence = try approverPresence(db, at: at)
        let mover = try refusing { () throws(Refusal) in
            try Reschedule.mover(s, by: actorID, reason: reason, overrides: overrides, in: c, presence: presence)
        }
        let p = s.moved(meetingStart: meetingStart, meetingEnd: meetingEnd, segmentStart: segmentStart, segmentEnd: segmentEnd,
                        venue: venue, by: actorID)
        try checkInput(p, c, now: at)
        let v = try judge(db, c, .reschedule, p, session: id, approverActing: mover.approverActing)
        let agreement = try standingAgreement(db, briefing: s.briefing)
        let plan = try refusing { () throws(Refusal) in
            try Reschedule.decide(s, to: p, by: actorID, mover: mover, reason: reason, overrides: overrides, verdicts: v,
                                  standingAgreement: agreement, in: c, presence: presence).get()
        }
        let ref = Ref.format("SE", id)
        switch plan.outcome {
        case .queued:
            let rq = try queueChange(db, .reschedule, p, briefing: s.briefing, offer: nil, session: id, verdicts: v, at: at)
            try AuditTrail.append(db, at: at, plan.audit(request: rq))
            try publish(db, c, plan.events(request: rq), at: at)
            return Receipt(ref: rq, status: "pending", message: "\(rq) is in the \(c.profile.approverTitle)'s queue: \(Wording.needAgreement(v.referred.map(\.rule))); \(ref) stays at \(LondonTime.format(s.segmentStart)) and the new time is held until they decide", verdicts: v)
        case .moved(let agreement):
            try move(db, session: id, to: p, agreement: agreement, overrides: overrides, reconfirm: plan.reconfirm, at: at)
            try AuditTrail.append(db, at: at, plan.audit(request: nil))
            try publish(db, c, plan.events(request: nil), at: at)
            let again = plan.reconfirm.isEmpty ? "" : "; \(Wording.list(plan.reconfirm.map(c.name))) confirmed the old time and must confirm the new one (tentative until then)"
            return Receipt(ref: ref, status: "scheduled", message: "\(ref) now runs \(LondonTime.format(segmentStart))–\(LondonTime.format(segmentEnd).suffix(5))" + again, verdicts: v)
        }
    }

    /// The audit role of someone who may move or cancel a session (`SessionAuthority.hostOrApprover`).
    func hostOrApprover(_ db: Database, _ actorID: String, _ c: Council, _ s: Session, what: String) throws -> String {
        let presence = try approverPresence(db, at: now())
        return try refusing { () throws(Refusal) in try SessionAuthority.hostOrApprover(actorID, s, in: c, presence: presence, what: what) }
    }

    func requireScheduled(_ s: Session) throws {
        try refusing { () throws(Refusal) in try SessionAuthority.requireScheduled(s) }
    }

    /// Cancels a session with a reason (`BriefingsDomain.Cancellation`): it keeps its history and leaves feeds after the
    /// retention period; changes still waiting for the approver are withdrawn with it.
    public func cancel(_ ref: String, as actorID: String, reason: String) async throws {
        let id = try Ref.parse(ref, "SE"), at = now()
        try await database.step { db in
            let c = try council(db)
            let s = try loadSession(db, id), presence = try approverPresence(db, at: at)
            let plan = try refusing { () throws(Refusal) in try Cancellation.decide(s, by: actorID, reason: reason, in: c, presence: presence).get() }
            for var r in try RequestRecord.pending.filter(RequestRecord.Columns.sessionID == id).fetchAll(db) {
                r.status = .withdrawn; r.decidedAt = at.unix; r.reason = "the session was cancelled: \(reason)"
                try r.update(db)
                try releaseChange(db, r, reason: reason, at: at)
            }
            try markCancelled(db, id, reason: reason, at: at)
            try AuditTrail.append(db, at: at, plan.audit)
            try publish(db, c, plan.events, at: at)
        }
    }

    /// Marks a scheduled session cancelled (a new SEQUENCE for subscribers) and frees its officers and room.
    func markCancelled(_ db: Database, _ id: Int64, reason: String, at: Date) throws {
        typealias Columns = SessionRecord.Columns
        try SessionRecord.filter(key: id).filter(Columns.status == Session.Status.scheduled).updateAll(db, [
            Columns.status.set(to: Session.Status.cancelled), Columns.cancelledAt.set(to: at.unix), Columns.reason.set(to: reason),
            Columns.sequence += 1, Columns.updatedAt.set(to: at.unix),
        ])
        try db.run(sql: "DELETE FROM booking WHERE session_id = ?", arguments: [id])
    }

    /// A group that joined a joint session takes itself out: its attendees leave, its offer is open to answer again,
    /// and the host group's session stands.
    public func withdraw(_ ref: String, as actorID: String, onBehalfOf: String? = nil, reason: String) async throws {
        let id = try Ref.parse(ref, "SE"), at = now()
        try await database.step { db in
            let c = try council(db)
            let s = try loadSession(db, id)
            let plan = try refusing { () throws(Refusal) in try Withdrawal.decide(s, by: actorID, onBehalfOf: onBehalfOf, reason: reason, in: c).get() }
            try SessionGroupRecord.filter(key: [SessionGroupRecord.Columns.sessionID.rawValue: id, SessionGroupRecord.Columns.groupID.rawValue: plan.group]).deleteAll(db)
            try SessionRecord.filter(key: id).updateAll(db, [SessionRecord.Columns.attendees.set(to: Self.json(s.attendees.filter { !plan.leaving.contains($0) }))])
            try touch(db, id, at: at)
            try OfferRecord.reopen(db, s.group(plan.group)!.offer, answerBy: OfferAnswer.reopenedAnswerBy(in: c, days: try workingDays(db), now: at))
            try AuditTrail.append(db, at: at, plan.audit)
            try publish(db, c, plan.events, at: at)
        }
    }
}

extension Date {
    var unix: Int { Int(timeIntervalSince1970) }
    init(unix: Int) { self.init(timeIntervalSince1970: Double(unix)) }
}
