import BriefingsDomain
import BriefingsStore
import Foundation
import Testing

/// Answers that explain (`response-time`; issue 10 problem 6): an acknowledgement is a message to the requester
/// (`000 §17.8.2`), naming another contact while the approver is away, and a late answer says why (`004 §6.5.8`).
@Suite("Answers that explain")
struct AnswersTests {
    typealias S = Support

    @Test("an acknowledgement sends the requester its message, naming the deputy while the approver is away")
    func acknowledgement() async throws {
        let clock = TestClock("2026-11-02T09:00")
        let desk = try await S.desk(clock: clock)
        let r = try await desk.submitRequest(S.request())
        let before = try S.snapshot(desk)
        await #expect { try await desk.acknowledge(r.ref, as: "o-ceo", message: "  ", replyBy: LocalDate("2026-11-06")) } throws: { e in
            let e = e as! DeskError
            return e.kind == .invalid && e.rule == .responseTime && e.fix.contains("--message")
        }
        #expect(try S.snapshot(desk) == before)
        try await desk.recordAbsence(from: LocalDate("2026-11-02")!, until: LocalDate("2026-11-06")!, as: "o-ceo")
        try await desk.acknowledge(r.ref, as: "o-ceo", message: "Received; I will consult the Director and decide by 13 November.",
                                   replyBy: LocalDate("2026-11-13"))
        let sent = try #require(try await desk.notifications(for: "m-patel").last { $0.subject.contains("acknowledged") })
        #expect(sent.body.hasPrefix("Received; I will consult the Director"))
        #expect(sent.body.contains("please contact Ian Porter"), "the deputy, while the Chief Executive is away: \(sent.body)")
        #expect(sent.to.contains("Cllr Asha Patel"))
        #expect(try await desk.request(r.ref, as: "m-patel").status == "pending")
    }

    @Test("000: an explanatory acknowledgement within five working days meets the deadline (000 §17.8.2)")
    func explainedInTime() async throws {
        let clock = TestClock("2026-11-02T09:00")
        let desk = try await S.desk(clock: clock, profile: "000")
        let r = try await desk.submitRequest(S.request())
        clock.set("2026-11-06T09:00")
        try await desk.acknowledge(r.ref, as: "o-ceo", message: "The Director is on leave; you will have a full answer by 20 November.",
                                   replyBy: LocalDate("2026-11-20"), reason: "The Director who must advise is on leave until 16 November")
        clock.set("2026-11-12T09:00")  // eight working days: past the five to answer, but explained in time
        let item = try #require(try await desk.queue(as: "o-ceo").first)
        #expect(!item.clock.responseOverdue && item.verdicts.first { $0.rule == .responseTime }?.passed == true)
        #expect(try await desk.tellPastDue().isEmpty, "explained in time: nothing to tell yet")
        // Issue 25 item 6: an acknowledgement does not stop the clock for good. Past its reply-by date the request is
        // overdue again, and the requester is told, once.
        clock.set("2026-12-10T09:00")
        let late = try #require(try await desk.queue(as: "o-ceo").first)
        #expect(late.clock.responseOverdue && late.clock.replyByMissed && late.verdicts.first { $0.rule == .responseTime }?.passed == false)
        #expect(try await desk.tellPastDue() == [r.ref])
        #expect(try await desk.tellPastDue().isEmpty, "told once for that date")
        let told = try #require(try await desk.notifications(for: "m-patel").last)
        #expect(told.subject == "No decision yet on your request: Local Plan review, due Fri 20 Nov (\(r.ref))", "\(told.subject)")
        #expect(told.body.contains("passed the date the Chief Executive said you would hear by"), "\(told.body)")
        #expect(try await desk.audit(as: "o-mo").contains { $0.action == "request.past-due" && $0.subject == r.ref })
        // Under the model profile the same acknowledgement does not stop the response clock.
        let model = try await S.desk(clock: clock)
        clock.set("2026-11-02T09:00")
        let m = try await model.submitRequest(S.request())
        await #expect(throws: DeskError.self, "'Received.' explains nothing") {
            try await model.acknowledge(m.ref, as: "o-ceo", message: "Received.", replyBy: LocalDate("2026-11-06"))
        }
        try await model.acknowledge(m.ref, as: "o-ceo", message: "Received; I am asking the Director.", replyBy: LocalDate("2026-11-06"))
        clock.set("2026-11-17T09:00")
        #expect(try await model.queue(as: "o-ceo").first?.clock.responseOverdue == true)
    }

    @Test("004: a late decision must explain the delay, what is being done and when (004 §6.5.8)")
    func lateAnswer() async throws {
        let clock = TestClock("2026-11-02T09:00")
        let desk = try await S.desk(clock: clock, profile: "004")
        let r = try await desk.submitRequest(S.request())
        clock.set("2026-11-18T09:00")  // twelve working days: past the ten to answer
        let before = try S.snapshot(desk)
        await #expect { try await desk.approve(r.ref, as: "o-ceo") } throws: { e in
            let e = e as! DeskError
            return e.kind == .refused && e.rule == .responseTime && e.clauses.contains("004 §6.5.8") && e.fix.contains("--explain-delay")
        }
        await #expect { try await desk.decline(r.ref, as: "o-ceo", reason: "No") } throws: { ($0 as? DeskError)?.rule == .responseTime }
        #expect(try S.snapshot(desk) == before)
        _ = try await desk.approve(r.ref, as: "o-ceo", explainDelay: "The Director was off sick; her deputy checked the diary and the session stands as asked.")
        let sent = try #require(try await desk.notifications(for: "m-patel").last { $0.subject.hasPrefix("Request agreed") })
        #expect(sent.body.hasPrefix("This answer is late. The Director was off sick"))
        // In time, no explanation is needed.
        clock.set("2026-11-18T10:00")
        let onTime = try await desk.submitRequest(S.request(day: "2026-12-09"))
        _ = try await desk.approve(onTime.ref, as: "o-ceo")
    }
}
