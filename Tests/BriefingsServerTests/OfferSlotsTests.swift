import BriefingsServer
import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// `GET /api/offers/{ref}/slots` and the offer's `suggestedSlots` (issue 10, "Offers that are easy to take up").
@Suite("Offer slots over HTTP")
struct OfferSlotsTests {
    @Test("an offer's free times over HTTP, the same in the offer's JSON; refusals are 4xx naming the rule and change nothing")
    func slots() async throws {
        let f = try await Fixture.make()
        let before = try f.snapshot()
        try await f.app.test(.router) { client in
            // Monday 2 November 2026, 09:00: SE-0001 holds the Director of Place and Committee Room 1 on 7 December only.
            let slots = try await client.execute(uri: "/api/offers/OF-0002/slots", method: .get, headers: f.headers("m-hughes")) { r in
                #expect(r.status == .ok, "\(String(buffer: r.body))")
                let body = json(r)
                #expect(body["offer"] as? String == "OF-0002" && body["group"] as? String == "CON")
                return body["slots"] as? [[String: String]] ?? []
            }
            #expect(slots.map { $0["start"] } == ["2026-11-03T08:00", "2026-11-04T08:00", "2026-11-05T08:00"])
            #expect(slots.first == ["start": "2026-11-03T08:00", "end": "2026-11-03T10:00", "segmentStart": "2026-11-03T08:00",
                                    "segmentEnd": "2026-11-03T08:45", "duration": "2h", "segment": "45m", "room": "cr1",
                                    "roomName": "Committee Room 1, Civic Centre"])
            try await client.execute(uri: "/api/offers", method: .get, headers: f.headers("m-hughes")) { r in
                let offers = items(r)
                #expect(offers.first?["suggestedSlots"] as? [[String: String]] == slots)
            }
            // The approver and Monitoring Officer see every offer, so its suggestions too.
            try await client.execute(uri: "/api/offers/OF-0002/slots", method: .get, headers: f.headers("o-mo")) { #expect($0.status == .ok) }
            let refusals: [(String, String?, HTTPResponse.Status, String?)] = [
                ("/api/offers/OF-0002/slots", "m-patel", .forbidden, "confidentiality"),        // another group's offer
                ("/api/offers/OF-0002/slots", "o-dir-place", .forbidden, "confidentiality"),    // an officer
                ("/api/offers/OF-0099/slots", "m-hughes", .notFound, nil),
                ("/api/offers/OF-2/slots", "m-hughes", .badRequest, nil),
                ("/api/offers/OF-0002/slots", nil, .unauthorized, nil),
            ]
            for (uri, person, status, rule) in refusals {
                try await client.execute(uri: uri, method: .get, headers: f.headers(person)) { r in
                    #expect(r.status == status, "\(uri) as \(person ?? "nobody"): \(r.status) \(String(buffer: r.body))")
                    #expect(json(r)["message"] != nil && !(json(r)["fix"] as? String ?? "").isEmpty)
                    if let rule {
                        #expect(json(r)["rule"] as? String == rule && !((json(r)["clauses"] as? [String]) ?? []).isEmpty)
                    }
                }
            }
            try await client.execute(uri: "/api/offers/OF-0002/slots", method: .post, headers: f.headers("m-hughes")) { r in
                #expect(r.status == .methodNotAllowed)
            }
        }
        #expect(try f.snapshot() == before, "reading suggestions and refusing them wrote nothing")

        try await f.desk.declineOffer("OF-0002", as: "m-hughes", reason: "Not needed")
        let declined = try f.snapshot()
        try await f.app.test(.router) { client in
            try await client.execute(uri: "/api/offers/OF-0002/slots", method: .get, headers: f.headers("m-hughes")) { r in
                #expect(r.status == .conflict && json(r)["rule"] as? String == "equal-offer", "\(String(buffer: r.body))")
                #expect(String(buffer: r.body).contains("already declined"))
            }
            try await client.execute(uri: "/api/offers", method: .get, headers: f.headers("m-hughes")) { r in
                let offers = items(r)
                #expect((offers.first?["suggestedSlots"] as? [Any])?.isEmpty == true, "an answered offer suggests nothing")
            }
        }
        #expect(try f.snapshot() == declined)
    }
}
