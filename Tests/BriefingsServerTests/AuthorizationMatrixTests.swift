import BriefingsServer
import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Every endpoint × every role × own/other group: allowed (2xx) or denied (401/403, or 422 by the
/// requester rule). Labour is "own" group (RQ-0001 → SE-0001, RQ-0002 pending); the Conservatives are "other".
@Suite("Authorisation matrix")
struct AuthorizationMatrixTests {
    static let oversight: Set<String> = ["o-ceo", "o-dce", "o-mo", "ds-admin"]
    static let labour: Set<String> = ["m-patel", "pa-lab", "m-okafor"]
    static let everyone = Set(Fixture.people)

    struct Cell: Sendable, CustomTestStringConvertible {
        var method: HTTPRequest.Method
        var uri: String
        var body: String?
        var allowed: Set<String>
        /// When the step is taken, if not on the fixture's day (local time).
        var at: String? = nil
        var testDescription: String { "\(method) \(uri)" }
    }

    static let reads: [Cell] = [
        Cell(method: .get, uri: "/api/me", allowed: everyone),
        Cell(method: .get, uri: "/api/rules", allowed: everyone),
        Cell(method: .get, uri: "/api/queue", allowed: oversight),
        Cell(method: .get, uri: "/api/audit", allowed: oversight),
        Cell(method: .get, uri: "/api/audit/verify", allowed: oversight),
        Cell(method: .get, uri: "/api/parity", allowed: oversight),
        Cell(method: .get, uri: "/api/briefings", allowed: oversight),
        // A briefing and its material: oversight, its officers, and the group that asked (the Conservatives' offer is still open).
        Cell(method: .get, uri: "/api/briefings/BR-0001", allowed: oversight.union(labour).union(["o-dir-place"])),
        Cell(method: .get, uri: "/api/requests", allowed: everyone),   // officers: the requests naming them
        Cell(method: .get, uri: "/api/requests/RQ-0001", allowed: oversight.union(labour).union(["o-dir-place"])),
        Cell(method: .get, uri: "/api/requests/RQ-0002", allowed: oversight.union(labour).union(["o-dir-place"])),
        Cell(method: .get, uri: "/api/sessions/SE-0001", allowed: oversight.union(labour).union(["o-dir-place"])),
        Cell(method: .get, uri: "/api/sessions", allowed: everyone),
        Cell(method: .get, uri: "/api/offers", allowed: oversight.union(labour).union(["m-hughes"])),
        Cell(method: .get, uri: "/api/offers/OF-0002/slots", allowed: oversight.union(["m-hughes"])),   // the Conservatives' offer
        Cell(method: .get, uri: "/api/notifications", allowed: everyone),
        Cell(method: .get, uri: "/api/approver/absences", allowed: everyone),
    ]

    /// Deciding is the approver's; the deputy (o-dce) decides only while the approver is recorded as away, which in
    /// this council they are not (SessionAgreementTests covers the deputy acting during an absence).
    static let writes: [Cell] = [
        Cell(method: .post, uri: "/api/requests/RQ-0002/approve", body: #"{"judged":["council-business","no-individual-matter"]}"#, allowed: ["o-ceo"]),
        Cell(method: .post, uri: "/api/requests/RQ-0002/decline", body: #"{"reason":"no"}"#, allowed: ["o-ceo"]),
        Cell(method: .post, uri: "/api/requests/RQ-0002/acknowledge", body: #"{"message":"You will hear by Friday.","replyBy":"2026-11-06"}"#, allowed: ["o-ceo"]),
        Cell(method: .post, uri: "/api/offers/OF-0002/decline", body: #"{"reason":"no"}"#, allowed: ["m-hughes"]),
        // An offer is open until its answer-by date (ten working days from 2 November): it lapses after that.
        Cell(method: .post, uri: "/api/offers/OF-0002/lapse", body: #"{"reason":"no answer"}"#, allowed: ["o-ceo"], at: "2026-11-17T09:00"),
        Cell(method: .post, uri: "/api/sessions/SE-0001/cancel", body: #"{"reason":"off"}"#, allowed: ["o-ceo", "m-patel"]),
        Cell(method: .post, uri: "/api/sessions/SE-0001/withdraw", body: #"{"reason":"off"}"#, allowed: []), // no group joined it; the host cancels instead
        Cell(method: .post, uri: "/api/requests/RQ-0002/flag", body: #"{"reason":"too political"}"#, allowed: ["o-dir-place"]),
        Cell(method: .post, uri: "/api/sessions/SE-0001/propose", body: #"{"reason":"earlier","session":{"start":"2026-12-08T10:00"}}"#, allowed: ["o-dir-place"]),
        Cell(method: .post, uri: "/api/approver/absences", body: #"{"from":"2026-11-03","until":"2026-11-04"}"#, allowed: ["o-ceo", "ds-admin"]),
        Cell(method: .post, uri: "/api/sessions/SE-0001/respond", body: #"{"answer":"confirm"}"#, allowed: ["o-dir-place"]),
        Cell(method: .post, uri: "/api/briefings/BR-0001/close", allowed: []), // offers still open: refused for all (equal-offer)
        Cell(method: .post, uri: "/api/briefings/BR-0001/material", body: #"{"text":"Facts and options."}"#, allowed: ["o-dir-place"]),
        Cell(method: .post, uri: "/api/feeds", body: #"{"feed":"group:LAB"}"#, allowed: labour.union(["o-ceo", "o-dce", "o-mo"])),
        Cell(method: .post, uri: "/api/feeds", body: #"{"feed":"overview"}"#, allowed: ["o-ceo", "o-dce", "o-mo"]),
        Cell(method: .post, uri: "/api/feeds", body: #"{"feed":"officer:o-dir-place"}"#, allowed: ["o-dir-place", "o-ceo", "o-dce", "o-mo"]),
        Cell(method: .post, uri: "/api/feeds/revoke", body: "{}", allowed: everyone),
        Cell(method: .post, uri: "/api/requests",
             body: #"{"group":"LAB","matter":"Parks","area":"planning","meeting":"Cabinet","officers":["o-dce"],"session":{"start":"2026-12-21T10:00","room":"cr2","attendees":["m-patel"]}}"#,
             allowed: ["m-patel"]),
    ]

    @Test("reads", arguments: reads)
    func read(_ cell: Cell) async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in try await Self.walk(cell, f, client) }
    }

    @Test("writes (a fresh council for each person)", arguments: writes)
    func write(_ cell: Cell) async throws {
        for person in Fixture.people + [nil] {
            let f = try await Fixture.make()
            if let at = cell.at { f.clock.set(at) }
            let before = try f.snapshot()
            try await f.app.test(.router) { client in try await Self.walk(cell, f, client, only: person) }
            if person == nil || !cell.allowed.contains(person!) { #expect(try f.snapshot() == before, "\(cell.uri) denied to \(person ?? "nobody") changed the database") }
        }
    }

    static func walk(_ cell: Cell, _ f: Fixture, _ client: some TestClientProtocol, only: String?? = .none) async throws {
        let people: [String?] = only.map { [$0] } ?? (Fixture.people + [nil])
        for person in people {
            try await client.execute(uri: cell.uri, method: cell.method, headers: f.headers(person), body: cell.body.map(body)) { r in
                let allowed = person.map(cell.allowed.contains) ?? false
                if allowed {
                    #expect((200..<300).contains(r.status.code), "\(cell.method) \(cell.uri) as \(person ?? "nobody"): \(r.status) \(String(buffer: r.body).prefix(200))")
                } else {
                    let denied = [401, 403].contains(r.status.code) || (r.status.code == 422 && ["requester", "equal-offer", "confidentiality", "approval"].contains(json(r)["rule"] as? String ?? ""))
                    #expect(denied, "\(cell.method) \(cell.uri) as \(person ?? "nobody") should be denied: \(r.status) \(String(buffer: r.body).prefix(200))")
                }
            }
        }
    }

    @Test("no group reads another group's request, session or notifications")
    func otherGroups() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            for uri in ["/api/requests/RQ-0001", "/api/sessions/SE-0001"] {
                try await client.execute(uri: uri, method: .get, headers: f.headers("m-hughes")) { r in
                    #expect(r.status == .forbidden && json(r)["rule"] as? String == "confidentiality")
                }
            }
            try await client.execute(uri: "/api/sessions", method: .get, headers: f.headers("m-hughes")) { r in
                #expect(String(buffer: r.body) == #"{"items":[]}"#)
            }
            try await client.execute(uri: "/api/requests", method: .get, headers: f.headers("m-hughes")) { r in
                #expect(r.status == .ok && String(buffer: r.body) == #"{"items":[]}"#)
            }
            try await client.execute(uri: "/api/requests", method: .get, headers: f.headers("pa-lab")) { r in
                let refs = items(r).map { $0["ref"] as? String }
                #expect(refs == ["RQ-0001", "RQ-0002"])
            }
            try await client.execute(uri: "/api/offers", method: .get, headers: f.headers("m-hughes")) { r in
                #expect(items(r).map { $0["group"] as? String } == ["CON"])
            }
            try await client.execute(uri: "/api/notifications", method: .get, headers: f.headers("m-hughes")) { r in
                #expect(!String(buffer: r.body).contains("RQ-0001: briefing request"))
            }
        }
    }
}
