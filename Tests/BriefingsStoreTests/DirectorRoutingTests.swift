import BriefingsDomain
import BriefingsStore
import Foundation
import Testing

/// Under `001` a request goes to "the Chief Executive or relevant Director" (`001 §4.10`, `§4.13`): a Director agrees
/// attendance of officers in their own line; what they would have to override, or what an officer flags as
/// unreasonable, goes to the Chief Executive (issue 10 problem 4).
@Suite("Director routing under 001")
struct DirectorRoutingTests {
    typealias S = Support

    @Test("the Director of Place agrees a request for officers in her own line; the decision records who made it")
    func ownLine() async throws {
        let desk = try await S.desk(profile: "001")
        let r = try await desk.submitRequest(S.request(officer: "o-hos-housing", title: "Housing allocations policy"))
        #expect(try await desk.queue(as: "o-dir-place").map(\.ref) == [r.ref], "she sees the requests in her line")
        let a = try await desk.approve(r.ref, as: "o-dir-place")
        #expect(a.session == "SE-0001")
        let view = try await desk.request(r.ref, as: "o-ceo")
        #expect(view.decidedBy == "o-dir-place" && view.decidedRole == "director")
        #expect(try await desk.audit(as: "o-mo").last { $0.action == "request.approve" }?.role == "director")
    }

    @Test("outside her line, with a rule to override, or flagged as unreasonable, it is the Chief Executive's to decide")
    func toTheChiefExecutive() async throws {
        let desk = try await S.desk(profile: "001")
        let finance = try await desk.submitRequest(S.request(officer: "o-ad-finance", title: "Budget monitoring"))
        let before = try S.snapshot(desk)
        await #expect { try await desk.approve(finance.ref, as: "o-dir-place") } throws: { e in
            let e = e as! DeskError
            return e.kind == .forbidden && e.rule == .approval && e.clauses.contains("001 §4.10") && e.message.contains("not in the line of")
        }
        #expect(try await desk.queue(as: "o-dir-place").isEmpty)
        let evening = try await desk.submitRequest(S.request(officer: "o-hos-housing", day: "2026-12-08", at: "19:00", title: "Housing evening"))
        await #expect { try await desk.approve(evening.ref, as: "o-dir-place", overrides: [.workingHours: "fine"]) } throws: { e in
            let e = e as! DeskError
            return e.kind == .forbidden && e.message.contains("goes to the Chief Executive") && e.message.contains("working-hours")
        }
        let flagged = try await desk.submitRequest(S.request(officer: "o-hos-housing", day: "2026-12-09", title: "Housing flagged"))
        try await desk.flagRequest(flagged.ref, as: "o-hos-housing", reason: "This is a campaign question")
        await #expect { try await desk.decline(flagged.ref, as: "o-dir-place", reason: "No") } throws: { e in
            let e = e as! DeskError
            return e.kind == .forbidden && e.message.contains("flagged")
        }
        _ = try await desk.approve(finance.ref, as: "o-ceo")
        #expect(try await desk.request(finance.ref, as: "o-mo").decidedRole == "approver")
        _ = before
    }

    @Test("under the model profile a Director does not decide")
    func modelProfile() async throws {
        let desk = try await S.desk()
        let r = try await desk.submitRequest(S.request(officer: "o-hos-housing", title: "Housing allocations policy"))
        let before = try S.snapshot(desk)
        await #expect { try await desk.approve(r.ref, as: "o-dir-place") } throws: { ($0 as? DeskError)?.kind == .forbidden }
        #expect(try S.snapshot(desk) == before)
    }
}
