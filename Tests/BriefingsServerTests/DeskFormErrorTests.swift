import BriefingsDomain
import BriefingsStore
import Foundation
import Testing

/// Issue 23, items 3, 4 and 7 as a person meets them on the desk: every problem of a form at once in plain English,
/// venue boxes revealed by the venue chosen, no service area chosen for them, a clear page when they were signed out,
/// the free times and joint sessions an offer page shows, and a request sent again warned about, marked and counted once.
@Suite("Web desk: forms and their errors")
struct DeskFormErrorTests {
    /// The error summary's links, in order: the box each problem is about.
    static func summaryLinks(_ body: String) -> [String] {
        guard let start = body.range(of: "class=\"error-summary\""), let end = body.range(of: "</div>", range: start.upperBound..<body.endIndex) else { return [] }
        let summary = body[start.upperBound..<end.lowerBound]
        return summary.components(separatedBy: "<a href=\"#").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    }

    /// Words of the command line or the JSON API that a page must never show a person.
    static let machineWords = ["YYYY", "--", "partyPremises", "over the API", "is not a local time", "`", "form token", "HH:MM"]

    @Test("an empty request form shows every problem at once, each linked to its box, in plain English")
    func emptyForm() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-patel", desk: f.desk)
            try await b.get("/desk/requests/new")
            let before = try f.snapshot()
            // What a browser sends for the form as it first appears: the chosen venue and lengths, nothing typed.
            let empty = try await b.post("/desk/requests/check", [("area", ""), ("duration", "2h"), ("segment", "45m"), ("venue", "room"), ("room", "cr1")])
            #expect(empty.status == 400)
            #expect(Self.summaryLinks(empty.body) == ["matter", "area", "officers", "startDate", "startTime"], "\(Self.summaryLinks(empty.body))")
            for words in ["Fill in “Matter”", "Choose a service area", "Choose at least one officer", "Enter the date of the meeting",
                          "Enter the time the meeting starts"] {
                #expect(empty.body.contains(words), "\(words)")
            }
            for words in Self.machineWords { #expect(!empty.body.contains(words), "\(words)") }
            #expect(empty.body.contains("id=\"startDate-error\"") && empty.body.contains("id=\"officers-error\""), "each box shows its own error too")
            #expect(try f.snapshot() == before)

            // Other premises, with neither their address nor whether they are a party's; a time that is not one.
            let premises = try await b.post("/desk/requests", [("matter", "Town centre car parks"), ("area", "transport"), ("officer[]", "o-dir-place"),
                                                               ("startDate", "2026-12-15"), ("startTime", "half six"), ("duration", "2h"),
                                                               ("segment", "45m"), ("venue", "premises")])
            #expect(premises.status == 400)
            #expect(Self.summaryLinks(premises.body) == ["startTime", "premises", "premisesKind-other"], "\(Self.summaryLinks(premises.body))")
            #expect(premises.body.contains("Enter the time the meeting starts as a time of day, for example 18:30"))
            #expect(premises.body.contains("Say whether the other premises are a political party&#39;s") || premises.body.contains("Say whether the other premises are a political party's"))
            for words in Self.machineWords { #expect(!premises.body.contains(words), "\(words)") }
            #expect(try f.snapshot() == before)
        }
    }

    @Test("the request form: no service area chosen, date and time boxes, and each venue's boxes inside its choice")
    func newForm() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-patel", desk: f.desk)
            let page = try await b.get("/desk/requests/new").body
            #expect(page.contains("<option value=\"\" selected>Choose a service area</option>"))
            #expect(page.contains("id=\"startDate\" name=\"startDate\" type=\"date\"") && page.contains("id=\"startTime\" name=\"startTime\" type=\"time\""))
            #expect(!page.contains("datetime-local") && !page.contains("HH:MM"))
            // Each venue's own boxes follow the venue's radio buttons, each marked for the venue that reveals it (by CSS).
            let premises = try #require(page.range(of: "id=\"venue-premises\""))
            for (box, venue) in [("room", "room"), ("virtual", "virtual"), ("premises", "premises"), ("premisesKind-other", "premises")] {
                let at = try #require(page.range(of: "id=\"\(box)\""), "\(box)")
                let reveal = try #require(page.range(of: "class=\"conditional if-\(venue)\""), "\(venue)")
                #expect(premises.upperBound < reveal.lowerBound && reveal.upperBound < at.lowerBound, "\(box)")
            }
        }
    }

    @Test("a form sent after signing out in another window: a page saying so, nothing saved, no word of tokens")
    func signedOut() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-patel", desk: f.desk)
            try await b.get("/desk/requests/new")
            let other = DeskBrowser(client)
            other.cookies = b.cookies
            try await other.get("/desk")
            #expect(try await other.post("/desk/signout", []).status == 303)
            let before = try f.snapshot()
            let sent = try await b.post("/desk/requests", DeskRequestTests.evening)
            #expect(sent.status == 401, "\(sent.status)")
            #expect(sent.body.contains("You were signed out") && sent.body.contains("Sign in again"), "\(sent.body.prefix(800))")
            #expect(!sent.body.contains("token"))
            #expect(try f.snapshot() == before)
        }
    }

    @Test("an offer shows its free times, each filling in the take-up form; a joint session by date, time, venue and host")
    func offerPage() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-hughes", desk: f.desk)
            let offer = try #require(try await f.desk.offers(as: "m-hughes").first { $0.ref == "OF-0002" })
            let slot = try #require(offer.suggestedSlots.first)
            let page = try await b.get("/desk/offers")
            #expect(page.body.contains("Free times for the officers"))
            #expect(page.body.contains("href=\"/desk/offers?offer=OF-0002&amp;slot=0#accept-OF-0002-startDate\""), "\(page.body.prefix(0))")
            let day = LondonTime.formatPlain(try LondonTime.parse(slot.start))
            #expect(page.body.contains(day) && page.body.contains("in \(slot.roomName)"), "\(day)")
            let filled = try await b.get("/desk/offers?offer=OF-0002&slot=0")
            #expect(filled.body.contains("id=\"accept-OF-0002-startDate\" name=\"startDate\" type=\"date\" class=\"input\" value=\"\(slot.start.prefix(10))\""))
            #expect(filled.body.contains("id=\"accept-OF-0002-startTime\" name=\"startTime\" type=\"time\" class=\"input\" value=\"\(slot.start.suffix(5))\""))
            #expect(filled.body.contains("<option value=\"\(slot.room)\" selected>"))
            // Taken up at that time, as the form was filled in.
            let taken = try await b.post("/desk/offers/OF-0002/accept", [("mode", "own"), ("startDate", String(slot.start.prefix(10))),
                                                                         ("startTime", String(slot.start.suffix(5))), ("duration", slot.duration),
                                                                         ("segment", slot.segment), ("venue", "room"), ("room", slot.room),
                                                                         ("attendee[]", "m-hughes")])
            #expect(taken.status == 303, "\(taken.status) \(taken.body.prefix(800))")
        }
        // A joint session the Labour group hosts (the fixture's first briefing is approved with joint allowed when asked).
        let joint = try await f.desk.offers(as: "m-hughes").flatMap(\.joint)
        for s in joint {
            #expect(!s.host.isEmpty && s.meetingStart < s.meetingEnd)
        }
    }

    @Test("the same request sent three times: warned when checked and sent, marked in the queue, counted once in parity")
    func duplicates() async throws {
        let f = try await Fixture.make()
        let form = Fixture.form(group: "LAB", start: "2026-12-15T10:00", room: "cr2")
        let madeBefore = try #require(try await f.desk.parity(as: "o-mo").first { $0.group == "LAB" }?.requestsMade)
        let first = try await f.desk.submitRequest(form, as: "m-patel")
        #expect(first.verdicts.warnings.allSatisfy { !$0.message.contains("repeats") })
        let second = try await f.desk.submitRequest(form, as: "m-patel")
        let warning = try #require(second.verdicts.warnings.first { $0.message.contains("repeats \(first.ref)") })
        #expect(warning.fix.contains("Do not send it again: \(first.ref)"))
        _ = try await f.desk.submitRequest(form, as: "m-patel")
        #expect(try await f.desk.parity(as: "o-mo").first { $0.group == "LAB" }?.requestsMade == madeBefore + 1, "the repeats are not counted")
        let queue = try await f.desk.queue(as: "o-ceo")
        #expect(queue.filter { $0.duplicateOf == first.ref }.count == 2)
        #expect(queue.first { $0.ref == first.ref }?.duplicateOf == nil)

        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-patel", desk: f.desk)
            try await b.get("/desk/requests/new")
            let checked = try await b.post("/desk/requests/check", [("matter", "Local Plan review"), ("area", "planning"), ("meeting", "Cabinet 15 December 2026"),
                                                                    ("officer[]", "o-dir-place"), ("startDate", "2026-12-15"), ("startTime", "10:30"),
                                                                    ("duration", "2h"), ("segment", "45m"), ("venue", "room"), ("room", "cr2"),
                                                                    ("attendee[]", "m-patel")])
            #expect(checked.status == 200)
            #expect(checked.body.contains("This repeats \(first.ref)") || checked.body.contains("this repeats \(first.ref)"), "\(checked.body.prefix(0))")
            #expect(checked.body.contains("Do not send it again: \(first.ref)"))
            let ceo = DeskBrowser(client)
            try await ceo.signIn("o-ceo", desk: f.desk)
            let page = try await ceo.get("/desk/queue")
            #expect(page.body.contains("Duplicate of \(first.ref)"))
        }
    }
}
