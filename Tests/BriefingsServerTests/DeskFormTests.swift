import BriefingsDomain
import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// How the desk reads what a browser posts: each form's field names are taken from the page, as a browser does, so the
/// same tests hold whatever names the templates give (`attendee` or `attendee[]`). Values are trimmed, a blank field is
/// absent, a textarea's CRLF is kept as LF, checkbox lists repeat, an unknown field is ignored, and a body that is not
/// properly encoded (or carries a control character) gets the desk's own 400 page before anything else is judged.
@Suite("Web desk: forms")
struct DeskFormTests {
    @Test("a request's repeated attendees all arrive, trimmed; a blank field is absent, CRLF becomes LF, an unknown field is ignored")
    func request() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-patel", desk: f.desk)
            let page = try await b.get("/desk/requests/new")
            let attendee = try #require(Self.name(of: "attendee-m-okafor", in: page.body))
            let officer = try #require(Self.name(of: "officer-o-dir-place", in: page.body))
            #expect(Self.name(of: "attendee-m-patel", in: page.body) == attendee)
            let fields: [(String, String)] = [
                ("matter", "  Town centre car parks  "), ("details", "Two questions:\r\n1. the numbers\r\n2. the timetable\r\n"),
                ("area", "transport"), ("meeting", "Cabinet"), ("meetingDate", "   "), ("onBehalfOf", ""), (officer, "o-dir-place"),
                ("start", "2026-12-15T18:30"), ("duration", " 2h "), ("segment", "45m"), ("venue", "room"), ("room", "cr2"),
                (attendee, "m-patel"), (attendee, " m-okafor "), (attendee, ""), ("colour", "blue"),
            ]
            let checked = try await b.post("/desk/requests/check", fields)
            #expect(checked.status == 200, "\(checked.body.prefix(600))")
            #expect(checked.body.contains("value=\"Town centre car parks\""), "the matter is shown trimmed")
            #expect(checked.body.contains("value=\"m-patel\" checked") && checked.body.contains("value=\"m-okafor\" checked"),
                    "both attendees are still ticked")
            // A control character in any value, a ticked box's too, is refused at the door under the field's name.
            let esc = try await b.post("/desk/requests/check", fields + [(attendee, "m-brown\u{1B}")])
            #expect(esc.status == 400 && esc.body.contains("Attendee: contains ESC (U+001B) at character 8"), "\(esc.status)")
            let sent = try await b.post("/desk/requests", fields)
            #expect(sent.status == 303 && sent.location == "/desk/requests/RQ-0003", "\(sent.status) \(sent.body.prefix(600))")
            let p = try await f.desk.request("RQ-0003", as: "m-patel").proposal
            #expect(p.attendees == [.person("m-patel"), .person("m-okafor")])
            #expect(p.matter.title == "Town centre car parks")
            #expect(p.matter.details == "Two questions:\n1. the numbers\n2. the timetable")
            #expect(p.matter.meetingDate == nil && p.onBehalfOf == nil)
            #expect(p.officers.map(\.officer) == ["o-dir-place"])
        }
    }

    @Test("an offer taken up with two attendees: both kept when refused, both at the session when taken up")
    func offer() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-hughes", desk: f.desk)
            let page = try await b.get("/desk/offers")
            let attendee = try #require(Self.name(of: "accept-OF-0002-attendee-m-lewis", in: page.body))
            let fields: [(String, String)] = [("mode", "own"), ("start", "2026-10-01T10:00"), ("venue", "room"), ("room", "chamber"),
                                              (attendee, "m-hughes"), (attendee, "m-lewis")]
            let before = try f.snapshot()
            let past = try await b.post("/desk/offers/OF-0002/accept", fields)
            #expect(past.status == 400 && past.body.contains("in the past"), "\(past.status)")
            #expect(past.body.contains("id=\"accept-OF-0002-attendee-m-hughes\" name=\"\(attendee)\" value=\"m-hughes\" checked"))
            #expect(past.body.contains("id=\"accept-OF-0002-attendee-m-lewis\" name=\"\(attendee)\" value=\"m-lewis\" checked"))
            #expect(try f.snapshot() == before)
            let taken = try await b.post("/desk/offers/OF-0002/accept", fields.map { $0.0 == "start" ? ("start", "2026-12-08T10:00") : $0 })
            #expect(taken.status == 303, "\(taken.status) \(taken.body.prefix(600))")
            let c = try await f.desk.council()
            let own = try await f.desk.sessions(as: "m-hughes").filter { $0.groups == ["CON"] }
            #expect(own.map(\.attendees) == [[c.name("m-hughes"), c.name("m-lewis")]])
        }
    }

    @Test("the approver's reason for each refer rule arrives as override[rule], trimmed, CRLF as LF; an unknown rule is refused as before")
    func overrides() async throws {
        let f = try await Fixture.make()
        _ = try await f.desk.submitRequest(Fixture.form(group: "LAB", start: "2026-12-15T18:30", room: "cr2"), as: "m-patel")
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            let queue = try await b.get("/desk/queue/RQ-0003")
            let box = try #require(Self.name(of: "override-RQ-0003-working-hours", in: queue.body))
            #expect(box == "override[working-hours]")
            let before = try f.snapshot()
            let unknown = try await b.post("/desk/queue/RQ-0003/approve", [(box, "Agreed"), ("override[vibes]", "fine")] + judgedBoxes)
            #expect(unknown.status == 400 && unknown.body.contains("&#39;vibes&#39; is not a rule"), "\(unknown.status)")
            let esc = try await b.post("/desk/queue/RQ-0003/approve", [(box, "Agreed\u{7F}")] + judgedBoxes)
            #expect(esc.status == 400 && esc.body.contains("Override[working-hours]: contains DEL (U+007F) at character 7"), "\(esc.status)")
            #expect(try f.snapshot() == before)
            let approved = try await b.post("/desk/queue/RQ-0003/approve", [(box, "  The Director agreed\r\nthe evening \r\n"), ("explainDelay", "  ")] + judgedBoxes)
            #expect(approved.status == 303 && approved.location == "/desk/queue", "\(approved.status) \(approved.body.prefix(600))")
            #expect(try await f.desk.request("RQ-0003", as: "o-ceo").overrides == ["working-hours": "The Director agreed\nthe evening"])
        }
    }

    @Test("a decline's reason keeps its lines as LF; the text typed is shown again when refused")
    func declineReason() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            try await b.get("/desk/queue")
            let blank = try await b.post("/desk/queue/RQ-0002/decline", [("reason", " \r\n ")])
            #expect(blank.status == 400 && blank.body.contains("href=\"#decline-RQ-0002\""), "\(blank.status)")
            let declined = try await b.post("/desk/queue/RQ-0002/decline", [("reason", "Not council business:\r\nsee the protocol.")])
            #expect(declined.status == 303, "\(declined.status) \(declined.body.prefix(600))")
            #expect(try await f.desk.request("RQ-0002", as: "o-ceo").reason == "Not council business:\nsee the protocol.")
        }
    }

    @Test("a body not properly encoded, a control character, or another type gets the desk's 400 page, before the CSRF check, and changes nothing")
    func badBodies() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            try await b.get("/desk/queue")
            let before = try f.snapshot()
            for body in ["_csrf=\(b.csrf)&reason=50%zz off", "_csrf=\(b.csrf)&reason=no%2", "reason=%E2%8", "_csrf=%zz&reason=no"] {
                let r = try await b.postRaw("/desk/queue/RQ-0002/decline", body)
                #expect(r.status == 400, "\(body): \(r.status)")
                #expect(r.body.contains("This form could not be read") && r.body.contains("The form&#39;s data is not properly encoded"), "\(body)")
                #expect(r.body.contains("Go back, correct the form and send it again."))
            }
            let esc = try await b.postRaw("/desk/queue/RQ-0002/decline", "_csrf=\(b.csrf)&reason=a%1Bb")
            #expect(esc.status == 400 && esc.body.contains("Reason: contains ESC (U+001B) at character 2"), "\(esc.status)")
            let cr = try await b.postRaw("/desk/queue/RQ-0002/decline", "reason=a%0Db")
            #expect(cr.status == 400 && cr.body.contains("Reason: contains a carriage return without a line feed (U+000D) at character 2"))
            let json = try await b.postRaw("/desk/queue/RQ-0002/decline", #"{"reason":"no"}"#, type: "application/json")
            #expect(json.status == 400 && json.body.contains("sent as application/x-www-form-urlencoded, and this was application/json"))
            #expect(try f.snapshot() == before)
            // Still a working session: the same browser's next proper form is accepted.
            let declined = try await b.post("/desk/queue/RQ-0002/decline", [("reason", "Not council business.")])
            #expect(declined.status == 303)
        }
    }

    @Test("a password is read exactly as typed, never trimmed; the person's id and the page to go to next are trimmed")
    func password() async throws {
        let f = try await Fixture.make()
        try await f.desk.setPassword(for: "m-patel", to: " quiet evening chamber ")
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.get("/desk/signin")
            let trimmed = try await b.post("/desk/signin/password", [("person", "m-patel"), ("password", "quiet evening chamber")])
            #expect(trimmed.status == 401)
            let typed = try await b.post("/desk/signin/password", [("person", " m-patel "), ("password", " quiet evening chamber "), ("next", " /desk/offers ")])
            #expect(typed.status == 303 && typed.location == "/desk/offers", "\(typed.status) \(typed.body.prefix(600))")
        }
    }

    @Test("a plain field sent twice, or a name in no form's shape, gets the desk's 400 page; one box sent without [] is a list of one")
    func shapes() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-patel", desk: f.desk)
            try await b.get("/desk/requests/new")
            let before = try f.snapshot()
            let twice = try await b.postRaw("/desk/requests", "_csrf=\(b.csrf)&matter=Parks&attendee=m-patel&attendee=m-okafor")
            #expect(twice.status == 400 && twice.body.contains("The form sent one of its fields more than once"), "\(twice.status)")
            let shape = try await b.postRaw("/desk/requests", "_csrf=\(b.csrf)&matter[=Parks")
            #expect(shape.status == 400 && shape.body.contains("The form&#39;s field names are not the ones the desk&#39;s forms send"))
            #expect(try f.snapshot() == before)
            let one = try await b.post("/desk/requests/check", DeskRequestTests.evening.filter { !$0.0.hasPrefix("attendee") }
                                       .map { $0.0 == "officer[]" ? ("officer", $0.1) : $0 } + [("attendee", "m-okafor")])
            #expect(one.status == 200 && one.body.contains("value=\"m-okafor\" checked") && !one.body.contains("value=\"m-patel\" checked"))
            #expect(one.body.contains("value=\"o-dir-place\" checked"))
        }
    }

    /// The `name` of the element with this id, as the page gives it.
    static func name(of id: String, in html: String) -> String? {
        guard let range = html.range(of: "id=\"\(id)\" name=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

extension DeskBrowser {
    /// Posts a body exactly as given (not encoded here), with this browser's cookies.
    func postRaw(_ uri: String, _ body: String, type: String = "application/x-www-form-urlencoded") async throws -> Page {
        var headers: HTTPFields = [.contentType: type]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let r = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        return Page(status: Int(r.status.code), body: String(buffer: r.body), location: r.headers[.location])
    }
}
