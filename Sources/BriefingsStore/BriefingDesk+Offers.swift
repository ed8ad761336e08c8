import BriefingsDomain
import BriefingsMessages
import Foundation
import GRDB

extension BriefingDesk {
    /// Offers of the actor's group (group people), or every offer (approver, Monitoring Officer), oldest first, a page at a time.
    public func offers(as actorID: String, page: Desk.PageRequest) async throws -> Desk.Page<OfferView> {
        try await offers(as: actorID, page: page, offeredOnly: false)
    }

    /// `offeredOnly`: without the requesting groups' own lines (`OfferStatus.requested`), which offer nothing (the desk's page).
    public func offers(as actorID: String, page: Desk.PageRequest, offeredOnly: Bool) async throws -> Desk.Page<OfferView> {
        let at = now()
        return try await database.read { db in
            let c = try council(db)
            let roles = try actor(actorID, in: c)
            let oversight = roles.contains { [.approver, .deputyApprover, .monitoringOfficer, .administrator].contains($0) }
            let ownGroup = c.roster.groupOf(actorID)
            if !oversight && ownGroup == nil {
                throw DeskError(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                                "\(c.name(actorID)) belongs to no political group, so has no offers",
                                remedy: .officersSeeSessions)
            }
            typealias Columns = OfferRecord.Columns
            var rows = OfferRecord.all()
            if !oversight, let ownGroup { rows = rows.filter(Columns.groupID == ownGroup) }
            if offeredOnly { rows = rows.filter(Columns.status != OfferStatus.requested) }
            let records = try Keyset(list: "offers", rows: rows, sort: Column(Columns.id), id: Column(Columns.id), key: { ($0.id!, $0.id!) })
                .page(db, page)
            let group = oversight ? nil : ownGroup
            let views = try offerViews(db, c, try offerFacts(db, group: group, briefing: nil, ids: records.items.map { $0.id! }),
                                       seenBy: { _ in group }, at: at, suggest: true)
            return Desk.Page(items: views, next: records.next, previous: records.previous, total: records.total, first: records.first)
        }
    }

    /// Offers of one group (nil: every group's, for oversight), with embargoed titles hidden from other groups; with
    /// `briefing`, only that briefing's; with `suggest`, each open one with its free times (a feed leaves them out).
    func offers(_ db: Database, _ c: Council, group: String?, briefing: Int64? = nil, at: Date, suggest: Bool = false) throws -> [OfferView] {
        try offerViews(db, c, try offerFacts(db, group: group, briefing: briefing), seenBy: { _ in group }, at: at, suggest: suggest)
    }

    /// What an offer's view is made from: the offer, its briefing's matter and who asked for it, whether it is a written
    /// report, and its officers. `offerFacts` reads them; `approve` has them in hand for the offers it has just made.
    struct OfferFacts: Equatable, FetchableRecord {
        var offer: OfferRecord
        var matter: StoredMatter
        var writtenReport: Bool
        var officers: [OfficerAttendance]

        init(offer: OfferRecord, matter: StoredMatter, writtenReport: Bool, officers: [OfficerAttendance]) {
            self.offer = offer; self.matter = matter; self.writtenReport = writtenReport; self.officers = officers
        }

        /// From an offer's row joined with its briefing's matter, officers and kind, and the requesting group as `origin`.
        init(row r: Row) throws {
            self.init(offer: try OfferRecord(row: r), matter: StoredMatter(row: r), writtenReport: r["written_report"],
                      officers: try BriefingDesk.decode([OfficerAttendance].self, r["officers"]))
        }
    }

    /// The offers `offers` shows, each with what its view needs, in one query (a briefing's officers decoded once).
    func offerFacts(_ db: Database, group: String?, briefing: Int64?, ids: [Int64]? = nil) throws -> [OfferFacts] {
        var conditions: [String] = [], arguments: StatementArguments = []
        if let ids { conditions.append("offer.id IN (\(databaseQuestionMarks(count: ids.count)))"); arguments += StatementArguments(ids) }
        if let group { conditions.append("offer.group_id = ?"); arguments += [group] }
        if let briefing { conditions.append("offer.briefing_id = ?"); arguments += [briefing] }
        return try db.all(sql: """
            SELECT offer.*, briefing.title, briefing.officers, briefing.embargo_until, briefing.written_report, briefing.details, briefing.area,
                   briefing.linked_meeting, briefing.decision_date, briefing.budget, briefing.meeting_date, briefing.meeting_id, briefing.released_at,
                   request.group_id AS origin
            FROM offer JOIN briefing ON briefing.id = offer.briefing_id JOIN request ON request.id = briefing.request_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY offer.id
            """, arguments: arguments).map { try OfferFacts(row: $0) }
    }

    /// Offers, each as the group `viewer` names for it sees it (nil: oversight), the budget and embargo redactions
    /// applied: `offers` shows one group's, `approve` each group its own offer.
    func offerViews(_ db: Database, _ c: Council, _ facts: [OfferFacts], seenBy viewer: (OfferFacts) -> String?, at: Date,
                    suggest: Bool = false) throws -> [OfferView] {
        let today = LocalDate(at)
        // A briefing's officers and joinable sessions are the same whoever sees its offers: read once a briefing.
        var officersOf: [Int64: [String]] = [:], joinableOf: [Int64: [Desk.JointSession]] = [:]
        // What a time and room decide does not depend on which group takes the briefing up: one search a briefing.
        var suggested: [Int64: [Slot]] = [:]
        func suggestions(_ offer: OfferRecord) throws -> [Slot] {
            if let known = suggested[offer.briefingID] { return known }
            let found = try slots(db, c, offer: offer, at: at).slots
            suggested[offer.briefingID] = found
            return found
        }
        return try facts.map { f in
            let group = viewer(f), offer = f.offer, briefingID = offer.briefingID
            let status = offer.status(on: today), report = f.writtenReport
            let embargo = f.matter.matter.embargoUntil
            let hidden = group != nil && c.profile.budgetEmbargo && f.matter.origin != group && embargo.map { today < $0 } == true
            let budget = f.matter.seen(by: group, at: at).redacted
            let joinable = try joinableOf[briefingID] ?? SessionRecord.filter(SessionRecord.Columns.briefingID == briefingID
                    && SessionRecord.Columns.joinable == true && SessionRecord.Columns.status == Session.Status.scheduled)
                .order(SessionRecord.Columns.id).fetchAll(db).map { s in
                    Desk.JointSession(ref: Ref.format("SE", s.id!), meetingStart: LondonTime.format(Date(unix: s.meetingStart)),
                                      meetingEnd: LondonTime.format(Date(unix: s.meetingEnd)), segmentStart: LondonTime.format(Date(unix: s.segmentStart)),
                                      segmentEnd: LondonTime.format(Date(unix: s.segmentEnd)), venue: s.venue,
                                      host: try SessionGroupRecord.all(of: s.id!, db).first?.groupID ?? "")
                }
            let officers = officersOf[briefingID] ?? f.officers.map { c.name($0.officer) }
            joinableOf[briefingID] = joinable; officersOf[briefingID] = officers
            return OfferView(ref: offer.ref, briefing: Ref.format("BR", briefingID), group: offer.groupID,
                             title: budget ? "Budget discussions of your group's own, in confidence, with the same officers (003 §7.13)"
                                 : hidden ? "Embargoed budget briefing (title hidden until \(embargo!))" : f.matter.matter.title,
                             officers: officers,
                             status: status.rawValue, jointSessions: joinable.map(\.ref), answeredBy: offer.answeredBy,
                             reason: status == .lapsed && offer.status == .open ? "not answered by \(offer.answerBy ?? "")" : offer.reason,
                             answerBy: offer.answerBy, writtenReport: report ? true : nil,
                             suggestedSlots: suggest && status == .open && !report ? try suggestions(offer) : [], joint: joinable)
        }
    }

    /// An offer by its id, or the refusal for one that does not exist.
    func offerRecord(_ db: Database, _ ref: String) throws -> OfferRecord {
        let id = try Ref.parse(ref, "OF")
        guard let r = try OfferRecord.fetchOne(db, key: id) else {
            throw DeskError(.notFound, "no offer \(Ref.format("OF", id))", remedy: .seeList(.offers))
        }
        return r
    }

    /// An offer the person acting may answer (`OfferAnswer.requireAnswerable`): its group's leader, or the group's
    /// assistant on behalf of a named member, while it is open and its briefing is.
    func openOffer(_ db: Database, _ ref: String, _ c: Council, actorID: String, onBehalfOf: String?) throws -> OfferRecord {
        let r = try offerRecord(db, ref)
        let closed = try briefingClosed(db, r.briefingID), offer = r.offer, today = LocalDate(now())
        try refusing { () throws(Refusal) in
            try OfferAnswer.requireAnswerable(offer, briefingClosed: closed, by: actorID, onBehalfOf: onBehalfOf, in: c, today: today)
        }
        return r
    }

    /// Refuses an offer that can no longer be answered (`OfferAnswer.requireOpen`).
    func requireOpen(_ db: Database, _ r: OfferRecord, _ c: Council) throws {
        let closed = try briefingClosed(db, r.briefingID), offer = r.offer, today = LocalDate(now())
        try refusing { () throws(Refusal) in try OfferAnswer.requireOpen(offer, briefingClosed: closed, in: c, today: today) }
    }

    /// What a group taking up an offer proposes (`TakeUp.proposal`): the briefing's officers, its matter as that group sees it.
    func takeUp(_ db: Database, offer: OfferRecord, _ input: SessionProposal, at: Date) throws -> SessionProposal {
        let c = try council(db)
        let (b, origin) = try BriefingRecord.withOrigin(db, offer.briefingID)
        let officers = try b.attendance()
        let matter = StoredMatter(b, origin: origin).seen(by: offer.groupID, at: at).matter
        let report = b.writtenReport, o = offer.offer
        return try refusing { () throws(Refusal) in
            try TakeUp.proposal(input, offer: o, writtenReport: report, officers: officers, matter: matter, in: c)
        }
    }

    /// A group accepts an offer by proposing its own session (`BriefingsDomain.TakeUp`): booked under the briefing's
    /// approval when every rule passes, else held as tentative and queued for the approver.
    public func acceptOffer(_ ref: String, _ input: SessionProposal) async throws -> Receipt {
        let at = now()
        return try await database.step { db in
            let c = try council(db)
            let offer = try openOffer(db, ref, c, actorID: input.requester, onBehalfOf: input.onBehalfOf)
            let briefingID = offer.briefingID, offerID = offer.id!, o = offer.offer
            let p = try takeUp(db, offer: offer, input, at: at)
            try checkInput(p, c, now: at)
            let v = try judge(db, c, .acceptance, p, session: nil)
            let agreement = try standingAgreement(db, briefing: briefingID), presence = try approverPresence(db, at: at)
            let plan = try refusing { () throws(Refusal) in
                try TakeUp.decide(p, offer: o, verdicts: v, standingAgreement: agreement, in: c, presence: presence).get()
            }
            let held: String? = if case .agreed(let a) = plan.booking { a } else { nil }
            let created = try createSession(db, briefing: briefingID, p, group: plan.group, offer: offerID, agreement: held,
                                            overrides: [:], joinable: false, at: at)
            let session = Ref.format("SE", created.id)
            var rq: String?
            if held == nil {
                rq = try queueChange(db, .acceptance, p, briefing: briefingID, offer: offerID, session: created.id, verdicts: v, at: at)
                try OfferRecord.mark(db, offerID, .pending)
            } else {
                try OfferRecord.answer(db, offerID, .accepted, by: p.requester, at: at)
            }
            try AuditTrail.append(db, at: at, plan.audit(session: session, request: rq))
            try publish(db, c, plan.events(session: session, request: rq), at: at, created: created)
            if let rq {
                return Receipt(ref: rq, status: "pending", message: "\(rq) is in the \(c.profile.approverTitle)'s queue: \(Wording.needAgreement(v.referred.map(\.rule))); \(session) is held as tentative until then", verdicts: v)
            }
            return Receipt(ref: session, status: "scheduled", message: "\(session) booked for \(c.name(plan.group)) under the \(c.profile.approverTitle)'s approval of the briefing (\(agreement))", verdicts: v)
        }
    }

    /// A group takes up another group's written report (`001 §4.10`): nobody attends, so nothing is booked and no further
    /// agreement is needed; the group reads the report (`briefing show`) once its officers attach it, with every other
    /// group that took it up (`equal-offer`: the same report for all).
    public func takeUpReport(_ ref: String, as actorID: String, onBehalfOf: String? = nil, attendees: [String] = []) async throws -> Receipt {
        let at = now()
        return try await database.step { db in
            let c = try council(db)
            let offer = try openOffer(db, ref, c, actorID: actorID, onBehalfOf: onBehalfOf)
            guard let b = try BriefingRecord.fetchOne(db, key: offer.briefingID) else { throw DeskError(.notFound, "no briefing \(Ref.format("BR", offer.briefingID))", remedy: .seeList(.offers)) }
            let o = offer.offer, ready = b.material != nil, officers = try b.attendance().map(\.officer)
            let plan = try refusing { () throws(Refusal) in
                try TakeUp.report(o, matter: b.title, writtenReport: b.writtenReport, attendees: attendees, ready: ready, due: b.reportDue ?? "", officers: officers,
                                  by: actorID, onBehalfOf: onBehalfOf, in: c).get()
            }
            try OfferRecord.answer(db, offer.id!, .accepted, by: actorID, at: at)
            try AuditTrail.append(db, at: at, plan.audit)
            try publish(db, c, plan.events, at: at)
            let group = offer.groupID, briefing = b.ref
            return Receipt(ref: offer.ref, status: "accepted",
                           message: "\(c.name(group)) takes up the written report \(briefing)" + (ready ? "; it is ready to read"
                                                                                                   : "; you will be told when the officers attach it"),
                           verdicts: [])
        }
    }

    /// A group accepts an offer by joining a joint session the requesting group agreed to share (`Joining`). Judged for
    /// the joining group's attendees (`join`); a `refer` sends the join to the approver's queue.
    public func joinSession(offer ref: String, session sessionRef: String, as actorID: String, onBehalfOf: String? = nil,
                            attendees: [Attendee]) async throws -> Receipt {
        let at = now(), sid = try Ref.parse(sessionRef, "SE")
        return try await database.step { db in
            let c = try council(db)
            let offer = try openOffer(db, ref, c, actorID: actorID, onBehalfOf: onBehalfOf)
            let (s, p) = try joinProposal(db, c, offer: offer, session: sid, actorID: actorID, onBehalfOf: onBehalfOf, attendees: attendees)
            try checkInput(p, c, now: at)
            let v = try judge(db, c, .join, p, session: sid)
            let agreement = try standingAgreement(db, briefing: s.briefing), presence = try approverPresence(db, at: at), o = offer.offer
            let plan = try refusing { () throws(Refusal) in
                try Joining.decide(p, session: s, offer: o, by: actorID, verdicts: v, standingAgreement: agreement, in: c, presence: presence).get()
            }
            let session = Ref.format("SE", sid)
            switch plan.outcome {
            case .queued:
                let rq = try queueChange(db, .join, p, briefing: s.briefing, offer: offer.id!, session: sid, verdicts: v, at: at)
                try OfferRecord.mark(db, offer.id!, .pending)
                try AuditTrail.append(db, at: at, plan.audit(request: rq))
                try publish(db, c, plan.events(request: rq), at: at)
                return Receipt(ref: rq, status: "pending", message: "\(rq) is in the \(c.profile.approverTitle)'s queue: \(Wording.needAgreement(v.referred.map(\.rule))) for \(c.name(plan.group))", verdicts: v)
            case .joined(let agreement):
                try addGroup(db, c, session: sid, p, offer: offer.id!, agreement: agreement, overrides: [:], answeredBy: actorID, at: at)
                try AuditTrail.append(db, at: at, plan.audit(request: nil))
                return Receipt(ref: session, status: "scheduled", message: "\(c.name(plan.group)) joins \(session) under the \(c.profile.approverTitle)'s approval of the briefing (\(agreement))", verdicts: v)
            }
        }
    }

    /// The session a joining group would make (`Joining.proposal`).
    func joinProposal(_ db: Database, _ c: Council, offer: OfferRecord, session sid: Int64, actorID: String, onBehalfOf: String?,
                      attendees: [Attendee]) throws -> (Session, SessionProposal) {
        let s = try loadSession(db, sid), o = offer.offer
        return (s, try refusing { () throws(Refusal) in
            try Joining.proposal(s, offer: o, by: actorID, onBehalfOf: onBehalfOf, attendees: attendees, in: c)
        })
    }

    /// A group declines an offer; the answer and reason are recorded (`OfferAnswer.decline`).
    public func declineOffer(_ ref: String, as actorID: String, onBehalfOf: String? = nil, reason: String) async throws {
        let at = now()
        try await database.step { db in
            let c = try council(db)
            let r = try offerRecord(db, ref)
            let closed = try briefingClosed(db, r.briefingID), offer = r.offer
            let plan = try refusing { () throws(Refusal) in
                try OfferAnswer.decline(offer, briefingClosed: closed, by: actorID, onBehalfOf: onBehalfOf, reason: reason, in: c, today: LocalDate(at)).get()
            }
            try OfferRecord.answer(db, r.id!, .declined, by: actorID, reason: reason, at: at)
            try AuditTrail.append(db, at: at, plan.audit)
        }
    }

    /// The approver records that an offer lapsed unanswered (`OfferAnswer.lapse`).
    public func lapseOffer(_ ref: String, as actorID: String, reason: String) async throws {
        let id = try Ref.parse(ref, "OF"), at = now()
        try await database.step { db in
            let c = try council(db)
            let presence = try approverPresence(db, at: at), offer = try OfferRecord.fetchOne(db, key: id)?.offer
            let audit = try refusing { () throws(Refusal) in
                try OfferAnswer.lapse(offer, ref: Ref.format("OF", id), by: actorID, reason: reason, in: c, presence: presence).get()
            }
            try OfferRecord.answer(db, id, .lapsed, by: actorID, reason: reason, at: at)
            try AuditTrail.append(db, at: at, audit)
        }
    }

    /// Closes a briefing once every group's offer is answered (`equal-offer`).
    public func closeBriefing(_ ref: String, as actorID: String) async throws {
        let id = try Ref.parse(ref, "BR"), at = now()
        try await database.step { db in
            let c = try council(db)
            let presence = try approverPresence(db, at: at)
            var (b, origin) = try BriefingRecord.withOrigin(db, id)
            let unanswered = try OfferRecord.filter(OfferRecord.Columns.briefingID == id && [OfferStatus.open, .pending].contains(OfferRecord.Columns.status))
                .order(OfferRecord.Columns.id).fetchAll(db)
            let briefing = try b.briefing(origin: origin)
            let step = try refusing { () throws(Refusal) in try briefing.close(by: actorID, unanswered: unanswered.map(\.offer), in: c, presence: presence).get() }
            // Offers past their answer-by date lapsed on their own: recorded as such as the briefing closes.
            for lapsed in unanswered where step.lapsed.contains(lapsed.offer) {
                try OfferRecord.answer(db, lapsed.id!, .lapsed, by: nil, reason: "not answered by \(lapsed.answerBy ?? "")", at: at)
            }
            b.status = .closed
            try b.update(db)
            try AuditTrail.append(db, at: at, step.plan.audit)
        }
    }
}
