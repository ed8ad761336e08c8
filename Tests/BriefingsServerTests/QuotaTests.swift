import BriefingsDomain
import BriefingsServer
import BriefingsStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A council's limits on what one person or group puts in the queue (issue 27, problem 7: one minute of a group
/// leader's traffic made 28,000 requests).
@Suite("Quotas")
struct QuotaTests {
    /// The fixture's council with its limits set in the roster's council settings.
    static func council(_ overrides: String) async throws -> Fixture {
        let f = try await Fixture.make()
        let roster = String(decoding: Fixture.roster, as: UTF8.self)
            .replacingOccurrences(of: #""overrides": { "roomBufferMinutes": 15 }"#, with: #""overrides": { "roomBufferMinutes": 15, \#(overrides) }"#)
        _ = try await f.desk.importRoster(Data(roster.utf8))
        return f
    }

    static let request = #"{"group":"LAB","matter":"Waste contract","area":"planning","meeting":"Cabinet","officers":["o-dce"],"session":{"start":"START","duration":"2h","segment":"30m","room":"cr2","attendees":["m-patel"]}}"#

    @Test("a person's requests a day stop at the council's limit: 429 naming the setting and what to do, nothing written; the next day they may ask again")
    func perPersonPerDay() async throws {
        // The fixture's leader has made two requests today; the council allows three.
        let f = try await Self.council(#""requestsPerPersonPerDay": 3"#)
        try await f.app.test(.router) { client in
            let third = Self.request.replacingOccurrences(of: "START", with: "2026-12-10T10:00")
            try await client.execute(uri: "/api/requests", method: .post, headers: f.headers("m-patel"), body: body(third)) { r in
                #expect(r.status == .created, "\(String(buffer: r.body))")
            }
            let before = try f.snapshot()
            let fourth = Self.request.replacingOccurrences(of: "START", with: "2026-12-11T10:00")
            try await client.execute(uri: "/api/requests", method: .post, headers: f.headers("m-patel"), body: body(fourth)) { r in
                #expect(r.status == .tooManyRequests, "\(String(buffer: r.body))")
                #expect(r.headers[.retryAfter] != nil)
                let e = json(r)
                #expect(e["error"] as? String == "quota")
                #expect((e["message"] as? String)?.contains("requestsPerPersonPerDay = 3") == true, "\(e)")
                #expect((e["fix"] as? String)?.contains("Ask again tomorrow") == true, "\(e)")
            }
            #expect(try f.snapshot() == before, "a refused request writes nothing")
            f.clock.set("2026-11-03T09:00")
            try await client.execute(uri: "/api/requests", method: .post, headers: f.headers("m-patel"), body: body(fourth)) { r in
                #expect(r.status == .created, "a new day, a new allowance: \(String(buffer: r.body))")
            }
        }
    }

    @Test("a group's requests waiting for the approver stop at the council's limit, whoever asks; a decision makes room")
    func pendingPerGroup() async throws {
        // The fixture's Labour group has one request waiting (RQ-0002); the council allows two.
        let f = try await Self.council(#""pendingRequestsPerGroup": 2"#)
        _ = try await f.desk.submitRequest(Fixture.form(group: "LAB", start: "2026-12-10T10:00", room: "cr2"), as: "m-patel")
        do {
            _ = try await f.desk.submitRequest(RequestForm(group: "LAB", onBehalfOf: "m-patel", matter: "Local Plan review", area: "planning",
                                                           meeting: "Cabinet 15 December 2026", officers: ["o-dir-place"],
                                                           session: SessionForm(start: "2026-12-11T10:00", duration: "2h", segment: "45m", room: "cr2", attendees: ["m-patel"])),
                                               as: "pa-lab")
            Issue.record("the group's third waiting request was accepted")
        } catch let e as DeskError {
            #expect(e.kind == .quota && e.message.contains("Labour Group already has 2") && e.message.contains("pendingRequestsPerGroup = 2"), "\(e)")
        }
        try await f.desk.decline("RQ-0002", as: "o-ceo", reason: "Covered at Cabinet")
        _ = try await f.desk.submitRequest(Fixture.form(group: "LAB", start: "2026-12-11T10:00", room: "cr2"), as: "m-patel")
    }

    @Test("a council's limits are whole numbers from 1; a wrong one is refused naming the setting")
    func settingsAreChecked() {
        let p = PolicyProfile.model
        #expect(p.requestsPerPersonPerDay == 50 && p.pendingRequestsPerGroup == 200)
        guard case .failure(let e) = p.applying(["requestsPerPersonPerDay": .number(0)]) else { Issue.record("0 accepted"); return }
        #expect(e.problems == ["council.overrides.requestsPerPersonPerDay: expected a whole number from 1 to 100000"])
    }
}
