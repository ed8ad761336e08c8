import BriefingsDomain
import BriefingsImports
import BriefingsServer
import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Every desk page and form × every role, as `AuthorizationMatrixTests` holds the JSON API: allowed (200, or 303 after
/// a form) or denied (401/403, or a page refusing by the requester, confidentiality, approval or equal-offer rule), a
/// denied form changing nothing. Signed out, a page sends the browser to sign in and a form is refused. A test holds the
/// matrix to the router, so a new page cannot be left out.
@Suite("Desk authorisation matrix")
struct DeskMatrixTests {
    static let oversight: Set<String> = ["o-ceo", "o-dce", "o-mo", "ds-admin"]
    static let labour: Set<String> = ["m-patel", "pa-lab", "m-okafor"]
    static let everyone = Set(Fixture.people)

    struct Cell: Sendable, CustomTestStringConvertible {
        var method: HTTPRequest.Method
        var uri: String
        /// The route as the router names it (`/desk/requests/{ref}`).
        var route: String
        var fields: [Field] = []
        var allowed: Set<String>
        /// Also allowed signed out (signing out again is harmless).
        var signedOutToo = false
        var testDescription: String { "\(method) \(uri)" }
    }

    struct Field: Sendable { var name: String; var value: String }

    static func fields(_ pairs: [(String, String)]) -> [Field] { pairs.map { Field(name: $0.0, value: $0.1) } }

    static let pages: [Cell] = [
        Cell(method: .get, uri: "/desk", route: "/desk", allowed: everyone),
        Cell(method: .get, uri: "/desk/queue", route: "/desk/queue", allowed: oversight),
        Cell(method: .get, uri: "/desk/queue/RQ-0002", route: "/desk/queue/{ref}", allowed: oversight),
        Cell(method: .get, uri: "/desk/requests", route: "/desk/requests", allowed: everyone),   // officers: the requests naming them
        Cell(method: .get, uri: "/desk/requests/new", route: "/desk/requests/new", allowed: everyone),   // the rules judge who may send it
        Cell(method: .get, uri: "/desk/requests/RQ-0001", route: "/desk/requests/{ref}", allowed: oversight.union(labour).union(["o-dir-place"])),
        Cell(method: .get, uri: "/desk/requests/RQ-0002", route: "/desk/requests/{ref}", allowed: oversight.union(labour).union(["o-dir-place"])),
        Cell(method: .get, uri: "/desk/offers", route: "/desk/offers", allowed: oversight.union(labour).union(["m-hughes"])),
        Cell(method: .get, uri: "/desk/sessions", route: "/desk/sessions", allowed: everyone),
        Cell(method: .get, uri: "/desk/sessions/SE-0001", route: "/desk/sessions/{ref}", allowed: oversight.union(labour).union(["o-dir-place"])),
        Cell(method: .get, uri: "/desk/absences", route: "/desk/absences", allowed: oversight),
        Cell(method: .get, uri: "/desk/briefings", route: "/desk/briefings", allowed: everyone),   // each sees those they may read
        Cell(method: .get, uri: "/desk/briefings/BR-0001", route: "/desk/briefings/{ref}", allowed: oversight.union(labour).union(["o-dir-place"])),
        // A material file (the walk attaches a PDF, held as RQ-0003, and releases it for the briefing's cell): its
        // readers download it; held, only oversight and the officer who attached it.
        Cell(method: .get, uri: "/desk/briefings/BR-0001/file", route: "/desk/briefings/{ref}/file", allowed: oversight.union(labour).union(["o-dir-place"])),
        Cell(method: .get, uri: "/desk/queue/RQ-0003/file", route: "/desk/queue/{ref}/file", allowed: oversight.union(["o-dir-place"])),
        Cell(method: .get, uri: "/desk/parity", route: "/desk/parity", allowed: oversight),
        Cell(method: .get, uri: "/desk/audit", route: "/desk/audit", allowed: oversight),
        Cell(method: .get, uri: "/desk/audit.csv", route: "/desk/audit.csv", allowed: oversight),
        Cell(method: .get, uri: "/desk/subscribe", route: "/desk/subscribe", allowed: everyone),
        // Officers see their own calendar address's reads, administrators every officer's.
        Cell(method: .get, uri: "/desk/calendars", route: "/desk/calendars", allowed: ["o-ceo", "o-dce", "o-mo", "ds-admin", "o-dir-place", "o-hos-housing"]),
    ]

    static let request = fields([("matter", "Parks"), ("area", "planning"), ("meeting", "Cabinet"), ("officer[]", "o-dce"), ("start", "2026-12-21T10:00"),
                                 ("venue", "room"), ("room", "cr2"), ("attendee[]", "m-patel")])

    static let forms: [Cell] = [
        Cell(method: .post, uri: "/desk/queue/RQ-0002/approve", route: "/desk/queue/{ref}/approve", fields: fields(judgedBoxes), allowed: ["o-ceo"]),
        Cell(method: .post, uri: "/desk/queue/RQ-0002/decline", route: "/desk/queue/{ref}/decline", fields: fields([("reason", "no")]), allowed: ["o-ceo"]),
        Cell(method: .post, uri: "/desk/queue/RQ-0002/acknowledge", route: "/desk/queue/{ref}/acknowledge",
             fields: fields([("message", "You will hear by Friday."), ("replyBy", "2026-11-06")]), allowed: ["o-ceo"]),
        Cell(method: .post, uri: "/desk/requests/check", route: "/desk/requests/check", fields: request,
             allowed: labour.union(["m-hughes"])),   // a check saves nothing; it shows everyone else's refusal by the rules
        Cell(method: .post, uri: "/desk/requests", route: "/desk/requests", fields: request, allowed: ["m-patel"]),
        Cell(method: .post, uri: "/desk/requests/RQ-0002/flag", route: "/desk/requests/{ref}/flag", fields: fields([("reason", "too political")]),
             allowed: ["o-dir-place"]),
        Cell(method: .post, uri: "/desk/offers/OF-0002/accept", route: "/desk/offers/{ref}/accept",
             fields: fields([("mode", "own"), ("start", "2026-12-08T10:00"), ("venue", "room"), ("room", "chamber"), ("attendee[]", "m-hughes")]),
             allowed: ["m-hughes"]),
        Cell(method: .post, uri: "/desk/offers/OF-0002/decline", route: "/desk/offers/{ref}/decline", fields: fields([("reason", "no")]), allowed: ["m-hughes"]),
        Cell(method: .post, uri: "/desk/sessions/SE-0001/respond", route: "/desk/sessions/{ref}/respond", fields: fields([("answer", "confirm")]),
             allowed: ["o-dir-place"]),
        Cell(method: .post, uri: "/desk/sessions/SE-0001/propose", route: "/desk/sessions/{ref}/propose",
             fields: fields([("start", "2026-12-08T10:00"), ("reason", "earlier")]), allowed: ["o-dir-place"]),
        Cell(method: .post, uri: "/desk/sessions/SE-0001/move", route: "/desk/sessions/{ref}/move",
             fields: fields([("startDate", "2026-12-08"), ("startTime", "14:00"), ("duration", "2h"), ("segment", "45m"), ("reason", "The room is needed")]),
             allowed: ["m-patel", "o-ceo"]),
        Cell(method: .post, uri: "/desk/sessions/SE-0001/cancel", route: "/desk/sessions/{ref}/cancel", fields: fields([("reason", "No longer needed")]),
             allowed: ["m-patel", "o-ceo"]),
        // SE-0001 has no joined group: nobody withdraws (the host is told to cancel or move it instead).
        Cell(method: .post, uri: "/desk/sessions/SE-0001/withdraw", route: "/desk/sessions/{ref}/withdraw", fields: fields([("reason", "We leave")]),
             allowed: []),
        Cell(method: .post, uri: "/desk/sessions/SE-0001/proposals/TP-0001", route: "/desk/sessions/{ref}/proposals/{proposal}",
             fields: fields([("answer", "refuse"), ("reason", "Monday suits the group")]), allowed: ["m-patel"]),
        Cell(method: .post, uri: "/desk/absences", route: "/desk/absences", fields: fields([("from", "2026-11-20"), ("until", "2026-11-21")]),
             allowed: ["o-ceo", "ds-admin"]),
        Cell(method: .post, uri: "/desk/sessions/SE-0001/notes", route: "/desk/sessions/{ref}/notes", fields: fields([("text", "What was said.")]),
             allowed: labour),
        Cell(method: .post, uri: "/desk/notes/NT-0001/verify", route: "/desk/notes/{ref}/verify", allowed: ["o-dir-place"]),
        Cell(method: .post, uri: "/desk/notes/NT-0001/finalise", route: "/desk/notes/{ref}/finalise",
             fields: fields([("unverifiedReason", "The officer was away.")]), allowed: labour),
        Cell(method: .post, uri: "/desk/briefings/BR-0001/material", route: "/desk/briefings/{ref}/material",
             fields: fields([("text", "Facts and options.")]), allowed: ["o-dir-place"]),
        // The approver is refused by equal-offer while offers are open (`DeskBriefingTests` closes it once they are answered).
        Cell(method: .post, uri: "/desk/briefings/BR-0001/close", route: "/desk/briefings/{ref}/close", allowed: []),
        // After OF-0002's answer-by date (the walk moves the clock).
        Cell(method: .post, uri: "/desk/briefings/BR-0001/lapse", route: "/desk/briefings/{ref}/lapse",
             fields: fields([("offer", "OF-0002"), ("reason", "Not answered by its date.")]), allowed: ["o-ceo"]),
        // Labour's budget briefing (the walk makes it).
        Cell(method: .post, uri: "/desk/briefings/BR-0002/release", route: "/desk/briefings/{ref}/release", allowed: ["m-patel"]),
        Cell(method: .post, uri: "/desk/subscribe", route: "/desk/subscribe", fields: fields([("feed", "group:LAB")]), allowed: labour.union(["o-ceo", "o-dce", "o-mo"])),
        Cell(method: .post, uri: "/desk/subscribe", route: "/desk/subscribe", fields: fields([("feed", "overview")]), allowed: ["o-ceo", "o-dce", "o-mo"]),
        Cell(method: .post, uri: "/desk/signout", route: "/desk/signout", allowed: everyone, signedOutToo: true),
    ]

    /// Routes anyone may use signed out: signing in, the stylesheet and script, and `/`, which sends a browser to the desk.
    static let public_: Set<String> = ["GET /", "GET /desk/static/{file}", "GET /desk/signin", "POST /desk/signin/password",
                                       "GET /desk/signin/link/{secret}", "POST /desk/signin/link"]

    @Test("the matrix holds every desk route the router holds")
    func coverage() async throws {
        let f = try await Fixture.make()
        let held = Set(buildRouter(desk: f.desk).routes.map { "\($0.method.rawValue) \($0.path.description)" }.filter(RouteParityTests.isDeskPage))
        let covered = Set((Self.pages + Self.forms + Self.administration).map { "\($0.method.rawValue) \($0.route)" }).union(Self.public_)
        #expect(held == covered, "routes without a cell: \(held.subtracting(covered).sorted()); cells without a route: \(covered.subtracting(held).sorted())")
    }

    @Test("pages", arguments: pages)
    func page(_ cell: Cell) async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            for person in Fixture.people + [nil] { try await Self.walk(cell, f, client, person) }
        }
    }

    @Test("forms (a fresh council for each person)", arguments: forms)
    func form(_ cell: Cell) async throws {
        for person in Fixture.people + [nil] {
            let f = try await Fixture.make()
            try await f.app.test(.router) { client in try await Self.walk(cell, f, client, person) }
        }
    }

    static func walk(_ cell: Cell, _ f: Fixture, _ client: some TestClientProtocol, _ person: String?) async throws {
        // A draft record of Labour's session, for the cells that verify or finalise one.
        if cell.uri.hasPrefix("/desk/notes/"), try await f.desk.notes(as: "m-patel").isEmpty {
            _ = try await f.desk.addNote("SE-0001", as: "m-okafor", text: "The Director set out the three options.")
            // Only an officer who attended verifies; the group finalises once one has (003 §7.10).
            _ = try await f.desk.respond("SE-0001", as: "o-dir-place", .confirm)
            if cell.uri.hasSuffix("/finalise") { _ = try await f.desk.verifyNote("NT-0001", as: "o-dir-place", correction: nil) }
        }
        // The Director's proposed time for Labour's session, for the cell that takes or refuses one.
        if cell.uri.contains("/proposals/"), try await f.desk.session("SE-0001", as: "o-ceo").proposals.isEmpty {
            _ = try await f.desk.proposeTime("SE-0001", as: "o-dir-place", to: SessionForm(start: "2026-12-08T14:00"), reason: "Committee on Monday")
        }
        if cell.uri.hasSuffix("/lapse") { f.clock.set("2026-12-01T09:00") }
        if cell.uri.hasSuffix("/file"), try await f.desk.queue(as: "o-ceo").allSatisfy({ $0.kind != "material" }),
           try await f.desk.briefing("BR-0001", as: "o-ceo").materialFile == nil {
            let held = try await f.desk.attachMaterial("BR-0001", as: "o-dir-place", text: "", group: nil,
                                                       file: Desk.Upload(name: "options.pdf", content: Data("%PDF-1.7\n%%EOF\n".utf8)))
            if cell.uri.hasPrefix("/desk/briefings/") { _ = try await f.desk.approve(held.ref, as: "o-ceo", judged: Set(BriefingsDomain.Approval.judgedRules)) }
        }
        if cell.uri.hasPrefix("/desk/briefings/BR-0002"), (try? await f.desk.briefing("BR-0002", as: "o-ceo")) == nil {
            try await DeskBriefingTests.budgetBriefing(f)
        }
        let b = DeskBrowser(client)
        if let person { try await b.signIn(person, desk: f.desk) } else { try await b.get("/desk/signin") }
        let before = try f.snapshot()
        var fields = cell.fields.map { ($0.name, $0.value) }
        if cell.uri == "/desk/admin/roster/import" {
            fields = [("roster", String(decoding: try RosterCSV.rosterFile(sheets: Dictionary(uniqueKeysWithValues: try await DeskMatrixTests.rosterSheets(f).map { ($0.name, Data($0.content)) }),
                                                                         council: try await f.desk.council().roster, missing: { $0 }), as: UTF8.self))]
        }
        let r = cell.method == .get ? try await b.get(cell.uri)
            : cell.uri == "/desk/admin/roster/preview" ? try await b.postFiles(cell.uri, fields, files: try await Self.rosterSheets(f))
            : try await b.post(cell.uri, fields)
        let who = person ?? "nobody"
        if person.map(cell.allowed.contains) ?? cell.signedOutToo {
            #expect([200, 303].contains(r.status), "\(cell.method) \(cell.uri) as \(who): \(r.status) \(Self.problem(r.body))")
            #expect(!r.body.contains("Optional("), "\(cell.uri) as \(who) shows a Swift optional's debug text")
        } else if person == nil && cell.method == .get {
            #expect(r.status == 303 && r.location?.hasPrefix("/desk/signin?next=") == true, "\(cell.uri) signed out: \(r.status)")
        } else {
            let byRule = [400, 422].contains(r.status) && ["[requester", "[confidentiality", "[approval", "[equal-offer"].contains { r.body.contains($0) }
            #expect([401, 403].contains(r.status) || byRule, "\(cell.method) \(cell.uri) as \(who) should be denied: \(r.status) \(Self.problem(r.body))")
            if cell.method == .post { #expect(try f.snapshot() == before, "\(cell.uri) denied to \(who) changed the database") }
        }
    }

    /// The first lines of a page's problem, for a failing expectation's message.
    static func problem(_ html: String) -> String {
        guard let start = html.range(of: "<main") else { return String(html.prefix(200)) }
        return String(html[start.lowerBound...].prefix(600)).replacingOccurrences(of: "\n", with: " ")
    }
}
