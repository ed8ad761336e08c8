import BriefingsDomain
import BriefingsMessages
import Foundation
import GRDB

/// The approver's agreement, applied: `BriefingsDomain.Approval` decides; this file loads what it reads and writes what
/// it plans, in one transaction (re-judged inside the write, so two racing approvals cannot both book one officer).
extension BriefingDesk {
    /// `judged`: the rules the approver says they judged (`Approval.toJudge` says which a new briefing needs).
    public func approve(_ ref: String, as actorID: String, overrides: [RuleID: String] = [:], explainDelay: String? = nil,
                        judged: Set<RuleID>) async throws -> Approval {
        let id = try Ref.parse(ref, "RQ"), at = now()
        return try await database.step { db in
            let c = try council(db)
            let (state, record) = try decisionState(db, c, request: id, at: at)
            // Judged inside the write against the bookings as they are now, while the request waits.
            // Held material was judged as it was attached (its verdict is in the queue); nothing is booked by releasing it.
            let verdicts = try record.map { $0.status == .pending && $0.kind != .material ? try judge(db, c, $0.kind, $0.proposal, session: $0.sessionID) : [] } ?? []
            let input = BriefingsDomain.Approval.Input(actor: actorID, overrides: overrides, explainDelay: explainDelay, judged: judged)
            let plan = try refusing { () throws(Refusal) in try BriefingsDomain.Approval.decide(state, verdicts: verdicts, input).get() }
            let (applied, created) = try apply(db, c, plan, to: record!, at: at)
            try AuditTrail.append(db, at: at, plan.audit(applied, profile: c.profile.name))
            try publish(db, c, plan.events(applied, in: c), at: at, created: created)
            return Approval(request: plan.request.ref, briefing: applied.briefing, session: applied.session, offers: applied.offers.map(\.offer),
                            overrides: overrides.mapKeys(\.rawValue), judged: plan.judged, verdicts: plan.verdicts)
        }
    }

    /// What the approver's decisions read: the request (nil when there is none) with whether an officer flagged it,
    /// the approver's absence today, and the working days. Returns the stored row too, for the decision to update.
    func decisionState(_ db: Database, _ c: Council, request id: Int64, at: Date) throws -> (DecisionState, RequestRecord?) {
        let record = try RequestRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM request WHERE id = ?"), arguments: [id])
        let flagged = try record != nil
            && Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM request_flag WHERE request_id = ?)"), arguments: [id]) == true
        let state = DecisionState(council: c, request: record?.request(flagged: flagged), ref: Ref.format("RQ", id),
                                  presence: try approverPresence(db, at: at), days: try workingDays(db), now: at)
        return (state, record)
    }

    /// Writes an approval's plan: the decision on the request and, for a new briefing, the briefing, its offers (one a
    /// group) and its session; for a queued change, the change agreed (`agreeChange`). Returns what was assigned, with the
    /// other groups' offers as each group sees its own, and the session booked as stored (its invitations need not read it).
    func apply(_ db: Database, _ c: Council, _ plan: BriefingsDomain.Approval.Plan, to record: RequestRecord,
               at: Date) throws -> (BriefingsDomain.Approval.Applied, Session?) {
        var r = record, p = r.proposal
        r.status = .approved; r.decidedAt = at.unix; r.decidedBy = plan.actor; r.decidedRole = plan.role
        r.overrides = plan.overrides.mapKeys(\.rawValue); r.delayExplanation = plan.delayExplanation
        if r.kind == .material {
            let readers = try releaseHeldMaterial(db, r, at: at)
            try r.recordDecision(db)
            return (.init(briefing: Ref.format("BR", r.briefingID ?? 0), session: nil, offers: [], readers: readers), nil)
        }
        guard case .briefing(let new) = plan.outcome else {
            let session = try agreeChange(db, c, r, overrides: plan.overrides, at: at)
            try r.recordDecision(db)
            return (.init(briefing: Ref.format("BR", r.briefingID ?? 0), session: Ref.format("SE", session), offers: []), nil)
        }
        let briefing = try insertBriefing(db, request: r.id!, p, joinable: new.joinable, at: at)
        var own: Int64 = 0, others: [OfferFacts] = []
        let stored = StoredMatter(matter: p.matter, origin: r.groupID, released: false)
        for o in new.offers {
            let answerBy = o.answerBy?.description
            let offer = try OfferRecord.insert(db, briefing: briefing, group: o.group, status: o.own ? .requested : .open,
                                               answeredAt: o.own ? at.unix : nil, answeredBy: o.own ? p.requester : nil, answerBy: answerBy)
            if o.own { own = offer; continue }
            others.append(OfferFacts(offer: OfferRecord(id: offer, briefingID: briefing, groupID: o.group, status: .open, answerBy: answerBy),
                                     matter: stored, writtenReport: p.isWrittenReport, officers: p.officers))
        }
        let created = try new.session.map {
            try createSession(db, briefing: briefing, p, group: $0.group, offer: own, agreement: $0.agreement, overrides: plan.overrides,
                              joinable: $0.joinable, at: at)
        }
        r.briefingID = briefing
        try r.recordDecision(db)
        // Debug builds (so every test) check the offers in hand are the offers stored.
        assert(others == (try? offerFacts(db, group: nil, briefing: briefing).filter { $0.offer.groupID != r.groupID }),
               "the offers approve made differ from the offers stored")
        // Each other group's offer as that group sees it (never a budget or embargoed title).
        let answerBy = Dictionary(new.offers.compactMap { o in o.answerBy.map { (o.group, $0) } }, uniquingKeysWith: { a, _ in a })
        let offers = try offerViews(db, c, others, seenBy: { $0.offer.groupID }, at: at).map { o in
            DeskEvent.OfferMade(offer: o.ref, briefing: o.briefing, group: o.group, title: o.title, officers: p.officers.map(\.officer),
                                answerBy: answerBy[o.group] ?? LocalDate(at), jointSessions: o.jointSessions,
                                writtenReport: o.writtenReport == true, to: c.leaderAndAssistants(o.group))
        }
        return (.init(briefing: Ref.format("BR", briefing), session: created.map { Ref.format("SE", $0.id) }, offers: offers), created)
    }

    /// The briefing an approved request creates: its matter, its officers, open.
    func insertBriefing(_ db: Database, request: Int64, _ p: SessionProposal, joinable: Bool, at: Date) throws -> Int64 {
        try db.run(sql: """
            INSERT INTO briefing (request_id, title, details, area, linked_meeting, decision_date, embargo_until, joint_wish, officers, status, created_at, budget, meeting_date,
                                  written_report, report_due, meeting_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [request, p.matter.title, p.matter.details, p.matter.area, p.matter.linkedMeeting,
                             p.matter.decisionDate?.description, p.matter.embargoUntil?.description, joinable,
                             Self.json(p.officers), "open", at.unix, p.matter.budget == true, p.matter.meetingDate?.description,
                             p.isWrittenReport, p.isWrittenReport ? LocalDate(p.segmentStart).description : nil,
                             p.matter.meetingID.flatMap(Self.committeeMeetingID)])
        return db.lastInsertedRowID
    }
}
