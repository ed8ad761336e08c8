import BriefingsDomain
import Foundation
import Testing

/// Moving and cancelling a session, with no database: who may, and what a move books or queues.
@Suite("Session steps")
struct SessionStepTests {
    typealias A = ApprovalTests
    static let presence = Decider.ApproverPresence(away: false, on: LocalDate("2026-12-02")!)

    @Test("the host group's leader or the approver moves or cancels; a joined group withdraws instead; a cancelled session stays so")
    func authority() throws {
        let s = SessionTests.joint()
        #expect(try SessionAuthority.hostOrApprover("a-lead", s, in: A.council(), presence: Self.presence, what: "move") == Role.groupLeader(group: "A").auditName)
        #expect(try SessionAuthority.hostOrApprover("ceo", s, in: A.council(), presence: Self.presence, what: "move") == Role.approver.auditName)
        do { _ = try SessionAuthority.hostOrApprover("b-lead", s, in: A.council(), presence: Self.presence, what: "move"); Issue.record("joined group moved it") }
        catch { #expect(error.remedy == .withdrawInstead(session: "SE-0007") && error.rule == .confidentiality) }
        do { _ = try SessionAuthority.hostOrApprover("dce", s, in: A.council(), presence: Self.presence, what: "cancel"); Issue.record("deputy cancelled") }
        catch { #expect(error.remedy == .askApproverOrRecordAbsence(approverTitle: "Chief Executive")) }
        var cancelled = s; cancelled.status = .cancelled
        if case .success = Cancellation.decide(cancelled, by: "a-lead", reason: "Again", in: A.council(), presence: Self.presence) {
            Issue.record("a cancelled session was cancelled again")
        }
        let plan = try Cancellation.decide(s, by: "a-lead", reason: "Group meeting cancelled", in: A.council(), presence: Self.presence).get()
        #expect(plan.events == [.sessionChanged(session: "SE-0007", .cancelled(by: "a-lead", reason: "Group meeting cancelled"))])
    }

    @Test("a host's move a rule refers is queued (no overrides of its own); the approver's moves at once with a reason per refer")
    func move() throws {
        let s = SessionTests.joint(), p = Fixture.proposal()
        do { _ = try Reschedule.mover(s, by: "a-lead", reason: "Clash", overrides: [.workingHours: "x"], in: A.council(), presence: Self.presence)
             Issue.record("a host recorded an override") }
        catch { #expect(error.remedy == .noOverrides(approverTitle: "Chief Executive")) }
        let host = try Reschedule.mover(s, by: "a-lead", reason: "Clash", overrides: [:], in: A.council(), presence: Self.presence)
        let queued = try Reschedule.decide(s, to: p, by: "a-lead", mover: host, reason: "Clash", overrides: [:], verdicts: [A.refer(.workingHours)],
                                           standingAgreement: "RQ-0001", in: A.council(), presence: Self.presence).get()
        #expect(queued.outcome == .queued && queued.audit(request: "RQ-0005").action == "session.propose-move")
        let ceo = try Reschedule.mover(s, by: "ceo", reason: "Clash", overrides: [:], in: A.council(), presence: Self.presence)
        if case .failure(let r) = Reschedule.decide(s, to: p, by: "ceo", mover: ceo, reason: "Clash", overrides: [:], verdicts: [A.refer(.workingHours)],
                                                    standingAgreement: "RQ-0001", in: A.council(), presence: Self.presence) {
            #expect(r.remedy == .recordOverrides([.workingHours]))
        } else { Issue.record("the approver moved it past a refer without a reason") }
        let moved = try Reschedule.decide(s, to: p, by: "ceo", mover: ceo, reason: "Clash", overrides: [.workingHours: "Agreed"],
                                          verdicts: [A.refer(.workingHours)], standingAgreement: "RQ-0001", in: A.council(), presence: Self.presence).get()
        #expect(moved.outcome == .moved(agreement: "approver:ceo"))
        #expect(moved.audit(request: nil).records["overrides"] == ["working-hours": "Agreed"])
    }
}

extension SessionStepTests {
    @Test("a joined group withdraws with its own attendees; its offer opens again; a host cancels or moves instead")
    func withdrawal() throws {
        let s = SessionTests.joint()
        let plan = try Withdrawal.decide(s, by: "b-lead", onBehalfOf: nil, reason: "Group meeting moved", in: A.council()).get()
        #expect(plan.group == "B" && plan.leaving == [.person("b-lead")] && plan.offer == "OF-0002")
        #expect(plan.events == [.sessionChanged(session: "SE-0007", .withdrawn(group: "B", offer: "OF-0002", reason: "Group meeting moved",
                                                                               left: ["b-lead"], remaining: ["A"]))])
        if case .failure(let r) = Withdrawal.decide(s, by: "a-lead", onBehalfOf: nil, reason: "x", in: A.council()) {
            #expect(r.remedy == .cancelOrMoveInstead(session: "SE-0007"))
        } else { Issue.record("the host withdrew from its own meeting") }
    }
}
