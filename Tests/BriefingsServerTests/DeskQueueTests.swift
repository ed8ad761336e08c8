import BriefingsDomain
@testable import BriefingsServer
import BriefingsStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The approver's queue (issue 23, item 6): a compact list that opens to a page for each request, with everything the
/// approver judges from and the acknowledgement sent; and one date-time format on every desk page.
@Suite("Web desk: the queue")
struct DeskQueueTests {
    /// A budget briefing under embargo, in the evening (working-hours refers it), with details and two attendees.
    static func budgetForm() -> RequestForm {
        RequestForm(group: "LAB", matter: "Budget 2027/28: savings options", details: "Line one of the details.\nLine two.",
                    area: "planning", meeting: "Cabinet", embargoUntil: "2027-01-15", officers: ["o-dir-place"], budget: true,
                    session: SessionForm(start: "2026-12-15T18:30", duration: "2h", segment: "45m", room: "cr2",
                                         attendees: ["m-patel", "m-okafor"]))
    }

    /// The rows of the queue's table (one `queue-row` a request).
    static func rows(_ html: String) -> Int { html.components(separatedBy: "class=\"queue-row").count - 1 }

    @Test("the queue is a compact list: one row a request with its group, kind, days waiting and marks, each linking to its own page")
    func compactList() async throws {
        let f = try await Fixture.make()
        _ = try await f.desk.submitRequest(Self.budgetForm(), as: "m-patel")
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            let queue = try await b.get("/desk/queue")
            #expect(queue.status == 200)
            #expect(Self.rows(queue.body) == 2, "\(queue.body)")
            for ref in ["RQ-0002", "RQ-0003"] { #expect(queue.body.contains("<a href=\"/desk/queue/\(ref)\">\(ref)</a>")) }
            #expect(queue.body.contains("Labour Group") && queue.body.contains("Budget 2027/28: savings options"))
            #expect(queue.body.contains(">Budget</strong>") && queue.body.contains("Confidential until Fri 15 Jan 2027"))
            #expect(queue.body.contains("working day") && queue.body.contains("1 rule needs your reason"))
            // Compact: no verdict lists and no answer forms on the list; those are on each request's page.
            #expect(!queue.body.contains("class=\"verdict ") && !queue.body.contains("<textarea") && !queue.body.contains("/approve\""))
        }
    }

    @Test("a request's page in the queue: venue, meeting and officers' times, attendees, details, flags, and the acknowledgement sent and when")
    func detailPage() async throws {
        let f = try await Fixture.make()
        _ = try await f.desk.submitRequest(Self.budgetForm(), as: "m-patel")
        try await f.desk.flagRequest("RQ-0003", as: "o-dir-place", reason: "An evening before a bank holiday")
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            let page = try await b.get("/desk/queue/RQ-0003")
            #expect(page.status == 200)
            for text in ["Committee Room 2, Civic Centre", "Tue 15 Dec 2026, 18:30–20:30", "Tue 15 Dec 2026, 18:30–19:15",
                         "Cllr Asha Patel, Cllr Tunde Okafor", "Line one of the details.\nLine two.", "An evening before a bank holiday",
                         "Nadia Rahman, Director of Place", "Not yet (due by", "Confidential until Fri 15 Jan 2027", "Budget briefing"] {
                #expect(page.body.contains(text), "the page shows \(text)")
            }
            // The answers are on the request's page.
            #expect(page.body.contains("action=\"/desk/queue/RQ-0003/approve\"") && page.body.contains("id=\"override-RQ-0003-working-hours\""))
            #expect(page.body.contains("action=\"/desk/queue/RQ-0003/decline\"") && page.body.contains("action=\"/desk/queue/RQ-0003/acknowledge\""))
            // Acknowledged: back to the same page, which shows what was sent and when.
            let sent = try await b.post("/desk/queue/RQ-0003/acknowledge", [("message", "I will decide by Friday."), ("replyBy", "2026-11-06")])
            #expect(sent.status == 303 && sent.location == "/desk/queue/RQ-0003")
            let after = try await b.get("/desk/queue/RQ-0003")
            #expect(after.body.contains("RQ-0003 acknowledged") && after.body.contains("Mon 2 Nov 2026, 09:00: “I will decide by Friday.”; they were told they will hear by Fri 6 Nov 2026"), "\(after.body)")
        }
        // The JSON API's queue carries the same acknowledgement.
        try await f.app.test(.router) { client in
            let r = try await client.execute(uri: "/api/queue", method: .get, headers: f.headers("o-ceo"))
            let items = BriefingsServerTests.items(r)
            let item = items.first { $0["ref"] as? String == "RQ-0003" }
            #expect(item?["acknowledged"] as? String == "2026-11-02T09:00" && item?["acknowledgement"] as? String == "I will decide by Friday.")
            #expect((item?["clock"] as? [String: Any])?["replyBy"] as? String == "2026-11-06")
            #expect(item?["budget"] as? Bool == true && item?["embargoUntil"] as? String == "2027-01-15")
        }
    }

    @Test("a refused answer shows the request's page again with the problem against its box; a decided request's page leads to the request")
    func refusedAndDecided() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            let refused = try await b.post("/desk/queue/RQ-0002/decline", [("reason", " ")])
            #expect(refused.status == 400 && refused.body.contains("href=\"#decline-RQ-0002\"") && refused.body.contains("<h1><span class=\"ref\">RQ-0002"))
            let decided = try await b.get("/desk/queue/RQ-0001")
            #expect(decided.status == 303 && decided.location == "/desk/requests/RQ-0001")
            let shown = try await b.get("/desk/requests/RQ-0001")
            #expect(shown.body.contains("RQ-0001 is no longer waiting"))
        }
    }

    @Test("one date-time format on every desk page: Mon 21 Dec 2026, 18:30; never YYYY-MM-DDTHH:MM or GMT/BST in what a page says")
    func oneFormat() async throws {
        let f = try await Fixture.make()
        // An evening request: its working-hours verdict names the time; a take-up and a flag add times of their own.
        _ = try await f.desk.submitRequest(Self.budgetForm(), as: "m-patel")
        try await f.desk.flagRequest("RQ-0002", as: "o-dir-place", reason: "Too close to another")
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            for path in ["/desk/queue", "/desk/queue/RQ-0002", "/desk/queue/RQ-0003", "/desk/requests", "/desk/requests/RQ-0001",
                         "/desk/requests/RQ-0003", "/desk/sessions", "/desk/offers", "/desk/audit"] {
                let page = try await b.get(path)
                let said = Self.text(page.body)
                #expect(page.status == 200, "\(path)")
                #expect(said.range(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"#, options: .regularExpression) == nil
                        && said.range(of: #"\d{2}:\d{2} (GMT|BST)"#, options: .regularExpression) == nil,
                        "\(path) shows a time in another format: \(Self.firstTime(said))")
            }
            let item = try await b.get("/desk/queue/RQ-0003")
            #expect(Self.text(item.body).contains("part is Tue 15 Dec 2026, 18:30–19:15"), "the verdict's own words, in the desk's format: \(Self.text(item.body).components(separatedBy: "working-hours").dropFirst().first?.prefix(300) ?? "")")
        }
    }

    @Test("DeskTime: the command line's times in the desk's one format, a span on one day keeping only its end's clock time")
    func deskTime() {
        #expect(DeskTime.at("2026-12-21T18:30") == "Mon 21 Dec 2026, 18:30")
        #expect(DeskTime.span("2026-12-21T18:30", "2026-12-21T19:15") == "Mon 21 Dec 2026, 18:30–19:15")
        #expect(DeskTime.span("2026-12-21T18:30", "2026-12-22T09:15") == "Mon 21 Dec 2026, 18:30 to Tue 22 Dec 2026, 09:15")
        #expect(DeskTime.day("2026-12-21") == "Mon 21 Dec 2026")
        #expect(DeskTime.text("the officers' part (2026-12-16T18:30–2026-12-16T19:15) is not inside the meeting (2026-12-16T19:00–2026-12-16T21:00)")
                == "the officers' part (Wed 16 Dec 2026, 18:30–19:15) is not inside the meeting (Wed 16 Dec 2026, 19:00–21:00)")
        #expect(DeskTime.text("the officers' part is Mon 7 Dec 2026 18:00 GMT–18:45") == "the officers' part is Mon 7 Dec 2026, 18:00–18:45")
        #expect(DeskTime.text("not recorded as away on 2026-11-02; RQ-0002 waits") == "not recorded as away on Mon 2 Nov 2026; RQ-0002 waits")
        #expect(DeskTime.text("no times here") == "no times here")
    }

    /// What a page says: its text outside tags (an input's value, such as a form's start time, is not shown as text).
    static func text(_ html: String) -> String {
        html.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
    }

    static func firstTime(_ text: String) -> String {
        guard let r = text.range(of: #".{0,60}(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\d{2}:\d{2} (GMT|BST)).{0,20}"#, options: .regularExpression) else { return "" }
        return String(text[r])
    }
}

extension DeskQueueTests {
    @Test("issue 25 item 6: the acknowledgement form asks for the date they will hear by, beside its box, and why when it is after the response date")
    func acknowledgementDates() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            let form = try await b.get("/desk/queue/RQ-0002")
            #expect(form.body.contains("id=\"acknowledge-RQ-0002-replyBy\"") && form.body.contains("type=\"date\""))
            var r = try await b.post("/desk/queue/RQ-0002/acknowledge", [("message", ".")])
            #expect(r.status == 400 && r.body.contains("needs a message that explains what is happening"), "\(r.body)")
            r = try await b.post("/desk/queue/RQ-0002/acknowledge", [("message", "The Director is checking the dates")])
            #expect(r.status == 400 && r.body.contains("id=\"acknowledge-RQ-0002-replyBy-error\""), "\(r.body)")
            #expect(r.body.contains("The Director is checking the dates"), "what was typed is kept")
            r = try await b.post("/desk/queue/RQ-0002/acknowledge", [("message", "The Director is checking the dates"), ("replyBy", "2026-12-18")])
            #expect(r.status == 422 && r.body.contains("id=\"acknowledge-RQ-0002-reason-error\""), "\(r.body)")
            let text = r.body.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            #expect(!text.contains("--") && text.contains("Why they will hear after the response date"), "desk words, not the command line's")
            r = try await b.post("/desk/queue/RQ-0002/acknowledge", [("message", "The Director is checking the dates"), ("replyBy", "2026-12-18"),
                                                                    ("reason", "The Director is away until 14 December")])
            #expect(r.status == 303, "\(r.body)")
            let after = try await b.get("/desk/queue/RQ-0002")
            #expect(after.body.contains("they were told they will hear by Fri 18 Dec 2026"), "\(after.body)")
        }
        let told = try #require(try await f.desk.notifications(for: "m-patel").last)
        #expect(told.body.contains("This is later than the council's response date") && told.body.contains("The Director is away until 14 December"))
    }

    @Test("issue 25 item 12 (000 §17.16.4): the approve form has a box for each rule the Chief Executive judges; unticked, it is refused beside the boxes, with what was ticked kept; the audit records what was judged")
    func approverJudges() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            let form = try await b.get("/desk/queue/RQ-0002")
            #expect(form.body.contains("<legend class=\"label\">What you judged</legend>"), "\(form.body)")
            for rule in ["council-business", "no-individual-matter"] {
                #expect(form.body.contains("id=\"judged-RQ-0002-\(rule)\" name=\"judged[]\" value=\"\(rule)\""), "\(rule)")
            }
            #expect(form.body.contains("I judge that the matter is council business, currently or shortly before the council, and not party business"))
            let before = try f.snapshot()
            var r = try await b.post("/desk/queue/RQ-0002/approve", [("judged[]", "council-business")])
            #expect(r.status == 400 && r.body.contains("href=\"#judged-RQ-0002\"") && r.body.contains("id=\"judged-RQ-0002-error\""), "\(r.body)")
            #expect(r.body.contains("To approve RQ-0002, judge and tick no-individual-matter under “What you judged”"), "\(r.body)")
            #expect(r.body.contains("value=\"council-business\" checked") && !r.body.contains("value=\"no-individual-matter\" checked"),
                    "what was ticked is ticked again")
            let text = r.body.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            #expect(!text.contains("--judged"), "desk words, not the command line's")
            #expect(try f.snapshot() == before, "a refused approval changed nothing")
            r = try await b.post("/desk/queue/RQ-0002/approve", judgedBoxes)
            #expect(r.status == 303, "\(r.body)")
        }
        let audit = try await f.desk.audit(as: nil, page: try Desk.PageRequest(list: "audit", limit: 5, newestFirst: true))
        let approval = audit.items.first { $0.action == "request.approve" && $0.subject == "RQ-0002" }
        #expect(approval?.details["judged"] == "council-business,no-individual-matter", "\(String(describing: approval))")
    }
}
