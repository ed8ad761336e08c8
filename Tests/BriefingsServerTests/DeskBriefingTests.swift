import BriefingsDomain
import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 23: briefings on the web desk. A briefing's page for those who may read it (as `BriefingDesk.briefing` decides),
/// its officers attaching material or the written report (line breaks kept), the approver lapsing an unanswered offer and
/// closing it, the requesting group's leader releasing a budget briefing; the request form asking for a written report or
/// naming a nominee, a group taking up another group's written report, and the senior officer endorsing the nominee.
/// Each form done and refused; a refused form and every GET change nothing; a form without its token is refused.
@Suite("Web desk: briefings, written reports and nominees")
struct DeskBriefingTests {
    static func signedIn(_ person: String, _ f: Fixture, _ client: some TestClientProtocol) async throws -> DeskBrowser {
        let b = DeskBrowser(client)
        try await b.signIn(person, desk: f.desk)
        return b
    }

    @Test("the briefings and a briefing's page: read by whom the store lets read it; opening them changes nothing")
    func pages() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let before = try f.snapshot()
            let patel = try await Self.signedIn("m-patel", f, client)
            let list = try await patel.get("/desk/briefings")
            #expect(list.status == 200 && list.body.contains("href=\"/desk/briefings/BR-0001\""), "\(list.status)")
            let page = try await patel.get("/desk/briefings/BR-0001")
            #expect(page.status == 200 && page.body.contains("Local Plan review") && page.body.contains("href=\"/desk/sessions/SE-0001\""))
            #expect(!page.body.contains("action=\"/desk/briefings/BR-0001/close\"") && !page.body.contains("/material\""), "a group has no officer's or approver's form")
            // A group whose offer is still open reads it only under Offers (confidentiality).
            let hughes = try await Self.signedIn("m-hughes", f, client)
            #expect(try await hughes.get("/desk/briefings/BR-0001").status == 403)
            #expect(try await hughes.get("/desk/briefings").body.contains("No briefings you can read yet"))
            let ceo = try await Self.signedIn("o-ceo", f, client)
            let approver = try await ceo.get("/desk/briefings/BR-0001")
            #expect(approver.body.contains("action=\"/desk/briefings/BR-0001/close\"") && approver.body.contains("answer by"))
            #expect(!approver.body.contains("action=\"/desk/briefings/BR-0001/lapse\""), "no offer is past its answer-by date yet")
            let officer = try await Self.signedIn("o-dir-place", f, client)
            #expect(try await officer.get("/desk/briefings/BR-0001").body.contains("action=\"/desk/briefings/BR-0001/material\""))
            #expect(try await officer.get("/desk/briefings").body.contains("BR-0001"))
            #expect(try await officer.get("/desk/briefings/BR-0099").status == 404)
            #expect(try f.snapshot().replacingOccurrences(of: #"(?m)^(web_session|signin_link|audit|audit_head|person) .*\n"#, with: "", options: .regularExpression)
                    == before.replacingOccurrences(of: #"(?m)^(web_session|signin_link|audit|audit_head|person) .*\n"#, with: "", options: .regularExpression))
        }
    }

    @Test("an officer attaches material on the briefing's page: its line breaks kept for its readers; empty, every problem in desk words; no token, refused")
    func material() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let officer = try await Self.signedIn("o-dir-place", f, client)
            try await officer.get("/desk/briefings/BR-0001")
            let before = try f.snapshot()
            let empty = try await officer.post("/desk/briefings/BR-0001/material", [("text", "  \r\n ")])
            #expect(empty.status == 400 && empty.body.contains("Write the material in its box") && empty.body.contains("href=\"#material\""), "\(empty.status)")
            // What the page says, not its markup: the random form token may hold "--".
            let said = empty.body.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
            #expect(said.range(of: #"--[a-z]"#, options: .regularExpression) == nil, "no command-line words")
            let forged = try await officer.post("/desk/briefings/BR-0001/material", [("text", "Facts.")], csrf: "")
            #expect(forged.status == 403)
            #expect(try f.snapshot() == before)
            let done = try await officer.post("/desk/briefings/BR-0001/material", [("text", "The facts:\r\n1. Housing numbers\r\n2. The timetable")])
            #expect(done.status == 303 && done.location == "/desk/briefings/BR-0001", "\(done.status) \(DeskMatrixTests.problem(done.body))")
            let patel = try await Self.signedIn("m-patel", f, client)
            let read = try await patel.get("/desk/briefings/BR-0001")
            #expect(read.body.contains("class=\"inset break prewrap\" id=\"material-text\">The facts:\n1. Housing numbers\n2. The timetable</div>"))
            #expect(try await patel.get("/desk/sessions").body.contains("class=\"inset break prewrap\">The facts:\n1. Housing numbers"))
            // Someone not on the briefing may not attach it.
            let other = try await Self.signedIn("o-hos-housing", f, client)
            try await other.get("/desk")
            let snap = try f.snapshot()
            #expect(try await other.post("/desk/briefings/BR-0001/material", [("text", "Mine.")]).status == 403)
            #expect(try f.snapshot() == snap)
        }
    }

    @Test("issue 23 item 8: material advice-limits warns about waits for the approver, unseen by any group, as a queue item of its own; declined, the officer hears why; released, the group reads it with its line breaks")
    func heldMaterial() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let officer = try await Self.signedIn("o-dir-place", f, client)
            try await officer.get("/desk/briefings/BR-0001")
            // RQ-0002 is the fixture's own request still waiting: the held material is the next item.
            let advice = "I recommend option 1; it would be politically popular before the May elections"
            let held = try await officer.post("/desk/briefings/BR-0001/material", [("text", "Options:\r\n\(advice)")])
            #expect(held.status == 303 && held.location == "/desk/briefings/BR-0001", "\(held.status) \(DeskMatrixTests.problem(held.body))")
            let own = try await officer.get("/desk/briefings/BR-0001")
            #expect(own.body.contains("id=\"material-held\"") && own.body.contains("RQ-0003") && own.body.contains("waits for the Chief Executive (RQ-0003)"),
                    "the officer is told it waits")
            // No group reads it, nor hears of it: the page, the sessions, the API's view, the notifications.
            let patel = try await Self.signedIn("m-patel", f, client)
            let page = try await patel.get("/desk/briefings/BR-0001")
            #expect(page.status == 200 && !page.body.contains("I recommend") && !page.body.contains("material-held") && !page.body.contains("RQ-0003"))
            #expect(!(try await patel.get("/desk/sessions").body.contains("I recommend")))
            #expect(try await f.desk.briefing("BR-0001", as: "m-patel").material == nil)
            #expect(try await f.desk.briefing("BR-0001", as: "m-patel").held == nil)
            #expect(!(try await f.desk.notifications(for: "m-patel").contains { $0.subject.contains("Material") || $0.body.contains("recommend") }))
            #expect(!(try await f.desk.requests(as: "m-patel").contains { $0.ref == "RQ-0003" }), "not among the group's requests")
            #expect(try await patel.get("/desk/requests/RQ-0003").status == 403)
            // The approver's queue: an item of its own, with the text to read.
            let queue = try await f.desk.queue(as: "o-ceo")
            #expect(queue.first { $0.ref == "RQ-0003" }?.kind == "material" && queue.first { $0.ref == "RQ-0003" }?.material == "Options:\n\(advice)")
            #expect(try await f.desk.notifications(for: "o-ceo").contains { $0.subject.hasPrefix("Material waits for the Chief Executive's decision") })
            var ceo = try await Self.signedIn("o-ceo", f, client)
            #expect(try await ceo.get("/desk/queue").body.contains("RQ-0003"))
            let item = try await ceo.get("/desk/queue/RQ-0003")
            #expect(item.body.contains("id=\"held-material-text\">Options:\n\(advice)</div>") && item.body.contains("Release RQ-0003"), "\(item.status)")
            // Declined with a reason: the officer hears it; no group reads the material.
            let declined = try await ceo.post("/desk/queue/RQ-0003/decline", [("reason", "It recommends an option and names the elections")])
            #expect(declined.status == 303, "\(declined.status) \(DeskMatrixTests.problem(declined.body))")
            #expect(try await f.desk.notifications(for: "o-dir-place").contains { $0.subject.hasPrefix("Material not released") && $0.body.contains("names the elections") })
            #expect(!(try await f.desk.notifications(for: "m-patel").contains { $0.body.contains("names the elections") }))
            #expect(try await f.desk.briefing("BR-0001", as: "m-patel").material == nil)
            // Attached again, still warned about: held again; released, the group reads it, line breaks kept.
            let again = try await officer.post("/desk/briefings/BR-0001/material", [("text", "Options:\r\n1. Build\r\n2. Wait\r\nThe political implications differ.")])
            #expect(again.status == 303)
            ceo = try await Self.signedIn("o-ceo", f, client)
            let released = try await ceo.post("/desk/queue/RQ-0004/approve", [])
            #expect(released.status == 303, "\(released.status) \(DeskMatrixTests.problem(released.body))")
            let read = try await patel.get("/desk/briefings/BR-0001")
            #expect(read.body.contains("id=\"material-text\">Options:\n1. Build\n2. Wait\nThe political implications differ.</div>"))
            #expect(try await f.desk.notifications(for: "o-dir-place").contains { $0.subject.hasPrefix("Material released") })
            // Each step is in the audit trail.
            let audit = try await f.desk.audit(as: "o-ceo")
            #expect(audit.contains { $0.action == "briefing.material" && $0.details["held"] == "RQ-0003" })
            #expect(audit.contains { $0.action == "request.decline" && $0.subject == "RQ-0003" })
            #expect(audit.contains { $0.action == "request.approve" && $0.subject == "RQ-0004" })
        }
    }

    @Test("issue 23 item 8: an officer attaches a file: Markdown read as the text, line breaks kept; a PDF held for the approver, who downloads it, then its readers download it with its type and name; others refused; the wrong kind, a disguised or an oversized file refused naming the limit, nothing written")
    func materialFile() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let officer = try await Self.signedIn("o-dir-place", f, client)
            let page = try await officer.get("/desk/briefings/BR-0001")
            #expect(page.body.contains("enctype=\"multipart/form-data\"") && page.body.contains("type=\"file\"") && page.body.contains("at most 5 MB"))
            // A Markdown file is the material's text, its line breaks kept; the empty text box beside it is no problem.
            let md = try await officer.postFile("/desk/briefings/BR-0001/material", [("text", "")],
                                                file: (box: "file", name: "car-parks.md", content: Array("# Car parks\r\n\r\n1. 1,200 spaces\r\n2. Charges unchanged".utf8)))
            #expect(md.status == 303, "\(md.status) \(DeskMatrixTests.problem(md.body))")
            let patel = try await Self.signedIn("m-patel", f, client)
            #expect(try await patel.get("/desk/briefings/BR-0001").body.contains("id=\"material-text\"># Car parks\n\n1. 1,200 spaces\n2. Charges unchanged</div>"))

            // Refused, nothing written: the wrong kind, a file that is not what its name says, one over the limit, none at all.
            try await officer.get("/desk/briefings/BR-0001")
            let before = try f.snapshot()
            let exe = try await officer.postFile("/desk/briefings/BR-0001/material", [("text", "")], file: (box: "file", name: "tool.exe", content: [0x4D, 0x5A, 0x90]))
            #expect(exe.status == 400 && exe.body.contains("tool.exe is not a kind of file the desk takes") && exe.body.contains("href=\"#material-file\""),
                    "\(exe.status) \(DeskMatrixTests.problem(exe.body)) \(exe.body)")
            let fake = try await officer.postFile("/desk/briefings/BR-0001/material", [("text", "")], file: (box: "file", name: "report.pdf", content: Array("I recommend".utf8)))
            #expect(fake.status == 400 && fake.body.contains("report.pdf is not a PDF"), "\(DeskMatrixTests.problem(fake.body))")
            let big = try await officer.postFile("/desk/briefings/BR-0001/material", [("text", "")],
                                                 file: (box: "file", name: "big.pdf", content: Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x20, count: 5 * 1024 * 1024)))
            #expect(big.status == 400 && big.body.contains("larger than the desk&#39;s limit of 5 MB"), "\(big.status) \(DeskMatrixTests.problem(big.body))")
            let huge = try await officer.postFile("/desk/briefings/BR-0001/material", [("text", "")],
                                                  file: (box: "file", name: "huge.pdf", content: [UInt8](repeating: 0x25, count: 6 * 1024 * 1024)))
            #expect(huge.status == 400 && huge.body.contains("5 MB"), "\(huge.status) \(huge.body)")
            let none = try await officer.postFile("/desk/briefings/BR-0001/material", [("text", " ")], file: nil)
            #expect(none.status == 400 && none.body.contains("Write the material in its box"), "\(none.status)")
            #expect(try f.snapshot() == before)

            // A PDF: the rule cannot read it, so the approver reads it first; no group can download it meanwhile.
            let pdf = Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)
            let held = try await officer.postFile("/desk/briefings/BR-0001/material", [("text", "")], file: (box: "file", name: "Car parks options.pdf", content: pdf))
            #expect(held.status == 303, "\(held.status) \(DeskMatrixTests.problem(held.body))")
            let rq = try #require(try await f.desk.queue(as: "o-ceo").first { $0.kind == "material" }?.ref)
            #expect(try await patel.get("/desk/briefings/BR-0001/file").status == 404, "nothing for the group to download yet: the Markdown text has no file")
            #expect(try await patel.get("/desk/queue/\(rq)/file").status == 403)
            let ceo = try await Self.signedIn("o-ceo", f, client)
            let item = try await ceo.get("/desk/queue/\(rq)")
            #expect(item.body.contains("href=\"/desk/queue/\(rq)/file\"") && item.body.contains("Download Car parks options.pdf"))
            let read = try await ceo.get("/desk/queue/\(rq)/file")
            #expect(read.status == 200 && read.body.hasPrefix("%PDF-1.7") && ceo.lastHeaders[.contentType] == "application/pdf")
            #expect(ceo.lastHeaders[.contentDisposition] == "attachment; filename=\"Car parks options.pdf\"; filename*=UTF-8''Car%20parks%20options.pdf")
            #expect(try await ceo.post("/desk/queue/\(rq)/approve", judgedBoxes).status == 303)
            // Released: the group reads the link and downloads it; another group may not.
            let released = try await patel.get("/desk/briefings/BR-0001")
            #expect(released.body.contains("href=\"/desk/briefings/BR-0001/file\"") && released.body.contains("(PDF, 1 KB)"))
            #expect(!released.body.contains("id=\"material-text\""), "the PDF replaced the text material")
            let got = try await patel.get("/desk/briefings/BR-0001/file")
            #expect(got.status == 200 && Array(got.body.utf8) == pdf && patel.lastHeaders[.contentType] == "application/pdf")
            let hughes = try await Self.signedIn("m-hughes", f, client)
            #expect(try await hughes.get("/desk/briefings/BR-0001/file").status == 403)
        }
    }

    @Test("the approver: closing with open offers refused (equal-offer); an offer past its date recorded as lapsed with a reason; then closed")
    func closeAndLapse() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            var ceo = try await Self.signedIn("o-ceo", f, client)
            try await ceo.get("/desk/briefings/BR-0001")
            let deputy = try await Self.signedIn("o-dce", f, client)
            try await deputy.get("/desk/briefings/BR-0001")
            let before = try f.snapshot()
            let early = try await ceo.post("/desk/briefings/BR-0001/close", [])
            #expect(early.status == 422, "\(early.status)")
            #expect(early.body.contains("equal-offer") && early.body.contains("href=\"#close\""), "\(DeskMatrixTests.problem(early.body))")
            #expect(early.body.contains("as lapsed, with a reason, on the briefing&#39;s page under Briefings"), "the fix in desk words")
            #expect(try await deputy.post("/desk/briefings/BR-0001/close", []).status == 403, "the deputy does not decide while the Chief Executive is in")
            #expect(try f.snapshot() == before)
            // After OF-0002's answer-by date (signed in again: the old sign-in has expired by then).
            f.clock.set("2026-12-01T09:00")
            ceo = try await Self.signedIn("o-ceo", f, client)
            let page = try await ceo.get("/desk/briefings/BR-0001")
            #expect(page.body.contains("action=\"/desk/briefings/BR-0001/lapse\"") && page.body.contains("id=\"lapse-OF-0002\""))
            let snap = try f.snapshot()
            let blank = try await ceo.post("/desk/briefings/BR-0001/lapse", [("offer", "OF-0002"), ("reason", " ")])
            #expect(blank.status == 400 && blank.body.contains("Fill in your reason") && blank.body.contains("href=\"#lapse-OF-0002\""))
            #expect(try f.snapshot() == snap)
            let lapsed = try await ceo.post("/desk/briefings/BR-0001/lapse", [("offer", "OF-0002"), ("reason", "No answer by its date")])
            #expect(lapsed.status == 303 && lapsed.location == "/desk/briefings/BR-0001", "\(lapsed.status) \(DeskMatrixTests.problem(lapsed.body))")
            let offers = try await f.desk.offers(as: "o-ceo")
            #expect(offers.first { $0.ref == "OF-0002" }?.reason == "No answer by its date")
            let closed = try await ceo.post("/desk/briefings/BR-0001/close", [])
            #expect(closed.status == 303, "\(closed.status) \(DeskMatrixTests.problem(closed.body))")
            #expect(try await f.desk.briefing("BR-0001", as: "o-ceo").status == "closed")
            let after = try await ceo.get("/desk/briefings/BR-0001")
            #expect(after.body.contains("is closed") && !after.body.contains("action=\"/desk/briefings/BR-0001/close\""))
        }
    }

    /// A budget briefing for Labour (BR-0002), approved.
    static func budgetBriefing(_ f: Fixture) async throws {
        var form = Fixture.form(group: "LAB", start: "2026-12-21T14:00")
        form.budget = true
        let receipt = try await f.desk.submitRequest(form, as: "m-patel")
        _ = try await f.desk.approve(receipt.ref, as: "o-ceo", judged: Set(BriefingsDomain.Approval.judgedRules))
    }

    @Test("the requesting group's leader releases a budget briefing; nobody else may")
    func release() async throws {
        let f = try await Fixture.make()
        try await Self.budgetBriefing(f)
        try await f.app.test(.router) { client in
            let okafor = try await Self.signedIn("m-okafor", f, client)
            #expect(!(try await okafor.get("/desk/briefings/BR-0002").body.contains("/release\"")), "only the leader is offered the form")
            let before = try f.snapshot()
            #expect(try await okafor.post("/desk/briefings/BR-0002/release", []).status == 403)
            #expect(try f.snapshot() == before)
            let patel = try await Self.signedIn("m-patel", f, client)
            let page = try await patel.get("/desk/briefings/BR-0002")
            #expect(page.body.contains("action=\"/desk/briefings/BR-0002/release\"") && page.body.contains("Budget briefing"))
            let done = try await patel.post("/desk/briefings/BR-0002/release", [])
            #expect(done.status == 303, "\(done.status) \(DeskMatrixTests.problem(done.body))")
            #expect(try await f.desk.briefing("BR-0002", as: "m-patel").released == true)
        }
    }

    @Test("a written report: asked for on the request form (every problem at once), taken up by another group on Offers, attached by its officer, read by those who took it up")
    func writtenReport() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let patel = try await Self.signedIn("m-patel", f, client)
            let form = try await patel.get("/desk/requests/new")
            #expect(form.body.contains("id=\"kind-report\"") && form.body.contains("id=\"reportDue\""))
            let before = try f.snapshot()
            let blank = try await patel.post("/desk/requests/check", [("kind", "report"), ("area", "planning"), ("officer[]", "o-dir-place"), ("budget", "yes")])
            #expect(blank.status == 400, "\(blank.status)")
            for box in ["matter", "reportDue", "budget"] { #expect(blank.body.contains("href=\"#\(box)\""), "\(box) in the summary") }
            #expect(!blank.body.contains("#startDate")
                    && blank.body.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression).range(of: #"--[a-z]"#, options: .regularExpression) == nil,
                    "no meeting asked for, no command-line words (in what the page says: the random form token may hold \"--\")")
            #expect(try f.snapshot() == before)
            let fields = [("kind", "report"), ("matter", "Local Plan options"), ("area", "planning"), ("meeting", "Cabinet"),
                          ("officer[]", "o-dir-place"), ("reportDue", "2026-12-10")]
            let checked = try await patel.post("/desk/requests/check", fields)
            #expect(checked.status == 200 && checked.body.contains("What the rules say") && checked.body.contains("id=\"kind-report\" name=\"kind\" value=\"report\" checked"),
                    "\(checked.status) \(DeskMatrixTests.problem(checked.body))")
            let sent = try await patel.post("/desk/requests", fields)
            #expect(sent.status == 303 && sent.location == "/desk/requests/RQ-0003", "\(sent.status) \(DeskMatrixTests.problem(sent.body))")
            let rq = try await f.desk.request("RQ-0003", as: "m-patel")
            #expect(rq.proposal.writtenReport == true && rq.proposal.venue == .writtenReport)
            _ = try await f.desk.approve("RQ-0003", as: "o-ceo", overrides: Dictionary(uniqueKeysWithValues: rq.verdictsAtSubmission.referred.map { ($0.rule, "Agreed") }), judged: Set(BriefingsDomain.Approval.judgedRules))
            let offer = try #require(try await f.desk.offers(as: "m-hughes").first { $0.briefing == "BR-0002" })
            // Conservatives take it up on Offers: no time or room.
            let hughes = try await Self.signedIn("m-hughes", f, client)
            let offers = try await hughes.get("/desk/offers")
            #expect(offers.body.contains("Take up the written report") && offers.body.contains("name=\"mode\" value=\"report\""))
            let taken = try await hughes.post("/desk/offers/\(offer.ref)/accept", [("mode", "report")])
            #expect(taken.status == 303, "\(taken.status) \(DeskMatrixTests.problem(taken.body))")
            #expect(try await f.desk.offers(as: "m-hughes").first { $0.ref == offer.ref }?.status == "accepted")
            // Its officer attaches it; Labour and the Conservatives read it, the Liberal Democrats (offer open) do not.
            let officer = try await Self.signedIn("o-dir-place", f, client)
            let page = try await officer.get("/desk/briefings/BR-0002")
            #expect(page.body.contains("Attach the written report"))
            let attached = try await officer.post("/desk/briefings/BR-0002/material", [("text", "Option 1: the plan as drafted.\nOption 2: a review.")])
            #expect(attached.status == 303, "\(attached.status) \(DeskMatrixTests.problem(attached.body))")
            for reader in [patel, hughes] {
                #expect(try await reader.get("/desk/briefings/BR-0002").body.contains("Option 1: the plan as drafted.\nOption 2: a review."))
            }
            #expect(try await hughes.get("/desk/briefings").body.contains("BR-0002"))
            let evans = try await Self.signedIn("m-evans", f, client)
            #expect(try await evans.get("/desk/briefings/BR-0002").status == 403)
        }
    }

    @Test("a nominee named on the request form with the senior officer who nominates them; that officer endorses them on Sessions")
    func nominee() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let patel = try await Self.signedIn("m-patel", f, client)
            let form = try await patel.get("/desk/requests/new")
            #expect(form.body.contains("id=\"nominee\"") && form.body.contains("value=\"o-planner\"") && form.body.contains("id=\"nominator\""))
            var fields = [("matter", "Local Plan sites"), ("area", "planning"), ("meeting", "Cabinet"), ("officer[]", "o-dir-place"),
                          ("startDate", "2026-12-21"), ("startTime", "14:00"), ("duration", "2h"), ("segment", "45m"), ("venue", "room"),
                          ("room", "cr1"), ("attendee[]", "m-patel"), ("nominee", "o-planner")]
            let before = try f.snapshot()
            let half = try await patel.post("/desk/requests/check", fields)
            #expect(half.status == 400 && half.body.contains("Choose the senior officer who nominates them") && half.body.contains("href=\"#nominator\""))
            #expect(try f.snapshot() == before)
            fields.append(("nominator", "o-dir-place"))
            let sent = try await patel.post("/desk/requests", fields)
            #expect(sent.status == 303, "\(sent.status) \(DeskMatrixTests.problem(sent.body))")
            let rq = try await f.desk.request("RQ-0003", as: "m-patel")
            #expect(rq.proposal.officers.contains { $0.officer == "o-planner" && $0.nominatedBy == "o-dir-place" })
            _ = try await f.desk.approve("RQ-0003", as: "o-ceo", overrides: Dictionary(uniqueKeysWithValues: rq.verdictsAtSubmission.referred.map { ($0.rule, "Agreed") }), judged: Set(BriefingsDomain.Approval.judgedRules))
            let session = try #require(try await f.desk.sessions(as: "m-patel").first { $0.title == "Local Plan sites" })
            let senior = try await Self.signedIn("o-dir-place", f, client)
            let sessions = try await senior.get("/desk/sessions")
            #expect(sessions.body.contains("as your nominee") && sessions.body.contains("name=\"answer\" value=\"endorse\""))
            let snap = try f.snapshot()
            let refused = try await senior.post("/desk/sessions/\(session.ref)/respond", [("nominee", "o-planner"), ("answer", "refuse-nominee")])
            #expect([400, 422].contains(refused.status), "a refusal needs its reason: \(refused.status)")
            #expect(try f.snapshot() == snap)
            let endorsed = try await senior.post("/desk/sessions/\(session.ref)/respond", [("nominee", "o-planner"), ("answer", "endorse")])
            #expect(endorsed.status == 303, "\(endorsed.status) \(DeskMatrixTests.problem(endorsed.body))")
            let after = try await f.desk.session(session.ref, as: "o-ceo")
            #expect(after.officers.first { $0.officer == "o-planner" }?.nominationConfirmed == true)
        }
    }
}
