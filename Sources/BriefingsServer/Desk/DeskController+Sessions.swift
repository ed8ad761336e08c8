import BriefingsDomain
import BriefingsStore
import Foundation
import Hummingbird

/// Sessions as each person may see them (a group its own; an officer those they are invited to, only their part;
/// oversight every one), and an officer's answers: confirm, decline, nominate a representative, propose another
/// time, confirm or refuse a nominee a group named. The briefing's material is attached on its own page (`DeskController+Briefings.swift`).
extension DeskController {
    func addSessionRoutes(to group: RouterGroup<DeskContext>) {
        group.get("sessions") { request, context in try await sessionsPage(request, context) }
        group.post("sessions/:ref/respond") { request, context in
            try await sessionAnswer(request, context, RespondFields.self) { v, ref, f in
                let answer: BriefingDesk.OfficerAnswer = switch f.answer {
                case "decline": .decline(reason: f.reason ?? "")
                case "nominate": .nominate(representative: f.representative ?? "", reason: f.reason ?? "")
                case "endorse": .endorse(nominee: f.nominee ?? "")
                case "refuse-nominee": .refuseNominee(nominee: f.nominee ?? "", reason: f.reason ?? "")
                default: .confirm
                }
                let verdicts = try await desk.respond(ref, as: v.id, answer)
                let said = switch f.answer {
                case "decline": "You declined \(ref)."
                case "nominate": "You nominated \(v.council.name(f.representative ?? "")) for \(ref)."
                case "endorse": "You confirmed your nominee for \(ref)."
                case "refuse-nominee": "You refused the nominee for \(ref)."
                default: "You confirmed \(ref)."
                }
                return said + verdicts.filter { !$0.passed }.map { " \($0.rule.rawValue): \($0.message)." }.joined()
            }
        }
        group.post("sessions/:ref/propose") { request, context in
            try await sessionAnswer(request, context, ProposeFields.self) { v, ref, f in
                let p = try await desk.proposeTime(ref, as: v.id, to: SessionForm(start: f.start ?? "", duration: f.duration, segmentStart: f.segmentStart,
                                                                            segment: f.segment), reason: f.reason ?? "")
                return "You proposed \(DeskTime.at(p.segmentStart)) for \(ref) (\(p.ref)); the group takes it or refuses it."
            }
        }
        // A group's written records of its sessions, which the session's officers may verify (003 §7.10).
        group.post("sessions/:ref/notes") { request, context in
            try await sessionAnswer(request, context, NoteFields.self, form: "note") { v, ref, f in
                let note = try await desk.addNote(ref, as: v.id, text: f.text ?? "")
                return "Your group's record \(note.ref) of \(ref) is a draft: the session's officers may verify it before it is final."
            }
        }
        group.post("notes/:ref/verify") { request, context in
            try await noteAnswer(request, context, VerifyFields.self, form: "verify") { v, ref, f in
                let note = try await desk.verifyNote(ref, as: v.id, correction: f.correction)
                return "You verified \(note.ref)" + (f.correction == nil ? "." : ", with your correction.")
            }
        }
        group.post("notes/:ref/finalise") { request, context in
            try await noteAnswer(request, context, FinaliseFields.self, form: "finalise") { v, ref, f in
                let note = try await desk.finaliseNote(ref, as: v.id, unverifiedReason: f.unverifiedReason)
                return "\(note.ref) is final."
            }
        }
    }

    /// Runs one answer to a session with its form's fields; done, back to the sessions; refused, the sessions again, linked to the form.
    func sessionAnswer<Fields: Decodable>(_ request: Request, _ context: DeskContext, _ fields: Fields.Type, form: String? = nil,
                                          _ step: (Viewer, String, Fields) async throws -> String) async throws -> Response {
        let v = try await viewer(context)
        let ref = try Self.ref(context, "SE")
        let typed = try context.form.decode(fields)
        // Sent from the session's own page (`back=page`): back there.
        let page = try context.form.decode(BackFields.self).back == "page"
        do {
            flash(try await step(v, ref, typed), context)
            return Response.seeOther(page ? "/desk/sessions/\(ref)" : "/desk/sessions")
        } catch let e as DeskError where [.invalid, .refused, .conflict, .notFound].contains(e.kind) {
            let answer = try form ?? (request.uri.path.hasSuffix("/propose") ? "propose" : context.form.decode(RespondFields.self).answer ?? "confirm")
            let problem = Page.Problem(field: "\(answer)-\(ref)", message: e.message, fix: e.deskFix)
            if page { return try await sessionPage(request, context, problems: [problem], status: .init(code: APIError(e).status)) }
            return try await sessionsPage(request, context, problem: problem,
                                    status: .init(code: APIError(e).status))
        }
    }

    /// Runs one step on a session's record with its form's fields; refused, the sessions again, linked to the form.
    func noteAnswer<Fields: Decodable>(_ request: Request, _ context: DeskContext, _ fields: Fields.Type, form: String,
                                       _ step: (Viewer, String, Fields) async throws -> String) async throws -> Response {
        let v = try await viewer(context)
        let ref = try Self.ref(context, "NT")
        let typed = try context.form.decode(fields)
        do {
            flash(try await step(v, ref, typed), context)
            return Response.seeOther("/desk/sessions")
        } catch let e as DeskError where [.invalid, .refused, .conflict].contains(e.kind) {
            return try await sessionsPage(request, context, problem: Page.Problem(field: "\(form)-\(ref)", message: e.message, fix: e.deskFix),
                                    status: .init(code: APIError(e).status))
        }
    }

    func sessionsPage(_ request: Request, _ context: DeskContext, problem: Page.Problem? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let v = try await viewer(context)
        let c = v.council
        let notes = Dictionary(grouping: try await desk.notes(as: v.id), by: \.session)
        let others = c.roster.officers.filter { $0.id != v.id }.map { ["id": $0.id, "label": "\($0.name), \($0.title)"] }
        // A page of sessions in time order; on it, invitations waiting for this officer's answer first.
        let list = try await desk.sessions(as: v.id, page: try Self.pageRequest(request, "sessions"))
        let all = list.items
        let waiting = { (s: BriefingDesk.SessionView) in s.status == "scheduled" && s.officers.contains { $0.officer == v.id && $0.response == "invited" } }
        let sessions = (all.filter(waiting) + all.filter { !waiting($0) }).map { s -> [String: Any] in
            let mine = s.officers.first { $0.officer == v.id }
            let invited = s.status == "scheduled" && mine?.response == "invited"
            let nominees = s.officers.filter { $0.nominatedBy == v.id && !$0.nominationConfirmed && s.status == "scheduled" }
            var d = Self.sessionSummary(s, c, officerReasons: false)
            let more: [String: Any] = [
                "invited": invited, "others": others, "canAttach": mine != nil && s.status == "scheduled",
                "material": s.material ?? "", "hasMaterial": !(s.material ?? "").isEmpty,
                "nominees": nominees.map { ["id": $0.officer, "name": c.name($0.officer)] }, "hasNominees": !nominees.isEmpty,
                "proposals": s.proposals.map { ["ref": $0.ref, "when": DeskTime.at($0.segmentStart), "status": $0.status, "reason": $0.reason] },
                "hasProposals": !s.proposals.isEmpty,
                "canNote": v.group.map(s.groups.contains) == true && s.status == "scheduled",
                "notes": (notes[s.ref] ?? []).map { n -> [String: Any] in
                    ["ref": n.ref, "author": c.name(n.author), "text": n.text, "status": n.status,
                     "verifiedBy": n.verifiedBy.map(c.name) ?? "", "verified": n.verifiedBy != nil,
                     "canVerify": mine != nil && n.status != "final", "canFinalise": v.group == n.group && n.status != "final"]
                },
                "hasNotes": !(notes[s.ref] ?? []).isEmpty,
            ]
            d.merge(more) { _, new in new }
            if let reason = s.reason { d["reason"] = reason }
            return d
        }
        let heading = v.isOfficer && v.group == nil && !v.oversight ? "Your invitations and sessions" : v.oversight ? "Every session"
            : v.group.map { "Sessions of \(c.name($0))" } ?? "Sessions"
        var page = Page(template: "sessions", title: heading, status: status, values: ["sessions": sessions, "empty": sessions.isEmpty, "heading": heading,
                                                                                "pagination": Self.pagination(list, "/desk/sessions", "session")])
        if let problem { page.errors = [problem] }
        return try await render(page, request, context)
    }

    static func responseLabel(_ response: String) -> String {
        switch response {
        case "invited": "invited, not yet answered"
        case "confirmed": "confirmed"
        case "declined": "declined"
        case "represented": "sends a representative"
        default: response
        }
    }
}

extension DeskController {
    /// What the session list and a session's own page both show of a session: its reference, briefing, matter, groups,
    /// status, times, venue, attendees and officers with what each answered (`officerReasons`: with the reason they gave).
    static func sessionSummary(_ s: BriefingDesk.SessionView, _ c: Council, officerReasons: Bool) -> [String: Any] {
        [
            "ref": s.ref, "briefing": s.briefing, "title": s.title, "groups": s.groups.map(c.name).joined(separator: ", "),
            "status": s.status == "cancelled" ? "Cancelled" : s.confirmed ? "Confirmed" : "Tentative",
            "statusTag": s.status == "cancelled" ? "tag-block" : s.confirmed ? "tag-pass" : "tag-info",
            "when": DeskTime.span(s.meetingStart, s.meetingEnd), "segment": DeskTime.span(s.segmentStart, s.segmentEnd),
            "venue": s.venue, "attendees": s.attendees.joined(separator: ", "), "hasAttendees": !s.attendees.isEmpty,
            "officers": s.officers.map { o -> [String: Any] in
                var line: [String: Any] = ["name": officerName(o.officer, c), "response": responseLabel(o.response)]
                let said = [officerReasons ? o.reason.map { "“\($0)”" } : nil,
                            o.nominatedBy.map { "nominee of \(c.name($0))" + (o.nominationConfirmed ? "" : ", not yet confirmed by them") },
                            o.representedBy.map { "represented by \(c.name($0))" }].compactMap { $0 }
                if !said.isEmpty { line["note"] = said.joined(separator: "; ") }
                return line
            },
        ]
    }
}
