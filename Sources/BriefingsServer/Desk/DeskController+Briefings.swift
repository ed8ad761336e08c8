import BriefingsDomain
import BriefingsMessages
import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird

/// Briefings as each person may read them (`BriefingDesk.briefing`: oversight, its officers, and each group that asked
/// for it or took it up; a budget discussion's material is its own group's, `003 §7.13`), and the steps on a briefing:
/// its officers attach its material or written report, the approver closes it and records an unanswered offer as lapsed,
/// and the requesting group's leader releases a budget briefing.
extension DeskController {
    func addBriefingRoutes(to group: RouterGroup<DeskContext>) {
        group.get("briefings") { request, context in try await briefingsPage(request, context) }
        group.get("briefings/:ref") { request, context in try await briefingPage(request, context) }
        group.get("briefings/:ref/file") { request, context in
            let v = try await viewer(context)
            return Self.download(try await desk.materialFile(try Self.ref(context, "BR"), as: v.id))
        }
        group.post("briefings/:ref/material") { request, context in
            let f = try context.form.decode(MaterialFields.self)
            let file = context.form.files["file"]
            var boxes = FormBoxes()
            if f.text == nil && file == nil { boxes.add("material", .giveField(.material)) }
            if !boxes.problems.isEmpty { return try await briefingPage(request, context, problems: boxes.problems, status: .badRequest) }
            return try await briefingStep(request, context, box: file == nil ? "material" : "material-file") { v, ref in
                // A budget discussion's material is the named group's own (003 §7.13): chosen on this page, or the group
                // of the session whose page it was attached from.
                var group = f.group
                if group == nil, let session = f.session { group = try await desk.session(session, as: v.id).groups.first }
                let receipt = try await desk.attachMaterial(ref, as: v.id, text: f.text ?? "", group: group, file: file)
                let verdicts = receipt.verdicts.map { "\($0.rule.rawValue): \($0.message)." }.joined(separator: " ")
                if receipt.status == "held" {
                    return "Your material waits for the \(v.council.profile.approverTitle) (\(receipt.ref)): no group reads it until they release it. \(verdicts)"
                }
                return "Material attached to \(ref). \(verdicts)"
            }
        }
        group.post("briefings/:ref/close") { request, context in
            try await briefingStep(request, context, box: "close") { v, ref in
                try await desk.closeBriefing(ref, as: v.id)
                return "\(ref) is closed: every group's offer is answered."
            }
        }
        group.post("briefings/:ref/release") { request, context in
            try await briefingStep(request, context, box: "release") { v, ref in
                try await desk.releaseBriefing(ref, as: v.id)
                return "You released \(ref): from now on every group sees what it was about."
            }
        }
        group.post("briefings/:ref/lapse") { request, context in
            let f = try context.form.decode(LapseFields.self)
            guard let offer = try? Ref.exact(f.offer ?? "", "OF") else { throw DeskPageError.notFound }
            if f.reason == nil {
                return try await briefingPage(request, context, problems: [Page.Problem(field: "lapse-\(offer)", message: DeskText.fix(.giveReason), fix: "")],
                                        status: .badRequest)
            }
            return try await briefingStep(request, context, box: "lapse-\(offer)") { v, ref in
                try await desk.lapseOffer(offer, as: v.id, reason: f.reason ?? "")
                return "You recorded \(offer) as lapsed: it was not answered in time."
            }
        }
    }

    /// Runs one step on a briefing; done, back to its page with what happened; refused, its page again with the refusal
    /// linked to the form (`box`). A person who may not read the briefing gets the desk's 403 page.
    func briefingStep(_ request: Request, _ context: DeskContext, box: String, _ step: (Viewer, String) async throws -> String) async throws -> Response {
        let v = try await viewer(context)
        let ref = try Self.ref(context, "BR")
        do {
            flash(try await step(v, ref), context)
            return Response.seeOther(DeskLink.briefing(ref))
        } catch let e as DeskError where [.invalid, .refused, .conflict, .notFound].contains(e.kind) {
            var problem = Self.problem(e)
            // A budget discussion's material refused for its group (`003 §7.13`) points at the group's choice.
            problem.field = box.hasPrefix("material") && e.rule == .confidentiality ? "material-group" : box
            return try await briefingPage(request, context, problems: [problem], status: .init(code: APIError(e).status))
        }
    }

    /// A material file as its reader downloads it: its own type, saved under its own name, never shown in the page.
    static func download(_ d: Desk.Download) -> Response {
        let ascii = String(d.file.name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        let encoded = d.file.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ascii
        var headers = HTTPFields()
        headers[.contentType] = d.file.kind.mediaType
        headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: d.content)))
    }

    /// The briefings this person may read: every one for oversight; otherwise those of their group's offers (asked for
    /// or taken up), their sessions and the requests naming them, each kept only where `BriefingDesk.briefing` lets them read it.
    func briefingsPage(_ request: Request, _ context: DeskContext) async throws -> Response {
        let v = try await viewer(context)
        let c = v.council
        var rows: [[String: Any]] = []
        if v.oversight {
            rows = try await desk.briefings(as: v.id).map { b -> [String: Any] in
                ["ref": b.ref, "title": b.title, "status": b.status.capitalized, "statusTag": Self.statusTag(b.status),
                 "groups": b.offers.keys.sorted().map(c.name).joined(separator: ", "), "sessions": Self.count(b.sessions.count, "session")]
            }
        } else {
            var refs: [String] = []
            if v.group != nil { refs += try await desk.offers(as: v.id).filter { ["requested", "accepted"].contains($0.status) }.map(\.briefing) }
            refs += try await desk.sessions(as: v.id).map(\.briefing)
            if v.isOfficer {
                for r in try await desk.requests(as: v.id) where r.status == "approved" {
                    if let b = try await desk.request(r.ref, as: v.id).briefing { refs.append(b) }
                }
            }
            for ref in Set(refs).sorted() {
                guard let b = try? await desk.briefing(ref, as: v.id) else { continue }
                rows.append(["ref": b.ref, "title": b.title, "status": b.status.capitalized, "statusTag": Self.statusTag(b.status),
                             "groups": b.writtenReport == true ? "A written report" : "Officers attend"])
            }
        }
        let heading = v.oversight ? "Every briefing" : "Your briefings"
        return try await render(Page(template: "briefings", title: heading, values: ["rows": rows, "empty": rows.isEmpty, "heading": heading,
                                                                                "oversight": v.oversight]), request, context)
    }

    /// One briefing: its matter, the groups' offers and its sessions (linked), its material or written report for those
    /// entitled to read it (line breaks kept), and the forms this person may use on it.
    func briefingPage(_ request: Request, _ context: DeskContext, problems: [Page.Problem] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let ref = try Self.ref(context, "BR")
        let v = try await viewer(context)
        let c = v.council
        let b = try await desk.briefing(ref, as: v.id)
        let today = LocalDate(desk.now())
        let open = b.status == "open"
        // Officers without a group have no offers to see.
        let offers = v.group != nil || v.oversight ? try await desk.offers(as: v.id).filter { $0.briefing == ref } : []
        let sessions = try await desk.sessions(as: v.id).filter { $0.briefing == ref }
        let report = b.writtenReport == true, budget = b.budget == true
        let typed = try context.form.decode(MaterialFields.self), lapse = try context.form.decode(LapseFields.self)
        // The approver (or the deputy while they act) records an offer past its answer-by date as lapsed (`OfferAnswer.lapse`).
        let offerRows = offers.map { o -> [String: Any] in
            let due = o.answerBy.flatMap { LocalDate($0) }
            let unrecorded = (o.status == "lapsed" && o.answeredBy == nil) || (o.status == "open" && due.map { today > $0 } != false)
            var d: [String: Any] = ["ref": o.ref, "group": c.name(o.group), "href": DeskLink.offer(o.ref),
                                    "status": o.status == "requested" ? "Asked for it" : Self.offerStatus(o.status),
                                    "statusTag": Self.statusTag(o.status), "canLapse": open && v.decidesNow && unrecorded,
                                    "reason": lapse.offer == o.ref ? lapse.reason ?? "" : ""]
            if o.status == "open", let due { d["answerBy"] = DeskTime.day(due) }
            return d
        }
        let mine = sessions.filter { s in s.officers.contains { $0.officer == v.id } }
        // Its officers (and those invited to its sessions) attach its material; a budget discussion's is one group's own.
        let canAttach = open && v.isOfficer && (b.officers.contains(c.name(v.id)) || !mine.isEmpty)
        let discussions = Array(Set(mine.flatMap(\.groups))).sorted()
        // The requesting group is the one whose line says it asked for it.
        let origin = offers.first { $0.status == "requested" }?.group
        var values: [String: Any] = [
            "ref": b.ref, "briefingRef": b.ref, "title": b.title, "matter": b.title, "area": b.area, "officers": b.officers.joined(separator: ", "),
            "status": b.status.capitalized, "statusTag": Self.statusTag(b.status), "report": report, "budget": budget,
            "released": b.released == true, "what": report ? "A written report instead of a meeting (001 §4.10)" : "Officers attend group meetings",
            "offers": offerRows, "hasOffers": !offerRows.isEmpty,
            "sessions": sessions.map { s -> [String: Any] in
                ["ref": s.ref, "href": DeskLink.session(s.ref), "when": DeskTime.span(s.meetingStart, s.meetingEnd),
                 "groups": s.groups.map(c.name).joined(separator: ", "), "status": s.status == "cancelled" ? "Cancelled" : s.confirmed ? "Confirmed" : "Tentative"]
            },
            "hasSessions": !sessions.isEmpty,
            "material": b.material ?? "", "hasMaterial": b.material != nil,
            "hasText": !(b.material ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
            "materialHeading": report ? "The written report" : "Material",
            "canAttach": canAttach, "attachLabel": report ? "Attach the written report" : "Attach material",
            // What was typed in a refused form, or (a briefing every session shares) the material as it stands.
            "draft": typed.text ?? (budget ? "" : b.material ?? ""),
            "discussions": discussions.map { ["id": $0, "name": c.name($0), "selected": typed.group == $0 || discussions.count == 1] },
            "canClose": open && v.decidesNow, "approverTitle": c.profile.approverTitle,
            "hasHeld": !(b.held ?? []).isEmpty, "held": (b.held ?? []).joined(separator: ", "),
            "canRelease": budget && b.released != true && origin.map { v.roles.contains(.groupLeader(group: $0)) } == true,
        ]
        if let due = b.reportDue { values["reportDue"] = DeskTime.day(due) }
        if let by = b.materialBy { values["materialBy"] = by }
        if let file = b.materialFile { values["materialFile"] = Self.fileLine(file, href: "/desk/briefings/\(b.ref)/file") }
        values["fileLimit"] = MaterialFile.words(desk.materialFileLimit)
        var page = Page(template: "briefing", title: "\(b.ref): \(b.title)", status: status, values: values)
        page.errors = problems
        return try await render(page, request, context)
    }
}

extension DeskController {
    /// A material file's link for a template: its name, kind and size.
    static func fileLine(_ f: MaterialFile, href: String) -> [String: Any] {
        ["name": f.name, "kind": f.kind.label, "size": MaterialFile.words(max(f.size, 1024)), "href": href]
    }
}

/// An offer recorded as lapsed from its briefing's page, with the approver's reason.
struct LapseFields: Decodable, Sendable {
    @FormText var offer: String?
    @FormText var reason: String?
}
