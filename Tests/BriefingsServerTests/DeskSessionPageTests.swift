import BriefingsDomain
@testable import BriefingsServer
import BriefingsStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 23, item 1: a session's own page and its forms (move, cancel, withdraw, take or refuse a proposed time, the
/// officer's answers), and the approver's absences page; each done and refused, a GET changing nothing, a form needing
/// its CSRF token. The fixture's SE-0001 is Labour's (host m-patel), Mon 7 Dec 2026 14:00 for 2 hours, officers' part
/// 45 minutes, with the Director of Place (o-dir-place) invited.
@Suite("Web desk: a session's page and the approver's absences")
struct DeskSessionPageTests {
    /// A joint session (SE-0002, Labour's) that the Green Group (m-nowak) joined.
    static func joined(_ f: Fixture) async throws {
        var form = Fixture.form(group: "LAB", start: "2026-12-09T14:00", room: "cr2")
        form.joint = true
        let r = try await f.desk.submitRequest(form, as: "m-patel")
        _ = try await f.desk.approve(r.ref, as: "o-ceo", judged: Set(BriefingsDomain.Approval.judgedRules))
        let offer = try #require(try await f.desk.offers(as: "m-nowak").first { $0.status == "open" && $0.joint.contains { $0.ref == "SE-0002" } })
        _ = try await f.desk.acceptOffer(offer.ref, as: "m-nowak", onBehalfOf: nil, join: "SE-0002", session: nil, attendees: ["m-nowak"], guests: [])
        #expect(try await f.desk.session("SE-0002", as: "o-ceo").groups == ["LAB", "GRN"])
    }

    @Test("the page shows the session in the desk's format, with the forms each viewer may use; others get the 403 page, an unknown one the 404 page; a GET changes nothing")
    func page() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let before = try MessageLinkTests.records(f)
            let host = DeskBrowser(client)
            try await host.signIn("m-patel", desk: f.desk)
            let page = try await host.get("/desk/sessions/SE-0001")
            #expect(page.status == 200)
            for text in ["Local Plan review", "Mon 7 Dec 2026, 14:00–16:00", "Mon 7 Dec 2026, 14:00–14:45", "Committee Room 1, Civic Centre", "Labour Group",
                         "Nadia Rahman, Director of Place: invited, not yet answered", "action=\"/desk/sessions/SE-0001/move\"",
                         "action=\"/desk/sessions/SE-0001/cancel\"", "Cancelling cannot be undone"] {
                #expect(page.body.contains(text), "\(text)")
            }
            #expect(!page.body.contains("/withdraw\"") && !page.body.contains("/respond\"") && !page.body.contains("2026-12-07T"))
            // The list links each session to its page.
            #expect(try await host.get("/desk/sessions").body.contains("href=\"/desk/sessions/SE-0001\""))
            let officer = DeskBrowser(client)
            try await officer.signIn("o-dir-place", desk: f.desk)
            let invited = try await officer.get("/desk/sessions/SE-0001")
            #expect(invited.body.contains("action=\"/desk/sessions/SE-0001/respond\"") && invited.body.contains("name=\"back\" value=\"page\"")
                    && invited.body.contains("action=\"/desk/sessions/SE-0001/propose\""))
            #expect(!invited.body.contains("/move\"") && !invited.body.contains("/cancel\""))
            let approver = DeskBrowser(client)
            try await approver.signIn("o-ceo", desk: f.desk)
            #expect(try await approver.get("/desk/sessions/SE-0001").body.contains("action=\"/desk/sessions/SE-0001/move\""))
            let other = DeskBrowser(client)
            try await other.signIn("m-hughes", desk: f.desk)
            let forbidden = try await other.get("/desk/sessions/SE-0001")
            #expect(forbidden.status == 403 && forbidden.body.contains("You cannot open this") && !forbidden.body.contains("Local Plan review"))
            let unknown = try await host.get("/desk/sessions/SE-0099")
            #expect(unknown.status == 404 && unknown.body.contains("href=\"/desk\""))
            #expect(try await host.get("/desk/sessions/nonsense").status == 404)
            #expect(try MessageLinkTests.records(f) == before, "opening the pages changed the council's records")
        }
    }

    @Test("the host group moves the session; empty boxes are all named at once in the desk's words, and nothing moves")
    func move() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-patel", desk: f.desk)
            try await b.get("/desk/sessions/SE-0001")
            let before = try f.snapshot()
            let empty = try await b.post("/desk/sessions/SE-0001/move", [("startDate", ""), ("startTime", "14:00"), ("duration", "2h"), ("segment", "45m"), ("reason", "")])
            #expect(empty.status == 400)
            #expect(empty.body.contains("Enter the date of the meeting") && empty.body.contains("Fill in your reason; it is recorded in the audit trail"))
            #expect(empty.body.contains("href=\"#move-startDate\"") && empty.body.contains("href=\"#move-reason\"") && empty.body.contains("id=\"move-reason\""))
            #expect(empty.body.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression).range(of: #"--[a-z]"#, options: .regularExpression) == nil
                    && !empty.body.contains("YYYY"), "no command-line words (in what the page says: the random form token may hold \"--\")")
            #expect(try f.snapshot() == before)
            let done = try await b.post("/desk/sessions/SE-0001/move", [("startDate", "2026-12-08"), ("startTime", "14:00"), ("duration", "2h"),
                                                                         ("segment", "45m"), ("segmentStart", ""), ("reason", "The room is needed for a count")])
            #expect(done.status == 303 && done.location == "/desk/sessions/SE-0001")
            #expect(try await f.desk.session("SE-0001", as: "o-ceo").meetingStart.hasPrefix("2026-12-08T14:00"))
            let after = try await b.get("/desk/sessions/SE-0001")
            #expect(after.body.contains("role=\"status\"") && after.body.contains("Tue 8 Dec 2026, 14:00–16:00"))
        }
    }

    @Test("the move form can change where the session is held: kept by default, or another council room, or online; a choice without its room or link is named at its box")
    func moveVenue() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-patel", desk: f.desk)
            let page = try await b.get("/desk/sessions/SE-0001")
            #expect(page.body.contains("id=\"move-venue-keep\"") && page.body.contains("Where it is now: Committee Room 1, Civic Centre"), "\(page.body)")
            let when: [(String, String)] = [("startDate", "2026-12-08"), ("startTime", "14:00"), ("duration", "2h"), ("segment", "45m"),
                                            ("reason", "Committee Room 1 is needed for a count")]
            let before = try f.snapshot()
            let noLink = try await b.post("/desk/sessions/SE-0001/move", when + [("venue", "virtual"), ("virtual", "")])
            #expect(noLink.status == 400 && noLink.body.contains("href=\"#move-virtual\"") && noLink.body.contains("id=\"move-virtual-error\""), "\(noLink.body)")
            #expect(try f.snapshot() == before)
            let room = try await b.post("/desk/sessions/SE-0001/move", when + [("venue", "room"), ("room", "cr2")])
            #expect(room.status == 303, "\(room.body)")
            #expect(try await f.desk.session("SE-0001", as: "o-ceo").venue == "Committee Room 2, Civic Centre")
            let online = try await b.post("/desk/sessions/SE-0001/move", when + [("venue", "virtual"), ("virtual", "https://meet.example.gov.uk/lab")])
            #expect(online.status == 303, "\(online.body)")
            let kept = try await b.post("/desk/sessions/SE-0001/move", [("startDate", "2026-12-09"), ("startTime", "14:00"), ("duration", "2h"),
                                                                          ("segment", "45m"), ("reason", "Group meeting moved"), ("venue", "keep")])
            #expect(kept.status == 303, "\(kept.body)")
            let s = try await f.desk.session("SE-0001", as: "o-ceo")
            #expect(s.meetingStart.hasPrefix("2026-12-09T14:00") && s.venue.contains("https://meet.example.gov.uk/lab"), "\(s.venue)")
        }
    }

    @Test("a move a rule refers: the host group's waits in the queue; the approver is refused until they give a reason in the rule's box, then it moves")
    func referred() async throws {
        let f = try await Fixture.make()
        let evening = [("startDate", "2026-12-08"), ("startTime", "18:30"), ("duration", "2h"), ("segment", "45m"), ("reason", "The group meets in the evening")]
        try await f.app.test(.router) { client in
            let host = DeskBrowser(client)
            try await host.signIn("m-patel", desk: f.desk)
            try await host.get("/desk/sessions/SE-0001")
            let queued = try await host.post("/desk/sessions/SE-0001/move", evening)
            #expect(queued.status == 303)
            #expect(try await host.get("/desk/sessions/SE-0001").body.contains("queue"))
            #expect(try await f.desk.session("SE-0001", as: "o-ceo").meetingStart.hasPrefix("2026-12-07T14:00"), "the session stays until the approver agrees")
            #expect(try await f.desk.queue(as: "o-ceo").contains { $0.kind == "reschedule" })

            let approver = DeskBrowser(client)
            try await approver.signIn("o-ceo", desk: f.desk)
            try await approver.get("/desk/sessions/SE-0001")
            let refused = try await approver.post("/desk/sessions/SE-0001/move", evening)
            #expect(refused.status >= 400 && refused.status < 500)
            #expect(refused.body.contains("id=\"move-override-working-hours\"") && refused.body.contains("href=\"#move-override-working-hours\""))
            #expect(refused.body.contains("Record why each is acceptable in its box: working-hours"), "the desk's words for the remedy")
            #expect(refused.body.contains("The group meets in the evening"), "what was typed is kept")
            let moved = try await approver.post("/desk/sessions/SE-0001/move", evening + [("override[working-hours]", "The Director agreed to the evening")])
            #expect(moved.status == 303)
            #expect(try await f.desk.session("SE-0001", as: "o-ceo").meetingStart.hasPrefix("2026-12-08T18:30"))
        }
    }

    @Test("cancelling needs a reason (said in the desk's words, against its box); with one the session is cancelled; without the form's token nothing happens")
    func cancel() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-patel", desk: f.desk)
            try await b.get("/desk/sessions/SE-0001")
            let before = try f.snapshot()
            let noToken = try await b.post("/desk/sessions/SE-0001/cancel", [("reason", "No longer needed")], csrf: "")
            #expect(noToken.status == 403)
            #expect(try f.snapshot() == before)
            let noReason = try await b.post("/desk/sessions/SE-0001/cancel", [("reason", "")])
            #expect(noReason.status >= 400 && noReason.body.contains("href=\"#cancel-reason\"") && noReason.body.contains("Fill in your reason"))
            #expect(try f.snapshot() == before)
            let done = try await b.post("/desk/sessions/SE-0001/cancel", [("reason", "No longer needed")])
            #expect(done.status == 303 && done.location == "/desk/sessions/SE-0001")
            #expect(try await f.desk.session("SE-0001", as: "o-ceo").status == "cancelled")
            let after = try await b.get("/desk/sessions/SE-0001")
            #expect(after.body.contains("Cancelled") && !after.body.contains("/move\""))
        }
    }

    @Test("a joined group withdraws from its page; the host is offered no withdrawal and, posting one, is told to cancel or move instead")
    func withdraw() async throws {
        let f = try await Fixture.make()
        try await Self.joined(f)
        try await f.app.test(.router) { client in
            let host = DeskBrowser(client)
            try await host.signIn("m-patel", desk: f.desk)
            #expect(!(try await host.get("/desk/sessions/SE-0002").body.contains("/withdraw\"")))
            let refused = try await host.post("/desk/sessions/SE-0002/withdraw", [("reason", "We will not")])
            #expect(refused.status == 403 && refused.body.contains("Cancel SE-0002 with your reason, or move it to another time."))
            let green = DeskBrowser(client)
            try await green.signIn("m-nowak", desk: f.desk)
            let page = try await green.get("/desk/sessions/SE-0002")
            #expect(page.body.contains("action=\"/desk/sessions/SE-0002/withdraw\"") && !page.body.contains("/move\""))
            let empty = try await green.post("/desk/sessions/SE-0002/withdraw", [("reason", "")])
            #expect(empty.status >= 400 && empty.body.contains("href=\"#withdraw-reason\""))
            let done = try await green.post("/desk/sessions/SE-0002/withdraw", [("reason", "Our group meeting moved")])
            #expect(done.status == 303)
            #expect(try await f.desk.session("SE-0002", as: "o-ceo").groups == ["LAB"])
        }
    }

    @Test("the host group takes or refuses an officer's proposed time on the page; a refusal needs a reason")
    func proposals() async throws {
        let f = try await Fixture.make()
        let p = try await f.desk.proposeTime("SE-0001", as: "o-dir-place", to: SessionForm(start: "2026-12-08T14:00", duration: "2h", segment: "45m"),
                                             reason: "I am at the planning committee on Monday")
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-patel", desk: f.desk)
            let page = try await b.get("/desk/sessions/SE-0001")
            #expect(page.body.contains("action=\"/desk/sessions/SE-0001/proposals/\(p.ref)\"") && page.body.contains("Tue 8 Dec 2026, 14:00–14:45"))
            let officer = DeskBrowser(client)
            try await officer.signIn("o-dir-place", desk: f.desk)
            #expect(!(try await officer.get("/desk/sessions/SE-0001").body.contains("/proposals/")), "only the host group answers")
            let noReason = try await b.post("/desk/sessions/SE-0001/proposals/\(p.ref)", [("answer", "refuse"), ("reason", "")])
            #expect(noReason.status >= 400 && noReason.body.contains("href=\"#refuse-\(p.ref)\"") && noReason.body.contains("Fill in your reason"))
            let taken = try await b.post("/desk/sessions/SE-0001/proposals/\(p.ref)", [("answer", "take")])
            #expect(taken.status == 303 && taken.location == "/desk/sessions/SE-0001")
            #expect(try await f.desk.session("SE-0001", as: "o-ceo").meetingStart.hasPrefix("2026-12-08T14:00"))
            let again = try await b.post("/desk/sessions/SE-0001/proposals/\(p.ref)", [("answer", "refuse"), ("reason", "Too late")])
            #expect(again.status == 409 && again.body.contains("already taken"))
        }
    }

    @Test("the invited officer answers on the session's page and comes back to it")
    func officerAnswer() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-dir-place", desk: f.desk)
            try await b.get("/desk/sessions/SE-0001")
            let done = try await b.post("/desk/sessions/SE-0001/respond", [("back", "page"), ("answer", "confirm")])
            #expect(done.status == 303 && done.location == "/desk/sessions/SE-0001")
            #expect(try await f.desk.session("SE-0001", as: "o-ceo").officers.first?.response == "confirmed")
        }
    }

    @Test("the approver records an absence (every empty box named at once); the deputy reads them with the banner; others may not open the page")
    func absences() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            #expect(try await b.get("/desk").body.contains("href=\"/desk/absences\""))
            let page = try await b.get("/desk/absences")
            #expect(page.status == 200 && page.body.contains("action=\"/desk/absences\"") && page.body.contains("type=\"date\""))
            let before = try f.snapshot()
            let empty = try await b.post("/desk/absences", [("from", ""), ("until", "")])
            #expect(empty.status == 400 && empty.body.contains("Fill in the first day of the absence.") && empty.body.contains("Fill in the last day of the absence."))
            let backwards = try await b.post("/desk/absences", [("from", "2026-11-10"), ("until", "2026-11-03")])
            #expect(backwards.status >= 400 && backwards.body.contains("Give the last day of the absence on or after the first day of the absence.")
                    && backwards.body.contains("href=\"#absence-until\""))
            #expect(try f.snapshot() == before)
            let done = try await b.post("/desk/absences", [("from", "2026-11-02"), ("until", "2026-11-04")])
            #expect(done.status == 303 && done.location == "/desk/absences")
            #expect(try await b.get("/desk/absences").body.contains("From Mon 2 Nov 2026 to Wed 4 Nov 2026"))

            let deputy = DeskBrowser(client)
            try await deputy.signIn("o-dce", desk: f.desk)
            let read = try await deputy.get("/desk/absences")
            #expect(read.status == 200 && read.body.contains("From Mon 2 Nov 2026 to Wed 4 Nov 2026") && !read.body.contains("action=\"/desk/absences\""))
            #expect(read.body.contains(DeskDeputyTests.banner))
            let refused = try await deputy.post("/desk/absences", [("from", "2026-11-20"), ("until", "2026-11-21")])
            #expect(refused.status == 403 && refused.body.contains("Ask the Chief Executive or an administrator to record the absence"))

            let leader = DeskBrowser(client)
            try await leader.signIn("m-patel", desk: f.desk)
            #expect(try await leader.get("/desk/absences").status == 403)
            #expect(!(try await leader.get("/desk").body.contains("/desk/absences")))
        }
    }
}
