import BriefingsDomain
import Foundation
import Testing

/// Submitting, acknowledging and flagging a request, with no database.
@Suite("Request steps")
struct RequestStepTests {
    typealias A = ApprovalTests

    @Test("a request is for the requester's own group when none is named, for one group, and a block refuses it")
    func submission() throws {
        var p = Fixture.proposal(); p.groups = []
        #expect(try Submission.resolve(p, in: A.council()).groups == ["A"])
        p.requester = "dir"
        #expect(throws: Refusal.self) { try Submission.resolve(p, in: A.council()) }
        do { _ = try Submission.resolve(p, in: A.council()) } catch { #expect(error.remedy == .nameGroup && error.rule == .requester && error.kind == .forbidden) }
        var two = Fixture.proposal(); two.groups = ["A", "B"]
        do { try Submission.requireOneGroup(two); Issue.record("two groups passed") } catch { #expect(error.remedy == .oneGroup) }
        var block = A.refer(.venue); block.severity = .block
        if case .success = Submission.decide(Fixture.proposal(), verdicts: [block], in: A.council(), presence: .init(away: false, on: LocalDate(A.now))) {
            Issue.record("a blocked request was planned")
        }
        let plan = try Submission.decide(Fixture.proposal(), verdicts: [A.refer(.workingHours)], in: A.council(),
                                         presence: .init(away: true, on: LocalDate(A.now))).get()
        #expect(plan.role == Role.groupLeader(group: "A").auditName)
        #expect(plan.events(ref: "RQ-0009") == [.requestSubmitted(.init(request: "RQ-0009", proposal: Fixture.proposal(),
                                                                          referred: [.workingHours], to: ["ceo", "dce"]))])
        #expect(plan.audit(ref: "RQ-0009").details == ["group": "A", "matter": "Local Plan review", "onBehalfOf": ""])
    }

    @Test("an acknowledgement needs a message, is the approver's, keeps the first time and names the deputy while away")
    func acknowledgement() throws {
        let (s, _) = A.state(A.request())
        if case .failure(let r) = Acknowledgement.decide(s, actor: "ceo", message: " ") { #expect(r.remedy == .giveAcknowledgement) }
        else { Issue.record("an empty acknowledgement passed") }
        if case .failure(let r) = Acknowledgement.decide(s, actor: "a-lead", message: "Soon") { #expect(r.kind == .forbidden) }
        else { Issue.record("a group leader acknowledged") }
        let (away, _) = A.state(A.request(), away: true)
        let plan = try Acknowledgement.decide(away, actor: "ceo", message: "Deciding on Friday.").get()
        #expect(plan.message == "Deciding on Friday.\n\nThe Chief Executive is away; until they are back, please contact Deputy.")
        #expect(plan.acknowledged == A.now)
        var earlier = A.request(); earlier.acknowledged = Fixture.t("2026-11-30T09:00")
        #expect(try Acknowledgement.decide(A.state(earlier).0, actor: "ceo", message: "Again").get().acknowledged == earlier.acknowledged)
    }

    @Test("only an officer the request names may flag it, with a reason; those who decide and the officer hear")
    func flagging() throws {
        let (s, _) = A.state(A.request())
        if case .failure(let r) = Flagging.decide(s, officer: "ad", reason: "Too long") { #expect(r.remedy == .seeOwnRequests) }
        else { Issue.record("an officer not named flagged it") }
        if case .failure(let r) = Flagging.decide(s, officer: "dir", reason: "") { #expect(r.remedy == .giveReason) }
        else { Issue.record("a flag without a reason passed") }
        let plan = try Flagging.decide(s, officer: "dir", reason: "Three hours in an evening").get()
        #expect(plan.events == [.requestFlagged(.init(request: "RQ-0001", matter: "Local Plan review", officer: "dir", reason: "Three hours in an evening", to: ["ceo", "dir"]))])
    }
}

extension RequestStepTests {
    @Test("the approver or an administrator records the approver's absence (never the deputy, who would authorise themself: issue 25 item 7), for dates in order that have not passed")
    func absence() throws {
        let c = ApprovalTests.council(), today = LocalDate("2026-12-02")!, d = { LocalDate($0)! }
        let plan = try Absence.record(from: d("2026-12-07"), until: d("2026-12-11"), by: "admin", today: today, in: c).get()
        #expect(plan.audit.actor == "admin" && plan.audit.role == Role.administrator.auditName && plan.audit.subject == "ceo")
        #expect(plan.events == [.approverAway(from: d("2026-12-07"), until: d("2026-12-11"), tell: ["ceo", "dce", "admin"])])
        #expect(try Absence.record(from: d("2026-12-07"), until: d("2026-12-11"), by: "ceo", today: today, in: c).get().audit.role == Role.approver.auditName)
        for profile in [PolicyProfile.p000, .p002] {
            var council = c; council.profile = profile
            if case .failure(let r) = Absence.record(from: d("2026-12-07"), until: d("2026-12-11"), by: "dce", today: today, in: council) {
                #expect(r.kind == .forbidden && r.rule == .approval && r.clauses == profile.approverClauses)
                #expect(r.message.contains("deputy") && r.message.contains("themself"))
                #expect(r.remedy == .approverOrAdministratorRecordsAbsence(approverTitle: profile.approverTitle))
            } else { Issue.record("the deputy recorded the approver away under \(profile.name), authorising themself") }
        }
        if case .failure(let r) = Absence.record(from: d("2026-12-07"), until: d("2026-12-11"), by: "a-lead", today: today, in: c) { #expect(r.rule == .approval) }
        else { Issue.record("a group leader recorded the approver away") }
        if case .success = Absence.record(from: d("2026-12-11"), until: d("2026-12-07"), by: "ceo", today: today, in: c) { Issue.record("ends before it starts") }
        if case .success = Absence.record(from: d("2026-11-20"), until: d("2026-12-01"), by: "ceo", today: today, in: c) { Issue.record("an absence already over") }
    }
}
