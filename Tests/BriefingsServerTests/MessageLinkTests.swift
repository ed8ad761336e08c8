import BriefingsDomain
@testable import BriefingsServer
import BriefingsStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 24: the links in the desk's email are safe to follow. Each recipient, signed in, opens every page a message of
/// theirs links to, and it is about that very thing; a browser without a session is led through sign-in and back to the
/// page; opening them changes nothing; and sign-in follows only same-site desk paths.
@Suite("Links in messages")
struct MessageLinkTests {
    /// The council's records, without the sign-in tables and the sign-ins in the audit trail.
    static func records(_ f: Fixture) throws -> String {
        try f.desk.database.writer.read { db in
            var out = ""
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            where !["web_session", "signin_link", "signin_failure", "audit_head"].contains(table) {
                let skip = table == "audit" ? " WHERE action NOT IN ('signin', 'person.signin-link')" : ""
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)\(skip) ORDER BY rowid") { out += "\(table) \(row)\n" }
            }
            return out
        }
    }

    @Test("every recipient opens the page each message links to, about that very thing; without a session through sign-in and back; a GET changes nothing")
    func everyLink() async throws {
        let f = try await Fixture.make()
        // More of the workflow: an officer declines a first invitation, a group takes up its offer, the approver is away.
        _ = try await f.desk.respond("SE-0001", as: "o-dir-place", .confirm)
        _ = try await f.desk.acceptOffer("OF-0004", as: "m-nowak", onBehalfOf: nil, join: nil,
                                         session: SessionForm(start: "2026-12-10T14:00", duration: "90m", segment: "40m", room: "cr2", attendees: ["m-nowak"]))
        try await f.desk.recordAbsence(from: LocalDate("2026-11-02")!, until: LocalDate("2026-11-06")!, as: "o-ceo")
        let c = try await f.desk.council()
        let byEmail = Dictionary(grouping: c.names.keys.sorted().filter { c.roster.email(of: $0) != nil }, by: { c.roster.email(of: $0)! })
        let messages = try await f.desk.outbox().asyncMap { try await f.desk.outboxMessage($0.id) }
        #expect(messages.count >= 12)
        try await f.app.test(.router) { client in
            var browsers: [String: DeskBrowser] = [:]
            var walked = Set<String>()
            let before = try Self.records(f)
            for m in messages {
                let letter = try #require(m.letter, "\(m.subject) has no letter")
                let refs = m.subject.matches(of: try Regex(#"[A-Z]{2}-\d{4}"#)).map { String(m.subject[$0.range]) }
                for person in m.to.flatMap({ byEmail[$0.email] ?? [] }) {
                    let b: DeskBrowser
                    if let known = browsers[person] { b = known } else {
                        b = DeskBrowser(client)
                        try await b.signIn(person, desk: f.desk)
                        browsers[person] = b
                    }
                    var opened: [String] = []
                    for link in letter.links {
                        let parts = link.path.split(separator: "#", maxSplits: 1).map(String.init)
                        let page = try await b.get(parts[0])
                        opened.append("\(link.path) \(page.status)")
                        if page.status == 200, refs.isEmpty || refs.contains(where: page.body.contains),
                           parts.count == 1 || page.body.contains("id=\"\(parts[1])\"") { opened = []; break }
                    }
                    #expect(opened.isEmpty, "\(person) opens no page about '\(m.subject)': \(opened)")
                }
                for link in letter.links {
                    let path = String(link.path.split(separator: "#")[0])
                    guard walked.insert(path).inserted, let first = m.to.first.flatMap({ byEmail[$0.email]?.first }) else { continue }
                    let fresh = DeskBrowser(client)
                    let away = try await fresh.get(path)
                    #expect(away.status == 303 && away.location == "/desk/signin?next=" + path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["/", "-"]))!)
                    let secret = try await f.desk.issueSignInLink(for: first).secret
                    try await fresh.get("/desk/signin/link/\(secret)?next=" + path)
                    #expect(DeskBrowser.field("next", in: fresh.lastBody) == path, "the sign-in page keeps the way back")
                    let back = try await fresh.post("/desk/signin/link", [("secret", secret), ("next", path)])
                    #expect(back.status == 303 && back.location == path, "signing in on the way to \(path) leads to \(back.location ?? "nowhere")")
                }
            }
            #expect(walked.count >= 4 && browsers.count >= 8)
            #expect(try Self.records(f) == before, "following the links changed the council's records")
        }
    }

    @Test("a page's query survives the way through sign-in")
    func query() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let away = try await DeskBrowser(client).get("/desk/requests/RQ-0001?from=mail")
            #expect(away.status == 303 && away.location == "/desk/signin?next=/desk/requests/RQ-0001%3Ffrom%3Dmail")
        }
    }

    @Test("after sign-in only a same-site desk path is followed, however the way back is written", arguments: [
        ("//evil.example/desk", "/desk"), ("https://evil.example/desk", "/desk"), ("/\\evil.example", "/desk"), ("/desk\\@evil.example", "/desk"),
        ("/desk//evil.example", "/desk"), ("/desk.evil.example", "/desk"), ("/deskevil", "/desk"), ("/desk/../evil", "/desk"),
        ("javascript:alert(1)", "/desk"), ("/desk\r\nLocation: https://evil.example", "/desk"), ("", "/desk"),
        ("/desk/offers#h-OF-0002", "/desk/offers#h-OF-0002"), ("/desk/requests/RQ-0001?from=mail", "/desk/requests/RQ-0001?from=mail"), ("/desk", "/desk"),
    ])
    func sameSite(next: String, expected: String) async throws {
        #expect(DeskController.safeNext(next) == expected)
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            let secret = try await f.desk.issueSignInLink(for: "m-patel").secret
            try await b.get("/desk/signin/link/\(secret)")
            let r = try await b.post("/desk/signin/link", [("secret", secret), ("next", next)])
            #expect(r.status == 303 && r.location == expected)
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await transform(e)) }
        return out
    }
}
