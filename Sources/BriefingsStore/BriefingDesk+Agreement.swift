import BriefingsDomain
import Foundation
import GRDB

/// Who agrees each session (RULES.md, "Sessions and who agrees them"; `docs/workflow.md`). Approving a briefing is
/// the standing agreement that its officers brief every group on that matter: a later session that every rule
/// passes for books under it; one with a `refer` waits in the approver's queue as a change, tentative until agreed.
/// Each group of a session records the act that covers it (`session_group.agreement`) and its own overrides.
extension BriefingDesk {
    /// The briefing's approval, which covers every later session that passes every rule: `RQ-0001`.
    func standingAgreement(_ db: Database, briefing: Int64) throws -> String {
        guard let request = try db.value(Int64.self, sql: "SELECT request_id FROM briefing WHERE id = ?", arguments: [briefing]) else {
            throw DeskError(.notFound, "no briefing \(Ref.format("BR", briefing))", remedy: .seeList(.briefings))
        }
        return Ref.format("RQ", request)
    }

    /// The verdicts of one kind of step, for the group concerned, against the bookings as they are now (excluding the
    /// session the step changes, so it never clashes with itself).
    func judge(_ db: Database, _ c: Council, _ kind: RequestKind, _ p: SessionProposal, session: Int64?,
               approverActing: Bool = false) throws -> [Verdict] {
        let v = try verdicts(db, p, c, excluding: session, as: kind.transition, approverActing: approverActing)
        // A move is asked again only about what it changes: the approver's reasons for the rest stand.
        guard kind == .reschedule, let session else { return v }
        return Reschedule.keepingAgreement(v, of: try loadSession(db, session), movedTo: p)
    }

    /// Puts a change (a take-up, a join or a reschedule a rule refers) in the approver's queue; returns its ref.
    func queueChange(_ db: Database, _ kind: RequestKind, _ p: SessionProposal, briefing: Int64, offer: Int64?, session: Int64,
                     verdicts: [Verdict], at: Date) throws -> String {
        typealias Columns = RequestRecord.Columns
        if let waiting = try RequestRecord.pending.filter(Columns.sessionID == session && Columns.kind != RequestKind.acceptance).fetchOne(db) {
            throw DeskError(.conflict, rule: .approval, "\(Ref.format("SE", session)) already has a change waiting for the approver (\(waiting.ref))",
                            fix: "Wait for the approver's decision on \(waiting.ref) before asking for another change.")
        }
        try withinQuota(db, try council(db), person: p.requester, group: p.groups[0], at: at)
        var change = RequestRecord(kind: kind, p, verdicts: Self.json(verdicts), at: at, briefing: briefing, offer: offer, session: session)
        try change.insert(db)
        if kind == .reschedule { try book(db, session: session, p, holdFor: change.ref) }
        return change.ref
    }

    /// The approver agrees a queued change (`approve` has judged it and checked the overrides); returns its session.
    func agreeChange(_ db: Database, _ c: Council, _ r: RequestRecord, overrides: [RuleID: String], at: Date) throws -> Int64 {
        let ref = r.ref, p = r.proposal
        guard let briefingID = r.briefingID else {
            throw DeskError(.conflict, "\(ref) is not a change to a session", fix: "Approve it as a request.")
        }
        try requireOpenBriefing(db, briefingID)
        switch (r.kind, r.offerID, r.sessionID) {
        case (.acceptance, let offerID?, let held):
            let session: Int64
            if let held {
                session = held
                try agree(db, session: session, group: p.groups[0], agreement: ref, overrides: overrides)
                try touch(db, session, at: at)
            } else {
                // Queued before sessions were held tentatively (schema version 3): book it now.
                session = try createSession(db, briefing: briefingID, p, group: p.groups[0], offer: offerID, agreement: ref,
                                            overrides: overrides, joinable: false, at: at).id
            }
            try OfferRecord.answer(db, offerID, .accepted, by: p.requester, at: at)
            return session
        case (.join, let offerID?, let session?):
            try requireScheduled(loadSession(db, session))
            try addGroup(db, c, session: session, p, offer: offerID, agreement: ref, overrides: overrides, answeredBy: p.requester, at: at)
            return session
        case (.reschedule, _, let session?):
            let s = try loadSession(db, session)
            try requireScheduled(s)
            try move(db, session: session, to: p, agreement: ref, overrides: overrides,
                     reconfirm: Reschedule.confirmationsLapsing(s, movedTo: p), at: at)
            return session
        case (.nomination, _, let session?):
            // The representative's attendance is agreed: they are invited, and the session may now be confirmed.
            try requireScheduled(loadSession(db, session))
            try SessionOfficerRecord.filter(SessionOfficerRecord.Columns.sessionID == session && SessionOfficerRecord.Columns.waitingFor == ref)
                .updateAll(db, [SessionOfficerRecord.Columns.waitingFor.set(to: nil)])
            try touch(db, session, at: at)
            return session
        default:
            throw DeskError(.conflict, "\(ref) is not a change to a session", fix: "Approve it as a request.")
        }
    }

    /// Undoes what a queued change holds when it is declined or withdrawn: a tentative take-up is cancelled and its
    /// offer reopened, a join's offer reopens, a reschedule's held slot is freed (the session stays where it was), a
    /// representative waiting for the approver never attends and the senior officer who sent them is invited again.
    func releaseChange(_ db: Database, _ r: RequestRecord, reason: String, at: Date) throws {
        if let offer = r.offerID {
            // The group's offer is open again, with a fresh period to answer it: the wait for the approver never counts.
            try OfferRecord.reopen(db, offer, from: .pending,
                                   answerBy: OfferAnswer.reopenedAnswerBy(in: try council(db), days: try workingDays(db), now: at))
        }
        guard let session = r.sessionID else { return }
        switch r.kind {
        case .acceptance:
            try markCancelled(db, session, reason: reason, at: at)
        case .reschedule:
            try db.run(sql: "DELETE FROM booking WHERE session_id = ? AND label = ?", arguments: [session, r.ref])
        case .nomination:
            typealias Columns = SessionOfficerRecord.Columns
            try SessionOfficerRecord.filter(Columns.sessionID == session && Columns.waitingFor == r.ref).deleteAll(db)
            try SessionOfficerRecord.invitation(session: session, officer: r.requester).updateAll(db, [
                Columns.response.set(to: Session.Officer.Response.invited), Columns.reason.set(to: nil),
                Columns.representedBy.set(to: nil), Columns.respondedAt.set(to: nil),
            ])
            try book(db, session: session, loadSession(db, session).proposal(by: r.requester))
            try touch(db, session, at: at)
        case .request, .join, .material:
            break
        }
    }

    /// Adds a group to a joint session with its own attendees and agreement.
    func addGroup(_ db: Database, _ c: Council, session sid: Int64, _ p: SessionProposal, offer: Int64, agreement: String,
                  overrides: [RuleID: String], answeredBy: String, at: Date) throws {
        let group = p.groups[0]
        guard let current = try SessionRecord.fetchOne(db, key: sid) else {
            throw DeskError(.notFound, "no session \(Ref.format("SE", sid))", remedy: .seeList(.sessions))
        }
        try SessionGroupRecord(session: sid, Session.Group(group: group, offer: offer, agreement: agreement, overrides: overrides,
                                                           attendees: p.attendees)).insert(db)
        try SessionRecord.filter(key: sid).updateAll(db, [SessionRecord.Columns.attendees.set(to: Self.json(current.attendees + p.attendees))])
        try touch(db, sid, at: at)
        try OfferRecord.answer(db, offer, .accepted, by: answeredBy, at: at)
        let groups = try sessionGroups(db, sid), ref = Ref.format("SE", sid)
        try publish(db, c, [.sessionChanged(session: ref, .joined(group: group, agreement: agreement, groups: groups))], at: at)
    }

    /// Moves a session to a proposal's times and venue, agreed by `agreement` for every group it serves; the officers in
    /// `reconfirm` (who had confirmed the old time) are back to awaiting confirmation.
    func move(_ db: Database, session id: Int64, to p: SessionProposal, agreement: String, overrides: [RuleID: String],
              reconfirm: [String], at: Date) throws {
        typealias Columns = SessionRecord.Columns
        let before = try loadSession(db, id)
        try SessionRecord.filter(key: id).updateAll(db, [
            Columns.meetingStart.set(to: p.meetingStart.unix), Columns.meetingEnd.set(to: p.meetingEnd.unix),
            Columns.segmentStart.set(to: p.segmentStart.unix), Columns.segmentEnd.set(to: p.segmentEnd.unix),
            Columns.venue.set(to: Self.json(p.venue)),
        ])
        // Each group keeps its own reasons for what the move leaves as it was, with the move's own added.
        for g in before.groups {
            try agree(db, session: id, group: g.group, agreement: agreement,
                      overrides: Reschedule.keptOverrides(g, before, movedTo: p).merging(overrides) { $1 })
        }
        typealias Officers = SessionOfficerRecord.Columns
        try SessionOfficerRecord.filter(Officers.sessionID == id && reconfirm.contains(Officers.officerID)).updateAll(db, [
            Officers.response.set(to: Session.Officer.Response.invited), Officers.respondedAt.set(to: nil),
        ])
        try touch(db, id, at: at)
        try book(db, session: id, p)
    }

    /// Records the approver's act covering one group's attendance (or, with `group` nil, every group's), with that act's
    /// own overrides: nothing recorded for another act carries over, except what a move leaves as it was (`move`).
    func agree(_ db: Database, session id: Int64, group: String?, agreement: String, overrides: [RuleID: String]) throws {
        typealias Columns = SessionGroupRecord.Columns
        var request = SessionGroupRecord.filter(Columns.sessionID == id)
        if let group { request = request.filter(Columns.groupID == group) }
        try request.updateAll(db, [Columns.agreement.set(to: agreement), Columns.overrides.set(to: Self.json(overrides.mapKeys(\.rawValue)))])
    }

    /// The groups a session serves, the host group first.
    func sessionGroups(_ db: Database, _ id: Int64) throws -> [String] {
        try SessionGroupRecord.all(of: id, db).map(\.groupID)
    }

    /// Whether feeds may publish a session as confirmed (`Session.isConfirmed`), read from its groups and officers.
    func isConfirmed(_ db: Database, _ id: Int64) throws -> Bool {
        Session.isConfirmed(groups: try SessionGroupRecord.all(of: id, db).map(\.group),
                            officers: try SessionOfficerRecord.all(of: id, db).map(\.officer))
    }

    /// Raises a session's sequence and last change, so subscribers take the new status.
    func touch(_ db: Database, _ id: Int64, at: Date) throws {
        try SessionRecord.filter(key: id).updateAll(db, [SessionRecord.Columns.sequence += 1, SessionRecord.Columns.updatedAt.set(to: at.unix)])
    }
}

extension BriefingDesk {
    /// Refuses one more request or change past the council's limits (`Quota`), before anything is written.
    func withinQuota(_ db: Database, _ c: Council, person: String, group: String, at: Date) throws {
        let usage = try RequestRecord.usage(db, person: person, group: group, day: LocalDate(at))
        try refusing { () throws(Refusal) in try Quota.check(usage, person: person, group: group, in: c) }
    }
}
