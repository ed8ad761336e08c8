import BriefingsDomain
@testable import BriefingsStore
import Foundation
import Testing

/// Councillors without a group and councils without groups (RULES.md; issue 10 problems 1 and 2): every councillor
/// has the same rights (`002`), co-opted members the same support (`003 §22.1`).
@Suite("Councillors without a group")
struct CouncillorsTests {
    typealias S = Support

    static let townRoster = try! Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../examples/town-roster.json"))

    /// The example town council (`002`, no groups), the clock on Mon 2 Nov 2026.
    static func town() async throws -> BriefingDesk {
        let clock = TestClock("2026-11-02T09:00")
        let desk = BriefingDesk(database: try AppDatabase.inMemory(), now: { clock.now })
        _ = try await desk.initialise(profile: "002")
        _ = try await desk.importRoster(townRoster)
        return desk
    }

    /// Cllr Barker asks the Deputy Town Clerk about the precept, naming no group.
    static func barker(attendees: [String] = ["c-barker"]) -> SessionProposal {
        var p = S.request(group: "", by: "c-barker", officer: "o-deputy-clerk", at: "10:00", room: "mayors-parlour", attendees: attendees)
        p.groups = []
        p.matter = Matter(title: "Precept 2027/28", area: "finance", linkedMeeting: "Full Council 14 January 2027")
        return p
    }

    @Test("a town council without groups: a councillor asks for themself, the Clerk agrees, every other councillor is offered it")
    func townCouncil() async throws {
        let desk = try await Self.town()
        let receipt = try await desk.submitRequest(Self.barker())
        #expect(receipt.status == "pending")
        #expect(receipt.verdicts.first { $0.rule == .requester }?.message.contains("for themself") == true)
        let approval = try await desk.approve(receipt.ref, as: "o-clerk")
        #expect(approval.offers.count == 4)
        let offers = try await desk.offers(as: "o-clerk")
        #expect(Set(offers.filter { $0.status == "open" }.map(\.group)) == ["c-ahmed", "c-cole", "c-dunn", "c-ford"],
                "the co-opted member is offered it too (003 §22.1)")
        // Each councillor sees and answers only the offer made to them.
        let cole = try #require(try await desk.offers(as: "c-cole").first)
        #expect(try await desk.offers(as: "c-cole").count == 1 && cole.group == "c-cole")
        await #expect { try await desk.declineOffer(cole.ref, as: "c-ahmed", reason: "Not mine") } throws: { e in
            let e = e as! DeskError
            return e.kind == .forbidden && e.rule == .requester && e.message.contains("answers it themself")
        }
        try await desk.declineOffer(cole.ref, as: "c-cole", reason: "Briefed at Full Council")
        let parity = try await desk.parity(as: "o-clerk")
        #expect(parity.map(\.group) == ["c-ahmed", "c-barker", "c-cole", "c-dunn", "c-ford"], "one line per councillor")
        #expect(parity.first { $0.group == "c-barker" }?.requestsMade == 1 && parity.first { $0.group == "c-cole" }?.declined == 1)
    }

    @Test("confidentiality holds between councillors as between groups")
    func confidentiality() async throws {
        let desk = try await Self.town()
        let receipt = try await desk.submitRequest(Self.barker())
        await #expect { try await desk.request(receipt.ref, as: "c-ahmed") } throws: { ($0 as? DeskError)?.rule == .confidentiality }
        #expect(try await desk.requests(as: "c-ahmed").isEmpty)
        #expect(try await desk.request(receipt.ref, as: "c-barker").group == "c-barker")
        // Another councillor at his briefing is refused: the session serves him alone.
        let before = try S.snapshot(desk)
        await #expect { try await desk.submitRequest(Self.barker(attendees: ["c-barker", "c-dunn"])) } throws: { e in
            let e = e as! DeskError
            return e.rule == .confidentiality && e.verdicts.contains { $0.rule == .confidentiality && $0.message.contains("without a group") }
        }
        #expect(try S.snapshot(desk) == before)
    }

    @Test("a co-opted member outside any group requests for themself and is offered what every group is (003 §22.1)")
    func coOpted() async throws {
        let desk = try await S.desk()
        var p = S.request(group: "", by: "m-clarke", attendees: ["m-clarke"], title: "Internal audit plan")
        p.groups = []
        p.matter.area = "planning"
        let receipt = try await desk.submitRequest(p)
        #expect(try await desk.request(receipt.ref, as: "m-clarke").group == "m-clarke")
        let approval = try await desk.approve(receipt.ref, as: "o-ceo")
        #expect(approval.offers.count == 4, "every group is offered it")
        // …and the groups' requests are offered to her.
        let lab = try await desk.submitRequest(S.request(day: "2026-12-08"))
        _ = try await desk.approve(lab.ref, as: "o-ceo")
        #expect(try await desk.offers(as: "m-clarke").contains { $0.briefing == "BR-0002" && $0.status == "open" })
        #expect(try await desk.parity(as: "o-mo").contains { $0.group == "m-clarke" && $0.requestsMade == 1 })
    }
}
