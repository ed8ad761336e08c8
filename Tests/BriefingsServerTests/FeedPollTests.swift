@testable import BriefingsServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Cached feed polls answered on the event loop before the router (`FeedPollHandler`), tried on the live server over
/// loopback: what a calendar gets must be what the feed route gives, counted and ordered as the router's are.
@Suite("Feed polls before the router")
struct FeedPollTests {
    /// The response's status line and headers (without `Date`, which is the second it was sent) and body.
    struct Answer: Equatable {
        var status: Int
        var headers: [String]
        var body: String
    }

    static func answer(_ r: TestResponse) -> Answer {
        Answer(status: r.status.code, headers: r.headers.filter { $0.name != .date }.map { "\($0.name): \($0.value)" }.sorted(),
               body: String(buffer: r.body))
    }

    @Test("a cached poll gets the route's status, headers and bytes (200, 304 by ETag and by date), with Date and Server")
    func sameAsTheRoute() async throws {
        let f = try await Fixture.make()
        let secret = try await f.desk.issueFeedSecret(.group("LAB"), for: "m-okafor")
        let uri = "/feeds/\(secret).ics"
        try await f.app.test(.live) { client in
            // The first poll goes through the router, which renders the feed; the ones after it are answered from the cache.
            let rendered = try await client.execute(uri: uri, method: .get) { Self.answer($0) }
            #expect(rendered.status == 200 && rendered.body.hasPrefix("BEGIN:VCALENDAR"))
            let etag = try #require(rendered.headers.first { $0.hasPrefix("ETag: ") }).dropFirst(6)
            let modified = try #require(rendered.headers.first { $0.hasPrefix("Last-Modified: ") }).dropFirst(15)
            try await client.execute(uri: uri, method: .get) { r in
                #expect(Self.answer(r) == rendered)
                #expect(r.headers[.date] != nil && r.headers[.server] == "briefings")
            }
            // A 304 carries the same validators and headers, and no body.
            var notModified = rendered
            notModified.status = 304
            notModified.headers.removeAll { $0.hasPrefix("Content-Length: ") }
            notModified.body = ""
            for headers: HTTPFields in [[.ifNoneMatch: String(etag)], [.ifModifiedSince: String(modified)], [.ifNoneMatch: "\"x\", \(etag)"]] {
                try await client.execute(uri: uri, method: .get, headers: headers) { r in
                    #expect(Self.answer(r) == notModified, "\(headers)")
                }
            }
            // A tag that does not match, or a date before the last change, gets the whole feed.
            for headers: HTTPFields in [[.ifNoneMatch: "\"other\""], [.ifModifiedSince: "Sun, 01 Nov 2026 09:00:00 GMT"]] {
                try await client.execute(uri: uri, method: .get, headers: headers) { #expect(Self.answer($0) == rendered) }
            }
        }
    }

    @Test("only a plain GET of /feeds/SECRET.ics is taken before the router; anything else goes to the router as sent")
    func whatIsTaken() {
        func secret(_ path: String, _ fields: HTTPFields = [:], method: HTTPRequest.Method = .get) -> String? {
            FeedPollHandler.pollSecret(HTTPRequest(method: method, scheme: nil, authority: "127.0.0.1", path: path, headerFields: fields))
        }
        #expect(secret("/feeds/abc_DEF-123.ics") == "abc_DEF-123")
        #expect(secret("/feeds/abc.ics", [.connection: "keep-alive"]) == "abc")
        for path in ["/feeds/abc.ics?x=1", "//feeds/abc.ics", "/feeds/a/b.ics", "/feeds/%61bc.ics", "/feeds/.ics", "/feeds/abc.ICS",
                     "/feed/abc.ics", "/feeds/abc.ics/", "/api/feeds/abc.ics"] {
            #expect(secret(path) == nil, "\(path)")
        }
        #expect(secret("/feeds/abc.ics", method: .head) == nil)
        #expect(secret("/feeds/abc.ics", method: .post) == nil)
        #expect(secret("/feeds/abc.ics", [.connection: "close"]) == nil)
        #expect(secret("/feeds/abc.ics", [.connection: "Upgrade"]) == nil)
    }

    @Test("polls answered before the router are counted in the feed route's series on /metrics, and the secret never")
    func counted() async throws {
        let f = try await Fixture.make()
        let secret = try await f.desk.issueFeedSecret(.group("LAB"), for: "m-okafor")
        let series = #"briefings_http_requests_total{method="GET",route="/feeds/:secret",status="304"}"#
        try await f.app.test(.live) { client in
            let etag = try await client.execute(uri: "/feeds/\(secret).ics", method: .get) { $0.headers[.eTag] ?? "" }
            func count() async throws -> (Int, String) {
                try await client.execute(uri: "/metrics", method: .get) { r in
                    let text = String(buffer: r.body)
                    let line = text.split(separator: "\n").first { $0.hasPrefix(series) }
                    return (line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0, text)
                }
            }
            // The registry is the process's (other tests count too): at least these polls are added.
            let (before, _) = try await count()
            for _ in 1...25 {
                try await client.execute(uri: "/feeds/\(secret).ics", method: .get, headers: [.ifNoneMatch: etag]) { #expect($0.status == .notModified) }
            }
            let (after, text) = try await count()
            #expect(after - before >= 25)
            #expect(!text.contains(secret))
        }
    }

    @Test("requests sent together on one connection are answered in order when a poll follows one the router is answering")
    func pipelinedInOrder() async throws {
        let f = try await Fixture.make()
        let secret = try await f.desk.issueFeedSecret(.group("LAB"), for: "m-okafor")
        let token = f.tokens["o-ceo"]!
        try await f.app.test(.live) { client in
            try await client.execute(uri: "/feeds/\(secret).ics", method: .get) { #expect($0.status == .ok) }
            let port = try #require(client.port)
            // The queue (read from the database by the router), then two polls of the cached feed, then /health, in one write.
            let sent = "GET /api/queue HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n\r\n"
                + "GET /feeds/\(secret).ics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + "GET /feeds/\(secret).ics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            let received = try Self.exchange(port: port, sent)
            // Bodies are not followed by a line break: a status line may start mid-line.
            #expect(received.components(separatedBy: "HTTP/1.1 ").count == 5)
            #expect(received.components(separatedBy: "HTTP/1.1 200 OK\r\n").count == 5)
            let queue = try #require(received.range(of: "application/json")), calendar = try #require(received.range(of: "BEGIN:VCALENDAR"))
            let health = try #require(received.range(of: #""status":"ok""#))
            #expect(queue.lowerBound < calendar.lowerBound && calendar.lowerBound < health.lowerBound)
            #expect(received.components(separatedBy: "BEGIN:VCALENDAR").count == 3)
        }
    }

    /// Sends the bytes on a new connection to 127.0.0.1 and reads until the server closes it (at most ten seconds).
    static func exchange(port: Int, _ text: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0, "cannot connect to 127.0.0.1:\(port)")
        let bytes = Array(text.utf8)
        try #require(bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) } == bytes.count)
        var received: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
