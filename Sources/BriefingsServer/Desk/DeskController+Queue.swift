import BriefingsDomain
import BriefingsStore
import Foundation
import Hummingbird

/// The approver's queue: requests and changes oldest first, each with its clock and its verdicts grouped, the
/// officers' flags, and the three answers (approve with a reason per `refer` rule, decline, acknowledge).
extension DeskController {
    func addQueueRoutes(to group: RouterGroup<DeskContext>) {
        group.get("queue") { request, context in try await queuePage(request, context) }
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
                let a = try await desk.approve(ref, as: v.id, overrides: overrides, explainDelay: f.explainDelay)
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
            try await answer(request, context, field: "acknowledge") { v, ref in
                try await desk.acknowledge(ref, as: v.id, message: context.form.decode(AcknowledgeFields.self).message ?? "")
                return "\(ref) acknowledged; your message has gone to the requester."
            }
        }
    }

    /// Runs one answer from the queue; done, back to the queue with a message; refused, the queue again with the
    /// refusal summarised and linked to the field to change, what was typed kept.
    func answer(_ request: Request, _ context: DeskContext, field: String, _ step: (Viewer, String) async throws -> String) async throws -> Response {
        let v = try await viewer(context)
        let ref = try Ref.exact(context.parameters.get("ref") ?? "", "RQ")
        do {
            flash(try await step(v, ref), context)
            return Response.seeOther("/desk/queue")
        } catch let e as DeskError where [.invalid, .refused, .conflict].contains(e.kind) {
            let id: String = if field == "override", let rule = e.rule {
                rule == .responseTime ? "explain-\(ref)" : "override-\(ref)-\(rule.rawValue)"
            } else if field == "override" || field == "decline", e.rule == .responseTime {
                "explain-\(ref)-\(field)"
            } else { "\(field)-\(ref)" }
            // A refer rule left without a reason: say what to do in the approver's words, the desk's finding as the fix.
            let missing = e.kind == .refused && e.rule.map { rule in e.verdicts.referred.contains { $0.rule == rule } } == true && e.verdicts.blocking.isEmpty
            let message = missing ? "to approve \(ref), give your reason for agreeing despite \(e.rule!.rawValue)" : e.message
            return try await queuePage(request, context, failed: (ref, field), problem: Page.Problem(field: id, message: message, fix: e.deskFix),
                                 status: .init(code: APIError(e).status))
        }
    }

    func queuePage(_ request: Request, _ context: DeskContext, failed: (ref: String, form: String)? = nil, problem: Page.Problem? = nil,
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        let v = try await viewer(context)
        let c = v.council
        // What was typed in the form refused, shown again in its boxes.
        let approve = try context.form.decode(ApproveFields.self), decline = try context.form.decode(DeclineFields.self)
        let acknowledge = try context.form.decode(AcknowledgeFields.self)
        let items = try await desk.queue(as: v.id).map { item -> [String: Any] in
            let typed = failed?.ref == item.ref
            // The refusal shown again beside the box it is about (its id), as well as in the summary.
            let said = failed?.ref == item.ref ? problem.map { ($0.field ?? "", Page.Problem.sentence($0.message)) } : nil
            func error(_ id: String) -> String? { said?.0 == id ? said?.1 : nil }
            let refer = item.verdicts.referred.map { verdict -> [String: Any] in
                var d = Self.verdict(verdict)
                let id = "override-\(item.ref)-\(verdict.rule.rawValue)"
                d["id"] = id
                d["value"] = typed ? approve.override[verdict.rule.rawValue] ?? "" : ""
                if let e = error(id) { d["error"] = e }
                return d
            }
            let late = item.clock.responseOverdue
            var d: [String: Any] = [
                "ref": item.ref, "matter": item.matter, "kind": Self.kindLabel(item.kind),
                "group": c.name(item.group), "requester": c.name(item.requester),
                "officers": item.officers.map { o in c.roster.officer(o).map { "\($0.name), \($0.title)" } ?? o }.joined(separator: "; "),
                "when": Self.long(item.segmentStart) + "–" + item.segmentEnd.suffix(5),
                "submitted": Self.long(item.submitted), "waiting": Self.count(item.clock.workingDaysWaiting, "working day"),
                "answerBy": Self.day(item.clock.respondBy), "acknowledgeBy": Self.day(item.clock.acknowledgeBy),
                "overdue": late, "notAcknowledged": item.clock.acknowledgementOverdue && !late,
                "flags": item.flags.map { ["officer": $0.officer, "reason": $0.reason, "at": Self.long($0.at)] },
                "hasFlags": !item.flags.isEmpty,
                "verdicts": Self.groups(item.verdicts, refer: refer, yours: true),
                "refer": refer, "hasRefer": !refer.isEmpty, "canApprove": item.verdicts.blocking.isEmpty,
                "late": late, "explainDelay": typed ? approve.explainDelay ?? "" : "",
                "declineReason": typed && failed?.form == "decline" ? decline.reason ?? "" : "",
                "ackMessage": typed && failed?.form == "acknowledge" ? acknowledge.message ?? "" : "",
                "openMore": failed?.ref == item.ref && failed?.form != "override",
            ]
            if let e = error("explain-\(item.ref)") { d["explainError"] = e }
            if let e = error("decline-\(item.ref)") ?? error("explain-\(item.ref)-decline") { d["declineError"] = e }
            if let e = error("acknowledge-\(item.ref)") { d["ackError"] = e }
            if let member = item.onBehalfOf { d["onBehalfOf"] = c.name(member) }
            return d
        }
        var page = Page(template: "queue", title: "Queue", status: status,
                        values: ["items": items, "empty": items.isEmpty, "count": Self.count(items.count, "request"),
                                 "approverTitle": c.profile.approverTitle, "profile": c.profile.name, "canDecide": v.decides,
                                 "respondDays": c.profile.respondWorkingDays])
        if let problem { page.errors = [problem] }
        return try await render(page, request, context)
    }

    // MARK: Shared by every page that shows verdicts

    /// One verdict for a template: its rule, clauses, what was found and what to change.
    static func verdict(_ v: Verdict) -> [String: Any] {
        ["rule": v.rule.rawValue, "clausesHTML": HTMLText(escaping: v.clauses.joined(separator: ", ")),
         "messageHTML": HTMLText(escaping: Page.Problem.sentence(v.message)),
         "fixHTML": HTMLText(escaping: v.fix), "hasFix": !v.fix.isEmpty && !v.passed]
    }

    /// Verdicts grouped by what they ask of the reader: refused (block), needing the approver's reason (refer),
    /// warnings, and the rules that pass, folded away.
    static func groups(_ verdicts: [Verdict], refer: [[String: Any]]? = nil, yours: Bool = false) -> [String: Any] {
        let passed = verdicts.filter(\.passed).map(verdict)
        return ["yours": yours, "refused": verdicts.blocking.map(verdict), "hasRefused": !verdicts.blocking.isEmpty,
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
        case "nomination": "Change: a senior officer sends a representative"
        default: "Change: \(kind)"
        }
    }

    /// `2026-12-07T18:00` as `Mon 7 Dec 2026 18:00 GMT`.
    static func long(_ local: String) -> String { (try? LondonTime.parse(local)).map(LondonTime.formatLong) ?? local }

    /// A date as `Mon 16 Nov 2026`.
    static func day(_ date: LocalDate) -> String {
        (try? LondonTime.parse("\(date)T12:00")).map { String(LondonTime.formatLong($0).dropLast(10)) } ?? "\(date)"
    }
}
