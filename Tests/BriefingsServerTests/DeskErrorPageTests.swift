import BriefingsDomain
@testable import BriefingsServer
import BriefingsStore
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The desk's own error pages (issue 23, item 5): every unknown address under /desk, signed in or not, is a page in
/// the desk's look that links home (404, and 405 for a method an address does not take), never the JSON API's error
/// body; no error page tells anyone to run a command.
@Suite("Web desk: error pages")
struct DeskErrorPageTests {
    static let unknown = ["/desk/offers/OF-0016", "/desk/nothing", "/desk/queue/RQ-0002/extra", "/desk/a/b/c/d", "/desk/requests/garbage",
                          "/desk/queue/rq-2", "/desk/static/missing.css", "/desk/sessions/SE-0001/extra"]

    /// A page in the desk's look: its stylesheet, its header and a link home; not JSON.
    static func deskPage(_ body: String) -> Bool {
        body.hasPrefix("<!DOCTYPE html>") && body.contains("/desk/static/desk.css") && body.contains("href=\"/desk\"") && !body.contains("\"error\"")
    }

    @Test("an unknown address under /desk is the desk's 404 page linking home, signed in (with the navigation) or not", arguments: [nil, "o-ceo", "m-patel"])
    func notFound(_ person: String?) async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            if let person { try await b.signIn(person, desk: f.desk) } else { try await b.get("/desk/signin") }
            for path in Self.unknown {
                let page = try await b.get(path)
                #expect(page.status == 404, "\(path) as \(person ?? "nobody"): \(page.status)")
                #expect(Self.deskPage(page.body) && page.body.contains("Page not found"), "\(path) as \(person ?? "nobody"): \(page.body.prefix(300))")
                // The navigation when signed in (a missing stylesheet or script is answered without reading the session).
                #expect(page.body.contains("aria-label=\"Desk\"") == (person != nil && !path.hasPrefix("/desk/static/")), "\(path): the navigation only when signed in")
            }
            // A form sent to an address no form has (with this browser's token): the same page; without it, refused.
            let posted = try await b.post("/desk/offers/OF-0002/nothing", [("reason", "x")])
            #expect(posted.status == 404 && Self.deskPage(posted.body), "\(posted.status)")
            let forged = try await b.post("/desk/offers/OF-0002/nothing", [("reason", "x")], csrf: "")
            #expect(forged.status == 403 && Self.deskPage(forged.body), "\(forged.status)")
        }
    }

    @Test("a method an address under /desk does not take is the desk's 405 page with Allow; other methods nowhere are its 404 page")
    func otherMethods() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            for (method, path, status, allow) in [(HTTPRequest.Method.put, "/desk/queue", 405, "GET"), (.delete, "/desk/queue/RQ-0002/approve", 405, "POST"),
                                                  (.get, "/desk/queue/RQ-0002/approve", 405, "POST"), (.patch, "/desk/x/y/z/w", 404, nil)] {
                let r = try await client.execute(uri: path, method: method)
                let body = String(buffer: r.body)
                #expect(Int(r.status.code) == status && Self.deskPage(body), "\(method) \(path): \(r.status) \(body.prefix(200))")
                #expect(r.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(r.headers[.allow] == allow, "\(method) \(path)")
            }
            // The JSON API keeps its JSON errors.
            let api = try await client.execute(uri: "/api/nothing", method: .get)
            #expect(api.status == .notFound && String(buffer: api.body).contains("\"error\""))
        }
    }

    @Test("no error page tells anyone to run a command: not the 404, 403 or 405 pages, nor the audit page when the trail is broken")
    func noCommands() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("desk-errors-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let f = try await Fixture.make(path: path)
        try await DatabaseQueue(path: path).write { db in   // as a tamperer would: past the append-only triggers
            for t in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'") {
                try db.execute(sql: "DROP TRIGGER \(t)")
            }
            try db.execute(sql: "UPDATE audit SET actor = 'someone-else' WHERE seq = 1")
        }
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-hughes", desk: f.desk)
            var pages = [try await b.get("/desk/nothing"), try await b.get("/desk/requests/RQ-0001"), try await b.get("/desk/requests/RQ-9999")]
            let o = DeskBrowser(client)
            try await o.signIn("o-mo", desk: f.desk)
            pages.append(try await o.get("/desk/audit"))
            #expect(pages.map(\.status) == [404, 403, 404, 200])
            #expect(pages[3].body.contains("The audit trail has been altered"))
            for page in pages {
                // What the page says, not its markup: a random form token may hold "--" followed by a letter.
                let text = page.body.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
                #expect(text.range(of: #"briefings (?!desk)[a-z]+|--[a-z]"#, options: .regularExpression) == nil,
                        "\(page.body.components(separatedBy: "<main").last?.prefix(800) ?? "")")
            }
        }
    }
}
