import BriefingsDomain
import BriefingsServer
import BriefingsStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Lists in pages (issue 27, problem 7: after 28,000 requests `GET /api/queue` returned 48 MB in 7.1 s and
/// `/desk/queue` 97 MB in 6.0 s): `limit` and an opaque cursor in the JSON API, pages on the desk.
@Suite("Lists in pages")
struct PagingTests {
    /// The fixture's council with its quotas raised, and `count` more Labour requests waiting (RQ-0003 onwards), one a
    /// weekday from Monday 4 January 2027, so the queue holds RQ-0002 and these, oldest first.
    static func council(requests count: Int) async throws -> Fixture {
        let f = try await QuotaTests.council(#""requestsPerPersonPerDay": 1000, "pendingRequestsPerGroup": 1000"#)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        var day = try LondonTime.parse("2027-01-04T10:00"), made = 0
        while made < count {
            if !calendar.isDateInWeekend(day) {
                _ = try await f.desk.submitRequest(Fixture.form(group: "LAB", start: LondonTime.format(day), room: "cr2"), as: "m-patel")
                made += 1
            }
            day = calendar.date(byAdding: .day, value: 1, to: day)!
        }
        return f
    }

    static func refs(_ from: Int, _ through: Int) -> [String] { (from...through).map { Ref.format("RQ", Int64($0)) } }

    /// One GET on the live service, its status and its JSON object.
    static func get(_ client: some TestClientProtocol, _ uri: String, _ f: Fixture, as person: String) async throws -> (Int, [String: Any]) {
        try await client.execute(uri: uri, method: .get, headers: f.headers(person)) { r in
            (Int(r.status.code), (try? JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any]) ?? [:])
        }
    }

    static func escaped(_ cursor: String) -> String {
        cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", ".", "~"]))!
    }

    @Test("the queue page by page on 127.0.0.1: every request exactly once, oldest first, no page over its limit, 50 when none is asked")
    func queueWalk() async throws {
        let f = try await Self.council(requests: 130)
        try await f.app.test(.live) { client in
            var seen: [String] = [], uri = "/api/queue?limit=40", pages = 0
            while true {
                let (status, page) = try await Self.get(client, uri, f, as: "o-ceo")
                #expect(status == 200, "\(uri): \(page)")
                let items = page["items"] as? [[String: Any]] ?? []
                #expect(!items.isEmpty && items.count <= 40, "page \(pages + 1) holds \(items.count)")
                seen += items.compactMap { $0["ref"] as? String }
                pages += 1
                guard let next = page["next"] as? String, pages < 10 else { break }
                uri = "/api/queue?limit=40&cursor=\(Self.escaped(next))"
            }
            #expect(seen == Self.refs(2, 132), "every waiting request once, oldest first: \(seen.count) seen")
            #expect(pages == 4)
            let (status, first) = try await Self.get(client, "/api/queue", f, as: "o-ceo")
            #expect(status == 200 && (first["items"] as? [Any])?.count == 50 && first["next"] is String, "the default page is 50")
        }
    }

    @Test("a limit outside 1–200 or a cursor the list did not give is 400 naming the parameter and what to send")
    func badPages() async throws {
        let f = try await Self.council(requests: 3)
        try await f.app.test(.live) { client in
            for limit in ["0", "201", "-5", "ten"] {
                let (status, e) = try await Self.get(client, "/api/queue?limit=\(limit)", f, as: "o-ceo")
                #expect(status == 400, "limit=\(limit): \(e)")
                let text = "\(e["message"] ?? "") \(e["fix"] ?? "")"
                #expect(text.contains("limit") && text.contains("1") && text.contains("200"), "limit=\(limit): \(e)")
            }
            for cursor in ["nonsense", "%2F%2F%2F", "cXVldWU6YTox"] {
                let (status, e) = try await Self.get(client, "/api/queue?cursor=\(cursor)", f, as: "o-ceo")
                #expect(status == 400, "cursor=\(cursor): \(e)")
                #expect("\(e["message"] ?? "")".contains("cursor"), "cursor=\(cursor): \(e)")
            }
            // A cursor another list gave is not this list's.
            let (_, requests) = try await Self.get(client, "/api/requests?limit=1", f, as: "o-ceo")
            let other = try #require(requests["next"] as? String)
            let (status, e) = try await Self.get(client, "/api/queue?cursor=\(Self.escaped(other))", f, as: "o-ceo")
            #expect(status == 400 && "\(e["message"] ?? "")".contains("cursor"), "\(e)")
        }
    }

    @Test("requests, offers, sessions, notifications and the audit trail come in pages too, each item once")
    func otherLists() async throws {
        let f = try await Self.council(requests: 12)
        try await f.app.test(.live) { client in
            for (list, key, person) in [("requests", "ref", "o-ceo"), ("offers", "ref", "o-ceo"), ("sessions", "ref", "o-ceo"),
                                        ("notifications", "subject", "m-patel"), ("audit", "seq", "o-mo")] {
                let (_, whole) = try await Self.get(client, "/api/\(list)?limit=200", f, as: person)
                let all = (whole["items"] as? [[String: Any]] ?? []).map { "\($0[key] ?? "")" }
                #expect(!all.isEmpty && whole["next"] == nil || whole["next"] is NSNull, "\(list): one page of 200 holds them all")
                var seen: [String] = [], uri = "/api/\(list)?limit=2"
                while seen.count <= all.count {
                    let (status, page) = try await Self.get(client, uri, f, as: person)
                    #expect(status == 200, "\(list): \(page)")
                    let items = page["items"] as? [[String: Any]] ?? []
                    #expect(items.count <= 2)
                    seen += items.map { "\($0[key] ?? "")" }
                    guard let next = page["next"] as? String else { break }
                    uri = "/api/\(list)?limit=2&cursor=\(Self.escaped(next))"
                }
                #expect(seen == all, "\(list) in pages of 2 is the list itself")
            }
        }
    }

    /// The rows of the queue's table (one `queue-row` a request).
    static func rows(_ html: String) -> Int { html.components(separatedBy: "class=\"queue-row").count - 1 }

    /// The `href` of the pagination link with this `rel`.
    static func link(_ rel: String, in html: String) -> String? {
        guard let relRange = html.range(of: "rel=\"\(rel)\"") else { return nil }
        let before = html[..<relRange.lowerBound]
        guard let href = before.range(of: "href=\"", options: .backwards) else { return nil }
        let rest = before[href.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]).replacingOccurrences(of: "&amp;", with: "&") }
    }

    @Test("the desk's queue shows one page with the count, and links to the next page and back")
    func deskQueue() async throws {
        let f = try await Self.council(requests: 60)
        try await f.app.test(.live) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            let first = try await b.get("/desk/queue")
            #expect(first.status == 200)
            #expect(Self.rows(first.body) == 50, "one page of 50")
            #expect(first.body.contains("Showing 1 to 50 of 61 requests"), "the count")
            #expect(first.body.contains("RQ-0002") && !first.body.contains(">RQ-0052<"))
            #expect(Self.link("prev", in: first.body) == nil)
            let next = try #require(Self.link("next", in: first.body), "a Next page link")
            #expect(next.hasPrefix("/desk/queue?"))
            let second = try await b.get(next)
            #expect(second.status == 200)
            #expect(Self.rows(second.body) == 11 && second.body.contains(">RQ-0062<") && !second.body.contains(">RQ-0051<"))
            #expect(second.body.contains("Showing 51 to 61 of 61 requests"))
            #expect(Self.link("next", in: second.body) == nil)
            let previous = try #require(Self.link("prev", in: second.body), "a Previous link")
            let back = try await b.get(previous)
            #expect(Self.rows(back.body) == 50 && back.body.contains(">RQ-0002<") && back.body.contains(">RQ-0051<"))
            let bad = try await b.get("/desk/queue?cursor=nonsense")
            #expect(bad.status == 400 && bad.body.contains("cursor"))
        }
    }

    @Test("the desk's requests, offers, sessions and audit pages show one page at most")
    func deskLists() async throws {
        let f = try await Self.council(requests: 60)
        try await f.app.test(.live) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-ceo", desk: f.desk)
            for path in ["/desk/requests", "/desk/audit"] {
                let page = try await b.get(path)
                #expect(page.status == 200, "\(path)")
                #expect(page.body.contains("Showing 1 to 50 of "), "\(path) counts what it shows")
                let next = try #require(Self.link("next", in: page.body), "\(path) links to its next page")
                #expect(try await b.get(next).status == 200)
            }
            for path in ["/desk/offers", "/desk/sessions"] {
                #expect(try await b.get(path).status == 200, "\(path)")
            }
        }
    }

    @Test("each list's cursor pattern in openapi.yaml matches a text exactly when the service reads it as that list's cursor")
    func cursorPatterns() throws {
        let lines = OpenAPIDocument.file.components(separatedBy: "\n")
        for list in Desk.Cursor.lists {
            let line = try #require(lines.first { $0.hasPrefix("    \(list)Cursor: ") }, "no \(list)Cursor parameter")
            let start = try #require(line.range(of: "pattern: '")), end = try #require(line.range(of: "'}", range: start.upperBound..<line.endIndex))
            let regex = try NSRegularExpression(pattern: String(line[start.upperBound..<end.lowerBound]))
            let good = ["\(list).n.a.1767520800.3", "\(list).p.d.0.0", "\(list).n.d.\(String(repeating: "9", count: 18)).1"]
            let texts = SpecAgreementTests.mutations(of: good, alphabet: ["0", "9", "-", "+", ".", "x", "n", "p", "a", "d", " ", "\n", "é"])
                + ["queue.n.a.1.1", "requests.n.a.1.1", "\(list).n.a.1.1\n", "\(list).n.a.1e3.1"]
            for text in texts {
                let served = (try? Desk.Cursor(text, list: list)) != nil
                // JSON Schema's `$` (ECMA-262) is the end of the text; ICU's also matches before a final line break.
                let whole = NSRange(text.startIndex..., in: text)
                let matched = regex.firstMatch(in: text, range: whole)?.range == whole
                #expect(matched == served, "\(list) '\(text)': the pattern says \(matched), the service \(served)")
            }
        }
    }

    @Test("a page request refuses a limit outside 1–200 naming it, and reads only its own list's cursors")
    func pageRequests() throws {
        #expect(try Desk.PageRequest(list: "queue").limit == 50)
        #expect(try Desk.PageRequest(list: "queue", limit: 200).limit == 200)
        for bad in [0, -1, 201] {
            #expect(throws: DeskError.self) { try Desk.PageRequest(list: "queue", limit: bad) }
        }
        let cursor = Desk.Cursor(list: "audit", before: true, newestFirst: true, sort: 12, id: 12)
        #expect(try Desk.Cursor(cursor.text, list: "audit") == cursor)
        do {
            _ = try Desk.PageRequest(list: "queue", cursor: cursor.text)
            Issue.record("the audit trail's cursor was read as the queue's")
        } catch {
            #expect(error.message.contains("audit list, not in the queue list"), "\(error)")
        }
    }
}
