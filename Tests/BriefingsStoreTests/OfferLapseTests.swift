import BriefingsDomain
import BriefingsStore
import Foundation
import Testing

/// Offers carry an answer-by date and lapse on their own after it (RULES.md "Offers"; issue 10 problem 5).
@Suite("Offers lapse")
struct OfferLapseTests {
    typealias S = Support

    @Test("an offer is answered by its date (10 working days, bank holidays counted); after it, it has lapsed with no job run")
    func lapsesOnItsOwn() async throws {
        let clock = TestClock("2026-12-14T09:00")  // Monday 14 December: Christmas and Boxing Day (Monday 28th) fall within
        let desk = try await S.desk(clock: clock)
        _ = try await desk.importHolidays([BankHoliday(date: LocalDate("2026-12-25")!, title: "Christmas Day"),
                                    BankHoliday(date: LocalDate("2026-12-28")!, title: "Boxing Day (substitute day)")], source: "test")
        let r = try await desk.submitRequest(S.request(day: "2027-01-12"))
        _ = try await desk.approve(r.ref, as: "o-ceo")
        let con = try #require(try await desk.offers(as: "m-hughes").first)
        #expect(con.answerBy == "2026-12-30", "ten working days from Mon 14 Dec, skipping 25 and 28 December")
        // The approver cannot lapse it early.
        await #expect { try await desk.lapseOffer(con.ref, as: "o-ceo", reason: "No answer") } throws: { e in
            let e = e as! DeskError
            return e.kind == .conflict && e.rule == .equalOffer && e.message.contains("until 2026-12-30")
        }
        clock.set("2026-12-30T17:00")
        #expect(try await desk.offers(as: "m-hughes").first?.status == "open", "still open on its last day")
        clock.set("2026-12-31T09:00")
        let lapsed = try #require(try await desk.offers(as: "m-hughes").first)
        #expect(lapsed.status == "lapsed" && lapsed.reason == "not answered by 2026-12-30")
        #expect(try await desk.parity(as: "o-mo").first { $0.group == "CON" }?.lapsed == 1)
        await #expect { try await desk.declineOffer(con.ref, as: "m-hughes", reason: "Too late") } throws: { e in
            let e = e as! DeskError
            return e.kind == .conflict && e.message.contains("lapsed") && !e.fix.isEmpty
        }
        // Every offer lapsed, so the briefing closes, and the lapses are recorded as it does.
        try await desk.closeBriefing("BR-0001", as: "o-ceo")
        #expect(try await desk.offers(as: "o-mo").filter { $0.status == "lapsed" }.count == 4)
        #expect(try await desk.verifyAudit().intact)
    }

    @Test("a council sets its own answer period (offerAnswerWorkingDays)")
    func councilSetting() throws {
        #expect(try PolicyProfile.model.applying(["offerAnswerWorkingDays": .number(5)]).get().offerAnswerWorkingDays == 5)
        guard case .failure(let e) = PolicyProfile.model.applying(["offerAnswerWorkingDays": .number(0)]) else {
            Issue.record("0 working days accepted"); return
        }
        #expect(e.problems.joined().contains("offerAnswerWorkingDays"))
    }
}
