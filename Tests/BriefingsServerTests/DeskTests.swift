import BriefingsDomain
@testable import BriefingsServer
import BriefingsStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The web desk over the fixture council: signing in, the approver's queue, and the refusals a browser meets.
@Suite("Web desk")
struct DeskTests {
    @Test("a sign-in link signs in once; used again it is refused, and the desk redirects to sign in without a session")
    func signInLink() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            let home = try await b.get("/desk/queue")
            #expect(home.status == 303 && home.location == "/desk/signin?next=/desk/queue")
            let link = try await f.desk.issueSignInLink(for: "o-ceo").secret
            let ask = try await b.get("/desk/signin/link/\(link)")
            #expect(ask.status == 200 && ask.body.contains("Sign in as Catherine Moss"))
            let used = try await b.post("/desk/signin/link", [("secret", link), ("next", "/desk/queue")])
            #expect(used.status == 303 && used.location == "/desk/queue")
            #expect(b.cookies["briefings_session"] != nil)
            let queue = try await b.get("/desk/queue")
            #expect(queue.status == 200 && queue.body.contains("RQ-0002"), "\(queue.body.prefix(500))")
            #expect(queue.body.contains("Signed in as Catherine Moss"))
            // A second browser with the same link: refused, on opening it and on pressing Continue.
            let other = DeskBrowser(client)
            let again = try await other.get("/desk/signin/link/\(link)")
            #expect(again.status == 401 && again.body.contains("This sign-in link does not work"))
            try await other.get("/desk/signin")
            let reuse = try await other.post("/desk/signin/link", [("secret", link)])
            #expect(reuse.status == 401 && reuse.body.contains("There is a problem"))
            #expect(other.cookies["briefings_session"] == nil)
        }
    }

    @Test("the queue: a refer verdict needs the approver's reason; refused without one (linked to its box), approved with one")
    func queueApproval() async throws {
        let f = try await Fixture.make()
        // An evening session: outside the Director's hours, so working-hours refers it to the approver.
        _ = try await f.desk.submitRequest(Fixture.form(group: "LAB", start: "2026-12-15T18:30", room: "cr2"), as: "m-patel")
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            let queue = try await b.get("/desk/queue/RQ-0003")
            #expect(queue.body.contains("RQ-0003") && queue.body.contains("Needs your reason"))
            #expect(queue.body.contains("id=\"override-RQ-0003-working-hours\""))
            let before = try f.snapshot()
            let refused = try await b.post("/desk/queue/RQ-0003/approve", [("override[working-hours]", "")])
            #expect(refused.status == 422)
            #expect(refused.body.contains("There is a problem") && refused.body.contains("href=\"#override-RQ-0003-working-hours\""))
            #expect(try f.snapshot() == before, "a refused approval changed nothing")
            let approved = try await b.post("/desk/queue/RQ-0003/approve", [("override[working-hours]", "The Director agreed the evening")] + judgedBoxes)
            #expect(approved.status == 303 && approved.location == "/desk/queue")
            let after = try await b.get("/desk/queue")
            #expect(after.body.contains("RQ-0003 approved") && !after.body.contains("href=\"/desk/queue/RQ-0003\""))
            #expect(try await f.desk.request("RQ-0003", as: "o-ceo").overrides?["working-hours"] == "The Director agreed the evening")
        }
    }

    @Test("approving a written report from the queue says it is a written report with no meeting, never 'session nil'")
    func queueApprovesWrittenReport() async throws {
        let f = try await Fixture.make()
        let form = RequestForm(group: "LAB", matter: "Bus lanes on the A38", area: "transport", meeting: "Cabinet", officers: ["o-dir-place"],
                               meetingDate: "2026-12-15", session: nil, writtenReport: true, reportDue: "2026-12-01")
        _ = try await f.desk.submitRequest(form, as: "m-patel")
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            let approved = try await b.post("/desk/queue/RQ-0003/approve", judgedBoxes)
            #expect(approved.status == 303)
            let after = try await b.get("/desk/queue")
            #expect(after.body.contains("RQ-0003 approved: BR-0002 with a written report, no meeting; offered to every other group"), "\(after.body)")
            #expect(!after.body.contains("nil"))
        }
    }

    @Test("a form without the session's CSRF token is refused with 403 and changes nothing")
    func csrf() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            let before = try f.snapshot()
            let none = try await b.post("/desk/queue/RQ-0002/decline", [("reason", "no")], csrf: "")
            #expect(none.status == 403 && none.body.contains("This page was out of date") && !none.body.contains("token"))
            let wrong = try await b.post("/desk/queue/RQ-0002/decline", [("reason", "no")], csrf: String(repeating: "x", count: 43))
            #expect(wrong.status == 403)
            #expect(try f.snapshot() == before)
        }
    }
}

/// The request pages: checking a request against the rules before it is saved, and another group's request refused.
@Suite("Web desk: requests")
struct DeskRequestTests {
    static let evening: [(String, String)] = [
        ("matter", "Town centre car parks"), ("area", "transport"), ("meeting", "Cabinet"), ("meetingDate", "2026-12-17"),
        ("officer[]", "o-dir-place"), ("startDate", "2026-12-15"), ("startTime", "18:30"), ("duration", "2h"), ("segment", "45m"),
        ("venue", "room"), ("room", "cr2"), ("attendee[]", "m-patel"), ("attendee[]", "m-okafor"),
    ]

    @Test("check against the rules shows every verdict and saves nothing; sending it puts it in the queue")
    func checkThenSend() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-patel", desk: f.desk)
            let form = try await b.get("/desk/requests/new")
            #expect(form.status == 200 && form.body.contains("Check against the rules"))
            let before = try f.snapshot()
            let checked = try await b.post("/desk/requests/check", Self.evening)
            #expect(checked.status == 200)
            #expect(checked.body.contains("What the rules say") && checked.body.contains("working-hours"))
            #expect(checked.body.contains("Needs the approver's reason") && checked.body.contains("Send the request"))
            #expect(checked.body.contains("value=\"Town centre car parks\""), "what was typed is kept")
            #expect(try f.snapshot() == before, "a check saves nothing")
            let sent = try await b.post("/desk/requests", Self.evening)
            #expect(sent.status == 303 && sent.location == "/desk/requests/RQ-0003")
            let page = try await b.get("/desk/requests/RQ-0003")
            #expect(page.body.contains("RQ-0003 is in the Chief Executive&#39;s queue"))
            #expect(try await f.desk.queue(as: "o-ceo").map(\.ref).contains("RQ-0003"))
        }
    }

    @Test("a refusal (a guest at a members' briefing, a time in the past) is shown against its field, and nothing is saved")
    func refusals() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-patel", desk: f.desk)
            try await b.get("/desk/requests/new")
            let before = try f.snapshot()
            let guest = try await b.post("/desk/requests", Self.evening + [("guests", "Chris Day (party agent)")])
            #expect(guest.status == 422 && guest.body.contains("href=\"#attendees\"") && guest.body.contains("members-only"))
            let past = try await b.post("/desk/requests/check", Self.evening.map { $0.0 == "startDate" ? ("startDate", "2026-10-01") : $0 })
            #expect(past.status == 400 && past.body.contains("href=\"#startDate\"") && past.body.contains("in the past"))
            #expect(try f.snapshot() == before)
        }
    }

    @Test("a refusal's advice names the form's boxes, never a command-line option (issue 22)")
    func adviceInTheDesksWords() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-patel", desk: f.desk)
            try await b.get("/desk/requests/new")
            let untitled = try await b.post("/desk/requests/check", Self.evening.map { $0.0 == "matter" ? ("matter", " ") : $0 })
            #expect(untitled.status == 400 && untitled.body.contains("Fill in “Matter”."), "\(untitled.status) \(untitled.body.prefix(600))")
            let guest = try await b.post("/desk/requests", Self.evening + [("attendee[]", "nobody-here")])
            #expect(guest.body.contains("name anyone else in “Anyone else”"), "\(guest.status)")
            for page in [untitled, guest] { #expect(!page.body.contains(" --") && !page.body.contains("“--"), "\(page.body)") }
        }
    }

    @Test("a group leader cannot open another group's request: a 403 page naming the rule")
    func otherGroup() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-hughes", desk: f.desk)
            let page = try await b.get("/desk/requests/RQ-0001")
            #expect(page.status == 403 && page.body.contains("You cannot open this") && page.body.contains("confidentiality"))
            #expect(!page.body.contains("Local Plan review"))
        }
    }
}

/// Sessions end when they should: signing out, a revoked token, leaving the roster; and a password signs in through its page.
@Suite("Web desk: sessions")
struct DeskSessionTests {
    @Test("a password signs in through the page; a wrong one shows the sign-in page again with the problem, linked to the id")
    func password() async throws {
        let f = try await Fixture.make()
        try await f.desk.setPassword(for: "m-patel", to: "correct horse battery")
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.get("/desk/signin?next=/desk/offers")
            let wrong = try await b.post("/desk/signin/password", [("person", "m-patel"), ("password", "wrong"), ("next", "/desk/offers")])
            #expect(wrong.status == 401 && wrong.body.contains("href=\"#person\"") && wrong.body.contains("value=\"m-patel\""))
            let right = try await b.post("/desk/signin/password", [("person", "m-patel"), ("password", "correct horse battery"), ("next", "/desk/offers")])
            #expect(right.status == 303 && right.location == "/desk/offers")
            // `next` only ever leads to a desk page.
            let b2 = DeskBrowser(client)
            try await b2.get("/desk/signin")
            let away = try await b2.post("/desk/signin/password", [("person", "m-patel"), ("password", "correct horse battery"), ("next", "//evil.example/x")])
            #expect(away.location == "/desk")
        }
    }

    @Test("the session cookie is HttpOnly, SameSite=Lax, and Secure when the public address is https; the session is stored as a hash")
    func cookie() async throws {
        let f = try await Fixture.make()
        let app = buildApplication(desk: f.desk, TestArguments(publicURL: "https://briefings.example.gov.uk"))
        try await app.test(.router) { client in
            let link = try await f.desk.issueSignInLink(for: "o-ceo").secret
            let b = DeskBrowser(client)
            try await b.get("/desk/signin/link/\(link)")
            let headers = try await client.execute(uri: "/desk/signin/link", method: .post,
                                                   headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "briefings_form=\(b.cookies["briefings_form"]!)"],
                                                   body: .init(string: "_csrf=\(b.csrf)&secret=\(link)")).headers
            let cookie = try #require(headers[values: .setCookie].first { $0.hasPrefix("briefings_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure") && cookie.contains("Path=/desk"))
            let key = String(cookie.dropFirst("briefings_session=".count).prefix { $0 != ";" })
            let stored = try await f.desk.database.writer.read { try String.fetchAll($0, sql: "SELECT key_hash FROM web_session") }
            #expect(stored.count == 1 && !stored[0].contains(key))
        }
    }

    @Test("signing out ends the session; revoking the person's token or ending their sessions signs every browser out")
    func ending() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            let out = try await b.post("/desk/signout", [])
            #expect(out.status == 303)
            #expect(try await b.get("/desk/queue").status == 303)

            try await b.signIn("o-ceo", desk: f.desk)
            let other = DeskBrowser(client)
            try await other.signIn("o-ceo", desk: f.desk)
            #expect(try await other.get("/desk/queue").status == 200)
            let token = try #require(try await f.desk.tokens().first { $0.person == "o-ceo" })
            try await f.desk.revokeToken(token.id)
            #expect(try await b.get("/desk/queue").status == 303)
            #expect(try await other.get("/desk/queue").status == 303)

            try await b.signIn("m-patel", desk: f.desk)
            #expect(try await f.desk.endWebSessions(for: "m-patel") == 1)
            #expect(try await b.get("/desk").status == 303)
        }
    }
}

@Suite("Web desk: the address sign-in limits count by")
struct DeskAddressTests {
    @Test("X-Forwarded-For is believed only from a proxy on this host, and only its last address")
    func forwarded() {
        #expect(DeskGate.clientAddress(peer: "127.0.0.1", forwardedFor: "203.0.113.9, 198.51.100.4") == "198.51.100.4")
        #expect(DeskGate.clientAddress(peer: "::1", forwardedFor: "198.51.100.4") == "198.51.100.4")
        #expect(DeskGate.clientAddress(peer: "192.0.2.1", forwardedFor: "198.51.100.4") == "192.0.2.1")
        #expect(DeskGate.clientAddress(peer: "127.0.0.1", forwardedFor: nil) == "127.0.0.1")
        #expect(DeskGate.clientAddress(peer: nil, forwardedFor: "198.51.100.4") == nil)
    }
}

@Suite("Web desk: escaping")
struct DeskEscapingTests {
    @Test("HTMLText escapes what swift-mustache escapes, byte for byte, and leaves other text (accents, symbols) alone")
    func htmlText() {
        #expect(HTMLText(escaping: #"<script>alert("x") & 'y'</script> – 003 §7.13 é"#).renderText
                == "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt; – 003 §7.13 é")
    }

    @Test("a hostile matter title and reason are shown as text on every page that shows them")
    func hostile() async throws {
        let f = try await Fixture.make()
        var form = Fixture.form(group: "LAB", start: "2026-12-15T18:30", room: "cr2")
        form.matter = #"<img src=x onerror="alert(1)"> & 'parks'"#
        _ = try await f.desk.submitRequest(form, as: "m-patel")
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            for uri in ["/desk/queue", "/desk/requests", "/desk/requests/RQ-0003", "/desk/audit"] {
                let page = try await b.get(uri)
                #expect(!page.body.contains("<img src=x"), "\(uri) shows markup from a title")
                #expect(page.body.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") || uri == "/desk/audit", "\(uri)")
                #expect(!page.body.contains("&amp;lt;") && !page.body.contains("&amp;#39;"), "\(uri) escapes twice")
            }
        }
    }
}

@Suite("Web desk: the queue's clock")
struct DeskClockTests {
    @Test("a request past its answer-by date is marked overdue, with a box for why the answer is late")
    func overdue() async throws {
        let f = try await Fixture.make()
        f.clock.set("2026-11-20T09:00")
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            let queue = try await b.get("/desk/queue")
            #expect(queue.body.contains("queue-row-overdue") && queue.body.contains("<strong class=\"tag tag-overdue\">Overdue</strong>"))
            #expect(queue.body.contains("14 working days"), "waiting since Monday 2 November")
            let item = try await b.get("/desk/queue/RQ-0002")
            #expect(item.body.contains("<dd>14 working days</dd>") && item.body.contains("<strong class=\"tag tag-overdue\">Overdue</strong>"))
            #expect(item.body.contains("id=\"explain-RQ-0002\""), "the approve form asks why the answer is late")
        }
    }
}
