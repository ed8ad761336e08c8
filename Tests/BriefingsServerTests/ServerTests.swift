import BriefingsDomain
import BriefingsServer
import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("briefings service")
struct ServerTests {
    @Test("health, metrics with queue depth, and the OpenAPI document")
    func ops() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/queue", method: .get, headers: f.headers("o-ceo")) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get) { r in
                let text = String(buffer: r.body)
                #expect(text.contains("briefings_queue_depth_requests 1"))
                // Counted in the process's registry, which the other tests' apps share: at least this request.
                #expect(text.contains("briefings_http_requests_total{method=\"GET\",route=\"/api/queue\",status=\"200\"} "))
                #expect(text.contains("briefings_http_request_duration_seconds_bucket"))
            }
            try await client.execute(uri: "/openapi.yaml", method: .get) { r in
                #expect(r.status == .ok && String(buffer: r.body).hasPrefix("openapi: 3.1"))
            }
        }
    }

    @Test("made-up paths, signed in or not, never grow the metrics registry: one label for everything unmatched (issue 13)")
    func metricsLabelsBounded() async throws {
        let f = try await Fixture.make()
        // Every app in this process counts its requests in the one registry swift-metrics allows (other tests' too,
        // concurrently), so what this checks holds whatever they do: every route label is a route the router holds
        // or `unmatched`, no label carries a path as sent, and the unmatched series stay a handful.
        let routes = Set(buildRouter(desk: f.desk).routes.map { ProcessMetricsLabels.route($0.path.description) }).union(["unmatched"])
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/no-such-place", method: .get) { #expect($0.status == .notFound) }
            let before = try await client.execute(uri: "/metrics", method: .get) { ProcessMetricsLabels.series(String(buffer: $0.body)) }
            #expect(before.contains { $0.contains("route=\"unmatched\"") })
            for i in 0..<400 {
                let path = i % 2 == 0 ? "/x\(i)/\(UUID().uuidString)" : "/api/requests/RQ-\(i)/\(UUID().uuidString)"
                try await client.execute(uri: path, method: i % 3 == 0 ? .post : .get, headers: f.headers(i % 4 == 0 ? "m-patel" : nil)) { r in
                    #expect(r.status.code >= 400 && r.status.code < 500)
                }
            }
            try await client.execute(uri: "/metrics", method: .get) { r in
                let after = ProcessMetricsLabels.series(String(buffer: r.body))
                let labelled = Set(after.compactMap(ProcessMetricsLabels.routeLabel))
                #expect(labelled.isSubset(of: routes), "labels that are no route: \(labelled.subtracting(routes).sorted())")
                // 404 and 405 may each add one unmatched series per method and status (and histogram buckets); never one per path.
                let unmatched = after.filter { $0.hasPrefix("briefings_http_requests_total{") && $0.contains("route=\"unmatched\"") }
                #expect(unmatched.count <= 12, "unmatched series: \(unmatched.sorted())")
                #expect(!after.contains { $0.contains("/x1") || $0.contains("RQ-1/") })
            }
        }
    }

    @Test("the workflow over HTTP: request, approve with an override, offers, join, respond")
    func workflow() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let request = #"{"group":"CON","matter":"Waste contract","area":"planning","meeting":"Cabinet","officers":["o-dce"],"session":{"start":"2026-12-09T18:00","duration":"2h","segment":"30m","room":"cr2","attendees":["m-hughes"]}}"#
            try await client.execute(uri: "/api/requests", method: .post, headers: f.headers("m-hughes"), body: body(request)) { r in
                #expect(r.status == .created)
                #expect(json(r)["ref"] as? String == "RQ-0003")
            }
            try await client.execute(uri: "/api/requests/RQ-0003/approve", method: .post, headers: f.headers("o-ceo"), body: body("{}")) { r in
                #expect(r.status == .unprocessableContent && json(r)["rule"] as? String == "working-hours")
                #expect((json(r)["clauses"] as? [String])?.contains("000 §17.5.1") == true)
            }
            try await client.execute(uri: "/api/requests/RQ-0003/approve", method: .post, headers: f.headers("o-ceo"),
                                     body: body(#"{"overrides":{"working-hours":"Evening agreed"}}"#)) { r in
                // What the rules cannot judge, the Chief Executive must say they judged (000 §17.16.4): refused, naming it.
                #expect(r.status == .badRequest && json(r)["rule"] as? String == "council-business", "\(String(buffer: r.body))")
                #expect((json(r)["fix"] as? String)?.contains(#""judged": ["council-business", "no-individual-matter"]"#) == true, "\(String(buffer: r.body))")
            }
            try await client.execute(uri: "/api/queue", method: .get, headers: f.headers("o-ceo")) { r in
                let item = ((json(r)["items"] as? [[String: Any]]) ?? []).first { $0["ref"] as? String == "RQ-0003" }
                #expect(item?["toJudge"] as? [String] == ["council-business", "no-individual-matter"], "\(String(buffer: r.body))")
            }
            try await client.execute(uri: "/api/requests/RQ-0003/approve", method: .post, headers: f.headers("o-ceo"),
                                     body: body(#"{"overrides":{"working-hours":"Evening agreed"},"judged":["council-business","no-individual-matter"]}"#)) { r in
                #expect(r.status == .ok && json(r)["session"] as? String == "SE-0002", "\(String(buffer: r.body))")
                #expect(json(r)["judged"] as? [String] == ["council-business", "no-individual-matter"])
            }
            try await client.execute(uri: "/api/offers/OF-0003/accept", method: .post, headers: f.headers("m-evans"),
                                     body: body(#"{"join":"SE-0001"}"#)) { r in
                #expect(r.status == .forbidden || r.status == .unauthorized) // m-evans has no token in the fixture
            }
            try await client.execute(uri: "/api/sessions/SE-0001/respond", method: .post, headers: f.headers("o-dir-place"),
                                     body: body(#"{"answer":"confirm"}"#)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/audit/verify", method: .get, headers: f.headers("o-mo")) { r in
                #expect(json(r)["intact"] as? Bool == true)
            }
        }
    }

    @Test("bad input over HTTP gets the right 4xx with a useful message and changes nothing")
    func badInput() async throws {
        let f = try await Fixture.make()
        let before = try f.snapshot()
        let good = #"{"group":"LAB","matter":"M","area":"planning","officers":["o-dce"],"session":{"start":"2026-12-21T10:00","room":"cr1"}}"#
        let cases: [(String, HTTPRequest.Method, String?, String?, HTTPResponse.Status, String)] = [
            ("/api/requests", .post, "m-patel", "{not json", .badRequest, "not a JSON object"),
            ("/api/requests", .post, "m-patel", "[1,2]", .badRequest, "not a JSON object"),
            ("/api/requests", .post, "m-patel", #"{"group":5,"matter":"M","area":"a","officers":[],"session":{"start":"x"}}"#, .badRequest, "group should be text"),
            ("/api/requests", .post, "m-patel", #"{"group":"LAB","matter":"M","area":"a","officers":[]}"#, .badRequest, "session is missing"),
            ("/api/requests", .post, "m-patel", good.replacingOccurrences(of: "\"area\"", with: "\"colour\":\"red\",\"area\""), .badRequest, "unknown field(s): colour"),
            ("/api/requests", .post, "m-patel", good.replacingOccurrences(of: "\"room\"", with: "\"rooom\""), .badRequest, "session.rooom"),
            ("/api/requests", .post, "m-patel", good.replacingOccurrences(of: "2026-12-21T10:00", with: "2027-03-28T01:30"), .badRequest, "clocks go forward"),
            ("/api/requests", .post, "m-patel", good.replacingOccurrences(of: "o-dce", with: "o-ghost"), .notFound, "no officer 'o-ghost'"),
            ("/api/requests", .post, "m-patel", #"{"pad":""# + String(repeating: "x", count: 70_000) + #""}"#, .contentTooLarge, "64 KB"),
            ("/api/requests/RQ-banana/approve", .post, "o-ceo", "{}", .badRequest, "not a RQ id"),
            ("/api/requests/RQ-0099/approve", .post, "o-ceo", "{}", .notFound, "no request RQ-0099"),
            ("/api/requests/RQ-0001/approve", .post, "o-ceo", "{}", .conflict, "already approved"),
            ("/api/requests/RQ-0002/approve", .post, "o-ceo", #"{"overrides":{"vibes":"ok"}}"#, .badRequest, "'vibes' is not a rule"),
            ("/api/requests/RQ-0002/approve", .post, "m-patel", "{}", .forbidden, "only they can agree"),
            ("/api/requests/RQ-0002/approve", .post, nil, "{}", .unauthorized, "no bearer token"),
            ("/api/requests/RQ-0002/approve", .post, "brf_wrong", "{}", .unauthorized, "not valid"),
            ("/api/sessions/SE-0001/respond", .post, "o-dir-place", #"{"answer":"maybe"}"#, .badRequest, "is not confirm, decline, nominate, endorse or refuse-nominee"),
            ("/api/feeds", .post, "m-patel", #"{"feed":"everything"}"#, .badRequest, "names no feed"),
            ("/api/feeds", .post, "m-patel", #"{"feed":"group:LAB","for":"m-hughes"}"#, .badRequest, "unknown field(s): for"),
            ("/api/feeds", .post, "m-patel", #"{"feed":"group:CON"}"#, .forbidden, "may not subscribe"),
            ("/api/feeds", .post, "o-ceo", #"{"feed":"group:NOPE"}"#, .notFound, "NOPE"),
            ("/api/nowhere", .get, "o-ceo", nil, .notFound, "Not Found"),
            // Numbers too large for an integer once turned into seconds used to trap and stop the service.
            ("/api/requests", .post, "m-okafor", good.replacingOccurrences(of: #""room""#, with: #""duration":"9223372036854775807","room""#), .badRequest, "at most 24h"),
            ("/api/requests", .post, "m-patel", good.replacingOccurrences(of: #""room""#, with: #""segment":"153722867280912930","room""#), .badRequest, "segment"),
            ("/api/requests", .post, "m-patel", good.replacingOccurrences(of: #""room""#, with: #""duration":"999999999999999999h","room""#), .badRequest, "duration"),
            ("/api/offers/OF-0002/accept", .post, "m-hughes", #"{"session":{"start":"2026-12-21T10:00","duration":"9223372036854775807","room":"cr1"}}"#, .badRequest, "at most 24h"),
            ("/api/sessions/SE-0001/reschedule", .post, "m-patel", #"{"reason":"r","session":{"start":"2026-12-21T10:00","segment":"9223372036854775807m"}}"#, .badRequest, "at most 24h"),
            // Premises must be declared party or other premises (issue 10 problem 7).
            ("/api/requests", .post, "m-patel", good.replacingOccurrences(of: #""room":"cr1""#, with: #""premises":"Labour Club, High St""#), .badRequest, "partyPremises"),
        ]
        try await f.app.test(.router) { client in
            for (uri, method, person, payload, status, says) in cases {
                try await client.execute(uri: uri, method: method, headers: f.headers(person), body: payload.map(body)) { r in
                    let text = String(buffer: r.body)
                    #expect(r.status == status, "\(uri) \(payload?.prefix(60) ?? ""): \(r.status) \(text.prefix(300))")
                    #expect(text.contains(says), "\(uri): \(text.prefix(300))")
                    #expect(r.status.code < 500)
                    #expect(json(r)["message"] != nil && json(r)["fix"] != nil, "\(uri): JSON error body")
                }
            }
        }
        #expect(try f.snapshot() == before)
    }

    @Test("feeds: text/calendar with ETag and Last-Modified, 304s, one 404 for unknown and revoked, refreshed after a change")
    func feeds() async throws {
        let f = try await Fixture.make()
        let secret = try await f.desk.issueFeedSecret(.group("LAB"), for: "m-okafor")
        let revoked = try await f.desk.issueFeedSecret(.officer("o-dir-place"), for: "o-dir-place")
        _ = try await f.desk.revokeFeedSecrets(for: "o-dir-place")
        await #expect(throws: DeskError.self) { try await f.desk.issueFeedSecret(.group("CON"), for: "m-okafor") }
        try await f.app.test(.router) { client in
            var etag = "", modified = ""
            try await client.execute(uri: "/feeds/\(secret).ics", method: .get) { r in
                #expect(r.status == .ok && r.headers[.contentType] == "text/calendar; charset=utf-8")
                #expect(r.headers[.contentEncoding] == nil)
                etag = r.headers[.eTag] ?? ""
                modified = r.headers[.lastModified] ?? ""
                #expect(!etag.isEmpty && !modified.isEmpty)
                #expect(String(buffer: r.body).contains("UID:session-1@briefings"))
            }
            try await client.execute(uri: "/feeds/\(secret).ics", method: .get, headers: [.ifNoneMatch: etag]) { #expect($0.status == .notModified) }
            try await client.execute(uri: "/feeds/\(secret).ics", method: .get, headers: [.ifModifiedSince: modified]) { #expect($0.status == .notModified) }
            try await client.execute(uri: "/feeds/\(secret).ics", method: .get, headers: [.ifNoneMatch: "\"other\""]) { #expect($0.status == .ok) }
            for list in ["\"other\", \(etag)", "\"other\",\t\(etag) ", "*"] {   // a list of tags, blanks around members, or any
                try await client.execute(uri: "/feeds/\(secret).ics", method: .get, headers: [.ifNoneMatch: list]) { r in
                    #expect(r.status == .notModified, "If-None-Match: \(list)")
                    #expect(r.headers[.eTag] == etag && r.headers[.lastModified] == modified && r.body.readableBytes == 0)
                }
            }
            try await client.execute(uri: "/feeds/\(secret).ics", method: .get, headers: [.ifNoneMatch: "\"other\", W/\(etag)x"]) { #expect($0.status == .ok) }
            var notFound = ""
            for uri in ["/feeds/\(revoked).ics", "/feeds/never-issued.ics", "/feeds/\(secret).txt"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .notFound)
                    if notFound.isEmpty { notFound = String(buffer: r.body) } else { #expect(String(buffer: r.body) == notFound) }
                }
            }
            _ = try await f.desk.reschedule("SE-0001", as: "m-patel", to: SessionForm(start: "2026-12-08T14:00", duration: "2h", segment: "45m"), reason: "moved")
            try await client.execute(uri: "/feeds/\(secret).ics", method: .get, headers: [.ifNoneMatch: etag]) { r in
                #expect(r.status == .ok && r.headers[.eTag] != etag)
                #expect(String(buffer: r.body).contains("SEQUENCE:1"))
            }
        }
    }
}

@Suite("OpenAPI description")
struct OpenAPIDocumentTests {
    @Test("the repository's openapi.yaml is what the service serves, and names every route")
    func matchesRepository() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        let file = try String(contentsOf: root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        #expect(file == OpenAPIDocument.yaml + "\n")
        for path in ["/api/requests:", "/api/requests/{ref}/approve:", "/api/queue:", "/api/offers/{ref}/accept:", "/api/sessions/{ref}/respond:",
                     "/api/sessions/{ref}/reschedule:", "/api/audit/verify:", "/api/parity:", "/feeds/{file}:", "/metrics:", "/health:"] {
            #expect(file.contains("  " + path), "openapi.yaml lacks \(path)")
        }
    }

    @Test("GET /openapi.yaml is the repository's openapi.yaml byte for byte, compiled in by the EmbedOpenAPI plugin")
    func servedByteForByte() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        let file = try Data(contentsOf: root.appendingPathComponent("openapi.yaml"))
        #expect(Data(OpenAPIDocument.file.utf8) == file)
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) { r in
                #expect(r.status == .ok && r.headers[.contentType] == "application/yaml; charset=utf-8")
                #expect(Data(buffer: r.body) == file)
            }
        }
    }
}

/// Reading `/metrics` text: series with their labels, and the route label of one.
enum ProcessMetricsLabels {
    /// The metric series names with their labels, values dropped.
    static func series(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { String($0.split(separator: " ").dropLast().joined(separator: " ")) })
    }

    static func routeLabel(_ series: String) -> String? {
        guard let start = series.range(of: "route=\"") else { return nil }
        return String(series[start.upperBound...].prefix { $0 != "\"" })
    }

    /// A router path (`/api/requests/{ref}`) as the metrics label it (`/api/requests/:ref`).
    static func route(_ path: String) -> String {
        let route = "/" + path.split(separator: "/").map { $0.hasPrefix("{") || $0.hasPrefix(":") ? ":" + $0.trimmingCharacters(in: CharacterSet(charactersIn: "{}:")) : String($0) }
            .joined(separator: "/")
        return route == "/feeds/:file" ? "/feeds/:secret" : route
    }
}
