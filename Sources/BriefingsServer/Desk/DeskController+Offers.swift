import BriefingsDomain
import BriefingsStore
import Foundation
import Hummingbird

/// The offers made to a group (every group's, for oversight): take one up with a session of the group's own, join a
/// joint session, or decline it, each through the desk's own offer steps.
extension DeskController {
    func addOfferRoutes(to group: RouterGroup<DeskContext>) {
        group.get("offers") { request, context in try await offersPage(request, context) }
        group.post("offers/:ref/accept") { request, context in
            try await offerAnswer(request, context, form: "accept", OfferAcceptFields.self) { v, ref, f in
                let receipt: BriefingDesk.Receipt
                if f.mode == "join" {
                    receipt = try await desk.acceptOffer(ref, as: v.id, onBehalfOf: f.onBehalfOf, join: f.join ?? "", session: nil,
                                                   attendees: f.attendee, guests: [])
                } else {
                    let venue = f.venue ?? "room"
                    receipt = try await desk.acceptOffer(ref, as: v.id, onBehalfOf: f.onBehalfOf, join: nil,
                                                   session: SessionForm(start: f.start ?? "", duration: f.duration, segmentStart: f.segmentStart,
                                                                        segment: f.segment, room: venue == "room" ? f.room : nil,
                                                                        virtual: venue == "virtual" ? f.virtual : nil, attendees: f.attendee))
                }
                return receipt.message + "."
            }
        }
        group.post("offers/:ref/decline") { request, context in
            try await offerAnswer(request, context, form: "decline", OfferDeclineFields.self) { v, ref, f in
                try await desk.declineOffer(ref, as: v.id, onBehalfOf: f.onBehalfOf, reason: f.reason ?? "")
                return "You declined \(ref); the decline is recorded for the parity report."
            }
        }
    }

    /// Runs one answer to an offer with its form's fields; done, back to the offers; refused, the offers again, what was typed kept.
    func offerAnswer<Fields: Decodable>(_ request: Request, _ context: DeskContext, form: String, _ fields: Fields.Type,
                                        _ step: (Viewer, String, Fields) async throws -> String) async throws -> Response {
        let v = try await viewer(context)
        let ref = try Self.ref(context, "OF")
        let typed = try context.form.decode(fields)
        do {
            flash(try await step(v, ref, typed), context)
            return Response.seeOther("/desk/offers")
        } catch let e as DeskError where [.invalid, .refused, .conflict, .notFound].contains(e.kind) {
            let field = form == "decline" ? "decline-\(ref)"
                : try context.form.decode(OfferAcceptFields.self).mode == "join" ? "join-\(ref)"
                : "\(form)-\(ref)-" + (Self.problem(e).field ?? "start")
            var problem = Self.problem(e)
            problem.field = field
            return try await offersPage(request, context, failed: ref, problem: problem, status: .init(code: APIError(e).status), verdicts: e.verdicts)
        }
    }

    func offersPage(_ request: Request, _ context: DeskContext, failed: String? = nil, problem: Page.Problem? = nil,
                    status: HTTPResponse.Status = .ok, verdicts: [Verdict] = []) async throws -> Response {
        let v = try await viewer(context)
        let c = v.council
        let members = (v.group.map { c.roster.members(of: $0) } ?? [])
        // An assistant acts on behalf of a member who could ask themself (`001 §4.9`).
        let askers = members.filter { c.mayAsk($0.id, for: $0.party) }
        let rooms = c.roster.rooms
        // What was typed in the form refused, shown again in its boxes.
        let accept = try context.form.decode(OfferAcceptFields.self), decline = try context.form.decode(OfferDeclineFields.self)
        let blank = try DeskForm.empty.decode(OfferAcceptFields.self)
        let offers = try await desk.offers(as: v.id).filter { $0.status != "requested" }.map { o -> [String: Any] in
            let typed = failed == o.ref ? accept : blank, reason = failed == o.ref ? decline.reason : nil
            let present = Set(typed.attendee)
            let answerable = o.status == "open" && v.requests && (v.group == o.group)
            var d: [String: Any] = [
                "ref": o.ref, "briefing": o.briefing, "title": o.title, "group": c.name(o.group), "officers": o.officers.joined(separator: ", "),
                "status": Self.offerStatus(o.status), "statusTag": Self.statusTag(o.status), "answerable": answerable,
                "joint": o.jointSessions.map { ["session": $0, "selected": typed.join == $0] }, "hasJoint": !o.jointSessions.isEmpty,
                "members": members.map { ["id": $0.id, "label": $0.name, "checked": failed == o.ref ? present.contains($0.id) : $0.id == v.id,
                                          "selected": typed.onBehalfOf == $0.id] },
                "askers": askers.map { ["id": $0.id, "label": $0.name, "selected": typed.onBehalfOf == $0.id] },
                "rooms": rooms.map { ["id": $0.id, "label": Self.roomLabel($0), "selected": typed.room == $0.id] },
                "start": typed.start ?? "", "duration": typed.duration ?? "2h", "segmentStart": typed.segmentStart ?? "",
                "segment": typed.segment ?? "45m", "virtual": typed.virtual ?? "",
                "venueVirtual": typed.venue == "virtual", "reason": reason ?? "", "assistant": v.assistant,
            ]
            if o.status == "open", let by = o.answerBy, let date = LocalDate(by) { d["answerBy"] = DeskTime.day(date) }
            if let by = o.answeredBy { d["answeredBy"] = c.name(by) }
            if let reason = o.reason { d["answerReason"] = reason }
            if failed == o.ref, !verdicts.isEmpty { d["verdicts"] = Self.groups(verdicts, level: 4); d["hasVerdicts"] = true }
            return d
        }
        let heading = v.oversight ? "Every offer" : v.group.map { "Offers to \(c.name($0))" } ?? "Offers"
        var page = Page(template: "offers", title: heading, status: status, values: ["offers": offers, "empty": offers.isEmpty, "heading": heading])
        if let problem { page.errors = [problem] }
        return try await render(page, request, context)
    }

    static func offerStatus(_ status: String) -> String {
        switch status {
        case "open": "Open: waiting for the group's answer"
        case "pending": "Taken up: waiting for the approver"
        case "accepted": "Taken up"
        case "declined": "Declined"
        case "lapsed": "Lapsed: not answered in time"
        default: status.capitalized
        }
    }
}
