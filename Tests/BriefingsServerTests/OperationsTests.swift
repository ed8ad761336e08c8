import BriefingsCLI
import BriefingsDomain
import BriefingsServer
import BriefingsStore
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// What an operations team trips over: odd feed paths, control characters in bodies, a port in use.
@Suite("Operations")
struct OperationsTests {
    @Test("odd spellings of a feed path never put the secret in /metrics, and only /feeds/SECRET.ics is a feed")
    func feedPathsKeepTheSecret() async throws {
        let f = try await Fixture.make()
        let secret = try await f.desk.issueFeedSecret(.group("LAB"), for: "m-okafor")
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/feeds/\(secret).ics", method: .get) { #expect($0.status == .ok) }
            // The router reads empty segments away: these are the same feed, and are labelled as the feed route.
            for uri in ["//feeds/\(secret).ics", "/feeds//\(secret).ics"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .ok, "\(uri)") }
            }
            for uri in ["/feed/\(secret).ics", "/Feeds/\(secret).ics", "/\(secret).ics", "/feeds/\(secret).ics/x", "/api/\(secret)"] {
                try await client.execute(uri: uri, method: .get, headers: f.headers("m-patel")) { #expect($0.status == .notFound, "\(uri)") }
            }
            try await client.execute(uri: "/metrics", method: .get) { r in
                let text = String(buffer: r.body)
                #expect(!text.contains(secret), "the secret is in /metrics:\n\(text)")
                #expect(!text.contains(String(secret.prefix(8))))
                // The registry is the process's, shared with the other tests' apps: this test's three polls at least.
                let polls = text.split(separator: "\n").first { $0.hasPrefix(#"briefings_http_requests_total{method="GET",route="/feeds/:secret",status="200"}"#) }
                #expect((polls?.split(separator: " ").last).flatMap { Double($0) }.map { $0 >= 3 } == true, "\(text)")
            }
        }
    }

    @Test("control characters in any text of a JSON body get 400 naming the field, and change nothing",
          arguments: [#"No\u0000 actually yes"#, #"No\u001b[2J approved"#, #"No\rYes"#])
    func controlCharactersOverHTTP(text: String) async throws {
        let f = try await Fixture.make()
        let before = try f.snapshot()
        try await f.app.test(.router) { client in
            let request = #"{"group":"LAB","matter":"\#(text)","area":"planning","meeting":"Cabinet","officers":["o-dir-place"],"session":{"start":"2027-01-11T10:00","room":"cr1","attendees":["m-patel"]}}"#
            try await client.execute(uri: "/api/requests", method: .post, headers: f.headers("m-patel"), body: body(request)) { r in
                #expect(r.status == .badRequest, "\(String(buffer: r.body))")
                #expect((json(r)["message"] as? String ?? "").contains("matter"), "\(String(buffer: r.body))")
                #expect(json(r)["fix"] != nil)
            }
            try await client.execute(uri: "/api/requests/RQ-0002/decline", method: .post, headers: f.headers("o-ceo"),
                                     body: body(#"{"reason":"\#(text)"}"#)) { r in
                #expect(r.status == .badRequest, "\(String(buffer: r.body))")
                #expect((json(r)["message"] as? String ?? "").contains("reason"))
            }
        }
        #expect(try f.snapshot() == before)
        #expect(try await f.desk.verifyAudit().intact)
    }

    @Test("a line break in a one-line field of a JSON body gets 400 naming the field and changes nothing; details and reasons may run over lines",
          arguments: [("matter", #"Local Plan review\nApproved by the Chief Executive"#, "cr1", "[]"),
                      ("room", "Local Plan review", #"cr1\n"#, "[]"),
                      ("guest", "Local Plan review", "cr1", #"["Ann Other\r\nChief Executive"]"#)])
    func lineBreakInOneLineFieldOverHTTP(field: String, matter: String, room: String, guests: String) async throws {
        let f = try await Fixture.make()
        let before = try f.snapshot()
        try await f.app.test(.router) { client in
            // The values are JSON text: \n in them is a line feed once decoded.
            let request = #"{"group":"LAB","matter":"\#(matter)","area":"planning","meeting":"Cabinet","officers":["o-dir-place"],"session":{"start":"2027-01-11T10:00","room":"\#(room)","attendees":["m-patel"],"guests":\#(guests)}}"#
            try await client.execute(uri: "/api/requests", method: .post, headers: f.headers("m-patel"), body: body(request)) { r in
                #expect(r.status == .badRequest, "\(String(buffer: r.body))")
                let message = json(r)["message"] as? String ?? ""
                #expect(message.contains(field) && message.contains("one line"), "\(String(buffer: r.body))")
                #expect((json(r)["fix"] as? String ?? "").contains("one line"), "\(String(buffer: r.body))")
            }
        }
        #expect(try f.snapshot() == before)
        try await f.app.test(.router) { client in
            let request = #"{"group":"LAB","matter":"Local Plan review","details":"Two questions:\n1. the numbers\n2. the timetable","area":"planning","meeting":"Cabinet","officers":["o-dir-place"],"session":{"start":"2027-01-11T10:00","room":"cr1","attendees":["m-patel"]}}"#
            try await client.execute(uri: "/api/requests", method: .post, headers: f.headers("m-patel"), body: body(request)) { r in
                #expect(r.status == .created, "\(String(buffer: r.body))")
            }
            try await client.execute(uri: "/api/requests/RQ-0002/decline", method: .post, headers: f.headers("o-ceo"),
                                     body: body(#"{"reason":"Not now:\n\tsee the officer's note"}"#)) { r in
                #expect(r.status == .noContent, "\(String(buffer: r.body))")
            }
        }
    }

    @Test("`serve` on a port already in use says so and exits with its own code")
    func portInUse() async throws {
        let path = LiveServiceTests.temporaryPath()
        defer { LiveServiceTests.remove(path) }
        let f = try await Fixture.make(path: path)
        try await f.app.test(.live) { client in
            let port = client.port!
            let r = await LiveServiceTests.cli(["serve", "--host", "127.0.0.1", "--port", "\(port)", "--database", path])
            #expect(r.code == CLI.ExitCode.addressInUse.rawValue, "\(r)")
            #expect(r.err.contains("\(port)") && r.err.contains("already in use") && r.err.contains("--port"), "\(r.err)")
        }
    }
}
