import BriefingsDomain
import Foundation
import GRDB

extension BriefingDesk {
    /// What came of submitting a request or proposing a session.
    public struct Receipt: Sendable, Codable {
        /// `RQ-0003` when it waits for the approver, `SE-0002` when a session was booked.
        public var ref: String
        public var status: String
        public var message: String
        public var verdicts: [Verdict]
    }

    /// A group asks for officers at one of its meetings. Validated at once: a `block` refuses it and
    /// nothing is written; otherwise it joins the approver's queue (`approval`: prior agreement).
    public func submitRequest(_ proposal: SessionProposal) async throws -> Receipt {
        let at = now()
        return try await database.step { db in
            let c = try council(db)
            let (p, verdicts) = try preparedRequest(db, c, proposal, at: at)
            if !verdicts.blocking.isEmpty { throw DeskError.refused(verdicts, failing: verdicts.blocking, what: "the request") }
            let verdictsJSON = Self.json(verdicts)
            var request = RequestRecord(kind: .request, p, verdicts: verdictsJSON, at: at)
            try request.insertCached(db)
            let ref = request.ref
            let role = groupRole(p.requester, group: p.groups[0], in: c)
            try AuditTrail.append(db, at: at, actor: p.requester, role: role, action: "request.submit", subject: ref,
                                  details: ["group": p.groups[0], "matter": p.matter.title, "onBehalfOf": p.onBehalfOf ?? ""],
                                  verdicts: verdicts, verdictsJSON: verdictsJSON)
            let referredRules = verdicts.referred.map(\.rule.rawValue)
            let officers = Self.list(p.officers.map { c.name($0.officer) })
            let asked = p.isWrittenReport
                ? "a written report by \(officers) for \(c.name(p.groups[0])) on \"\(p.matter.title)\", wanted by \(LocalDate(p.segmentStart)) (no meeting: 001 §4.10)"
                : "\(officers) to brief \(c.name(p.groups[0])) on \"\(p.matter.title)\" at \(LondonTime.formatLong(p.segmentStart)) (\(location(p.venue, c) ?? p.venue.description))"
            try notify(db, c, at: at, subject: "\(ref): \(p.isWrittenReport ? "written report" : "briefing") request from \(c.name(p.groups[0]))",
                       body: "\(c.name(p.requester))\(p.onBehalfOf.map { " (for \(c.name($0)))" } ?? "") asks for \(asked). It awaits the \(c.profile.approverTitle)'s agreement"
                           + (referredRules.isEmpty ? "; every rule passes." : "; \(referredRules.joined(separator: ", ")) need\(referredRules.count == 1 ? "s" : "") a recorded reason to override.")
                           + "\n\nWhat you may do: read it with its verdicts in `briefings queue`; acknowledge it with `briefings request acknowledge \(ref) --message \"…\"`; agree with `briefings approve \(ref)`"
                           + (referredRules.isEmpty ? "" : " --override RULE=\"reason\"") + ", or decline with `briefings decline \(ref) --reason \"…\"`.",
                       to: try deciders(db, c, at: at))
            let referred = verdicts.referred.count
            return Receipt(ref: ref, status: "pending", message: "\(ref) is in the \(c.profile.approverTitle)'s queue"
                           + (referred > 0 ? "; \(referred) rule(s) need the approver's recorded reason" : ""), verdicts: verdicts)
        }
    }

    /// A request as it would be submitted (for the requester's own group when none is named), its input checked, with
    /// every rule's verdict against the bookings as they are now: what `submitRequest` judges, and what a requester's
    /// "check against the rules" shows before anything is saved (`checkRequest`).
    func preparedRequest(_ db: Database, _ c: Council, _ proposal: SessionProposal, at: Date) throws -> (SessionProposal, [Verdict]) {
        _ = try actor(proposal.requester, in: c)
        var p = proposal
        // No group named: the requester's own (an ungrouped councillor's own line, or the group they lead or assist).
        if p.groups.isEmpty, let own = c.roster.groupOf(p.requester) { p.groups = [own] }
        if p.groups.isEmpty {
            throw DeskError(.invalid, rule: .requester, clauses: c.profile.clauses(.requester),
                            "\(c.name(p.requester)) belongs to no group and is not a councillor",
                            fix: "Give the group you ask for with --group; only councillors and groups' leaders or assistants request briefings.")
        }
        try checkInput(p, c, now: at)
        guard p.groups.count == 1 else {
            throw DeskError(.invalid, "a request is made by one group", fix: "Give one --group; other groups are offered the briefing after approval.")
        }
        return (p, try verdicts(db, p, c))
    }

    /// Every verdict a request would get if it were submitted now, writing nothing: a `block` among them means
    /// `submitRequest` would refuse it, a `refer` that the approver must record a reason to agree it.
    public func checkRequest(_ form: RequestForm, as actorID: String) async throws -> [Verdict] {
        let p = try form.proposal(requester: actorID), at = now()
        return try await database.read { db in try preparedRequest(db, try council(db), p, at: at).1 }
    }

    /// One open request as the approver sees it.
    public struct QueueItem: Sendable, Codable {
        public var ref: String
        public var kind: String
        public var group: String
        public var requester: String
        public var onBehalfOf: String?
        public var matter: String
        public var officers: [String]
        public var segmentStart: String
        public var segmentEnd: String
        public var submitted: String
        public var clock: ResponseClock
        public var verdicts: [Verdict]
        /// Officers' flags of it as unreasonable (`001 §4.10`).
        public var flags: [Flag]
    }

    /// Open requests oldest first, with fresh verdicts, working days waiting and overdue flags.
    public func queue(as actorID: String) async throws -> [QueueItem] {
        let at = now()
        return try await database.read { db in
            let c = try council(db)
            // A Director, where the council lets Directors agree (001), sees the requests for officers in their line.
            let director = decidesAsDirector(actorID, c)
            if !director { try requireOversight(actorID, c, what: "see the approval queue") }
            let days = try workingDays(db)
            return try RequestRecord.pending.fetchAll(db).filter { !director || directorSees(actorID, c, $0) }.map { r in
                let p = r.proposal, id = r.id!
                let submitted = Date(unix: r.submittedAt)
                let clock = r.clock(now: at, profile: c.profile, days: days)
                var v = try judge(db, c, r.kind, p, session: r.sessionID)
                v.append(clock.verdict(c.profile))
                return QueueItem(ref: r.ref, kind: r.kindName, group: r.groupID, requester: r.requester,
                                 onBehalfOf: r.onBehalfOf, matter: p.matter.title, officers: p.officers.map(\.officer),
                                 segmentStart: LondonTime.format(p.segmentStart), segmentEnd: LondonTime.format(p.segmentEnd),
                                 submitted: LondonTime.format(submitted), clock: clock, verdicts: v, flags: try flags(db, c, request: id))
            }
        }
    }

    /// The approver acknowledges a request with a message that explains what is happening (`response-time`: `000 §17.8.2`,
    /// `004 §6.5.8`). The requester (and the member they asked for, and their group's leader) are told, and while the
    /// approver is recorded as away the message names the deputy to contact. Acknowledging again sends a further message.
    public func acknowledge(_ ref: String, as actorID: String, message: String) async throws {
        let id = try Ref.parse(ref, "RQ"), at = now()
        if message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw DeskError(.invalid, rule: .responseTime, clauses: PolicyProfile.model.clauses(.responseTime),
                            "an acknowledgement needs a message that explains what is happening",
                            fix: "Add --message \"…\": what happens next and when the requester will hear (000 §17.8.2).")
        }
        try await database.step { db in
            let c = try council(db)
            let role = try approverRole(db, actorID, in: c, at: at)
            var r = try pendingRequest(db, id, ref)
            var body = message
            if try approverAway(db, on: LocalDate(at)), let deputy = c.roster.deputyApprover {
                body += "\n\nThe \(c.profile.approverTitle) is away; until they are back, please contact \(c.name(deputy))."
            }
            if r.acknowledgedAt == nil { r.acknowledgedAt = at.unix }
            r.acknowledgement = body
            try r.update(db)
            try AuditTrail.append(db, at: at, actor: actorID, role: role, action: "request.acknowledge", subject: r.ref, details: ["message": body])
            try notify(db, c, at: at, subject: "\(r.ref) acknowledged: \(r.proposal.matter.title)",
                       body: "\(body)\n\n(The \(c.profile.approverTitle)'s acknowledgement of \(r.ref), from \(c.name(actorID)).) What you may do: nothing yet; you will hear of the decision. `briefings request show \(r.ref)` shows where it stands.",
                       to: requesterSide(c, requester: r.requester, onBehalfOf: r.onBehalfOf, group: r.groupID))
        }
    }

    /// A request still waiting for a decision, or the refusal (`Decider.pending`): none by that ref, or already decided.
    func pendingRequest(_ db: Database, _ id: Int64, _ ref: String) throws -> RequestRecord {
        // A cached statement: `fetchOne(db, key:)` builds and compiles its SQL again on every decision.
        let r = try RequestRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM request WHERE id = ?"), arguments: [id])
        let request = r?.request()
        _ = try refusing { () throws(Refusal) in try Decider.pending(request, ref: Ref.format("RQ", id), when: LondonTime.format) }
        return r!
    }

    /// An officer named in a pending request flags it as unreasonable, with a reason, for the approver to determine
    /// (`001 §4.10`); the approver sees the flag in the queue and is told at once.
    public func flagRequest(_ ref: String, as officerID: String, reason: String) async throws {
        let id = try Ref.parse(ref, "RQ"), at = now()
        try requireReason(reason, for: "flagging a request")
        try await database.step { db in
            let c = try council(db)
            _ = try actor(officerID, in: c)
            let r = try pendingRequest(db, id, ref)
            guard c.roster.officer(officerID) != nil, r.proposal.names(officer: officerID) else {
                throw DeskError(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                                "\(c.name(officerID)) is not named in \(Ref.format("RQ", id))",
                                fix: "Only the officers a request names may flag it; `briefings request list` shows yours.")
            }
            try db.run(sql: "INSERT INTO request_flag (request_id, officer, reason, flagged_at) VALUES (?, ?, ?, ?)",
                       arguments: [id, officerID, reason, at.unix])
            try AuditTrail.append(db, at: at, actor: officerID, role: Role.officer.auditName, action: "request.flag",
                                  subject: Ref.format("RQ", id), details: ["reason": reason])
            try notify(db, c, at: at, subject: "\(Ref.format("RQ", id)) flagged as unreasonable by \(c.name(officerID))",
                       body: "Reason: \(reason). It is for the \(c.profile.approverTitle) to determine (001 §4.10).\n\nWhat you may do: the flag shows beside \(Ref.format("RQ", id)) in `briefings queue`; decide it with `briefings approve` or `briefings decline`.",
                       to: try deciders(db, c, at: at) + [officerID])
        }
    }

    func flags(_ db: Database, _ c: Council, request id: Int64) throws -> [Flag] {
        try db.all(sql: "SELECT * FROM request_flag WHERE request_id = ? ORDER BY id", arguments: [id]).map {
            Flag(officer: c.name($0["officer"]), reason: $0["reason"], at: LondonTime.format(Date(unix: $0["flagged_at"])))
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

    /// Refuses, before anything about the request is looked at, someone who can decide no request at all.
    func requireDecider(_ db: Database, _ id: String, _ c: Council, at: Date) throws {
        let presence = try approverPresence(db, at: at)
        try refusing { () throws(Refusal) in try Decider.requireDecider(id, in: c, presence: presence) }
    }

    /// The audit role someone decides a request in, or the refusal (`Decider.role`).
    func deciderRole(_ db: Database, _ id: String, in c: Council, _ r: RequestRecord, referred: [Verdict], at: Date) throws -> String {
        let presence = try approverPresence(db, at: at)
        let flagged = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM request_flag WHERE request_id = ?)", arguments: [r.id]) == true
        let request = r.request(flagged: flagged)
        return try refusing { () throws(Refusal) in try Decider.role(id, deciding: request, referred: referred, in: c, presence: presence) }
    }

    /// The explanation a late decision records, or the refusal where the protocol demands one (`Decider.lateness`).
    func lateness(_ db: Database, _ c: Council, _ r: RequestRecord, explanation: String?, at: Date) throws -> String? {
        let request = r.request(), days = try workingDays(db)
        return try refusing { () throws(Refusal) in try Decider.lateness(request, explanation: explanation, in: c, days: days, at: at) }
    }

    func requireReason(_ reason: String, for what: String) throws {
        try refusing { () throws(Refusal) in try Decider.requireReason(reason, for: what) }
    }
}

extension Dictionary {
    /// The same values under transformed keys.
    public func mapKeys<K: Hashable>(_ f: (Key) -> K) -> [K: Value] {
        Dictionary<K, Value>(uniqueKeysWithValues: map { (f($0.key), $0.value) })
    }
}
