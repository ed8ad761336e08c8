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

    func pendingRequest(_ db: Database, _ id: Int64, _ ref: String) throws -> RequestRecord {
        // A cached statement: `fetchOne(db, key:)` builds and compiles its SQL again on every decision.
        guard let r = try RequestRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM request WHERE id = ?"), arguments: [id]) else {
            throw DeskError(.notFound, "no request \(Ref.format("RQ", id))", fix: "`briefings queue` lists the open requests.")
        }
        if r.status != .pending {
            let when = r.decidedAt.map { LondonTime.format(Date(unix: $0)) } ?? "earlier"
            throw DeskError(.conflict, rule: .approval, "\(Ref.format("RQ", id)) was already \(r.status.rawValue) (\(when)\(r.decidedBy.map { " by \($0)" } ?? ""))",
                            fix: "Nothing to do; a decided request cannot be decided again. `briefings request show \(Ref.format("RQ", id))` shows it.")
        }
        return r
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

    /// What an approval created.
    public struct Approval: Sendable, Codable {
        public var request: String
        public var briefing: String
        /// The session booked; none for a written report.
        public var session: String?
        public var offers: [String]
        public var overrides: [String: String]
        public var verdicts: [Verdict]
    }

    /// The approver agrees: re-checks every rule against the bookings as they are now (inside the
    /// write, so two racing approvals cannot both book one officer), records each override, creates
    /// the briefing, its session, and an offer to every other group (`equal-offer`).
    public func approve(_ ref: String, as actorID: String, overrides: [RuleID: String] = [:], explainDelay: String? = nil) async throws -> Approval {
        let id = try Ref.parse(ref, "RQ"), at = now()
        return try await database.step { db in
            let c = try council(db)
            try requireDecider(db, actorID, c, at: at)
            var r = try pendingRequest(db, id, ref)
            let p = r.proposal
            if p.meetingStart <= at {
                throw DeskError(.conflict, p.isWrittenReport ? "the report was wanted by \(LocalDate(p.meetingStart)), which has passed"
                                                             : "the meeting (\(LondonTime.format(p.meetingStart))) has already started",
                                fix: "Decline it with a reason; the group can ask again for a new date.")
            }
            let v = try judge(db, c, r.kind, p, session: r.sessionID)
            let role = try deciderRole(db, actorID, in: c, r, referred: v.referred, at: at)
            r.delayExplanation = try lateness(db, c, r, explanation: explainDelay, at: at)
            try enforce(v, overrides: overrides, what: "approval of \(Ref.format("RQ", id))", approverCanOverride: true)
            let t = at.unix
            let reqRef = Ref.format("RQ", id)
            var approval: Approval
            var created: Session?   // the session this approval booked, as stored: its invitations need not read it again
            r.status = .approved; r.decidedAt = t; r.decidedBy = actorID; r.decidedRole = role; r.overrides = overrides.mapKeys(\.rawValue)
            if r.kind == .request {
                try db.run(sql: """
                    INSERT INTO briefing (request_id, title, details, area, linked_meeting, decision_date, embargo_until, joint_wish, officers, status, created_at, budget, meeting_date,
                                          written_report, report_due)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)
                    """, arguments: [id, p.matter.title, p.matter.details, p.matter.area, p.matter.linkedMeeting,
                                     p.matter.decisionDate?.description, p.matter.embargoUntil?.description, p.jointWish && p.matter.budget != true,
                                     Self.json(p.officers), t, p.matter.budget == true, p.matter.meetingDate?.description,
                                     p.isWrittenReport, p.isWrittenReport ? LocalDate(p.segmentStart).description : nil])
                let briefingID = db.lastInsertedRowID
                var offers: [String] = []
                var ownOffer: Int64 = 0
                var others: [OfferFacts] = []   // the other groups' offers, as `offerFacts` would read them back
                let answerBy = try workingDays(db).adding(c.profile.offerAnswerWorkingDays, to: at)
                let answerByText = answerBy.description
                let stored = StoredMatter(matter: p.matter, origin: p.groups[0], released: false)
                for g in c.roster.groups {
                    let own = g.id == p.groups[0]
                    let offer = try OfferRecord.insert(db, briefing: briefingID, group: g.id, status: own ? .requested : .open,
                                                       answeredAt: own ? t : nil, answeredBy: own ? p.requester : nil,
                                                       answerBy: own ? nil : answerByText)
                    if own { ownOffer = offer; continue }
                    offers.append(Ref.format("OF", offer))
                    others.append(OfferFacts(offer: OfferRecord(id: offer, briefingID: briefingID, groupID: g.id, status: .open, answerBy: answerByText),
                                             matter: stored, writtenReport: p.isWrittenReport, officers: p.officers))
                }
                // A written report commissions the officers' report and books nobody (001 §4.10). A budget briefing is the
                // group's own (003 §7.13): never a joint session.
                created = p.isWrittenReport ? nil
                    : try createSession(db, briefing: briefingID, p, group: p.groups[0], offer: ownOffer,
                                        agreement: reqRef, overrides: overrides, joinable: p.jointWish && p.matter.budget != true, at: at)
                r.briefingID = briefingID
                try r.recordDecision(db)
                approval = Approval(request: reqRef, briefing: Ref.format("BR", briefingID), session: created.map { Ref.format("SE", $0.id) },
                                    offers: offers, overrides: overrides.mapKeys(\.rawValue), verdicts: v)
                // Each other group hears of its own offer, titled as that group sees it (never a budget or embargoed title):
                // each group's is shown as `offers` shows it to that group, from the offers just made (debug builds, so
                // every test, check they are what `offerFacts` reads back).
                assert(others == (try? offerFacts(db, group: nil, briefing: briefingID).filter { $0.offer.groupID != p.groups[0] }),
                       "the offers approve made differ from the offers stored")
                let views = try offerViews(db, c, others, seenBy: { $0.offer.groupID }, at: at)
                for g in c.roster.groups where g.id != p.groups[0] {
                    guard let o = views.first(where: { $0.group == g.id }) else { continue }
                    if p.isWrittenReport {
                        try notify(db, c, at: at, subject: "\(o.ref): a written report offered to \(c.name(g.id)): \(o.title)",
                                   body: "A written report by \(Self.list(o.officers)) has been commissioned for another group, and every group is offered the same (equal-offer): this is \(c.name(g.id))'s offer, \(o.ref), to answer by \(answerBy). Nobody attends: it is a written report (001 §4.10).\n\nWhat you may do: take it up with `briefings offer accept \(o.ref)` (no time or room needed) and read it once attached with `briefings briefing show \(Ref.format("BR", briefingID))`, or decline it with `briefings offer decline \(o.ref) --reason \"…\"`.",
                                   to: leaderAndAssistants(c, g.id))
                        continue
                    }
                    let joint = o.jointSessions.isEmpty ? "" : ", join the joint session with `briefings offer accept \(o.ref) --join \(o.jointSessions[0]) --attendee MEMBER …`"
                    try notify(db, c, at: at, subject: "\(o.ref): a briefing offered to \(c.name(g.id)): \(o.title)",
                               body: "A briefing by \(Self.list(o.officers)) has been agreed for another group, and every group is offered the same (equal-offer): this is \(c.name(g.id))'s offer, \(o.ref), to answer by \(answerBy).\n\nWhat you may do: see free times with `briefings offer slots \(o.ref)`; take it up with a session of your own with `briefings offer accept \(o.ref) --start YYYY-MM-DDTHH:MM --duration 1h --segment 30m --room ROOM --attendee MEMBER …`\(joint), or decline it with `briefings offer decline \(o.ref) --reason \"…\"`. `briefings offer list` shows it.",
                               to: leaderAndAssistants(c, g.id))
                }
            } else {
                let session = try agreeChange(db, c, r, overrides: overrides, at: at)
                try r.recordDecision(db)
                approval = Approval(request: reqRef, briefing: Ref.format("BR", r.briefingID ?? 0), session: Ref.format("SE", session),
                                    offers: [], overrides: overrides.mapKeys(\.rawValue), verdicts: v)
            }
            try AuditTrail.append(db, at: at, actor: actorID, role: role, action: "request.approve", subject: reqRef,
                                  details: ["kind": r.kindName, "briefing": approval.briefing,
                                            "session": approval.session ?? "", "offers": approval.offers.joined(separator: ","),
                                            "overrides": Self.json(approval.overrides), "profile": c.profile.name],
                                  verdicts: v)
            let late = r.delayExplanation.map { "This answer is late. \($0)\n\n" } ?? ""
            if p.isWrittenReport {
                // A written report books nobody: the requesting side hears it is commissioned, the officers that it is theirs to write.
                let officers = Self.list(p.officers.map { c.name($0.officer) })
                try notify(db, c, at: at, subject: "\(reqRef) approved: written report \(approval.briefing) commissioned",
                           body: late + "The \(c.profile.approverTitle) commissioned a written report on \"\(p.matter.title)\" from \(officers), wanted by \(LocalDate(p.segmentStart)). Every other group is offered the same report.\n\nWhat you may do: nothing yet; you are told when the officers attach it, and read it with `briefings briefing show \(approval.briefing)`.",
                           to: requesterSide(c, requester: r.requester, onBehalfOf: r.onBehalfOf, group: r.groupID))
                try notify(db, c, at: at, subject: "\(approval.briefing): a written report commissioned from you: \(p.matter.title)",
                           body: "The \(c.profile.approverTitle) commissioned a written report on \"\(p.matter.title)\" (\(reqRef)) from \(officers), wanted by \(LocalDate(p.segmentStart)), instead of officers attending (001 §4.10).\n\nWhat you may do: attach it with `briefings briefing material \(approval.briefing) --file REPORT.txt`: material facts, options and their merits for the council, no recommendation to the group (advice-limits). Every group that takes it up reads the same text.",
                           to: p.officers.flatMap { [$0.officer, $0.nominatedBy].compactMap { $0 } })
                return approval
            }
            let session = approval.session ?? ""
            let what = switch r.kind {
            case .request: "officer attendance at \(LondonTime.formatLong(p.segmentStart))"
            case .acceptance: "\(c.name(r.groupID))'s session \(session) at \(LondonTime.formatLong(p.segmentStart))"
            case .join: "\(c.name(r.groupID)) joining \(session)"
            case .reschedule: "moving \(session) to \(LondonTime.formatLong(p.segmentStart))"
            }
            try notify(db, c, at: at, subject: "\(reqRef) approved: \(session)",
                       body: late
                           + "The \(c.profile.approverTitle) agreed \(what)"
                           + (overrides.isEmpty ? "." : ", recording a reason for \(overrides.keys.map(\.rawValue).sorted().joined(separator: ", ")).")
                           + (r.kind == .request ? " Every other group is offered the same briefing." : "")
                           + " Its officers and attendees are sent calendar invitations.\n\nWhat you may do: `briefings session show \(session)` shows it; the host group moves or cancels it with `briefings session reschedule|cancel \(session) … --reason \"…\"`.",
                       to: requesterSide(c, requester: r.requester, onBehalfOf: r.onBehalfOf, group: r.groupID))
            let sessionID = try Ref.parse(session, "SE")
            let officerMay = "What you may do: confirm with `briefings officer confirm \(session)`; until you have confirmed a session on this matter you may decline (`briefings officer decline \(session) --reason \"…\"`), send a representative (`briefings officer nominate \(session) --representative OFFICER --reason \"…\"`) or propose another time (`briefings officer propose \(session) --start … --reason \"…\"`)."
            let attendeeMay = "What you may do: nothing; the session is in your group's calendar feed too. Your group leader moves or cancels it with `briefings session reschedule|cancel \(session)`."
            switch r.kind {
            case .request, .acceptance:
                try invite(db, c, session: created ?? loadSession(db, sessionID), at: at, headline: "Invitation",
                           news: "The \(c.profile.approverTitle) agreed this briefing (\(reqRef)).", officers: officerMay, attendees: attendeeMay)
            case .join:
                break   // `addGroup` sent the joint session's invitations
            case .reschedule:
                try invite(db, c, session: sessionID, at: at, headline: "Moved",
                           news: "\(session) has moved: the \(c.profile.approverTitle) agreed \(c.name(r.groupID))'s new time (\(reqRef)).",
                           officers: officerMay, attendees: attendeeMay)
            }
            // A nominee the group named attends once the senior officer it names confirms (`senior-officer`).
            for a in p.officers where r.kind == .request {
                guard let senior = a.nominatedBy else { continue }
                try notify(db, c, at: at, subject: "\(session): \(c.name(r.groupID)) names \(c.name(a.officer)) as your nominee",
                           body: "\(c.name(r.groupID)) names \(c.name(a.officer)) to attend \(session) as your nominee; they attend only once you confirm (\(c.profile.clauses(.seniorOfficer).joined(separator: ", "))).\n\nWhat you may do: confirm with `briefings officer endorse \(session) --nominee \(a.officer)`, or refuse with `briefings officer refuse-nominee \(session) --nominee \(a.officer) --reason \"…\"`.",
                           to: [senior])
            }
            return approval
        }
    }

    /// The approver declines with a reason.
    public func decline(_ ref: String, as actorID: String, reason: String, explainDelay: String? = nil) async throws {
        let id = try Ref.parse(ref, "RQ"), at = now()
        try requireReason(reason, for: "declining a request")
        try await database.step { db in
            let c = try council(db)
            try requireDecider(db, actorID, c, at: at)
            var r = try pendingRequest(db, id, ref)
            let role = try deciderRole(db, actorID, in: c, r, referred: [], at: at)
            r.delayExplanation = try lateness(db, c, r, explanation: explainDelay, at: at)
            r.status = .declined; r.decidedAt = at.unix; r.decidedBy = actorID; r.decidedRole = role; r.reason = reason
            try r.recordDecision(db)
            try releaseChange(db, r, reason: "not agreed by the \(c.profile.approverTitle): \(reason)", at: at)
            try AuditTrail.append(db, at: at, actor: actorID, role: role, action: "request.decline", subject: Ref.format("RQ", id),
                                  details: ["reason": reason])
            try notify(db, c, at: at, subject: "\(Ref.format("RQ", id)) declined",
                       body: (r.delayExplanation.map { "This answer is late. \($0)\n\n" } ?? "")
                           + "The \(c.profile.approverTitle) did not agree \(Ref.format("RQ", id)). Reason: \(reason)\n\nWhat you may do: ask again for another time or with other officers with `briefings request create …` (or, for an offer, `briefings offer accept` again).",
                       to: requesterSide(c, requester: r.requester, onBehalfOf: r.onBehalfOf, group: r.groupID))
        }
    }

    /// A decision after the response time carries why it is late, what is being done and when; where the council's
    /// protocol requires it (`004 §6.5.8`) a late decision without one is refused. Returns the explanation to record.
    func lateness(_ db: Database, _ c: Council, _ r: RequestRecord, explanation: String?, at: Date) throws -> String? {
        let given = explanation?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == false ? explanation : nil
        guard c.profile.lateAnswerNeedsExplanation, given == nil, r.kind == .request else { return given }
        let clock = r.clock(now: at, profile: c.profile, days: try workingDays(db))
        guard clock.responseOverdue else { return nil }
        throw DeskError(.refused, rule: .responseTime, clauses: c.profile.clauses(.responseTime),
                        "\(r.ref) is answered late: a decision was due by \(clock.respondBy), and the requester must be told why",
                        fix: "Add --explain-delay \"why it is late, what is being done and when\"; it goes to the requester with the decision.")
    }

    func requireReason(_ reason: String, for what: String) throws {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw DeskError(.invalid, "\(what) needs a reason", fix: "Add --reason \"…\"; it is recorded in the audit trail.")
        }
    }
}

extension Dictionary {
    /// The same values under transformed keys.
    public func mapKeys<K: Hashable>(_ f: (Key) -> K) -> [K: Value] {
        Dictionary<K, Value>(uniqueKeysWithValues: map { (f($0.key), $0.value) })
    }
}
