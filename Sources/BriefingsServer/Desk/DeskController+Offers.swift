import BriefingsDomain
import BriefingsMessages
import BriefingsStore
import Foundation
import Hummingbird

/// The offers made to a group (every group's, for oversight): take one up with a session of the group's own, join a
/// joint session, or decline it, each through the desk's own offer steps.
extension DeskController {
    func addOfferRoutes(to group: RouterGroup<DeskContext>) {
        group.get("offers") { request, context in try await offersPage(request, context) }
        group.post("offers/:ref/accept") { request, context in
            let typed = try context.form.decode(OfferAcceptFields.self), ref = try Self.ref(context, "OF")
            var start = ""
            if typed.mode != "join" && typed.mode != "report" {
                // Every box of the group's own session that is empty or unreadable at once, before any rule is judged.
                let box = "accept-\(ref)-"
                var b = FormBoxes()
                start = b.start(date: typed.startDate, time: typed.startTime, legacy: typed.start, boxes: (box + "startDate", box + "startTime")) ?? ""
                b.length(typed.duration, box: box + "duration", .duration)
                b.segmentStart(typed.segmentStart, box: box + "segmentStart")
                b.length(typed.segment, box: box + "segment", .segment)
                b.venue(typed.venue ?? "room", room: typed.room, link: typed.virtual, premises: nil, premisesKind: nil, prefix: box)
                if !b.problems.isEmpty { return try await offersPage(request, context, failed: ref, problems: b.problems, status: .badRequest) }
            }
            return try await offerAnswer(request, context, form: "accept", OfferAcceptFields.self) { v, ref, f in
                let receipt: BriefingDesk.Receipt
                if f.mode == "report" {
                    // Another group's written report taken up as it is: nobody attends, nothing is booked (`001 §4.10`).
                    receipt = try await desk.acceptOffer(ref, as: v.id, onBehalfOf: f.onBehalfOf, join: nil, session: nil, attendees: [], guests: [])
                } else if f.mode == "join" {
                    receipt = try await desk.acceptOffer(ref, as: v.id, onBehalfOf: f.onBehalfOf, join: f.join ?? "", session: nil,
                                                   attendees: f.attendee, guests: [])
                } else {
                    let venue = f.venue ?? "room"
                    receipt = try await desk.acceptOffer(ref, as: v.id, onBehalfOf: f.onBehalfOf, join: nil,
                                                   session: SessionForm(start: start, duration: f.duration, segmentStart: f.segmentStart,
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
            let mode = try context.form.decode(OfferAcceptFields.self).mode
            let field = form == "decline" ? "decline-\(ref)"
                : mode == "report" ? "report-\(ref)"
                : mode == "join" ? "join-\(ref)"
                : "\(form)-\(ref)-" + (Self.problem(e).field ?? "start")
            var problem = Self.problem(e)
            problem.field = field
            return try await offersPage(request, context, failed: ref, problems: [problem], status: .init(code: APIError(e).status), verdicts: e.verdicts)
        }
    }

    func offersPage(_ request: Request, _ context: DeskContext, failed: String? = nil, problems: [Page.Problem] = [],
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
        // A suggested free time chosen (`?offer=OF-0002&slot=0`): its offer's form filled in with it.
        let query = request.uri.queryParameters
        let chosen = failed == nil ? query["offer"].map(String.init) : nil, slot = query["slot"].flatMap { Int(String($0)) }
        let list = try await desk.offers(as: v.id, page: try Self.pageRequest(request, "offers"), offeredOnly: true)
        let offers = list.items.map { o -> [String: Any] in
            let typed = failed == o.ref ? accept : blank, reason = failed == o.ref ? decline.reason : nil
            let present = Set(typed.attendee)
            let answerable = o.status == "open" && v.requests && (v.group == o.group)
            let use = chosen == o.ref ? slot.flatMap { o.suggestedSlots.indices.contains($0) ? o.suggestedSlots[$0] : nil } : nil
            // A whole local time sent in one field is shown in the date and time boxes.
            let start = use?.start ?? (typed.startDate == nil && typed.startTime == nil ? typed.start : nil)
            var d: [String: Any] = [
                "ref": o.ref, "briefing": o.briefing, "title": o.title, "group": c.name(o.group), "officers": o.officers.joined(separator: ", "),
                "status": Self.offerStatus(o.status), "statusTag": Self.statusTag(o.status), "answerable": answerable,
                "report": o.writtenReport == true, "briefingHref": DeskLink.briefing(o.briefing),
                "joint": o.joint.map { s -> [String: Any] in
                    ["session": s.ref, "selected": typed.join == s.ref, "when": DeskTime.span(s.meetingStart, s.meetingEnd),
                     "part": DeskTime.span(s.segmentStart, s.segmentEnd), "venue": Self.venue(s.venue, c), "host": c.name(s.host)]
                },
                "hasJoint": !o.joint.isEmpty,
                "slots": o.suggestedSlots.enumerated().map { i, s -> [String: Any] in
                    ["when": DeskTime.span(s.start, s.end), "part": DeskTime.span(s.segmentStart, s.segmentEnd), "room": s.roomName,
                     "href": "/desk/offers?offer=\(o.ref)&slot=\(i)#accept-\(o.ref)-startDate", "chosen": use == s]
                },
                "hasSlots": answerable && o.writtenReport != true && !o.suggestedSlots.isEmpty, "filled": use != nil,
                "members": members.map { ["id": $0.id, "label": $0.name, "checked": failed == o.ref ? present.contains($0.id) : $0.id == v.id,
                                          "selected": typed.onBehalfOf == $0.id] },
                "askers": askers.map { ["id": $0.id, "label": $0.name, "selected": typed.onBehalfOf == $0.id] },
                "rooms": rooms.map { ["id": $0.id, "label": Self.roomLabel($0), "selected": (use?.room ?? typed.room) == $0.id] },
                "startDate": start.map { String($0.prefix(10)) } ?? typed.startDate ?? "",
                "startTime": start.map { String($0.dropFirst(11)) } ?? typed.startTime ?? "",
                "durations": FormBoxes.lengths(FormBoxes.meetingLengths, selected: use?.duration ?? typed.duration ?? "2h"),
                "segmentStart": use.map { String($0.segmentStart.dropFirst(11)) } ?? typed.segmentStart ?? "",
                "segments": FormBoxes.lengths(FormBoxes.segmentLengths, selected: use?.segment ?? typed.segment ?? "45m"),
                "virtual": typed.virtual ?? "",
                "venueVirtual": use == nil && typed.venue == "virtual", "reason": reason ?? "", "assistant": v.assistant,
            ]
            if o.status == "open", let by = o.answerBy, let date = LocalDate(by) { d["answerBy"] = DeskTime.day(date) }
            if let by = o.answeredBy { d["answeredBy"] = c.name(by) }
            if let reason = o.reason { d["answerReason"] = reason }
            if failed == o.ref, !verdicts.isEmpty { d["verdicts"] = Self.groups(verdicts, level: 4); d["hasVerdicts"] = true }
            return d
        }
        let heading = v.oversight ? "Every offer" : v.group.map { "Offers to \(c.name($0))" } ?? "Offers"
        var page = Page(template: "offers", title: heading, status: status, values: ["offers": offers, "empty": offers.isEmpty, "heading": heading,
                                                                              "pagination": Self.pagination(list, "/desk/offers", "offer")])
        page.errors = problems
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
