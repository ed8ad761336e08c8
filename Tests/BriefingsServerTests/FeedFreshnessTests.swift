import BriefingsCLI
import BriefingsDomain
import BriefingsServer
import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The feed cache serves rendered bytes only while nothing has changed: a poll right after a committed
/// revocation or change sees it, whether this process or another one (the CLI on the server) made it. Each runs against
/// the router alone and against the live server, where a cached poll is answered before the router (`FeedPollHandler`).
@Suite("Feed freshness")
struct FeedFreshnessTests {
    /// The 404 a never-issued secret gets, to compare revoked secrets against.
    static func notFound(_ client: some TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/feeds/never-issued.ics", method: .get) { r in
            #expect(r.status == .notFound)
            return String(buffer: r.body)
        }
    }

    @Test("a feed secret revoked through the API is refused by the very next poll, with the never-issued 404", arguments: [false, true])
    func revokedThroughAPI(live: Bool) async throws {
        let f = try await Fixture.make()
        let secret = try await f.desk.issueFeedSecret(.group("LAB"), for: "m-okafor")
        try await f.app.test(live ? .live : .router) { client in
            let never = try await Self.notFound(client)
            // The first poll renders the feed; the second is answered from the cache (live: before the router).
            for _ in 1...2 { try await client.execute(uri: "/feeds/\(secret).ics", method: .get) { #expect($0.status == .ok) } }
            try await client.execute(uri: "/api/feeds/revoke", method: .post, headers: f.headers("m-okafor"), body: body("{}")) { r in
                #expect(r.status == .ok, "\(String(buffer: r.body))")
            }
            try await client.execute(uri: "/feeds/\(secret).ics", method: .get) { r in
                #expect(r.status == .notFound)
                #expect(String(buffer: r.body) == never)
            }
        }
    }

    @Test("a feed secret revoked with the CLI against the same database file is refused by the very next poll", arguments: [false, true])
    func revokedByAnotherConnection(live: Bool) async throws {
        let path = LiveServiceTests.temporaryPath()
        defer { LiveServiceTests.remove(path) }
        let f = try await Fixture.make(path: path)
        let secret = try await f.desk.issueFeedSecret(.group("LAB"), for: "m-okafor")
        try await f.app.test(live ? .live : .router) { client in
            let never = try await Self.notFound(client)
            // The first poll renders the feed; the second is answered from the cache (live: before the router).
            for _ in 1...2 { try await client.execute(uri: "/feeds/\(secret).ics", method: .get) { #expect($0.status == .ok) } }
            let r = await LiveServiceTests.cli(["feed", "revoke", "--for", "m-okafor", "--database", path])
            #expect(r.code == 0, "\(r.err)")
            try await client.execute(uri: "/feeds/\(secret).ics", method: .get) { r in
                #expect(r.status == .notFound)
                #expect(String(buffer: r.body) == never)
            }
        }
    }

    @Test("a session changed (here and from the CLI) gives the very next poll with the old ETag a 200 and the new bytes",
          arguments: [false, true], [false, true])
    func changedSession(fromCLI: Bool, live: Bool) async throws {
        let path = LiveServiceTests.temporaryPath()
        defer { LiveServiceTests.remove(path) }
        let f = try await Fixture.make(path: path)
        let secret = try await f.desk.issueFeedSecret(.group("LAB"), for: "m-okafor")
        try await f.app.test(live ? .live : .router) { client in
            let etag = try await client.execute(uri: "/feeds/\(secret).ics", method: .get) { r in
                #expect(r.status == .ok)
                return r.headers[.eTag] ?? ""
            }
            try await client.execute(uri: "/feeds/\(secret).ics", method: .get, headers: [.ifNoneMatch: etag]) { #expect($0.status == .notModified) }
            if fromCLI {
                let r = await LiveServiceTests.cli(["session", "reschedule", "SE-0001", "--as", "m-patel", "--start", "2026-12-08T14:00",
                                                    "--duration", "2h", "--segment", "45m", "--reason", "moved", "--database", path])
                #expect(r.code == 0, "\(r.err)")
            } else {
                _ = try await f.desk.reschedule("SE-0001", as: "m-patel", to: SessionForm(start: "2026-12-08T14:00", duration: "2h", segment: "45m"), reason: "moved")
            }
            try await client.execute(uri: "/feeds/\(secret).ics", method: .get, headers: [.ifNoneMatch: etag]) { r in
                #expect(r.status == .ok && r.headers[.eTag] != etag)
                #expect(String(buffer: r.body).contains("SEQUENCE:1"))
            }
        }
    }
}
