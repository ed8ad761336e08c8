import BriefingsDomain
import BriefingsStore
import Foundation
import Hummingbird

/// The approver's queue: a compact list of the requests and changes waiting, oldest first (ref, group, matter, kind,
/// working days waiting, overdue, a budget or embargoed briefing marked), each opening to its own page
/// (`/desk/queue/RQ-0004`): what was asked in full (venue, meeting and officers' times, attendees, details), its clock
/// and the acknowledgement sent, the officers' flags, its verdicts grouped, and the three answers (approve with a reason
/// per `refer` rule, decline, acknowledge).
extension DeskController {
    func addQueueRoutes(to group: RouterGroup<DeskContext>) {
        group.get("queue") { request, context in try await queuePage(request, context) }
        group.get("queue/:ref") { request, context in try await queueItemPage(request, context) }
        // Held material's file (issue 23 item 8): the approver reads it before any group does.
        group.get("queue/:ref/file") { request, context in
            let v = try await viewer(context)
            return Self.download(try await desk.materialFile(try Self.ref(context, "RQ"), as: v.id))
        }
        group.post("queue/:ref/approve") { request, context in
            try await answer(request, context, field: "override") { v, ref in
                let f = try context.form.decode(ApproveFields.self)
                var overrides: [RuleID: String] = [:]
                for (key, reason) in f.override {
                    guard let rule = RuleID(rawValue: key) else {
                        throw DeskError(.invalid, "'\(key)' is not a rule", fix: "Give reasons only in the boxes shown for the rules that need one.")
                    }
                    overrides[rule] = reason
                }
                let a = try await desk.approve(ref, as: v.id, overrides: overrides, explainDelay: f.explainDelay, judged: try f.judgedRules())
                // A written report books no session: its approval commissions the report from the officers.
                let what = a.session.map { "session \($0)" } ?? "a written report, no meeting"
                return a.offers.isEmpty ? "\(ref) agreed: \(a.session ?? a.briefing) is \(a.session == nil ? "commissioned" : "booked") under it."
                    : "\(ref) approved: \(a.briefing) with \(what); offered to every other group (\(a.offers.joined(separator: ", ")))."
            }
        }
        group.post("queue/:ref/decline") { request, context in
            try await answer(request, context, field: "decline") { v, ref in
                let f = try context.form.decode(DeclineFields.self)
                try await desk.decline(ref, as: v.id, reason: f.reason ?? "", explainDelay: f.explainDelay)
                return "\(ref) declined; the requester has been told your reason."
            }
        }
        group.post("queue/:ref/acknowledge") { request, context in
            try await answer(request, context, field: "acknowledge", then: { "/desk/queue/\($0)" }) { v, ref in
                let f = try context.form.decode(AcknowledgeFields.self)
                try await desk.acknowledge(ref, as: v.id, message: f.message ?? "", replyBy: try f.replyByDate(), reason: f.reason)
                return "\(ref) acknowledged; your message has gone to the requester."
            }
        }
    }

    /// Runs one answer from a request's page; done, on to the queue (or back to the request, still waiting, after an
    /// acknowledgement) with a message; refused, the request's page again with the refusal summarised and linked to the
    /// field to change, what was typed kept.
    func answer(_ request: Request, _ context: DeskContext, field: String, then next: (String) -> String = { _ in "/desk/queue" },
                _ step: (Viewer, String) async throws -> String) async throws -> Response {
        let v = try await viewer(context)
        let ref = try Self.ref(context, "RQ")
        do {
            flash(try await step(v, ref), context)
            return Response.seeOther(next(ref))
        } catch let e as DeskError where [.invalid, .refused, .conflict].contains(e.kind) {
            let id: String = if field == "override", case .confirmJudged = e.remedy {
                "judged-\(ref)"
            } else if field == "override", let rule = e.rule {
                rule == .responseTime ? "explain-\(ref)" : "override-\(ref)-\(rule.rawValue)"
            } else if field == "override" || field == "decline", e.rule == .responseTime {
                "explain-\(ref)-\(field)"
            } else if field == "acknowledge", e.remedy.isReplyBy {
                "acknowledge-\(ref)-replyBy"
            } else if field == "acknowledge", case .explainReplyBy = e.remedy {
                "acknowledge-\(ref)-reason"
            } else { "\(field)-\(ref)" }
            // A refer rule left without a reason: say what to do in the approver's words, the desk's finding as the fix.
            let missing = e.kind == .refused && e.rule.map { rule in e.verdicts.referred.contains { $0.rule == rule } } == true && e.verdicts.blocking.isEmpty
            var message = missing ? "to approve \(ref), give your reason for agreeing despite \(e.rule!.rawValue)" : e.message
            if case .confirmJudged(_, let rules) = e.remedy {
                message = "to approve \(ref), judge and tick " + rules.map(\.rawValue).joined(separator: " and ") + " under “What you judged”"
            }
            let problem = Page.Problem(field: id, message: message, fix: e.deskFix)
            // Decided meanwhile (by the deputy, in another tab): the request's own page says how it was decided.
            if e.kind == .conflict, e.rule == .approval {
                flash(Page.Problem.sentence(DeskTime.text(e.message)) + ".", context)
                return Response.seeOther("/desk/requests/\(ref)")
            }
            return try await queueItemPage(request, context, failed: field, problem: problem, status: .init(code: APIError(e).status))
        }
    }

    /// The queue: one line a request, oldest first; each opens to its own page.
    func queuePage(_ request: Request, _ context: DeskContext) async throws -> Response {
        let v = try await viewer(context)
        let c = v.council
        let page = try await desk.queue(as: v.id, page: try Self.pageRequest(request, "queue"))
        let rows = page.items.map { item -> [String: Any] in
            var d: [String: Any] = [
                "ref": item.ref, "matter": item.matter, "kind": Self.kindShort(item.kind), "group": c.name(item.group),
                "waiting": Self.count(item.clock.workingDaysWaiting, "working day"),
                "overdue": item.clock.responseOverdue, "notAcknowledged": item.clock.acknowledgementOverdue && !item.clock.responseOverdue,
                "budget": item.budget == true, "refused": !item.verdicts.blocking.isEmpty, "flagged": !item.flags.isEmpty,
            ]
            let referred = item.verdicts.referred.count
            if referred > 0 { d["referred"] = referred == 1 ? "1 rule needs your reason" : "\(referred) rules need your reason" }
            if let until = item.embargoUntil { d["embargo"] = DeskTime.day(until) }
            if let earlier = item.duplicateOf { d["duplicateOf"] = earlier }
            return d
        }
        return try await render(Page(template: "queue", title: "Queue",
                                     values: ["rows": rows, "empty": rows.isEmpty, "count": Self.count(page.total ?? rows.count, "request"),
                                              "pagination": Self.pagination(page, "/desk/queue", "request"),
                                              "approverTitle": c.profile.approverTitle, "canDecide": v.decidesNow,
                                              "whenDeputy": v.whenDeputyDecides ?? "", "respondDays": c.profile.respondWorkingDays]),
                                request, context)
    }

    /// One request in the queue, in full, with the answers; `failed`: the form a refusal came from, shown with what was typed.
    func queueItemPage(_ request: Request, _ context: DeskContext, failed: String? = nil, problem: Page.Problem? = nil,
                       status: HTTPResponse.Status = .ok) async throws -> Response {
        let ref = try Self.ref(context, "RQ")
        let v = try await viewer(context)
        let c = v.council
        let detail: BriefingDesk.QueueDetail
        do {
            detail = try await desk.queueItem(ref, as: v.id)
        } catch let e as DeskError where e.kind == .conflict && e.rule == .approval {
            // Decided already: the request's own page says how.
            flash("\(ref) is no longer waiting: " + DeskTime.text(e.message) + ".", context)
            return Response.seeOther("/desk/requests/\(ref)")
        }
        let item = detail.item, p = detail.proposal
        // What was typed in the form refused, shown again in its boxes.
        let approve = try context.form.decode(ApproveFields.self), decline = try context.form.decode(DeclineFields.self)
        let acknowledge = try context.form.decode(AcknowledgeFields.self)
        // The refusal shown again beside the box it is about (its id), as well as in the summary.
        func error(_ id: String) -> String? { problem?.field == id ? problem.map { Page.Problem.sentence(DeskTime.text($0.message)) } : nil }
        let refer = item.verdicts.referred.map { verdict -> [String: Any] in
            var d = Self.verdict(verdict)
            let id = "override-\(item.ref)-\(verdict.rule.rawValue)"
            d["id"] = id
            d["value"] = approve.override[verdict.rule.rawValue] ?? ""
            if let e = error(id) { d["error"] = e }
            return d
        }
        // The rules the approver judges (`Approval.toJudge`): a box each, ticked again as sent when the form comes back.
        let judge = item.toJudge.map { rule -> [String: Any] in
            ["rule": rule.rawValue, "statement": BriefingsDomain.Approval.judgement(rule),
             "clauses": item.verdicts.first { $0.rule == rule }?.clauses.joined(separator: ", ") ?? "",
             "checked": approve.judged.contains(rule.rawValue)]
        }
        let late = item.clock.responseOverdue
        var values: [String: Any] = [
            "ref": item.ref, "matter": item.matter, "kind": Self.kindLabel(item.kind), "area": p.matter.area,
            "group": c.name(item.group), "requester": c.name(item.requester),
            "officers": p.officers.map { Self.officerName($0.officer, c) + ($0.nominatedBy.map { ", nominated by \(c.name($0))" } ?? "") }
                .joined(separator: "; "),
            "written": p.isWrittenReport,
            "meeting": DeskTime.span(p.meetingStart, p.meetingEnd), "segment": DeskTime.span(p.segmentStart, p.segmentEnd),
            "reportDue": DeskTime.day(LocalDate(p.segmentStart)),
            "venue": Self.venue(p.venue, c), "attendees": p.attendees.map { Self.attendee($0, c) }.joined(separator: ", "),
            "hasAttendees": !p.attendees.isEmpty, "joint": p.jointWish,
            "details": p.matter.details, "hasDetails": !p.matter.details.isEmpty,
            "submitted": DeskTime.at(item.submitted), "waiting": Self.count(item.clock.workingDaysWaiting, "working day"),
            "answerBy": DeskTime.day(item.clock.respondBy), "acknowledgeBy": DeskTime.day(item.clock.acknowledgeBy),
            "overdue": late, "notAcknowledged": item.clock.acknowledgementOverdue && !late, "budget": item.budget == true,
            "flags": item.flags.map { ["officer": $0.officer, "reason": $0.reason, "at": DeskTime.at($0.at)] },
            "hasFlags": !item.flags.isEmpty,
            "verdicts": Self.groups(item.verdicts, refer: refer, yours: v.decidesNow, level: 3),
            "refer": refer, "judge": judge, "hasJudge": !judge.isEmpty, "canApprove": item.verdicts.blocking.isEmpty, "canDecide": v.decidesNow, "whenDeputy": v.whenDeputyDecides ?? "",
            "approverTitle": c.profile.approverTitle,
            "late": late, "explainDelay": failed == "override" ? approve.explainDelay ?? "" : "",
            "declineReason": failed == "decline" ? decline.reason ?? "" : "",
            "ackMessage": failed == "acknowledge" ? acknowledge.message ?? "" : "",
            "ackReplyBy": failed == "acknowledge" ? acknowledge.replyBy ?? "" : "",
            "ackReason": failed == "acknowledge" ? acknowledge.reason ?? "" : "",
            "openMore": failed != nil && failed != "override",
            // Held material (issue 23 item 8): the text the officer attached, read here before any group reads it.
            "isMaterial": item.material != nil, "heldMaterial": item.material ?? "",
            "hasHeldText": !(item.material ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
        ]
        if let file = item.materialFile { values["heldFile"] = Self.fileLine(file, href: "/desk/queue/\(item.ref)/file") }
        if let at = item.acknowledged {
            values["acknowledged"] = ["at": DeskTime.at(at), "message": item.acknowledgement ?? "",
                                      "replyBy": item.clock.replyBy.map(DeskTime.day) ?? "", "missed": item.clock.replyByMissed]
        }
        if let until = item.embargoUntil { values["embargo"] = DeskTime.day(until) }
        if let earlier = item.duplicateOf { values["duplicateOf"] = earlier }
        if let m = try await linkedMeeting(p.matter) { values["linkedMeeting"] = m }
        if let member = item.onBehalfOf { values["onBehalfOf"] = c.name(member) }
        if let e = error("explain-\(item.ref)") { values["explainError"] = e }
        if let e = error("judged-\(item.ref)") { values["judgeError"] = e }
        if let e = error("decline-\(item.ref)") ?? error("explain-\(item.ref)-decline") { values["declineError"] = e }
        if let e = error("acknowledge-\(item.ref)") { values["ackError"] = e }
        if let e = error("acknowledge-\(item.ref)-replyBy") { values["ackReplyByError"] = e }
        if let e = error("acknowledge-\(item.ref)-reason") { values["ackReasonError"] = e }
        var page = Page(template: "queue-item", title: "\(item.ref): \(item.matter)", status: status, values: values)
        if let problem { page.errors = [problem] }
        return try await render(page, request, context)
    }

    // MARK: Shared by every page that shows verdicts

    /// One verdict for a template: its rule, clauses, what was found and what to change.
    static func verdict(_ v: Verdict) -> [String: Any] {
        ["rule": v.rule.rawValue, "clausesHTML": HTMLText(escaping: v.clauses.joined(separator: ", ")),
         "messageHTML": HTMLText(escaping: Page.Problem.sentence(DeskTime.text(v.message))),
         "fixHTML": HTMLText(escaping: DeskTime.text(v.fix)), "hasFix": !v.fix.isEmpty && !v.passed]
    }

    /// Verdicts grouped by what they ask of the reader: refused (block), needing the approver's reason (refer),
    /// warnings, and the rules that pass, folded away.
    /// `level`: the verdict headings' level under the page's own headings (`h3` below an `h2`).
    static func groups(_ verdicts: [Verdict], refer: [[String: Any]]? = nil, yours: Bool = false, level: Int) -> [String: Any] {
        let passed = verdicts.filter(\.passed).map(verdict)
        return ["yours": yours, "level": level, "refused": verdicts.blocking.map(verdict), "hasRefused": !verdicts.blocking.isEmpty,
                "refer": refer ?? verdicts.referred.map(verdict), "hasRefer": !verdicts.referred.isEmpty,
                "warnings": verdicts.warnings.map(verdict), "hasWarnings": !verdicts.warnings.isEmpty,
                "passed": passed, "passedCount": count(passed.count, "rule"), "hasPassed": !passed.isEmpty]
    }

    static func kindLabel(_ kind: String) -> String {
        switch kind {
        case "request": "New request"
        case "acceptance": "Change: a group takes up an offer with its own session"
        case "join": "Change: a group joins a joint session"
        case "reschedule": "Change: a session moves"
        case "written-report": "New request for a written report"
        case "nomination": "Change: a senior officer sends a representative"
        case "material": "Material a rule warns about, held from the groups until you release it"
        default: "Change: \(kind)"
        }
    }

    /// The kind of a queue item in a word or two, for the queue's list.
    static func kindShort(_ kind: String) -> String {
        switch kind {
        case "request": "Briefing"
        case "written-report": "Written report"
        case "acceptance": "Take-up"
        case "join": "Joining"
        case "reschedule": "Move"
        case "material": "Material held"
        default: kind.capitalized
        }
    }
}

private extension Remedy {
    /// A refusal about the acknowledgement's reply-by date: shown beside that box.
    var isReplyBy: Bool {
        switch self {
        case .giveReplyBy, .correctField(.replyBy, _): true
        default: false
        }
    }
}
