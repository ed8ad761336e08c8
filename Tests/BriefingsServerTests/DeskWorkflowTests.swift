import BriefingsDomain
@testable import BriefingsServer
import BriefingsStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 23: every step in the workflow table (`Transition.allCases`) has a page, for a role that may take it. For each
/// step, on the demo council, a person who may take it signs in, opens the page where the step is taken, finds the form
/// that posts to the step's route, fills in only the boxes that form has, sends it, and the step has happened. A step
/// with no page, or a form lacking a box the step needs, fails here.
@Suite("Web desk: every step of the workflow table on a page")
struct DeskWorkflowTests {
    /// Steps with no page yet: none. A known gap that starts working fails this test too: take it out of this set, so the
    /// set stays honest.
    static let knownGaps: Set<Transition> = []

    /// One form to send: the route it posts to (`action`, or a button's `formaction`), a text the form must hold to
    /// tell it from others posting there (`marker`), and the boxes to fill (each must be in the form).
    struct Hop {
        var action: String
        var marker: String? = nil
        var fill: [(String, String)] = []
    }

    /// One way of taking a step: who, from which page, the forms in turn (the next on the page the last one led to),
    /// and whether it happened.
    struct Way: @unchecked Sendable {
        var name: String
        var person: String
        var setup: @Sendable (Fixture) async throws -> Void = { _ in }
        var page: String
        var hops: [Hop]
        var happened: @Sendable (BriefingDesk) async throws -> Bool
    }

    static let newTime = [("startDate", "2026-12-08"), ("startTime", "14:00"), ("reason", "The room is needed that day")]

    static func session(_ d: BriefingDesk, _ ref: String = "SE-0001") async throws -> Desk.SessionView { try await d.session(ref, as: "o-ceo") }

    /// A joint session SE-0002 of Labour's that other groups may join.
    static func joint(_ f: Fixture) async throws {
        var form = Fixture.form(group: "LAB", start: "2026-12-09T14:00", room: "cr2")
        form.joint = true
        _ = try await f.desk.approve(try await f.desk.submitRequest(form, as: "m-patel").ref, as: "o-ceo", judged: Set(BriefingsDomain.Approval.judgedRules))
    }

    /// The ways each step is taken on the desk. Exhaustive: a new step in the table does not compile until it has its ways.
    static func ways(_ t: Transition) -> [Way] {
        let request = [("matter", "Workflow briefing"), ("area", "planning"), ("officer[]", "o-dir-place"), ("startDate", "2026-12-16"),
                       ("startTime", "14:00"), ("duration", "2h"), ("segment", "45m"), ("venue", "room"), ("room", "cr1"), ("attendee[]", "m-patel"),
                       ("meeting", "Cabinet 17 December 2026")]
        let asked = { @Sendable (d: BriefingDesk, kind: String) in try await d.requests(as: "m-patel").contains { $0.matter == "Workflow briefing" && $0.kind == kind } }
        switch t {
        case .request:
            return [Way(name: "the group leader asks", person: "m-patel", page: "/desk/requests/new",
                        hops: [Hop(action: "/desk/requests/check", fill: request), Hop(action: "/desk/requests")],
                        happened: { try await asked($0, "request") })]
        case .writtenReport:
            // The request form's choice of a written report instead of officers attending, and the day it is wanted by.
            let report = request.filter { !["startDate", "startTime", "duration", "segment", "venue", "room", "attendee[]"].contains($0.0) }
                + [("kind", "report"), ("reportDue", "2026-12-10")]
            return [Way(name: "the group leader asks for a written report", person: "m-patel", page: "/desk/requests/new",
                        hops: [Hop(action: "/desk/requests/check", fill: report), Hop(action: "/desk/requests")],
                        happened: { try await asked($0, "written-report") })]
        case .takeUp:
            return [Way(name: "the Conservative leader takes up an offer", person: "m-hughes", page: "/desk/offers",
                        hops: [Hop(action: #"/desk/offers/OF-\d{4}/accept"#, marker: "value=\"own\"",
                                   fill: [("startDate", "2026-12-08"), ("startTime", "10:00"), ("duration", "2h"), ("segment", "45m"), ("venue", "room"),
                                          ("room", "cr2"), ("attendee[]", "m-hughes")])],
                        happened: { try await $0.offers(as: "m-hughes").contains { $0.status != "open" } })]
        case .join:
            return [Way(name: "the Green leader joins a joint session", person: "m-nowak", setup: joint, page: "/desk/offers",
                        hops: [Hop(action: #"/desk/offers/OF-\d{4}/accept"#, marker: "value=\"SE-0002\"", fill: [("join", "SE-0002"), ("attendee[]", "m-nowak")])],
                        happened: { try await session($0, "SE-0002").groups.contains("GRN") })]
        case .reschedule:
            return ["m-patel", "o-ceo"].map { person in
                Way(name: "\(person) moves the session", person: person, page: "/desk/sessions/SE-0001",
                    hops: [Hop(action: "/desk/sessions/SE-0001/move", fill: newTime)],
                    happened: { try await session($0).meetingStart.hasPrefix("2026-12-08T14:00") })
            }
        case .withdraw:
            return [Way(name: "the Green leader withdraws from a joint session", person: "m-nowak",
                        setup: { f in
                            try await joint(f)
                            let offer = try await f.desk.offers(as: "m-nowak").first { $0.joint.contains { $0.ref == "SE-0002" } }!
                            _ = try await f.desk.acceptOffer(offer.ref, as: "m-nowak", onBehalfOf: nil, join: "SE-0002", session: nil, attendees: ["m-nowak"], guests: [])
                        },
                        page: "/desk/sessions/SE-0002", hops: [Hop(action: "/desk/sessions/SE-0002/withdraw", fill: [("reason", "Our meeting moved")])],
                        happened: { try await session($0, "SE-0002").groups == ["LAB"] })]
        case .cancel:
            return ["m-patel", "o-ceo"].map { person in
                Way(name: "\(person) cancels the session", person: person, page: "/desk/sessions/SE-0001",
                    hops: [Hop(action: "/desk/sessions/SE-0001/cancel", fill: [("reason", "No longer needed")])],
                    happened: { try await session($0).status == "cancelled" })
            }
        case .officerConfirm, .officerDecline:
            let (answer, fill, response) = t == .officerConfirm ? ("confirm", [(String, String)](), "confirmed") : ("decline", [("reason", "Too political")], "declined")
            return [Way(name: "the invited officer \(answer)s", person: "o-dir-place", page: "/desk/sessions/SE-0001",
                        hops: [Hop(action: "/desk/sessions/SE-0001/respond", marker: "value=\"\(answer)\"", fill: fill)],
                        happened: { try await session($0).officers.first { $0.officer == "o-dir-place" }?.response == response })]
        case .officerPropose:
            let propose = { @Sendable (f: Fixture) in
                _ = try await f.desk.proposeTime("SE-0001", as: "o-dir-place", to: SessionForm(start: "2026-12-08T14:00", duration: "2h", segment: "45m"),
                                                 reason: "Committee on Monday")
            }
            return [
                Way(name: "the invited officer proposes another time", person: "o-dir-place", page: "/desk/sessions/SE-0001",
                    hops: [Hop(action: "/desk/sessions/SE-0001/propose", fill: [("start", "2026-12-08T14:00"), ("reason", "Committee on Monday")])],
                    happened: { try await session($0).proposals.isEmpty == false }),
                Way(name: "the host group takes the proposed time", person: "m-patel", setup: propose, page: "/desk/sessions/SE-0001",
                    hops: [Hop(action: #"/desk/sessions/SE-0001/proposals/TP-\d{4}"#, marker: "value=\"take\"")],
                    happened: { try await session($0).meetingStart.hasPrefix("2026-12-08T14:00") }),
                Way(name: "the host group refuses the proposed time", person: "m-patel", setup: propose, page: "/desk/sessions/SE-0001",
                    hops: [Hop(action: #"/desk/sessions/SE-0001/proposals/TP-\d{4}"#, marker: "value=\"refuse\"", fill: [("reason", "Monday suits the group")])],
                    happened: { try await session($0).proposals.first?.status == "refused" }),
            ]
        case .nominate:
            return [
                Way(name: "the senior officer sends a representative", person: "o-dir-place", page: "/desk/sessions/SE-0001",
                    hops: [Hop(action: "/desk/sessions/SE-0001/respond", marker: "value=\"nominate\"",
                               fill: [("representative", "o-mgr-planning"), ("reason", "Leo leads on the Local Plan")])],
                    happened: { d in
                        let answered = try await session(d).officers.first { $0.officer == "o-dir-place" }?.response != "invited"
                        let queued = try await d.queue(as: "o-ceo").contains { $0.kind == "nomination" }
                        return answered || queued
                    }),
                // The request form's nominee and the senior officer who nominates them.
                Way(name: "the group names a nominee on the request form", person: "m-patel", page: "/desk/requests/new",
                    hops: [Hop(action: "/desk/requests/check", fill: request + [("nominee", "o-planner"), ("nominator", "o-dir-place")]),
                           Hop(action: "/desk/requests")],
                    happened: { try await asked($0, "request") }),
                Way(name: "the senior officer confirms the group's nominee", person: "o-dir-place",
                    setup: { f in
                        var form = Fixture.form(group: "LAB", start: "2026-12-16T14:00")
                        form.officers = ["o-dir-place"]
                        form.nominees = ["o-planner=o-dir-place"]
                        _ = try await f.desk.approve(try await f.desk.submitRequest(form, as: "m-patel").ref, as: "o-ceo", judged: Set(BriefingsDomain.Approval.judgedRules))
                    },
                    page: "/desk/sessions/SE-0002",
                    hops: [Hop(action: "/desk/sessions/SE-0002/respond", marker: "value=\"endorse\"", fill: [("answer", "endorse")])],
                    happened: { try await session($0, "SE-0002").officers.first { $0.officer == "o-planner" }?.nominationConfirmed == true }),
            ]
        case .decide:
            return [Way(name: "the approver agrees a request", person: "o-ceo", page: "/desk/queue/RQ-0002",
                        hops: [Hop(action: "/desk/queue/RQ-0002/approve", fill: judgedBoxes)],
                        happened: { try await $0.request("RQ-0002", as: "o-ceo").status == "approved" })]
        }
    }

    /// Takes one way through the desk; nil when the step happened, else what went wrong.
    static func take(_ way: Way) async throws -> String? {
        let f = try await Fixture.make()
        try await way.setup(f)
        return try await f.app.test(.router) { client -> String? in
            let b = DeskBrowser(client)
            try await b.signIn(way.person, desk: f.desk)
            var page = try await b.get(way.page)
            guard page.status == 200 else { return "\(way.page) answered \(page.status)" }
            for hop in way.hops {
                guard let form = HTMLForm.all(in: page.body).first(where: { form in form.posts(to: hop.action) && (hop.marker.map { form.html.contains($0) } ?? true) }) else {
                    return "no form on the page posting to \(hop.action)\(hop.marker.map { " holding \($0)" } ?? "")"
                }
                let missing = hop.fill.map { $0.0 }.filter { !form.names.contains($0) }
                guard missing.isEmpty else { return "the form posting to \(hop.action) has no box \(missing)" }
                let target = form.route(hop.action) ?? hop.action
                let sent = try await b.post(target, form.filled(hop.fill), csrf: "")
                if sent.status == 303 { page = try await b.get(sent.location ?? "/desk") } else { page = sent }
                if sent.status != 303 && sent.status != 200 { return "\(target) answered \(sent.status): \(Self.summary(sent.body))" }
            }
            return try await way.happened(f.desk) ? nil : "the step did not happen: \(Self.summary(page.body))"
        }
    }

    /// The error summary of a page, or its flash message, for a failure's description.
    static func summary(_ html: String) -> String {
        for marker in ["class=\"error-summary\"", "role=\"status\""] {
            if let r = html.range(of: marker) { return String(html[r.upperBound...].prefix(600)) }
        }
        return String(html.prefix(300))
    }

    @Test("each step of the workflow table is taken from a page by a role that may take it", arguments: Transition.allCases)
    func step(_ t: Transition) async throws {
        var failures: [String] = []
        for way in Self.ways(t) {
            if let problem = try await Self.take(way) { failures.append("\(way.name): \(problem)") }
        }
        if Self.knownGaps.contains(t) {
            #expect(!failures.isEmpty, "\(t.rawValue) works on the desk now: take it out of DeskWorkflowTests.knownGaps")
        } else {
            #expect(failures.isEmpty, "\(t.rawValue) has no page for every way it is taken: \(failures)")
        }
    }
}

/// A form on a page, as a browser reads it: where it posts, its boxes, and what it sends untouched.
struct HTMLForm {
    let html: String
    let action: String
    /// The routes its buttons post to instead (`formaction`).
    let formactions: [String]
    /// What the form sends as it stands: hidden and filled boxes, ticked choices, a select's chosen (or first) option.
    let fields: [(String, String)]
    /// Every box's name.
    let names: Set<String>

    static func all(in page: String) -> [HTMLForm] {
        matches(#"<form\b[^>]*>.*?</form>"#, page).map { HTMLForm(html: $0) }
    }

    init(html: String) {
        self.html = html
        action = Self.attribute("action", in: Self.matches(#"<form\b[^>]*>"#, html).first ?? "") ?? ""
        formactions = Self.matches(#"<button\b[^>]*>"#, html).compactMap { Self.attribute("formaction", in: $0) }
        var fields: [(String, String)] = [], names = Set<String>()
        for tag in Self.matches(#"<input\b[^>]*>"#, html) {
            guard let name = Self.attribute("name", in: tag) else { continue }
            names.insert(name)
            let type = Self.attribute("type", in: tag) ?? "text", value = Self.attribute("value", in: tag) ?? ""
            if ["checkbox", "radio"].contains(type) { if tag.contains(" checked") { fields.append((name, value)) } } else { fields.append((name, value)) }
        }
        for area in Self.matches(#"<textarea\b[^>]*>.*?</textarea>"#, html) {
            guard let name = Self.attribute("name", in: area) else { continue }
            names.insert(name)
            let text = area.drop { $0 != ">" }.dropFirst()
            fields.append((name, Self.unescape(String(text.dropLast("</textarea>".count)))))
        }
        for select in Self.matches(#"<select\b[^>]*>.*?</select>"#, html) {
            guard let name = Self.attribute("name", in: select) else { continue }
            names.insert(name)
            let options = Self.matches(#"<option\b[^>]*>"#, select)
            if let chosen = options.first(where: { $0.contains(" selected") }) ?? options.first { fields.append((name, Self.attribute("value", in: chosen) ?? "")) }
        }
        // A named button is sent only when it is the one pressed: a box to fill (`answer=endorse`), never sent by itself.
        for button in Self.matches(#"<button\b[^>]*>"#, html) { if let name = Self.attribute("name", in: button) { names.insert(name) } }
        self.fields = fields
        self.names = names
    }

    func posts(to pattern: String) -> Bool { route(pattern) != nil }

    /// The route (an exact path or a pattern) this form or one of its buttons posts to.
    func route(_ pattern: String) -> String? {
        ([action] + formactions).first { $0.wholeMatch(of: try! Regex(pattern)) != nil }
    }

    /// What the form sends with these boxes filled in (a choice or a text box replaced; `name[]` boxes added to).
    func filled(_ fill: [(String, String)]) -> [(String, String)] {
        var out = fields
        for name in Set(fill.map { $0.0 }) where !name.hasSuffix("[]") { out.removeAll { $0.0 == name } }
        for (name, value) in fill where !out.contains(where: { $0 == (name, value) }) { out.append((name, value)) }
        return out
    }

    static func matches(_ pattern: String, _ text: String) -> [String] {
        let re = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators, .caseInsensitive])
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        let re = try! NSRegularExpression(pattern: "\\s\(name)=\"([^\"]*)\"")
        let ns = tag as NSString
        guard let m = re.firstMatch(in: tag, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return unescape(ns.substring(with: m.range(at: 1)))
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
