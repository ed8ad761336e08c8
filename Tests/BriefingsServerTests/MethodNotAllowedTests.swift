import BriefingsServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A path the service holds, asked with a method it does not serve, answers 405 with `Allow` over a real socket on
/// 127.0.0.1; a path it does not hold stays 404.
@Suite("405 for wrong methods")
struct MethodNotAllowedTests {
    @Test("TRACE, PUT, DELETE and PATCH on routes that exist: 405, Allow naming the methods served, the JSON error body")
    func wrongMethods() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.live) { client in
            let cases: [(HTTPRequest.Method, String, String, String?)] = [
                (.trace, "/api/requests", "GET, POST", "m-patel"),
                (.put, "/api/requests", "GET, POST", nil),
                (.put, "/health", "GET", nil),
                (.delete, "/api/requests/RQ-0001", "GET", "o-ceo"),
                (.get, "/api/requests/RQ-0001/approve", "POST", "o-ceo"),
                (.patch, "/api/approver/absences", "GET, POST", "o-ceo"),
                (.post, "/feeds/anything.ics", "GET, HEAD", nil),
                (.trace, "//api/queue", "GET", nil),
            ]
            for (method, path, allow, person) in cases {
                try await client.execute(uri: path, method: method, headers: f.headers(person)) { r in
                    #expect(r.status == .methodNotAllowed, "\(method) \(path): \(r.status)")
                    #expect(r.headers[.allow] == allow, "\(method) \(path)")
                    let body = json(r)
                    #expect(body["error"] as? String == "method-not-allowed")
                    #expect((body["message"] as? String)?.contains(method.rawValue) == true)
                    #expect((body["fix"] as? String)?.contains(allow) == true)
                }
            }
            // The feed's secret is not echoed back.
            try await client.execute(uri: "/feeds/s3cr3t.ics", method: .delete) { r in
                #expect(r.status == .methodNotAllowed && !String(buffer: r.body).contains("s3cr3t"))
            }
            // Paths the service does not hold are still 404, whatever the method.
            for (method, path) in [(HTTPRequest.Method.trace, "/nowhere"), (.put, "/api/requests/RQ-0001/nothing"), (.get, "/api")] {
                try await client.execute(uri: path, method: method, headers: f.headers("m-patel")) { r in
                    #expect(r.status == .notFound, "\(method) \(path): \(r.status)")
                    #expect(r.headers[.allow] == nil)
                }
            }
            // The right method still reaches the route.
            try await client.execute(uri: "/api/requests", method: .get, headers: f.headers("m-patel")) { #expect($0.status == .ok) }
        }
    }
}
