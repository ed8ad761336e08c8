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

    @Test("item 9 under 001 (§4.28): a group that joined a joint session sees only its own attendees in GET /api/sessions/{ref}, /api/sessions and the desk's sessions page")
    func jointSessionOwnAttendees() async throws {
        let f = try await Fixture.make(profile: "001")
        var form = Fixture.form(group: "LAB", start: "2026-12-09T14:00", attendees: ["m-patel", "m-okafor"])
        form.joint = true
        _ = try await f.desk.submitRequest(form, as: "m-patel")
        let approval = try await f.desk.approve("RQ-0003", as: "o-ceo", judged: Set(BriefingsDomain.Approval.judgedRules))
        let session = try #require(approval.session)
        let offer = try #require(try await f.desk.offers(as: "m-hughes").first { $0.briefing == approval.briefing }?.ref)
        _ = try await f.desk.joinSession(offer: offer, session: session, as: "m-hughes", attendees: [.person("m-hughes"), .person("m-lewis")])
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/api/sessions/\(session)", method: .get, headers: f.headers("m-hughes")) { r in
                #expect(r.status == .ok && json(r)["attendees"] as? [String] == ["Cllr Gareth Hughes", "Cllr Mary Lewis"], "\(String(buffer: r.body))")
            }
            try await client.execute(uri: "/api/sessions", method: .get, headers: f.headers("m-hughes")) { r in
                #expect(r.status == .ok && !String(buffer: r.body).contains("Okafor") && String(buffer: r.body).contains("Mary Lewis"), "\(String(buffer: r.body))")
            }
            try await client.execute(uri: "/api/sessions/\(session)", method: .get, headers: f.headers("m-okafor")) { r in
                #expect(json(r)["attendees"] as? [String] == ["Cllr Asha Patel", "Cllr Tunde Okafor"], "\(String(buffer: r.body))")
            }
            try await client.execute(uri: "/api/sessions/\(session)", method: .get, headers: f.headers("o-mo")) { r in
                #expect((json(r)["attendees"] as? [String])?.count == 4, "\(String(buffer: r.body))")
            }
            let b = DeskBrowser(client)
            try await b.signIn("m-hughes", desk: f.desk)
            let page = try await b.get("/desk/sessions")
            #expect(page.status == 200 && page.body.contains(session) && page.body.contains("Cllr Mary Lewis"), "\(page.body.prefix(500))")
            #expect(!page.body.contains("Okafor") && !page.body.contains("Cllr Asha Patel"), "the desk shows the host's attendees")
        }
    }
}
