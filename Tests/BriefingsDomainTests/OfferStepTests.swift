import BriefingsDomain
import Foundation
import Testing

/// Answering offers, with no database: who may, when, and what a take-up books or queues.
@Suite("Offer steps")
struct OfferStepTests {
    typealias A = ApprovalTests
    static let today = LocalDate("2026-12-02")!

    static func offer(_ status: OfferStatus = .open, answerBy: String = "2026-12-14") -> Offer {
        Offer(ref: "OF-0002", briefing: "BR-0001", group: "B", status: status, answerBy: LocalDate(answerBy))
    }

    static func refusal(_ o: Offer, closed: Bool = false, by actor: String = "b-lead", onBehalfOf: String? = nil) -> Refusal? {
        do { try OfferAnswer.requireAnswerable(o, briefingClosed: closed, by: actor, onBehalfOf: onBehalfOf, in: A.council(), today: today); return nil }
        catch { return error }
    }

    @Test("only the offered group's leader (or its assistant for a named member) answers, and only while it is open")
    func answerable() {
        #expect(Self.refusal(Self.offer()) == nil)
        #expect(Self.refusal(Self.offer(), by: "a-lead")?.remedy == .askLeaderOrNameMember)
        #expect(Self.refusal(Self.offer(answerBy: "2026-12-01"))?.remedy == .askForOwnBriefing(approverTitle: "Chief Executive"))
        #expect(Self.refusal(Self.offer(.requested))?.remedy == .seeOwnSession)
        #expect(Self.refusal(Self.offer(.pending))?.message == "OF-0002 is already pending")
        #expect(Self.refusal(Self.offer(), closed: true)?.message == "BR-0001 is closed")
    }

    @Test("a decline needs a reason and records it; a lapse waits for the answer-by date and is the approver's")
    func declineAndLapse() throws {
        let declined = try OfferAnswer.decline(Self.offer(), briefingClosed: false, by: "b-lead", onBehalfOf: nil, reason: "Not needed",
                                               in: A.council(), today: Self.today).get()
        #expect(declined.audit.action == "offer.decline" && declined.audit.details == ["reason": "Not needed"])
        let early = OfferAnswer.lapse(Self.offer(), ref: "OF-0002", by: "ceo", reason: "Unanswered", in: A.council(), presence: .init(away: false, on: Self.today))
        if case .failure(let r) = early { #expect(r.message.contains("open for Group B to answer until 2026-12-14")) } else { Issue.record("lapsed early") }
        let late = try OfferAnswer.lapse(Self.offer(), ref: "OF-0002", by: "ceo", reason: "Unanswered", in: A.council(),
                                         presence: .init(away: false, on: LocalDate("2026-12-15")!)).get()
        #expect(late.action == "offer.lapse" && late.role == Role.approver.auditName)
        if case .failure(let r) = OfferAnswer.lapse(nil, ref: "OF-0099", by: "ceo", reason: "x", in: A.council(), presence: .init(away: false, on: Self.today)) {
            #expect(r.kind == .notFound && r.remedy == .seeOffers)
        } else { Issue.record("a missing offer lapsed") }
        if case .success = OfferAnswer.lapse(Self.offer(), ref: "OF-0002", by: "b-lead", reason: "x", in: A.council(), presence: .init(away: false, on: LocalDate("2026-12-15")!)) {
            Issue.record("a group leader recorded a lapse")
        }
    }

    @Test("a take-up is the group's own, with the briefing's officers and matter; it books when every rule passes, else queues")
    func takeUp() throws {
        var typed = Fixture.proposal(); typed.requester = "b-lead"; typed.officers = [OfficerAttendance(officer: "ad")]
        let matter = Matter(title: "Budget discussions of your group's own", area: "finance")
        let p = try TakeUp.proposal(typed, offer: Self.offer(), writtenReport: false, officers: [OfficerAttendance(officer: "dir")], matter: matter,
                                    in: A.council())
        #expect(p.groups == ["B"] && p.officers == [OfficerAttendance(officer: "dir")] && p.matter == matter)
        #expect(throws: Refusal.self) {
            try TakeUp.proposal(typed, offer: Self.offer(), writtenReport: true, officers: [], matter: matter, in: A.council())
        }
        let presence = Decider.ApproverPresence(away: false, on: Self.today)
        let booked = try TakeUp.decide(p, offer: Self.offer(), verdicts: [], standingAgreement: "RQ-0001", in: A.council(), presence: presence).get()
        #expect(booked.booking == .agreed(agreement: "RQ-0001"))
        #expect(booked.events(session: "SE-0002", request: nil) == [.sessionChanged(session: "SE-0002", .takenUp(group: "B", briefing: "BR-0001", agreement: "RQ-0001"))])
        let queued = try TakeUp.decide(p, offer: Self.offer(), verdicts: [A.refer(.workingHours)], standingAgreement: "RQ-0001", in: A.council(),
                                       presence: presence).get()
        #expect(queued.booking == .queued && queued.audit(session: "SE-0002", request: "RQ-0002").action == "offer.propose")
        var block = A.refer(.venue); block.severity = .block
        if case .success = TakeUp.decide(p, offer: Self.offer(), verdicts: [block], standingAgreement: "RQ-0001", in: A.council(), presence: presence) {
            Issue.record("a blocked take-up was planned")
        }
    }
}
