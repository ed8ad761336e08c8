import BriefingsDomain
import BriefingsImports
import BriefingsServer
import BriefingsStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Issue 23, item 1: the administrator's tasks on the web desk (`/desk/admin`). Only the administrator opens the pages
/// or uses the forms; each form is the command line's own step, audited as it is, and its effect is checked where the
/// person meets it: a sign-in link signs them in, a password lets them sign in, a revoked token gets 401 from the API,
/// a withdrawn feed link 404, a retried message is waiting again.
@Suite("Desk: the administrator's pages")
struct DeskAdminTests {
    static let pages = ["/desk/admin", "/desk/admin/outbox", "/desk/admin/people/m-patel"]
    static let forms: [(String, [(String, String)])] = [
        ("/desk/admin/people/m-hughes/signin-link", []),
        ("/desk/admin/people/m-hughes/password", [("password", "three random words"), ("again", "three random words")]),
        ("/desk/admin/people/m-hughes/signout", []),
        ("/desk/admin/people/m-hughes/tokens", [("label", "laptop")]),
        ("/desk/admin/people/m-patel/tokens/5/revoke", []),
        ("/desk/admin/people/m-patel/feeds/revoke", []),
        ("/desk/admin/outbox/1/retry", []),
    ]

    /// The newest audit entry's action and subject.
    static func lastAudit(_ desk: BriefingDesk) async throws -> (action: String, subject: String, actor: String) {
        let e = try await desk.audit(as: nil, page: try Desk.PageRequest(list: "audit", limit: 1, newestFirst: true)).items[0]
        return (e.action, e.subject, e.actor)
    }

    /// The first match of a pattern in a page.
    static func first(_ pattern: String, in text: String) -> String? {
        text.range(of: pattern, options: .regularExpression).map { String(text[$0]) }
    }

    @Test("only the administrator sees the Administration link and opens its pages; a group leader, an officer and the approver get the desk's 403 page, and their forms change nothing")
    func onlyTheAdministrator() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let admin = DeskBrowser(client)
            try await admin.signIn("ds-admin", desk: f.desk)
            #expect(admin.lastBody.contains("href=\"/desk/admin\""))
            for path in Self.pages {
                let r = try await admin.get(path)
                #expect(r.status == 200, "\(path): \(r.status)")
                #expect(r.body.contains("aria-current=\"page\">Administration"), "\(path) is under Administration")
            }
            for person in ["m-patel", "o-dir-place", "o-ceo"] {
                let b = DeskBrowser(client)
                try await b.signIn(person, desk: f.desk)
                #expect(!b.lastBody.contains("href=\"/desk/admin\""), "\(person) sees no Administration link")
                for path in Self.pages {
                    let r = try await b.get(path)
                    #expect(r.status == 403 && r.body.contains("You cannot open this") && r.body.contains("administrators manage people"),
                            "\(path) as \(person): \(r.status)")
                    #expect(!r.body.contains("Signs in with") && !r.body.contains("Outgoing email"), "\(path) as \(person) shows nothing of the page")
                }
                let before = try f.snapshot()
                for (path, fields) in Self.forms {
                    let r = try await b.post(path, fields)
                    #expect(r.status == 403 && r.body.contains("You cannot do this"), "POST \(path) as \(person): \(r.status)")
                    #expect(!r.body.contains("sil_") && !r.body.contains("brf_"), "no secret in a refusal")
                }
                #expect(try f.snapshot() == before, "\(person)'s refused forms changed the database")
            }
        }
    }

    @Test("reading the administrator's pages changes nothing, and a form without its token is refused")
    func getsChangeNothing() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let admin = DeskBrowser(client)
            try await admin.signIn("ds-admin", desk: f.desk)
            let before = try f.snapshot()
            for path in Self.pages + ["/desk/admin/people/ds-admin", "/desk/admin/people/o-dir-place"] {
                #expect(try await admin.get(path).status == 200)
            }
            #expect(try f.snapshot() == before, "a GET of an administrator's page changed the database")
            for (path, fields) in Self.forms {
                let r = try await admin.post(path, fields, csrf: "")
                #expect(r.status == 403 && r.body.contains("This page was out of date"), "POST \(path) without its token: \(r.status)")
            }
            #expect(try f.snapshot() == before, "a form without its token changed the database")
            #expect(try await admin.get("/desk/admin/people/nobody").status == 404)
        }
    }

    @Test("the roster at a glance: members by group, officers with their grade, rooms, the council's profile, and how each signs in")
    func rosterAtAGlance() async throws {
        let f = try await Fixture.make()
        _ = try await f.desk.setBusyCalendar(officer: "o-dir-place", url: "https://outlook.office365.com/owa/calendar/S3cr3t-key-42/calendar.ics")
        try await f.app.test(.router) { client in
            let admin = DeskBrowser(client)
            try await admin.signIn("ds-admin", desk: f.desk)
            let page = try await admin.get("/desk/admin").body
            for text in ["Labour Group", "Conservative Group", "Cllr Gareth Hughes", "Group leader", "Head of Housing", "Head of Service",
                         "Committee Room 2", "Model default", "Catherine Moss (Chief Executive)", "href=\"/desk/admin/people/m-patel\"",
                         "https://outlook.office365.com/…", "Not read yet", "1 API token"] {
                #expect(page.contains(text), "the roster page shows \(text)")
            }
            #expect(!page.contains("S3cr3t-key-42"), "a calendar's whole address is never shown")
        }
    }

    @Test("a sign-in link given on the page is shown once, with its expiry, signs that person in, and is audited as the command line's")
    func signInLink() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let admin = DeskBrowser(client)
            try await admin.signIn("ds-admin", desk: f.desk)
            let r = try await admin.post("/desk/admin/people/m-hughes/signin-link", [])
            #expect(r.status == 200)
            #expect(r.body.contains("It works once, until Mon 2 Nov 2026, 09:15"), "the link's expiry, in the desk's format")
            let secret = try #require(Self.first("sil_[A-Za-z0-9_-]+", in: r.body))
            #expect(r.body.contains("/desk/signin/link/\(secret)"))
            #expect(try await Self.lastAudit(f.desk) == ("person.signin-link", "m-hughes", "ds-admin"), "the administrator who acted, not \"system\"")
            #expect(try await !admin.get("/desk/admin/people/m-hughes").body.contains(secret), "the link is shown only once")

            let hughes = DeskBrowser(client)
            try await hughes.get("/desk/signin/link/\(secret)")
            let signedIn = try await hughes.post("/desk/signin/link", [("secret", secret), ("next", "/desk")])
            #expect(signedIn.status == 303)
            #expect(try await hughes.get("/desk").body.contains("Cllr Gareth Hughes"), "the link signed Cllr Hughes in")
            #expect(try await admin.get("/desk/admin/people/m-hughes").body.contains("Signed in on 1 browser"))
            // The administrator signs them out of it.
            #expect(try await admin.post("/desk/admin/people/m-hughes/signout", []).status == 303)
            #expect(try await Self.lastAudit(f.desk) == ("person.signout", "m-hughes", "ds-admin"), "the administrator who acted, not \"system\"")
            #expect(try await hughes.get("/desk").status == 303, "signed out everywhere")
        }
    }

    @Test("a password set on the page lets the person sign in; refused in plain English when empty, typed differently or too short; never shown back; removed, it no longer works")
    func password() async throws {
        let f = try await Fixture.make()
        let path = "/desk/admin/people/m-okafor/password"
        let good = "quiet evening chamber"
        try await f.app.test(.router) { client in
            let admin = DeskBrowser(client)
            try await admin.signIn("ds-admin", desk: f.desk)
            let before = try f.snapshot()
            for (fields, says) in [([("password", ""), ("again", "")], "Enter the new password"),
                                   ([("password", good), ("again", good + "!")], "The two passwords differ"),
                                   ([("password", "short one"), ("again", "short one")], "it needs at least 12")] {
                let r = try await admin.post(path, fields)
                #expect(r.status == 422 && r.body.contains("There is a problem") && r.body.contains(says), "\(says): \(r.status)")
                #expect(r.body.contains("href=\"#password\""), "the summary links to the password box")
                #expect(!r.body.contains(good) && !r.body.contains("short one"), "a password is never shown back")
                #expect(!r.body.contains("briefings person") && !r.body.contains("standard input"), "no command-line words")
            }
            #expect(try f.snapshot() == before, "a refused password changed the database")

            func signIn(_ password: String) async throws -> Int {
                let okafor = DeskBrowser(client)
                try await okafor.get("/desk/signin")
                return try await okafor.post("/desk/signin/password", [("person", "m-okafor"), ("password", password), ("next", "/desk")]).status
            }
            #expect(try await signIn(good) == 401, "no password yet")
            let set = try await admin.post(path, [("password", good), ("again", good)])
            #expect(set.status == 303 && set.location == "/desk/admin/people/m-okafor")
            #expect(try await Self.lastAudit(f.desk) == ("person.password", "m-okafor", "ds-admin"), "the administrator who acted, not \"system\"")
            let page = try await admin.get("/desk/admin/people/m-okafor").body
            #expect(page.contains("password is set") && page.contains("Set Mon 2 Nov 2026, 09:00") && !page.contains(good))
            #expect(try await signIn(good) == 303, "the password set on the page signs Cllr Okafor in")

            #expect(try await admin.post("/desk/admin/people/m-okafor/password/remove", []).status == 303)
            #expect(try await Self.lastAudit(f.desk) == ("person.password.remove", "m-okafor", "ds-admin"), "the administrator who acted, not \"system\"")
            #expect(try await signIn(good) == 401, "a removed password no longer signs in")
            let again = try await admin.post("/desk/admin/people/m-okafor/password/remove", [])
            #expect(again.status == 404 && again.body.contains("an administrator may set a password"), "nothing to remove: \(again.status)")
        }
    }

    @Test("a token issued on the page is shown once and works on the API; revoked on the page it gets 401 and signs the person out; another person's token cannot be revoked through this person")
    func tokens() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let admin = DeskBrowser(client)
            try await admin.signIn("ds-admin", desk: f.desk)
            let housing = DeskBrowser(client)
            try await housing.signIn("o-hos-housing", desk: f.desk)
            func me(_ token: String) async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: "Bearer \(token)"]).status
            }
            let r = try await admin.post("/desk/admin/people/o-hos-housing/tokens", [("label", "tablet")])
            #expect(r.status == 200 && r.body.contains("it is shown only once"))
            let token = try #require(Self.first("brf_[A-Za-z0-9_-]+", in: r.body))
            let id = try #require(Self.first("Token [0-9]+ for", in: r.body).flatMap { Int($0.split(separator: " ")[1]) })
            #expect(try await Self.lastAudit(f.desk) == ("token.issue", "o-hos-housing", "ds-admin"), "the administrator who acted, not \"system\"")
            #expect(try await me(token) == .ok)
            let page = try await admin.get("/desk/admin/people/o-hos-housing").body
            #expect(page.contains("tablet") && !page.contains(token), "listed by its label, never shown again")

            // Token 5 is Cllr Patel's (the fixture's fifth): not revoked through another person's page.
            let patelToken = try #require(f.tokens["m-patel"])
            let wrong = try await admin.post("/desk/admin/people/o-hos-housing/tokens/5/revoke", [])
            #expect(wrong.status == 409 && wrong.body.contains("not one of this person"))
            #expect(try await me(patelToken) == .ok)

            let revoked = try await admin.post("/desk/admin/people/o-hos-housing/tokens/\(id)/revoke", [])
            #expect(revoked.status == 303)
            #expect(try await Self.lastAudit(f.desk) == ("token.revoke", "o-hos-housing", "ds-admin"), "the administrator who acted, not \"system\"")
            #expect(try await me(token) == .unauthorized, "the revoked token gets 401 on the API")
            #expect(try await housing.get("/desk").status == 303, "revoking a token signs its person out of the desk")
            #expect(try await admin.post("/desk/admin/people/o-hos-housing/tokens/\(id)/revoke", []).status == 409, "revoked already")

            let long = try await admin.post("/desk/admin/people/o-hos-housing/tokens", [("label", "line one\nline two")])
            #expect(long.status == 422 && long.body.contains("href=\"#label\"") && !long.body.contains("brf_"))
        }
    }

    @Test("a feed link withdrawn on the page gets 404 on the feed; the other feeds keep working")
    func feeds() async throws {
        let f = try await Fixture.make()
        let group = try await f.desk.issueFeedSecret(.group("LAB"), for: "m-patel")
        let member = try await f.desk.issueFeedSecret(.member("m-patel"), for: "m-patel")
        try await f.app.test(.router) { client in
            func feed(_ secret: String) async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/feeds/\(secret).ics", method: .get).status
            }
            #expect(try await feed(group) == .ok)
            #expect(try await feed(member) == .ok)
            let admin = DeskBrowser(client)
            try await admin.signIn("ds-admin", desk: f.desk)
            let page = try await admin.get("/desk/admin/people/m-patel").body
            #expect(page.contains("Labour Group&#39;s sessions and offers") || page.contains("Labour Group's sessions and offers"))
            #expect(!page.contains(group) && !page.contains(member), "a feed's secret is never shown")
            let r = try await admin.post("/desk/admin/people/m-patel/feeds/revoke", [("feed", "group:LAB")])
            #expect(r.status == 303)
            #expect(try await Self.lastAudit(f.desk) == ("feed.revoke", "m-patel", "ds-admin"), "the administrator who acted, not \"system\"")
            #expect(try await feed(group) == .notFound, "the withdrawn link no longer opens the feed")
            #expect(try await feed(member) == .ok, "the other feed still works")
            #expect(try await admin.post("/desk/admin/people/m-patel/feeds/revoke", []).status == 303)
            #expect(try await feed(member) == .notFound)
        }
    }

    @Test("the outbox: counts by state, a given-up message with its error, tried again from the page")
    func outbox() async throws {
        let f = try await Fixture.make()
        let waiting = try await f.desk.outbox()
        try #require(!waiting.isEmpty, "the fixture's steps wrote email")
        var later = Date()
        var first: Int64 = 0
        for _ in 1...OutboxPolicy.maxAttempts {
            later += 7200
            let m = try #require(try await f.desk.claimNextMessage(by: "test:1", now: later, isAlive: { _ in true }))
            first = m.id
            try await f.desk.recordFailure(m.id, error: "sendmail exited 75: mail.example.gov.uk refused the connection", now: later)
        }
        let given = first
        try await f.app.test(.router) { client in
            let admin = DeskBrowser(client)
            try await admin.signIn("ds-admin", desk: f.desk)
            #expect(try await admin.get("/desk/admin").body.contains("1 given up"))
            let page = try await admin.get("/desk/admin/outbox").body
            #expect(page.contains("Given up</dt><dd>1</dd>") && page.contains("Waiting to be sent</dt><dd>\(waiting.count - 1)</dd>"), "\(page)")
            #expect(page.contains("Sendmail exited 75: mail.example.gov.uk refused the connection") && page.contains("12 tries"))
            #expect(page.contains("Try message \(given) again now"))
            let r = try await admin.post("/desk/admin/outbox/\(given)/retry", [])
            #expect(r.status == 303)
            let message = try #require(try await f.desk.outbox().first { $0.id == given })
            #expect(message.status == "pending" && message.attempts == 0, "waiting to be sent again, its tries counted afresh")
            let after = try await admin.get("/desk/admin/outbox").body
            #expect(after.contains("will be sent at the next delivery") && after.contains("Given up</dt><dd>0</dd>"))
            let none = try await admin.post("/desk/admin/outbox/9999/retry", [])
            #expect(none.status == 404 && none.body.contains("The outgoing messages are listed under Administration, Outgoing email."))
        }
    }
}

/// The administrator's pages and forms in the desk's authorisation matrix: the administrator only.
extension DeskMatrixTests {
    static let administration: [Cell] = [
        Cell(method: .get, uri: "/desk/admin", route: "/desk/admin", allowed: ["ds-admin"]),
        Cell(method: .get, uri: "/desk/admin/outbox", route: "/desk/admin/outbox", allowed: ["ds-admin"]),
        Cell(method: .get, uri: "/desk/admin/people/m-patel", route: "/desk/admin/people/{person}", allowed: ["ds-admin"]),
        Cell(method: .post, uri: "/desk/admin/outbox/1/retry", route: "/desk/admin/outbox/{message}/retry", allowed: ["ds-admin"]),
        Cell(method: .post, uri: "/desk/admin/people/m-hughes/signin-link", route: "/desk/admin/people/{person}/signin-link", allowed: ["ds-admin"]),
        Cell(method: .post, uri: "/desk/admin/people/m-hughes/password", route: "/desk/admin/people/{person}/password",
             fields: fields([("password", "three random words"), ("again", "three random words")]), allowed: ["ds-admin"]),
        Cell(method: .post, uri: "/desk/admin/people/m-hughes/password/remove", route: "/desk/admin/people/{person}/password/remove", allowed: ["ds-admin"]),
        Cell(method: .post, uri: "/desk/admin/people/m-hughes/signout", route: "/desk/admin/people/{person}/signout", allowed: ["ds-admin"]),
        Cell(method: .post, uri: "/desk/admin/people/m-hughes/tokens", route: "/desk/admin/people/{person}/tokens", fields: fields([("label", "laptop")]),
             allowed: ["ds-admin"]),
        Cell(method: .post, uri: "/desk/admin/people/m-patel/tokens/5/revoke", route: "/desk/admin/people/{person}/tokens/{token}/revoke", allowed: ["ds-admin"]),
        Cell(method: .post, uri: "/desk/admin/people/m-patel/feeds/revoke", route: "/desk/admin/people/{person}/feeds/revoke", allowed: ["ds-admin"]),
        // The roster's sheets (the walk sends the council's own, exported): previewed, then imported as previewed.
        Cell(method: .post, uri: "/desk/admin/roster/preview", route: "/desk/admin/roster/preview", allowed: ["ds-admin"]),
        Cell(method: .post, uri: "/desk/admin/roster/import", route: "/desk/admin/roster/import", allowed: ["ds-admin"]),
    ]

    /// The council's roster as the five CSV sheets, for the walk's roster cells.
    static func rosterSheets(_ f: Fixture) async throws -> [(box: String, name: String, content: [UInt8])] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-sheets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try RosterCSV.export(try await f.desk.council().roster, to: folder)
        return try RosterCSV.sheets.map { s in
            (box: String(s.file.dropLast(4)), name: s.file, content: Array(try Data(contentsOf: folder.appendingPathComponent(s.file))))
        }
    }

    @Test("the administrator's pages and forms (a fresh council for each person)", arguments: administration)
    func administration(_ cell: Cell) async throws {
        for person in Fixture.people + [nil] {
            let f = try await Fixture.make()
            try await f.desk.setPassword(for: "m-hughes", to: "a password to remove")
            _ = try await f.desk.issueFeedSecret(.group("LAB"), for: "m-patel")
            try await f.app.test(.router) { client in try await Self.walk(cell, f, client, person) }
        }
    }

    /// The fixture council's roster as its five CSV sheets, by file name, as democratic services would export them.
    static func exportedSheets(_ f: Fixture) async throws -> [String: String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-sheets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try RosterCSV.export(try await f.desk.council().roster, to: folder)
        var sheets: [String: String] = [:]
        for sheet in RosterCSV.sheets { sheets[sheet.file] = try String(contentsOf: folder.appendingPathComponent(sheet.file), encoding: .utf8) }
        return sheets
    }

    @Test("issue 26 item 4: the roster's CSV sheets uploaded on the administrator's page: previewed (who joins, leaves, changes group), nothing written; imported as previewed; a bad row refused by sheet and row, a missing sheet named, nothing written; only the administrator")
    func rosterSheets() async throws {
        let f = try await Fixture.make()
        let sheets = try await Self.exportedSheets(f)
        @Sendable func files(_ s: [String: String]) -> [(box: String, name: String, content: [UInt8])] {
            RosterCSV.sheets.compactMap { sheet in s[sheet.file].map { (box: String(sheet.file.dropLast(4)), name: sheet.file, content: Array($0.utf8)) } }
        }
        // Edited as in a spreadsheet: a new member joins Labour; Cllr Okafor leaves.
        var edited = sheets
        let members = try #require(edited["members.csv"])
        let okafor = try #require(members.split(separator: "\n", omittingEmptySubsequences: false).first { $0.hasPrefix("m-okafor,") })
        edited["members.csv"] = members.replacingOccurrences(of: okafor + "\n", with: "") + "m-new,Cllr Nia Jones,cllr.nia.jones@example.gov.uk,LAB,elected\n"
        let changed = edited
        try await f.app.test(.router) { client in
            let edited = changed
            let patel = DeskBrowser(client)
            try await patel.signIn("m-patel", desk: f.desk)
            let before = try f.snapshot()
            #expect(try await patel.postFiles("/desk/admin/roster/preview", [], files: files(edited)).status == 403)
            let admin = DeskBrowser(client)
            try await admin.signIn("ds-admin", desk: f.desk)
            let page = try await admin.get("/desk/admin")
            #expect(page.body.contains("action=\"/desk/admin/roster/preview\"") && page.body.contains("enctype=\"multipart/form-data\""))
            let snapshot = try f.snapshot()
            let preview = try await admin.postFiles("/desk/admin/roster/preview", [], files: files(edited))
            #expect(preview.status == 200, "\(preview.status) \(DeskMatrixTests.problem(preview.body))")
            #expect(preview.body.contains("Joins: Cllr Nia Jones (m-new)") && preview.body.contains("Leaves: Cllr Tunde Okafor (m-okafor)"),
                    "\(DeskMatrixTests.problem(preview.body))")
            #expect(preview.body.contains("action=\"/desk/admin/roster/import\""))
            #expect(try f.snapshot() == snapshot, "a preview writes nothing")
            // A bad row, and a sheet not chosen: every problem by sheet and row, nothing written.
            var bad = edited
            bad["members.csv"]! += "m-bad,Cllr Bad Row,,LAB,councillor\n"
            let refused = try await admin.postFiles("/desk/admin/roster/preview", [], files: files(bad))
            let rows = bad["members.csv"]!.split(separator: "\n").count
            #expect(refused.status == 400 && refused.body.contains("The sheet members.csv row \(rows): kind: &#39;councillor&#39; is not elected or co-opted"),
                    "\(refused.status) \(DeskMatrixTests.problem(refused.body))")
            bad["rooms.csv"] = nil
            let missing = try await admin.postFiles("/desk/admin/roster/preview", [], files: files(bad))
            #expect(missing.status == 400 && missing.body.contains("The sheet rooms.csv was not chosen"), "\(missing.status) \(DeskMatrixTests.problem(missing.body))")
            #expect(!refused.body.contains("action=\"/desk/admin/roster/import\""))
            #expect(try f.snapshot() == snapshot)
            // Imported as previewed.
            let roster = try #require(DeskBrowser.field("roster", in: preview.body)).replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
            let done = try await admin.post("/desk/admin/roster/import", [("roster", roster)])
            #expect(done.status == 303, "\(done.status) \(DeskMatrixTests.problem(done.body))")
            let after = try await f.desk.council().roster
            #expect(after.members.contains { $0.id == "m-new" && $0.group == "LAB" } && !after.members.contains { $0.id == "m-okafor" })
            #expect(try await admin.get("/desk/admin").body.contains("Imported the roster"))
            _ = before
        }
    }

    @Test("a large council's roster (over the desk's 64 KB form limit once previewed) imports from its preview: the confirming form is sent as a multipart form, as the sheets were")
    func largeRosterImports() async throws {
        let f = try await Fixture.make()
        let exported = try await Self.exportedSheets(f)
        var sheets: [(box: String, name: String, content: [UInt8])] = []
        for sheet in RosterCSV.sheets {
            var text = exported[sheet.file] ?? ""
            if sheet.file == "officers.csv" {
                // A county's officers: 400 more, each a line as the planner's.
                let planner = try #require(text.split(separator: "\n").first { $0.hasPrefix("o-planner,") })
                for n in 1...400 {
                    text += planner.replacingOccurrences(of: "o-planner,", with: "o-extra-\(n),").replacingOccurrences(of: "Amy Turner", with: "Officer \(n)")
                        .replacingOccurrences(of: "amy.turner", with: "officer.\(n)") + "\n"
                }
            }
            sheets.append((box: String(sheet.file.dropLast(4)), name: sheet.file, content: Array(text.utf8)))
        }
        let all = sheets
        try await f.app.test(.router) { client in
            let admin = DeskBrowser(client)
            try await admin.signIn("ds-admin", desk: f.desk)
            let preview = try await admin.postFiles("/desk/admin/roster/preview", [], files: all)
            #expect(preview.status == 200, "\(preview.status) \(DeskMatrixTests.problem(preview.body))")
            let roster = try #require(DeskBrowser.field("roster", in: preview.body)).replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
            #expect(roster.utf8.count > 64 * 1024, "\(roster.utf8.count) bytes")
            #expect(preview.body.contains("action=\"/desk/admin/roster/import\" enctype=\"multipart/form-data\""), "the browser sends it as a multipart form")
            let done = try await admin.postFiles("/desk/admin/roster/import", [("roster", roster)], files: [])
            #expect(done.status == 303, "\(done.status) \(DeskMatrixTests.problem(done.body))")
            #expect(try await f.desk.council().roster.officers.contains { $0.id == "o-extra-400" })
        }
    }
}
