import BriefingsDomain
import Foundation
import GRDB

extension BriefingDesk {
    /// A group asks for officers at one of its meetings (`BriefingsDomain.Submission`). Validated at once: a `block`
    /// refuses it and nothing is written; otherwise it joins the approver's queue and those who decide hear.
    public func submitRequest(_ proposal: SessionProposal) async throws -> Receipt {
        let at = now()
        return try await database.step { db in
            let c = try council(db)
            let (p, verdicts) = try preparedRequest(db, c, proposal, at: at)
            let presence = try approverPresence(db, at: at)
            let plan = try refusing { () throws(Refusal) in try Submission.decide(p, verdicts: verdicts, in: c, presence: presence).get() }
            // The verdicts' JSON once: the request row and its audit entry hold the same bytes.
            let verdictsJSON = Self.json(verdicts)
            try withinQuota(db, c, person: p.requester, group: p.groups[0], at: at)
            var request = RequestRecord(kind: .request, p, verdicts: verdictsJSON, at: at)
            try request.insert(db)
            try AuditTrail.append(db, at: at, plan.audit(ref: request.ref), verdictsJSON: verdictsJSON)
            let clock = ResponseClock(submitted: at, acknowledged: false, now: at, profile: c.profile, days: try workingDays(db))
            try publish(db, c, plan.events(ref: request.ref, clock: clock), at: at)
            let referred = verdicts.referred.count
            return Receipt(ref: request.ref, status: "pending", message: "\(request.ref) is in the \(c.profile.approverTitle)'s queue"
                           + (referred > 0 ? "; \(referred) rule(s) need the approver's recorded reason" : ""), verdicts: verdicts)
        }
    }

    /// A request as it would be submitted (`Submission.resolve`: for the requester's own group when none is named), its
    /// input checked, with every rule's verdict against the bookings as they are now: what `submitRequest` judges, and
    /// what a requester's "check against the rules" shows before anything is saved (`checkRequest`).
    func preparedRequest(_ db: Database, _ c: Council, _ proposal: SessionProposal, at: Date) throws -> (SessionProposal, [Verdict]) {
        var p = try refusing { () throws(Refusal) in try Submission.resolve(proposal, in: c) }
        // A committee meeting's name and date as they are now, in this transaction.
        p.matter = try Self.linkedMatter(db, p.matter, today: LocalDate(at))
        try checkInput(p, c, now: at)
        try refusing { () throws(Refusal) in try Submission.requireOneGroup(p) }
        // A request its group already sent is warned about, never refused (`Duplicates`).
        return (p, try verdicts(db, p, c) + [try duplicateWarning(db, c, p, at: at)].compactMap { $0 })
    }

    /// Every verdict a request would get if it were submitted now, writing nothing: a `block` among them means
    /// `submitRequest` would refuse it, a `refer` that the approver must record a reason to agree it.
    public func checkRequest(_ form: RequestForm, as actorID: String) async throws -> [Verdict] {
        let p = try await linkingMeeting(form).proposal(requester: actorID), at = now()
        return try await database.read { db in try preparedRequest(db, try council(db), p, at: at).1 }
    }

    /// Open requests oldest first, a page at a time (`Keyset`), with fresh verdicts, working days waiting and overdue flags.
    public func queue(as actorID: String, page: Desk.PageRequest) async throws -> Desk.Page<QueueItem> {
        let at = now()
        return try await database.read { db in
            let c = try council(db)
            // A Director, where the council lets Directors agree (001), sees the requests for officers in their line.
            let director = try queueReader(actorID, c)
            let days = try workingDays(db)
            typealias Columns = RequestRecord.Columns
            let list = Keyset(list: "queue", rows: RequestRecord.pending,
                              sort: Column(Columns.submittedAt), id: Column(Columns.id), key: { (Int64($0.submittedAt), $0.id!) },
                              keep: director ? { directorSees(actorID, c, $0) } : nil)
            let repeated = Duplicates.marks(try RequestRecord.asked(db))
            return try list.page(db, page).map { try queueItem(db, c, $0, days: days, at: at, repeated: repeated) }
        }
    }

    /// One open request as the queue holds it, with the whole of what was asked (its venue, meeting, attendees and
    /// details), for the queue's page about it: the same reader, verdicts and clock as `queue`. A request already
    /// decided is a conflict naming who decided it; one a Director may not see is refused as `queue` leaves it out.
    public func queueItem(_ ref: String, as actorID: String) async throws -> QueueDetail {
        let id = try Ref.parse(ref, "RQ"), at = now()
        return try await database.read { db in
            let c = try council(db)
            let director = try queueReader(actorID, c)
            let record = try RequestRecord.fetchOne(db, key: id)
            let r = try refusing { () throws(Refusal) in
                try Decider.pending(record?.request(), ref: Ref.format("RQ", id), when: LondonTime.format)
            }
            guard let record, !director || directorSees(actorID, c, record) else {
                throw DeskError(.forbidden, rule: .approval, clauses: c.profile.approverClauses,
                                "\(r.ref) is not for \(c.name(actorID)) to decide: its officers are not all in their line",
                                remedy: .seeList(.openRequests))
            }
            let repeated = Duplicates.marks(try RequestRecord.asked(db, group: record.groupID))
            return QueueDetail(item: try queueItem(db, c, record, days: try workingDays(db), at: at, repeated: repeated), proposal: record.proposal)
        }
    }

    /// Refuses anyone who may not read the queue; true for a Director who reads only the requests in their line.
    func queueReader(_ actorID: String, _ c: Council) throws -> Bool {
        let director = decidesAsDirector(actorID, c)
        if !director { try requireOversight(actorID, c, what: "see the approval queue") }
        return director
    }

    /// One open request as the queue shows it; `repeated` marks the requests that repeat an earlier one (`Duplicates.marks`).
    func queueItem(_ db: Database, _ c: Council, _ r: RequestRecord, days: WorkingDays, at: Date, repeated: [String: String] = [:]) throws -> QueueItem {
        let p = r.proposal
        // Held material: its verdict as it was attached, and the text itself, for the approver to read.
        let held = r.kind == .material ? try HeldMaterialRecord.fetchOne(db, key: r.id) : nil
        var v = r.kind == .material ? try Self.decode([Verdict].self, r.verdicts) : try judge(db, c, r.kind, p, session: r.sessionID)
        let clock = r.clock(now: at, profile: c.profile, days: days)
        v.append(clock.verdict(c.profile))
        let earlier = try repeated[r.ref].flatMap { try RequestRecord.fetchOne(db, key: try Ref.parse($0, "RQ")) }
        if let earlier { v.append(Duplicates.warning(earlier.asked, profile: c.profile, when: LondonTime.format)) }
        return QueueItem(ref: r.ref, kind: r.kindName, group: r.groupID, requester: r.requester,
                         onBehalfOf: r.onBehalfOf, matter: p.matter.title, officers: p.officers.map(\.officer),
                         segmentStart: LondonTime.format(p.segmentStart), segmentEnd: LondonTime.format(p.segmentEnd),
                         submitted: LondonTime.format(Date(unix: r.submittedAt)), clock: clock, verdicts: v, flags: try flags(db, c, request: r.id!),
                         budget: p.matter.budget, embargoUntil: p.matter.embargoUntil?.description,
                         acknowledged: r.acknowledgedAt.map { LondonTime.format(Date(unix: $0)) }, acknowledgement: r.acknowledgement,
                         duplicateOf: earlier?.ref, material: held?.material,
                         materialFile: try held?.materialFile.flatMap { try MaterialFileRecord.fetchOne(db, key: $0)?.file },
                         toJudge: BriefingsDomain.Approval.toJudge(r.kind, verdicts: v))
    }

    /// The approver acknowledges a request with a message that explains what is happening (`BriefingsDomain.Acknowledgement`).
    public func acknowledge(_ ref: String, as actorID: String, message: String, replyBy: LocalDate?, reason: String? = nil) async throws {
        let id = try Ref.parse(ref, "RQ"), at = now()
        try await database.step { db in
            let c = try council(db)
            let (state, record) = try decisionState(db, c, request: id, at: at)
            let input = Acknowledgement.Input(actor: actorID, message: message, replyBy: replyBy, reason: reason)
            let plan = try refusing { () throws(Refusal) in try Acknowledgement.decide(state, input).get() }
            var r = record!
            r.acknowledgedAt = plan.acknowledged.unix
            r.acknowledgement = plan.message
            r.replyBy = plan.replyBy.description; r.replyByReason = plan.reason
            try r.update(db)
            try AuditTrail.append(db, at: at, plan.audit)
            try publish(db, c, plan.events(in: c), at: at)
        }
    }

    /// Tells each requesting side whose request has passed the date they were to hear by, undecided, once for that
    /// date (`BriefingsDomain.PastDue`); returns the requests told. The service runs it with its outbox rounds.
    @discardableResult
    public func tellPastDue() async throws -> [String] {
        let at = now()
        return try await database.step { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM council)") == true else { return [] }
            let c = try council(db)
            let records = try RequestRecord.pending.filter(RequestRecord.Columns.kind == RequestKind.request).fetchAll(db)
            let notices = PastDue.notices(records.map { ($0.request(), $0.pastDueTold.flatMap(LocalDate.init)) }, in: c,
                                          days: try workingDays(db), now: at)
            guard !notices.isEmpty else { return [] }
            let presence = try approverPresence(db, at: at)
            for notice in notices {
                guard var r = records.first(where: { $0.ref == notice.request.ref }) else { continue }
                r.pastDueTold = notice.due.description
                try r.update(db, columns: [RequestRecord.Columns.pastDueTold])
                try AuditTrail.append(db, at: at, notice.audit)
                try publish(db, c, notice.events(in: c, presence: presence), at: at)
            }
            return notices.map(\.request.ref)
        }
    }

    /// An officer named in a pending request flags it as unreasonable, with a reason (`BriefingsDomain.Flagging`).
    public func flagRequest(_ ref: String, as officerID: String, reason: String) async throws {
        let id = try Ref.parse(ref, "RQ"), at = now()
        try await database.step { db in
            let c = try council(db)
            let (state, _) = try decisionState(db, c, request: id, at: at)
            let plan = try refusing { () throws(Refusal) in try Flagging.decide(state, officer: officerID, reason: reason).get() }
            try db.run(sql: "INSERT INTO request_flag (request_id, officer, reason, flagged_at) VALUES (?, ?, ?, ?)",
                       arguments: [id, officerID, reason, at.unix])
            try AuditTrail.append(db, at: at, plan.audit)
            try publish(db, c, plan.events, at: at)
        }
    }

    func flags(_ db: Database, _ c: Council, request id: Int64) throws -> [Flag] {
        try RequestFlagRecord.filter(RequestFlagRecord.CodingKeys.requestID == id).order(RequestFlagRecord.CodingKeys.id).fetchAll(db).map {
            Flag(officer: c.name($0.officer), reason: $0.reason, at: LondonTime.format(Date(unix: $0.flaggedAt)))
        }
    }

    /// The approver declines with a reason (`BriefingsDomain.Decline`); whatever a queued change held is released.
    public func decline(_ ref: String, as actorID: String, reason: String, explainDelay: String? = nil) async throws {
        let id = try Ref.parse(ref, "RQ"), at = now()
        try await database.step { db in
            let c = try council(db)
            let (state, record) = try decisionState(db, c, request: id, at: at)
            let input = Decline.Input(actor: actorID, reason: reason, explainDelay: explainDelay)
            let plan = try refusing { () throws(Refusal) in try Decline.decide(state, input).get() }
            var r = record!
            r.status = .declined; r.decidedAt = at.unix; r.decidedBy = actorID; r.decidedRole = plan.role; r.reason = reason
            r.delayExplanation = plan.delayExplanation
            try r.recordDecision(db)
            try releaseChange(db, r, reason: "not agreed by the \(c.profile.approverTitle): \(reason)", at: at)
            try AuditTrail.append(db, at: at, plan.audit)
            try publish(db, c, plan.events(in: c), at: at)
        }
    }
}

extension Dictionary {
    /// The same values under transformed keys.
    public func mapKeys<K: Hashable>(_ f: (Key) -> K) -> [K: Value] {
        Dictionary<K, Value>(uniqueKeysWithValues: map { (f($0.key), $0.value) })
    }
}
