import BriefingsDomain
import BriefingsServer
import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 10 over HTTP: written reports, routing under `001`, offers that lapse, answers that explain, and the parity
/// report's ungrouped councillors and lapses, through the JSON API a client uses.
@Suite("Councils of every shape, over HTTP")
struct CouncilShapesHTTPTests {
    @Test("a material file as big as the desk takes goes over the API too (a body above 64 KB on that route only); one above the council's limit is refused naming it")
    func materialFileOverAPI() async throws {
        let f = try await Fixture.make()
        // A real PDF is rarely under 48 KB, the most a 64 KB JSON body carries in base64.
        let pdf = Data("%PDF-1.7\n".utf8) + Data(repeating: 0x41, count: 300_000) + Data("\n%%EOF\n".utf8)
        @Sendable func material(_ content: Data) -> ByteBuffer {
            body(#"{"text":"Options for the car parks","file":{"name":"options.pdf","content":"\#(content.base64EncodedString())"}}"#)
        }
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/api/briefings/BR-0001/material", method: .post, headers: f.headers("o-dir-place"), body: material(pdf)) { r in
                #expect(r.status == .ok && json(r)["status"] as? String == "held", "\(r.status) \(String(buffer: r.body).prefix(400))")
            }
            let before = try f.snapshot()
            // Just over the limit: the file is refused as the desk refuses it; far over: the body is, before it is read.
            let limit = MaterialFile.words(MaterialFile.defaultLimit)
            for (size, status) in [(MaterialFile.defaultLimit + 1, HTTPResponse.Status.badRequest), (MaterialFile.defaultLimit * 3 / 2, .contentTooLarge)] {
                let big = Data("%PDF-1.7\n".utf8) + Data(repeating: 0x41, count: size)
                try await client.execute(uri: "/api/briefings/BR-0001/material", method: .post, headers: f.headers("o-dir-place"), body: material(big)) { r in
                    #expect(r.status == status && (json(r)["message"] as? String)?.contains(limit) == true && (json(r)["fix"] as? String)?.isEmpty == false,
                            "\(r.status) \(String(buffer: r.body).prefix(400))")
                }
            }
            #expect(try f.snapshot() == before)
            // Every other route keeps its 64 KB limit.
            let long = String(repeating: "a", count: 70_000)
            try await client.execute(uri: "/api/requests/RQ-0002/decline", method: .post, headers: f.headers("o-ceo"), body: body(#"{"reason":"\#(long)"}"#)) { r in
                #expect(r.status == .contentTooLarge, "\(r.status)")
            }
        }
    }

    @Test("a written report over HTTP: requested without a session, approved with none, taken up with an empty body, read once attached")
    func writtenReport() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            // A session and a written report at once is refused (400), naming what to change; nothing is written.
            let before = try f.snapshot()
            try await client.execute(uri: "/api/requests", method: .post, headers: f.headers("m-patel"), body: body(
                #"{"matter":"Bus lanes","area":"transport","officers":["o-dir-place"],"writtenReport":true,"reportDue":"2026-12-01","session":{"start":"2026-12-07T14:00","room":"cr1"}}"#)) { r in
                #expect(r.status == .badRequest && (json(r)["message"] as? String)?.contains("a written report has no meeting") == true, "\(String(buffer: r.body))")
            }
            #expect(try f.snapshot() == before)

            try await client.execute(uri: "/api/requests", method: .post, headers: f.headers("m-patel"), body: body(
                #"{"matter":"Bus lanes on the A38","area":"transport","meeting":"Cabinet","meetingDate":"2026-12-15","officers":["o-dir-place"],"writtenReport":true,"reportDue":"2026-12-01"}"#)) { r in
                #expect(r.status == .created && json(r)["ref"] as? String == "RQ-0003", "\(String(buffer: r.body))")
                #expect((json(r)["verdicts"] as? [[String: Any]])?.map { $0["rule"] as? String } == ["requester", "council-business", "no-individual-matter", "professional-remit"])
            }
            try await client.execute(uri: "/api/requests/RQ-0003/approve", method: .post, headers: f.headers("o-ceo"), body: body(#"{"judged":["council-business","no-individual-matter"]}"#)) { r in
                #expect(r.status == .ok && json(r)["briefing"] as? String == "BR-0002", "\(String(buffer: r.body))")
                #expect(json(r)["session"] == nil, "a written report books no session")
            }
            var offer = ""
            try await client.execute(uri: "/api/offers", method: .get, headers: f.headers("m-hughes")) { r in
                let report = items(r).first { $0["briefing"] as? String == "BR-0002" }
                #expect(report?["writtenReport"] as? Bool == true)
                offer = report?["ref"] as? String ?? ""
            }
            try await client.execute(uri: "/api/offers/\(offer)/accept", method: .post, headers: f.headers("m-hughes"), body: body("{}")) { r in
                #expect(r.status == .created && json(r)["status"] as? String == "accepted", "\(String(buffer: r.body))")
            }
            try await client.execute(uri: "/api/briefings/BR-0002/material", method: .post, headers: f.headers("o-dir-place"),
                                     body: body(#"{"text":"Facts: 1.2 km of bus lane. Options: (a) peak hours only; (b) all day."}"#)) { r in
                // The receipt: the briefing, attached (not held: advice-limits passes).
                #expect(r.status == .ok && json(r)["status"] as? String == "attached" && json(r)["ref"] as? String == "BR-0002"
                        && (json(r)["verdicts"] as? [[String: Any]])?.first?["passed"] as? Bool == true, "\(String(buffer: r.body))")
            }
            // Material advice-limits warns about waits in the approver's queue (issue 23 item 8): the receipt names the item.
            try await client.execute(uri: "/api/briefings/BR-0002/material", method: .post, headers: f.headers("o-dir-place"),
                                     body: body(#"{"text":"We recommend option (a): it is politically popular."}"#)) { r in
                #expect(r.status == .ok && json(r)["status"] as? String == "held" && (json(r)["ref"] as? String)?.hasPrefix("RQ-") == true,
                        "\(String(buffer: r.body))")
            }
            try await client.execute(uri: "/api/queue", method: .get, headers: f.headers("o-ceo")) { r in
                let items = json(r)["items"] as? [[String: Any]] ?? []
                #expect(items.contains { $0["kind"] as? String == "material" && ($0["material"] as? String)?.hasPrefix("We recommend") == true },
                        "\(String(buffer: r.body))")
            }
            try await client.execute(uri: "/api/briefings/BR-0002", method: .get, headers: f.headers("m-hughes")) { r in
                #expect(r.status == .ok && (json(r)["material"] as? String)?.hasPrefix("Facts: 1.2 km") == true, "\(String(buffer: r.body))")
                #expect(json(r)["writtenReport"] as? Bool == true && json(r)["reportDue"] as? String == "2026-12-01")
            }
            // An officer who is not on the briefing reads nothing of it.
            try await client.execute(uri: "/api/briefings/BR-0002", method: .get, headers: f.headers("o-hos-housing")) { r in
                #expect(r.status == .forbidden && json(r)["rule"] as? String == "confidentiality")
            }
        }
    }

    @Test("offers lapse on their own after the answer-by date; the parity report over HTTP counts lapses and lists the councillor without a group")
    func lapsesAndParity() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            var answerBy = ""
            try await client.execute(uri: "/api/offers", method: .get, headers: f.headers("m-hughes")) { r in
                let offers = items(r)
                #expect(offers.first?["status"] as? String == "open")
                answerBy = offers.first?["answerBy"] as? String ?? ""
            }
            #expect(answerBy == "2026-11-16", "10 working days from Mon 2 Nov")
            // The approver cannot lapse an offer before its date.
            try await client.execute(uri: "/api/offers/OF-0002/lapse", method: .post, headers: f.headers("o-ceo"), body: body(#"{"reason":"no answer"}"#)) { r in
                #expect(r.status == .conflict && json(r)["rule"] as? String == "equal-offer" && (json(r)["fix"] as? String)?.contains("2026-11-16") == true)
            }
            f.clock.set("2026-11-17T09:00")
            try await client.execute(uri: "/api/offers", method: .get, headers: f.headers("m-hughes")) { r in
                let offers = items(r)
                #expect(offers.first?["status"] as? String == "lapsed")
            }
            try await client.execute(uri: "/api/offers/OF-0002/accept", method: .post, headers: f.headers("m-hughes"), body: body(#"{"join":"SE-0001"}"#)) { r in
                #expect(r.status == .conflict && (json(r)["message"] as? String)?.contains("lapsed") == true)
            }
            try await client.execute(uri: "/api/parity", method: .get, headers: f.headers("o-mo")) { r in
                #expect(r.status == .ok)
                let rows = (try? JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [[String: Any]]) ?? []
                #expect(rows.map { $0["group"] as? String ?? "" } == ["LAB", "CON", "LD", "GRN", "m-clarke"], "one line per group and per councillor without one, in roster order")
                #expect(rows.first { $0["group"] as? String == "CON" }?["lapsed"] as? Int == 1)
                #expect(rows.first { $0["group"] as? String == "m-clarke" }?["lapsed"] as? Int == 1, "the co-opted member's offer lapses like a group's")
            }
        }
    }

    @Test("acknowledging over HTTP needs a message that explains, and names the deputy while the approver is away")
    func acknowledge() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/api/requests/RQ-0002/acknowledge", method: .post, headers: f.headers("o-ceo"), body: body(#"{"message":"   "}"#)) { r in
                #expect(r.status == .badRequest && json(r)["rule"] as? String == "response-time" && (json(r)["fix"] as? String)?.contains("--message") == true)
            }
            try await client.execute(uri: "/api/approver/absences", method: .post, headers: f.headers("o-ceo"), body: body(#"{"from":"2026-11-02","until":"2026-11-06"}"#)) { r in
                #expect(r.status.code < 300, "\(String(buffer: r.body))")
            }
            try await client.execute(uri: "/api/requests/RQ-0002/acknowledge", method: .post, headers: f.headers("o-ceo"),
                                     body: body(#"{"message":"Received; I will answer after speaking to the Director.","replyBy":"2026-11-06"}"#)) { r in
                #expect(r.status == .noContent, "\(String(buffer: r.body))")
            }
            let told = try await f.desk.notifications(for: "m-patel").last
            #expect(told?.subject == "Request acknowledged: Local Plan review, you will hear by Fri 6 Nov (RQ-0002)")
            #expect(told?.body.contains("I will answer after speaking") == true && told?.body.contains("please contact") == true)
            #expect(told?.body.contains("You will hear by: Fri 6 Nov 2026") == true, "\(told?.body ?? "")")
        }
    }

    @Test("under 001 a Director sees and decides over HTTP the requests for officers in their own line, recorded as the Director's")
    func directorRouting() async throws {
        let f = try await Fixture.make(profile: "001")
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/api/queue", method: .get, headers: f.headers("o-dir-place")) { r in
                let queue = items(r)
                #expect(r.status == .ok && queue.map { $0["ref"] as? String } == ["RQ-0002"], "\(String(buffer: r.body))")
            }
            try await client.execute(uri: "/api/queue", method: .get, headers: f.headers("o-hos-housing")) { r in
                #expect(r.status == .forbidden)
            }
            try await client.execute(uri: "/api/requests/RQ-0002/approve", method: .post, headers: f.headers("o-dir-place"), body: body(#"{"judged":["council-business","no-individual-matter"]}"#)) { r in
                #expect(r.status == .ok, "\(String(buffer: r.body))")
            }
            try await client.execute(uri: "/api/requests/RQ-0002", method: .get, headers: f.headers("o-mo")) { r in
                #expect(json(r)["decidedBy"] as? String == "o-dir-place" && json(r)["decidedRole"] as? String == "director", "\(String(buffer: r.body))")
            }
        }
    }
}
