import BriefingsDomain
import BriefingsStore
import Foundation
import Hummingbird

/// A group's requests: the list and where each stands, one request in full (its own group, its named officers and
/// oversight only: `confidentiality`), and the request form with its "check against the rules" step, which shows every
/// verdict (`BriefingDesk.checkRequest`) before anything is saved.
extension DeskController {
    func addRequestRoutes(to group: RouterGroup<DeskContext>) {
        group.get("requests") { request, context in try await requestsPage(request, context) }
        group.get("requests/new") { request, context in try await requestForm(request, context) }
        group.post("requests/check") { request, context in
            let v = try await viewer(context)
            let f = try context.form.decode(RequestFields.self), boxes = f.boxes()
            // Every box that is empty or unreadable at once; the rules are judged once each can be read.
            guard boxes.problems.isEmpty, let start = boxes.start else {
                return try await requestForm(request, context, problems: boxes.problems, status: .badRequest)
            }
            do {
                let verdicts = try await desk.checkRequest(Self.requestForm(f, start: start), as: v.id)
                return try await requestForm(request, context, verdicts: verdicts)
            } catch let e as DeskError where [.invalid, .notFound].contains(e.kind) {
                return try await requestForm(request, context, problems: [Self.problem(e)], status: .init(code: APIError(e).status))
            }
        }
        group.post("requests") { request, context in
            let v = try await viewer(context)
            let f = try context.form.decode(RequestFields.self), boxes = f.boxes()
            guard boxes.problems.isEmpty, let start = boxes.start else {
                return try await requestForm(request, context, problems: boxes.problems, status: .badRequest)
            }
            do {
                let receipt = try await desk.submitRequest(Self.requestForm(f, start: start), as: v.id)
                flash(receipt.message + ".", context)
                return Response.seeOther("/desk/requests/\(receipt.ref)")
            } catch let e as DeskError where [.invalid, .notFound, .refused].contains(e.kind) {
                return try await requestForm(request, context, verdicts: e.verdicts.isEmpty ? nil : e.verdicts, problems: [Self.problem(e)],
                                       status: .init(code: APIError(e).status))
            }
        }
        group.get("requests/:ref") { request, context in try await requestPage(request, context) }
        group.post("requests/:ref/flag") { request, context in
            let v = try await viewer(context)
            let ref = try Self.ref(context, "RQ")
            do {
                try await desk.flagRequest(ref, as: v.id, reason: context.form.decode(FlagFields.self).reason ?? "")
                flash("You flagged \(ref) for the \(v.council.profile.approverTitle) to determine.", context)
                return Response.seeOther("/desk/requests/\(ref)")
            } catch let e as DeskError where e.kind == .invalid {
                return try await requestPage(request, context, problem: Page.Problem(field: "flag-reason", message: e.message, fix: e.deskFix), status: .badRequest)
            }
        }
    }

    func requestsPage(_ request: Request, _ context: DeskContext) async throws -> Response {
        let v = try await viewer(context)
        let c = v.council
        let page = try await desk.requests(as: v.id, page: try Self.pageRequest(request, "requests", newestFirst: true))
        let rows = page.items.map { r -> [String: Any] in
            var d: [String: Any] = ["ref": r.ref, "matter": r.matter, "group": c.name(r.group), "requester": c.name(r.requester),
                                    "when": DeskTime.at(r.segmentStart), "submitted": DeskTime.at(r.submitted),
                                    "status": Self.statusLabel(r.status), "statusTag": Self.statusTag(r.status),
                                    "kind": r.kind == "request" ? "Request" : Self.kindLabel(r.kind).replacingOccurrences(of: "Change: ", with: "")]
            if let reason = r.reason { d["reason"] = reason }
            return d
        }
        let heading = v.oversight ? "Every request" : v.group.map { "Requests of \(c.name($0))" } ?? "Requests that name you"
        return try await render(Page(template: "requests", title: heading, values: ["rows": rows, "empty": rows.isEmpty, "heading": heading,
                                                                               "pagination": Self.pagination(page, "/desk/requests", "request"),
                                                                               "canRequest": v.requests]), request, context)
    }

    func requestPage(_ request: Request, _ context: DeskContext, problem: Page.Problem? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let ref = try Self.ref(context, "RQ")
        let v = try await viewer(context)
        let c = v.council
        let r = try await desk.request(ref, as: v.id)
        let p = r.proposal
        var values: [String: Any] = [
            "ref": r.ref, "matter": p.matter.title, "details": p.matter.details, "hasDetails": !p.matter.details.isEmpty,
            "area": p.matter.area, "group": c.name(r.group), "requester": c.name(r.requester),
            "status": Self.statusLabel(r.status), "statusTag": Self.statusTag(r.status),
            "officers": p.officers.map { Self.officerName($0.officer, c) + ($0.nominatedBy.map { ", nominated by \(c.name($0))" } ?? "") }.joined(separator: "; "),
            "meeting": DeskTime.span(p.meetingStart, p.meetingEnd), "segment": DeskTime.span(p.segmentStart, p.segmentEnd),
            "venue": Self.venue(p.venue, c), "attendees": p.attendees.map { Self.attendee($0, c) }.joined(separator: ", "),
            "hasAttendees": !p.attendees.isEmpty, "joint": p.jointWish,
            "verdicts": Self.groups(r.verdictsAtSubmission, level: 3), "hasVerdicts": !r.verdictsAtSubmission.isEmpty,
            "flags": r.flags.map { ["officer": $0.officer, "reason": $0.reason, "at": DeskTime.at($0.at)] }, "hasFlags": !r.flags.isEmpty,
            "canFlag": r.status == "pending" && p.names(officer: v.id), "flagReason": try context.form.decode(FlagFields.self).reason ?? "",
            "overrides": (r.overrides ?? [:]).sorted { $0.key < $1.key }.map { ["rule": $0.key, "reason": $0.value] },
            "hasOverrides": !(r.overrides ?? [:]).isEmpty,
        ]
        if let m = try await linkedMeeting(p.matter) { values["linkedMeeting"] = m }
        if let m = r.onBehalfOf { values["onBehalfOf"] = c.name(m) }
        if let d = r.decidedBy { values["decidedBy"] = c.name(d) + (r.decidedRole.map { " (\($0))" } ?? "") }
        if let reason = r.reason { values["reason"] = reason }
        if let b = r.briefing { values["briefing"] = b }
        var page = Page(template: "request", title: "\(r.ref): \(p.matter.title)", status: status, values: values)
        if let problem { page.errors = [problem] }
        return try await render(page, request, context)
    }

    /// The request form, empty or as sent, with the verdicts of a check and any problem.
    func requestForm(_ request: Request, _ context: DeskContext, verdicts: [Verdict]? = nil, problems: [Page.Problem] = [],
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let v = try await viewer(context)
        let c = v.council
        let f = try context.form.decode(RequestFields.self)
        let chosen = Set(f.officer), present = Set(f.attendee)
        let officers = c.roster.officers.filter { $0.id != c.roster.approver }.map { o -> [String: Any] in
            ["id": o.id, "label": "\(o.name), \(o.title)", "checked": chosen.contains(o.id), "remit": o.remit.joined(separator: ", ")]
        }
        // Anyone below a senior officer attends as a senior officer's nominee (senior-officer), whom that officer endorses.
        let senior = { (o: Officer) in o.isSenior(assistantDirectorsAreSenior: c.profile.assistantDirectorsAreSenior) }
        let nominees = c.roster.officers.filter { !senior($0) }.map { o -> [String: Any] in
            ["id": o.id, "label": "\(o.name), \(o.title)", "selected": f.nominee == o.id]
        }
        let nominators = c.roster.officers.filter { senior($0) && $0.id != c.roster.approver }.map { o -> [String: Any] in
            ["id": o.id, "label": "\(o.name), \(o.title)", "selected": f.nominator == o.id]
        }
        let members = (v.group.map { c.roster.members(of: $0) } ?? []).map { m -> [String: Any] in
            ["id": m.id, "label": m.name, "checked": request.method == .get ? m.id == v.id : present.contains(m.id),
             "selected": f.onBehalfOf == m.id]
        }
        // An assistant asks on behalf of a member who could ask themself (`001 §4.9`): the group's leader, or under 002 anyone.
        let askers = (v.group.map { c.roster.members(of: $0) } ?? []).filter { c.mayAsk($0.id, for: $0.party) }.map { m -> [String: Any] in
            ["id": m.id, "label": m.name, "selected": f.onBehalfOf == m.id]
        }
        let venue = f.venue ?? "room"
        let rooms = c.roster.rooms.map { r -> [String: Any] in ["id": r.id, "label": Self.roomLabel(r), "selected": f.room == r.id] }
        // The committee calendar's forthcoming meetings (`briefings meetings import`), when there are any.
        let committeeMeetings = try await desk.committeeMeetings().filter { $0.status == .scheduled }.map { m -> [String: Any] in
            ["ref": m.ref, "label": "\(m.committee), \(DeskTime.day(m.date))\(m.time.map { ", \($0)" } ?? "")", "selected": f.meetingId == m.ref]
        }
        let areas = Set(c.roster.officers.flatMap(\.remit)).subtracting(["all"]).sorted().map { ["area": $0, "selected": f.area == $0] }
        // A whole local time sent in one field is shown in the date and time boxes.
        let legacy = f.startDate == nil && f.startTime == nil ? f.start.map { ($0.prefix(10), $0.dropFirst(11)) } : nil
        var values: [String: Any] = [
            "matter": f.matter ?? "", "details": f.details ?? "", "meeting": f.meeting ?? "", "meetingDate": f.meetingDate ?? "",
            "committeeMeetings": committeeMeetings, "hasCommitteeMeetings": !committeeMeetings.isEmpty,
            "areas": areas, "noArea": f.area == nil, "officers": officers, "members": members, "askers": askers, "rooms": rooms,
            "startDate": legacy.map { String($0.0) } ?? f.startDate ?? "", "startTime": legacy.map { String($0.1) } ?? f.startTime ?? "",
            "durations": FormBoxes.lengths(FormBoxes.meetingLengths, selected: f.duration ?? "2h"),
            "segmentStart": f.segmentStart ?? "", "segments": FormBoxes.lengths(FormBoxes.segmentLengths, selected: f.segment ?? "45m"),
            "venueRoom": venue == "room", "venueVirtual": venue == "virtual", "venuePremises": venue == "premises",
            "virtual": f.virtual ?? "", "premises": f.premises ?? "",
            "premisesOther": f.premisesKind == "other", "premisesParty": f.premisesKind == "party",
            "guests": f.guests ?? "", "joint": f.joint != nil, "budget": f.budget != nil,
            "kindReport": f.writtenReport, "reportDue": f.reportDue ?? "", "nominees": nominees, "nominators": nominators,
            "assistant": v.assistant, "approverTitle": c.profile.approverTitle,
            "group": v.group.map { c.name($0) } ?? c.name(v.id),
        ]
        if let verdicts {
            values["checked"] = true
            values["verdicts"] = Self.groups(verdicts, level: 3)
            values["blocked"] = !verdicts.blocking.isEmpty
            values["referred"] = Self.count(verdicts.referred.count, "rule")
            values["sendable"] = verdicts.blocking.isEmpty
            values["hasReferred"] = !verdicts.referred.isEmpty
        }
        for problem in problems {
            guard let field = problem.field else { continue }
            values["err_" + field.replacingOccurrences(of: "-", with: "_")] = Page.Problem.sentence(DeskTime.text(problem.message))
        }
        var page = Page(template: "request-form", title: verdicts == nil ? "Ask for a briefing" : "Check your request", status: status, values: values)
        page.errors = problems
        return try await render(page, request, context)
    }

    /// A `RequestForm` from the page's fields: the same form the command line and the JSON API fill in.
    static func requestForm(_ f: RequestFields, start: String) -> RequestForm {
        let venue = f.venue ?? "room"
        let guests = (f.guests ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let nominees = f.nominee.map { ["\($0)=\(f.nominator ?? "")"] }
        if f.writtenReport {
            return RequestForm(group: nil, onBehalfOf: f.onBehalfOf, matter: f.matter ?? "", details: f.details, area: f.area ?? "",
                               meeting: f.meeting, officers: f.officer, nominees: nominees, meetingDate: f.meetingDate, session: nil,
                               writtenReport: true, reportDue: f.reportDue, meetingId: f.meetingId)
        }
        return RequestForm(
            group: nil, onBehalfOf: f.onBehalfOf, matter: f.matter ?? "", details: f.details, area: f.area ?? "",
            meeting: f.meeting, officers: f.officer, nominees: nominees, joint: f.joint != nil, budget: f.budget != nil ? true : nil,
            meetingDate: f.meetingDate,
            session: SessionForm(start: start, duration: f.duration, segmentStart: f.segmentStart, segment: f.segment,
                                 room: venue == "room" ? f.room : nil, virtual: venue == "virtual" ? f.virtual : nil,
                                 premises: venue == "premises" ? f.premises : nil,
                                 partyPremises: venue == "premises" ? f.premisesKind.map { $0 == "party" } : nil,
                                 attendees: f.attendee, guests: guests),
            meetingId: f.meetingId)
    }

    /// A refusal of the request form, linked to the field it is about.
    static func problem(_ e: DeskError) -> Page.Problem {
        let m = e.message.lowercased()
        let field: String =
            m.hasPrefix("committee meeting") ? "meetingId"
            : m.contains("report due") || m.contains("report needs the date") ? "reportDue"
            : m.contains("written report") && m.contains("budget") ? "budget"
            : m.hasPrefix("nominee") ? "nominee"
            : m.hasPrefix("segment start") ? "segmentStart"
            : m.hasPrefix("start") || m.contains("meeting starts") || m.contains("in the past") ? "startDate"
            : m.hasPrefix("duration") || m.contains("longer than 12 hours") || m.contains("meeting ends") ? "duration"
            : m.hasPrefix("segment") || m.contains("officers' part") ? "segment"
            : m.hasPrefix("meeting date") ? "meetingDate"
            : m.hasPrefix("matter") || m.contains("no title") ? "matter"
            : m.contains("venue") || m.contains("room") || m.contains("premises") || m.hasPrefix("virtual") ? "venue-room"
            : m.contains("officer") ? "officers"
            : m.contains("attendee") || m.contains("on the roster") || m.hasPrefix("guest") ? "attendees"
            : m.contains("on-behalf-of") || m.contains("on behalf of") ? "onBehalfOf"
            : e.rule.flatMap { ruleField[$0] } ?? "matter"
        var text = e.message
        if let rule = e.rule { text = "[\(rule.rawValue)] " + text }
        return Page.Problem(field: field, message: text, fix: e.deskFix)
    }

    /// Which field of the request form a refusing rule points at.
    static let ruleField: [RuleID: String] = [
        .membersOnly: "attendees", .venue: "venue-room", .seniorOfficer: "officers", .professionalRemit: "area",
        .noDoubleBooking: "startDate", .workingHours: "startTime", .councilBusiness: "meeting", .noIndividualMatter: "matter",
        .briefingBeforePolitics: "segment", .requester: "matter", .confidentiality: "attendees",
    ]

    static func statusLabel(_ status: String) -> String {
        switch status {
        case "pending": "Waiting for the approver"
        case "approved": "Approved"
        case "declined": "Declined"
        default: status.capitalized
        }
    }

    static func statusTag(_ status: String) -> String {
        switch status {
        case "pending", "open", "invited", "tentative": "tag-info"
        case "approved", "accepted", "confirmed", "scheduled", "requested": "tag-pass"
        case "declined", "cancelled", "lapsed": "tag-block"
        default: "tag-grey"
        }
    }

    /// A room for a list to choose from: its name, and its seats where the roster gives them.
    static func roomLabel(_ room: Room) -> String { room.name + (room.capacity.map { " (\($0) seats)" } ?? "") }

    static func officerName(_ id: String, _ c: BriefingDesk.Council) -> String {
        c.roster.officer(id).map { "\($0.name), \($0.title)" } ?? c.name(id)
    }

    static func venue(_ v: Venue, _ c: BriefingDesk.Council) -> String {
        switch v {
        case .room(let r): c.roster.room(r)?.name ?? r
        case .virtual(let link): "Online: \(link)"
        case .external(let d, let party): d + (party ? " (a political party's premises)" : " (not council premises)")
        case .writtenReport: "No meeting: a written report"
        }
    }

    static func attendee(_ a: Attendee, _ c: BriefingDesk.Council) -> String {
        switch a {
        case .person(let id): c.name(id)
        case .guest(let name): "\(name) (guest)"
        }
    }

    /// The meeting a request informs, as its pages say it: a committee meeting from the council's calendar as it stands
    /// now ("meeting moved to …", "meeting cancelled"), else the name and date the request gave.
    func linkedMeeting(_ m: Matter) async throws -> String? {
        if let ref = m.meetingID, let cm = try await desk.committeeMeeting(ref) {
            if cm.status == .cancelled { return "\(cm.committee), \(DeskTime.day(cm.date)): meeting cancelled" }
            if let was = cm.previousDate { return "\(cm.committee): meeting moved to \(DeskTime.day(cm.date)) (was \(DeskTime.day(was)))" }
            return "\(cm.committee) (\(DeskTime.day(cm.date)))"
        }
        return m.linkedMeeting.map { $0 + (m.meetingDate.map { " (\(DeskTime.day($0)))" } ?? "") }
    }
}
