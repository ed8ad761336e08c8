import BriefingsDomain
import BriefingsMessages
import BriefingsStore
import Foundation
import Hummingbird

/// A session's own page (`/desk/sessions/SE-0001`), for everyone `BriefingDesk.session(_:as:)` lets see it: the matter,
/// groups, host, times, venue, officers and their answers, attendees, proposed times, material and records; and on it
/// the forms each viewer may use: the host group's leader and the approver move it (its verdicts shown, the approver's
/// reason per referred rule) or cancel it; a joined group's leader withdraws; the host group's leader takes or refuses
/// an officer's proposed time; the invited officer answers (`session-officer.mustache`, shared with the list).
/// The approver's absences (`/desk/absences`): recorded by the approver or an administrator, read by oversight, the
/// deputy among them.
extension DeskController {
    func addSessionPageRoutes(to group: RouterGroup<DeskContext>) {
        group.get("sessions/:ref") { request, context in try await sessionPage(request, context) }
        group.post("sessions/:ref/move") { request, context in
            // A reference not written as the desk writes it is no page, before any box is read.
            _ = try Self.ref(context, "SE")
            let typed = try context.form.decode(MoveFields.self)
            var b = FormBoxes()
            let start = b.start(date: typed.startDate, time: typed.startTime, legacy: nil, boxes: ("move-startDate", "move-startTime"))
            b.length(typed.duration, box: "move-duration", .duration)
            b.segmentStart(typed.segmentStart, box: "move-segmentStart")
            b.length(typed.segment, box: "move-segment", .segment)
            // Where it is held: kept unless another council room or a link is chosen (a move may change only the time).
            let venue = typed.venue ?? "keep"
            if venue != "keep" { b.venue(venue, room: typed.room, link: typed.virtual, premises: nil, premisesKind: nil, prefix: "move-") }
            if typed.reason == nil { b.add("move-reason", .giveReason) }
            if !b.problems.isEmpty { return try await sessionPage(request, context, failed: "move", problems: b.problems, status: .badRequest) }
            return try await sessionStep(request, context, form: "move") { v, ref in
                var overrides: [RuleID: String] = [:]
                for (key, reason) in typed.override {
                    guard let rule = RuleID(rawValue: key) else { throw DeskError(.invalid, "'\(key)' is not a rule", remedy: .overrideOnly([])) }
                    overrides[rule] = reason
                }
                let receipt = try await desk.reschedule(ref, as: v.id, to: SessionForm(start: start ?? "", duration: typed.duration, segmentStart: typed.segmentStart,
                                                                                   segment: typed.segment, room: venue == "room" ? typed.room : nil,
                                                                                   virtual: venue == "virtual" ? typed.virtual : nil),
                                                        reason: typed.reason ?? "", overrides: overrides)
                return receipt.message + "."
            }
        }
        group.post("sessions/:ref/cancel") { request, context in
            try await sessionStep(request, context, form: "cancel") { v, ref in
                try await desk.cancel(ref, as: v.id, reason: context.form.decode(ReasonFields.self).reason ?? "")
                return "You cancelled \(ref); its officers and groups have been told, and its room is free."
            }
        }
        group.post("sessions/:ref/withdraw") { request, context in
            try await sessionStep(request, context, form: "withdraw") { v, ref in
                let f = try context.form.decode(ReasonFields.self)
                try await desk.withdraw(ref, as: v.id, onBehalfOf: f.onBehalfOf, reason: f.reason ?? "")
                return "Your group has withdrawn from \(ref); its offer is open again, and the host group's meeting stands."
            }
        }
        group.post("sessions/:ref/proposals/:proposal") { request, context in
            let proposal: String
            do { proposal = try Ref.exact(context.parameters.get("proposal") ?? "", "TP") } catch { throw DeskPageError.notFound }
            return try await sessionStep(request, context, form: "proposal-\(proposal)") { v, ref in
                let f = try context.form.decode(ProposalAnswerFields.self)
                let answer = try await desk.answerProposal(proposal, as: v.id, take: f.answer == "take", reason: f.reason)
                return f.answer == "take" ? "You took \(proposal): " + (answer.receipt?.message ?? "\(ref) moves") + "."
                    : "You refused \(proposal); the officer has been told your reason."
            }
        }
        group.get("absences") { request, context in try await absencesPage(request, context) }
        group.post("absences") { request, context in
            let v = try await viewer(context)
            let f = try context.form.decode(AbsenceFields.self)
            var b = FormBoxes()
            let from = f.from.flatMap { LocalDate($0) }, until = f.until.flatMap { LocalDate($0) }
            if f.from == nil { b.add("absence-from", .giveField(.from)) } else if from == nil { b.add("absence-from", .correctField(.from, .unreadable)) }
            if f.until == nil { b.add("absence-until", .giveField(.until)) } else if until == nil { b.add("absence-until", .correctField(.until, .unreadable)) }
            guard let from, let until, b.problems.isEmpty else { return try await absencesPage(request, context, problems: b.problems, status: .badRequest) }
            do {
                try await desk.recordAbsence(from: from, until: until, as: v.id)
            } catch let e as DeskError where [.invalid, .forbidden, .refused, .conflict].contains(e.kind) {
                let box = if case .correctField(.until, _) = e.remedy { "absence-until" } else { "absence-from" }
                return try await absencesPage(request, context, problems: [Page.Problem(field: box, message: e.message, fix: e.deskFix)],
                                              status: .init(code: APIError(e).status))
            }
            flash("The \(v.council.profile.approverTitle)'s absence from \(DeskTime.day(from)) to \(DeskTime.day(until)) is recorded: the deputy decides the queue on those days.", context)
            return Response.seeOther("/desk/absences")
        }
    }

    /// Runs one step from a session's page; done, back to the page with a message; refused, the page again with the
    /// refusal summarised, linked to the form's box, what was typed kept (and a move's verdicts shown).
    func sessionStep(_ request: Request, _ context: DeskContext, form: String, _ step: (Viewer, String) async throws -> String) async throws -> Response {
        let v = try await viewer(context)
        let ref = try Self.ref(context, "SE")
        do {
            flash(try await step(v, ref), context)
            return Response.seeOther("/desk/sessions/\(ref)")
        } catch let e as DeskError where [.invalid, .refused, .conflict, .forbidden, .notFound].contains(e.kind) {
            let referred = e.verdicts.referred.map(\.rule)
            let box: String = if form == "move", let rule = e.rule, referred.contains(rule), e.verdicts.blocking.isEmpty, v.actsAsApprover {
                "move-override-\(rule.rawValue)"
            } else if form == "move", e.message.contains("reason") {
                "move-reason"
            } else if form == "move" {
                "move-" + (["startDate", "startTime", "duration", "segment", "segmentStart", "room", "virtual"].first { $0 == Self.problem(e).field } ?? "startDate")
            } else if form.hasPrefix("proposal-") {
                "refuse-\(form.dropFirst("proposal-".count))"
            } else { "\(form)-reason" }
            return try await sessionPage(request, context, failed: form, problems: [Page.Problem(field: box, message: e.message, fix: e.deskFix)],
                                         status: .init(code: APIError(e).status), verdicts: e.verdicts)
        }
    }

    /// The session's page; `failed`: the form a refusal came from, shown open with what was typed; `verdicts`: a move's.
    func sessionPage(_ request: Request, _ context: DeskContext, failed: String? = nil, problems: [Page.Problem] = [],
                     status: HTTPResponse.Status = .ok, verdicts: [Verdict] = []) async throws -> Response {
        let v = try await viewer(context)
        let c = v.council
        let ref = try Self.ref(context, "SE")
        let s = try await desk.session(ref, as: v.id)
        let host = s.groups.first ?? ""
        let scheduled = s.status == "scheduled"
        let leads = { (g: String) in v.roles.contains(.groupLeader(group: g)) }
        let assists = { (g: String) in v.roles.contains(.assistant(group: g)) }
        let mine = s.officers.first { $0.officer == v.id }
        let notes = try await desk.notes(as: v.id).filter { $0.session == ref }
        let move = try context.form.decode(MoveFields.self), reason = try context.form.decode(ReasonFields.self)
        let answer = try context.form.decode(ProposalAnswerFields.self)
        func error(_ id: String) -> String? {
            problems.first { $0.field == id }.map { Page.Problem.sentence(DeskTime.text($0.message)) }
        }
        let typedMove = failed == "move"
        // The new time's boxes start at the session's own times; after a refusal, what was typed.
        let start = String(s.meetingStart.prefix(16))
        let meeting = Self.minutes(s.meetingStart, s.meetingEnd), part = Self.minutes(s.segmentStart, s.segmentEnd)
        let refer = verdicts.referred.map { verdict -> [String: Any] in
            var d = Self.verdict(verdict)
            let id = "move-override-\(verdict.rule.rawValue)"
            d["id"] = id
            d["value"] = move.override[verdict.rule.rawValue] ?? ""
            if let e = error(id) { d["error"] = e }
            return d
        }
        // The nominees a group named this senior officer for, waiting for their answer.
        let nominees = s.officers.filter { $0.nominatedBy == v.id && !$0.nominationConfirmed && scheduled }
        let joined = s.groups.dropFirst().filter { g in leads(g) || assists(g) }
        let members = joined.first.map { c.roster.members(of: $0).filter { c.mayAsk($0.id, for: $0.party) } } ?? []
        var values = Self.sessionSummary(s, c, officerReasons: true)
        let more: [String: Any] = [
            "matter": s.title, "host": c.name(host), "joint": s.groups.count > 1,
            "declined": s.officers.contains { $0.response == "declined" } && scheduled,
            "material": s.material ?? "", "hasMaterial": !(s.material ?? "").isEmpty,
            "notes": notes.map { n -> [String: Any] in
                ["ref": n.ref, "author": c.name(n.author), "text": n.text, "status": n.status, "verifiedBy": n.verifiedBy.map(c.name) ?? "",
                 "verified": n.verifiedBy != nil]
            },
            "hasNotes": !notes.isEmpty,
            "proposals": s.proposals.map { p -> [String: Any] in
                var d: [String: Any] = ["ref": p.ref, "session": s.ref, "officer": Self.officerName(p.officer, c), "when": DeskTime.span(p.segmentStart, p.segmentEnd),
                                        "status": Self.proposalStatus(p.status), "reason": p.reason, "answer": p.answer ?? "",
                                        "answerable": p.status == "open" && scheduled && leads(host),
                                        "refuseReason": failed == "proposal-\(p.ref)" ? answer.reason ?? "" : ""]
                if let e = error("refuse-\(p.ref)") { d["error"] = e }
                return d
            },
            "hasProposals": !s.proposals.isEmpty,
            // The forms this viewer may use.
            "page": true, "invited": scheduled && mine?.response == "invited",
            "nominees": nominees.map { ["id": $0.officer, "name": c.name($0.officer)] }, "hasNominees": !nominees.isEmpty,
            "others": c.roster.officers.filter { $0.id != v.id }.map { ["id": $0.id, "label": "\($0.name), \($0.title)"] },
            "canMove": scheduled && (v.actsAsApprover || leads(host)), "approverMoves": v.actsAsApprover,
            "approverTitle": c.profile.approverTitle,
            "startDate": typedMove ? move.startDate ?? "" : String(start.prefix(10)),
            "startTime": typedMove ? move.startTime ?? "" : String(start.suffix(5)),
            "durations": FormBoxes.lengths(FormBoxes.meetingLengths, selected: typedMove ? move.duration : FormBoxes.code(meeting)),
            "segments": FormBoxes.lengths(FormBoxes.segmentLengths, selected: typedMove ? move.segment : FormBoxes.code(part)),
            "segmentStart": typedMove ? move.segmentStart ?? "" : part == meeting && s.segmentStart == s.meetingStart ? "" : String(s.segmentStart.suffix(5)),
            "venueNow": s.venue,
            "moveRoom": typedMove && move.venue == "room", "moveVirtual": typedMove && move.venue == "virtual",
            "moveKeep": !typedMove || (move.venue ?? "keep") == "keep", "moveLink": typedMove ? move.virtual ?? "" : "",
            "moveRooms": c.roster.rooms.map { ["id": $0.id, "label": Self.roomLabel($0), "selected": typedMove && move.room == $0.id] },
            "moveReason": typedMove ? move.reason ?? "" : "", "openMove": typedMove || request.uri.queryParameters["move"] != nil,
            "refer": refer, "hasRefer": !refer.isEmpty,
            "canWithdraw": scheduled && !joined.isEmpty, "withdrawAssistant": joined.first.map(assists) == true && joined.first.map(leads) != true,
            "askers": members.map { ["id": $0.id, "label": $0.name, "selected": reason.onBehalfOf == $0.id] },
            "withdrawReason": failed == "withdraw" ? reason.reason ?? "" : "",
            "cancelReason": failed == "cancel" ? reason.reason ?? "" : "",
        ]
        values.merge(more) { _, new in new }
        if let r = s.reason { values["reason"] = r }
        if typedMove, !verdicts.isEmpty { values["verdicts"] = Self.groups(verdicts, refer: refer, yours: v.actsAsApprover, level: 3); values["hasVerdicts"] = true }
        for box in ["startDate", "startTime", "duration", "segment", "segmentStart", "reason", "room", "virtual"] {
            if let e = error("move-\(box)") { values["err_\(box)"] = e }
        }
        if let e = error("cancel-reason") { values["cancelError"] = e }
        if let e = error("withdraw-reason") { values["withdrawError"] = e }
        var page = Page(template: "session", title: "\(s.ref): \(s.title)", status: status, values: values)
        page.errors = problems
        return try await render(page, request, context)
    }

    /// The approver's recorded absences, soonest first; the approver and an administrator record one.
    func absencesPage(_ request: Request, _ context: DeskContext, problems: [Page.Problem] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let v = try await viewer(context)
        guard v.oversight else {
            throw DeskError(.forbidden, "the approver's absences are for the \(v.council.profile.approverTitle), the deputy, the Monitoring Officer and administrators",
                            remedy: .approverOrAdministratorRecordsAbsence(approverTitle: v.council.profile.approverTitle))
        }
        let c = v.council
        let typed = try context.form.decode(AbsenceFields.self)
        let absences = try await desk.absences(as: v.id)
        var values: [String: Any] = [
            "approver": v.approverNamed, "approverTitle": c.profile.approverTitle,
            "absences": absences.map { ["from": DeskTime.day($0.from), "until": DeskTime.day($0.until), "by": c.name($0.recordedBy)] },
            "empty": absences.isEmpty,
            "canRecord": v.roles.contains(.approver) || v.roles.contains(.administrator),
            "from": typed.from ?? "", "until": typed.until ?? "",
        ]
        if let line = v.whenDeputyDecides { values["whenDeputy"] = line }
        for box in ["from", "until"] {
            if let p = problems.first(where: { $0.field == "absence-\(box)" }) { values["err_\(box)"] = Page.Problem.sentence(DeskTime.text(p.message)) }
        }
        var page = Page(template: "absences", title: "The \(c.profile.approverTitle)'s absences", status: status, values: values)
        page.errors = problems
        return try await render(page, request, context)
    }

    /// Minutes from one local time to another (`2026-12-07T14:00`).
    static func minutes(_ from: String, _ to: String) -> Int {
        guard let a = try? LondonTime.parse(from), let b = try? LondonTime.parse(to) else { return 0 }
        return Int(b.timeIntervalSince(a) / 60)
    }

    static func proposalStatus(_ status: String) -> String {
        switch status {
        case "open": "waiting for the host group's answer"
        case "taken": "taken"
        case "refused": "refused"
        case "withdrawn": "withdrawn"
        default: status
        }
    }
}

extension Viewer {
    /// The approver, or the deputy while they act: they move or cancel any session and give reasons for referred rules.
    var actsAsApprover: Bool { roles.contains(.approver) || (roles.contains(.deputyApprover) && deputy?.acts == true) }
}

/// A session moved from its page: the new time (the session's venue stays), the reason, the approver's reasons.
struct MoveFields: Decodable, Sendable {
    @FormText var startDate: String?
    @FormText var startTime: String?
    @FormText var duration: String?
    @FormText var segmentStart: String?
    @FormText var segment: String?
    @FormText var reason: String?
    @FormKeyed var override: [String: String]
    /// `keep` (the default), `room` with `room`, or `virtual` with `virtual`: where the moved session is held.
    @FormText var venue: String?
    @FormText var room: String?
    @FormText var virtual: String?
}

/// A session cancelled or a group withdrawn, with the reason (an assistant names the member they act for).
struct ReasonFields: Decodable, Sendable {
    @FormText var reason: String?
    @FormText var onBehalfOf: String?
}

/// An officer's proposed time taken or refused (`answer=take|refuse`), a refusal's reason.
struct ProposalAnswerFields: Decodable, Sendable {
    @FormText var answer: String?
    @FormText var reason: String?
}

/// The approver's absence: its first and last days.
struct AbsenceFields: Decodable, Sendable {
    @FormText var from: String?
    @FormText var until: String?
}

/// Where an officer's answer came from: `page`, the session's own page (back there), else the list.
struct BackFields: Decodable, Sendable {
    @FormText var back: String?
}
