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
        let soon = LocalDate(A.now).adding(days: 2)
        func ack(_ actor: String, _ message: String, _ replyBy: LocalDate? = soon, reason: String? = nil) -> Acknowledgement.Input {
            .init(actor: actor, message: message, replyBy: replyBy, reason: reason)
        }
        if case .failure(let r) = Acknowledgement.decide(s, ack("ceo", " ")) { #expect(r.remedy == .giveAcknowledgement) }
        else { Issue.record("an empty acknowledgement passed") }
        if case .failure(let r) = Acknowledgement.decide(s, ack("a-lead", "Soon, I promise you")) { #expect(r.kind == .forbidden) }
        else { Issue.record("a group leader acknowledged") }
        let (away, _) = A.state(A.request(), away: true)
        let plan = try Acknowledgement.decide(away, ack("ceo", "Deciding on Friday.")).get()
        #expect(plan.message == "Deciding on Friday.\n\nThe Chief Executive is away; until they are back, please contact Deputy.")
        #expect(plan.acknowledged == A.now && plan.replyBy == soon && plan.reason == nil)
        #expect(plan.audit.details == ["message": plan.message, "replyBy": soon.description])
        var earlier = A.request(); earlier.acknowledged = Fixture.t("2026-11-30T09:00")
        #expect(try Acknowledgement.decide(A.state(earlier).0, ack("ceo", "Again, by Thursday now")).get().acknowledged == earlier.acknowledged)
    }

    @Test("issue 25 item 6: an acknowledgement explains (not '.'), gives the date the requester will hear by, not past, within the response date unless it says why")
    func acknowledgementDates() throws {
        let (s, _) = A.state(A.request())
        let respondBy = A.request().clock(now: A.now, profile: .model, days: A.days).respondBy
        func refusal(_ input: Acknowledgement.Input) -> Refusal? {
            if case .failure(let r) = Acknowledgement.decide(s, input) { return r }
            return nil
        }
        let dot = refusal(.init(actor: "ceo", message: ".", replyBy: respondBy))
        #expect(dot?.remedy == .giveAcknowledgement && dot?.rule == .responseTime && dot?.clauses.isEmpty == false, "\(String(describing: dot))")
        #expect(refusal(.init(actor: "ceo", message: "Looking into it now", replyBy: nil))?.remedy == .giveReplyBy(respondBy: respondBy))
        let past = refusal(.init(actor: "ceo", message: "Looking into it now", replyBy: LocalDate(A.now).adding(days: -1)))
        #expect(past?.remedy == .giveReplyBy(respondBy: respondBy) && past?.message.contains("already passed") == true)
        let later = respondBy.adding(days: 7)
        let unexplained = refusal(.init(actor: "ceo", message: "Looking into it now", replyBy: later))
        #expect(unexplained?.remedy == .explainReplyBy(respondBy: respondBy) && unexplained?.kind == .refused)
        #expect(refusal(.init(actor: "ceo", message: "Looking into it now", replyBy: later, reason: "."))?.remedy == .explainReplyBy(respondBy: respondBy))
        let plan = try Acknowledgement.decide(s, .init(actor: "ceo", message: "The Director is taking legal advice first.", replyBy: later,
                                                       reason: "Counsel's opinion is due on the 14th")).get()
        #expect(plan.reason == "Counsel's opinion is due on the 14th" && plan.replyBy == later && plan.respondBy == respondBy)
        #expect(plan.audit.details["reason"] == "Counsel's opinion is due on the 14th")
        guard case .requestAcknowledged(let e) = plan.events(in: A.council()).first else { Issue.record("no event"); return }
        #expect(e.replyBy == later && e.delayReason == "Counsel's opinion is due on the 14th" && e.respondBy == respondBy)
    }

    @Test("issue 25 item 6: under 000 an acknowledgement in time meets the deadline only until its reply-by date; then it is overdue")
    func replyByMissed() throws {
        var r = A.request(submitted: Fixture.t("2026-11-02T09:00"))
        r.acknowledged = Fixture.t("2026-11-03T09:00"); r.replyBy = LocalDate("2026-11-06")
        let before = r.clock(now: Fixture.t("2026-11-06T17:00"), profile: .model, days: A.days)
        #expect(!before.responseOverdue && !before.replyByMissed)
        // 28 working days later: the promise has long passed.
        let after = r.clock(now: Fixture.t("2026-12-10T09:00"), profile: .model, days: A.days)
        #expect(after.replyByMissed && after.responseOverdue && !after.verdict(.model).passed)
        #expect(after.verdict(.model).message.contains("told they would hear by 2026-11-06"))
        // An explained later date holds off "overdue" until it passes.
        var explained = A.request(submitted: Fixture.t("2026-11-02T09:00"))
        explained.acknowledged = Fixture.t("2026-11-20T09:00"); explained.replyBy = LocalDate("2026-12-04"); explained.replyByReason = "Awaiting counsel"
        let profile004 = PolicyProfile.named("004")!
        #expect(!explained.clock(now: Fixture.t("2026-12-03T09:00"), profile: profile004, days: A.days).responseOverdue)
        #expect(explained.clock(now: Fixture.t("2026-12-07T09:00"), profile: profile004, days: A.days).responseOverdue)
    }

    @Test("issue 25 item 6: a late decision's explanation must explain ('.' is refused); one given with a later reply-by date stands until that date")
    func lateExplanation() throws {
        let c = A.council(.named("004")!)
        let r = A.request(submitted: Fixture.t("2026-11-02T09:00"))
        do { _ = try Decider.lateness(r, explanation: ".", in: c, days: A.days, at: A.now); Issue.record("'.' explained a delay") }
        catch { #expect(error.remedy == .explainDelay && error.rule == .responseTime) }
        do { _ = try Decider.lateness(r, explanation: nil, in: c, days: A.days, at: A.now); Issue.record("no explanation passed") }
        catch { #expect(error.remedy == .explainDelay) }
        #expect(try Decider.lateness(r, explanation: "Legal advice took three weeks", in: c, days: A.days, at: A.now) == "Legal advice took three weeks")
        var acknowledged = r
        acknowledged.acknowledged = Fixture.t("2026-11-20T09:00"); acknowledged.replyBy = LocalDate("2026-12-04"); acknowledged.replyByReason = "Awaiting counsel"
        #expect(try Decider.lateness(acknowledged, explanation: nil, in: c, days: A.days, at: A.now) == "Awaiting counsel")
    }

    @Test("issue 25 item 6: the requester is told once when their request passes its date to hear by, and again when a later promised date passes")
    func pastDue() throws {
        let c = A.council()
        let r = A.request(submitted: Fixture.t("2026-11-02T09:00"))
        let respondBy = r.clock(now: A.now, profile: .model, days: A.days).respondBy
        let notices = PastDue.notices([(r, nil)], in: c, days: A.days, now: A.now)
        #expect(notices.map(\.due) == [respondBy])
        #expect(PastDue.notices([(r, respondBy)], in: c, days: A.days, now: A.now).isEmpty, "told twice for the same date")
        #expect(PastDue.notices([(A.request(), nil)], in: c, days: A.days, now: A.now).isEmpty, "a request just made is not past due")
        var promised = r; promised.acknowledged = Fixture.t("2026-11-03T09:00"); promised.replyBy = LocalDate("2026-11-20")
        #expect(PastDue.notices([(promised, respondBy)], in: c, days: A.days, now: A.now).map(\.due) == [LocalDate("2026-11-20")!])
        guard case .requestPastDue(let e) = notices[0].events(in: c, presence: .init(away: true, on: LocalDate(A.now))).first else {
            Issue.record("no event"); return
        }
        #expect(e.to == r.requesterSide(c) && e.deputy == "dce" && !e.promised)
        #expect(notices[0].audit.action == "request.past-due")
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
