import BriefingsDomain
import BriefingsServer
import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 25 over HTTP: each council's protocol exactly, through the JSON API a client uses.
@Suite("Issue 25: each council's protocol exactly, over HTTP")
struct ProtocolHTTPTests {
    @Test("item 7 under 002: the deputy's POST /api/approver/absences is refused (403, approval, the clause, what to do) and changes nothing; the approver's is recorded under their name")
    func deputyCannotRecordAbsence() async throws {
        let f = try await Fixture.make(profile: "002")
        try await f.app.test(.router) { client in
            let before = try f.snapshot()
            try await client.execute(uri: "/api/approver/absences", method: .post, headers: f.headers("o-dce"),
                                     body: body(#"{"from":"2026-11-02","until":"2026-11-02"}"#)) { r in
                #expect(r.status == .forbidden, "\(String(buffer: r.body))")
                #expect(json(r)["rule"] as? String == "approval" && (json(r)["clauses"] as? [String]) == PolicyProfile.p002.approverClauses,
                        "\(String(buffer: r.body))")
                #expect((json(r)["message"] as? String)?.contains("authorise themself") == true)
                #expect((json(r)["fix"] as? String)?.contains("or an administrator") == true, "\(String(buffer: r.body))")
            }
            #expect(try f.snapshot() == before)
            try await client.execute(uri: "/api/requests/RQ-0002/approve", method: .post, headers: f.headers("o-dce"), body: body("{}")) { r in
                #expect(r.status == .forbidden && json(r)["rule"] as? String == "approval")
            }
            try await client.execute(uri: "/api/approver/absences", method: .post, headers: f.headers("o-ceo"),
                                     body: body(#"{"from":"2026-11-02","until":"2026-11-02"}"#)) { r in
                #expect(r.status == .noContent, "\(String(buffer: r.body))")
            }
            try await client.execute(uri: "/api/approver/absences", method: .get, headers: f.headers("o-dce")) { r in
                let list = (try? JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [[String: Any]]) ?? []
                #expect(list.map { $0["recordedBy"] as? String } == ["o-ceo"], "\(String(buffer: r.body))")
            }
        }
    }
}
