import BriefingsDomain
import Foundation
import Testing

/// The approval decision with no database: who may agree, what is refused and why, and what follows.
@Suite("Approval")
struct ApprovalTests {
    static let now = Fixture.t("2026-12-01T10:00")
    static let days = WorkingDays(holidays: [])

    static func council(_ profile: PolicyProfile = .model) -> Council {
        var names: [String: String] = [:]
        for m in Fixture.roster.members { names[m.id] = m.name }
        for o in Fixture.roster.officers { names[o.id] = o.name }
        for g in Fixture.roster.groups { names[g.id] = g.name }
        return Council(roster: Fixture.roster, profile: profile, names: names)
    }

    static func request(_ p: SessionProposal = Fixture.proposal(), kind: RequestKind = .request, status: RequestStatus = .pending,
                        submitted: Date = now, flagged: Bool = false) -> BriefingRequest {
        BriefingRequest(ref: "RQ-0001", kind: kind, status: status, group: p.groups[0], requester: p.requester, onBehalfOf: p.onBehalfOf,
                        proposal: p, submitted: submitted, decided: status == .pending ? nil : now, decidedBy: status == .pending ? nil : "ceo",
                        session: kind == .request ? nil : "SE-0001", flagged: flagged)
    }

    static func state(_ r: BriefingRequest?, verdicts: [Verdict] = [], profile: PolicyProfile = .model, away: Bool = false,
                      at: Date = now) -> (DecisionState, [Verdict]) {
        (DecisionState(council: council(profile), request: r, ref: "RQ-0001", presence: .init(away: away, on: LocalDate(at)), days: days, now: at),
         verdicts)
    }

    static func refer(_ rule: RuleID) -> Verdict {
        Verdict(rule: rule, passed: false, severity: .refer, clauses: ["000 §17.5.1"], message: "outside hours", fix: "Move it.")
    }

    static func refusal(_ s: (DecisionState, [Verdict]), _ input: Approval.Input) -> Refusal? {
        if case .failure(let r) = decide(s, input) { return r }
        return nil
    }

    static func decide(_ s: (DecisionState, [Verdict]), _ input: Approval.Input) -> Result<Approval.Plan, Refusal> {
        Approval.decide(s.0, verdicts: s.1, input)
    }

    @Test("the approver agrees: every other group is offered it, the requesting group's session is booked, and each hears")
    func agrees() throws {
        let plan = try Self.decide(Self.state(Self.request()), .init(actor: "ceo")).get()
        #expect(plan.role == Role.approver.auditName)
        guard case .briefing(let new) = plan.outcome else { Issue.record("no briefing planned"); return }
        #expect(new.offers.map(\.group) == ["A", "B"])
        #expect(new.offers.map(\.own) == [true, false])
        #expect(new.offers[1].answerBy == Self.days.adding(PolicyProfile.model.offerAnswerWorkingDays, to: Self.now))
        #expect(new.session == .init(group: "A", agreement: "RQ-0001", joinable: false))
        let offer = DeskEvent.OfferMade(offer: "OF-0002", briefing: "BR-0001", group: "B", title: "Local Plan review", officers: ["dir"],
                                        answerBy: new.offers[1].answerBy!, jointSessions: [], writtenReport: false, to: ["b-lead"])
        let events = plan.events(.init(briefing: "BR-0001", session: "SE-0001", offers: [offer]), in: Self.council())
        #expect(events.count == 3)
        #expect(events[0] == .offerMade(offer))
        guard case .requestApproved(let approved) = events[1] else { Issue.record("no approval event"); return }
        #expect(approved.to == ["a-lead", "a-lead"])   // the requester is also the leader: notify names each once
        #expect(events[2] == .sessionInvited(.init(session: "SE-0001", request: "RQ-0001", why: .agreed)))
        let audit = plan.audit(.init(briefing: "BR-0001", session: "SE-0001", offers: [offer]), profile: "model")
        #expect(audit.action == "request.approve" && audit.details["offers"] == "OF-0002" && audit.details["session"] == "SE-0001")
    }

    @Test("someone who decides nothing is refused before the request is even looked for")
    func nonDecider() {
        let r = Self.refusal(Self.state(nil), .init(actor: "a-lead"))
        #expect(r?.kind == .forbidden && r?.rule == .approval)
        #expect(Self.refusal(Self.state(nil), .init(actor: "ceo"))?.kind == .notFound)
        #expect(Self.refusal(Self.state(nil), .init(actor: "nobody"))?.remedy == .actAsRosterPerson)
    }

    @Test("the deputy decides only while the approver is recorded as away")
    func deputy() throws {
        let r = Self.refusal(Self.state(Self.request()), .init(actor: "dce"))
        #expect(r?.kind == .forbidden && r?.remedy == .askApproverOrRecordAbsence(approverTitle: PolicyProfile.model.approverTitle))
        #expect(r?.message.contains("not recorded as away on 2026-12-01") == true)
        #expect(try Self.decide(Self.state(Self.request(), away: true), .init(actor: "dce")).get().role == Role.deputyApprover.auditName)
    }

    @Test("a decided request, or one whose meeting has started, cannot be agreed")
    func stale() {
        let decided = Self.refusal(Self.state(Self.request(status: .declined)), .init(actor: "ceo"))
        #expect(decided?.kind == .conflict && decided?.remedy == .seeRequest(ref: "RQ-0001"))
        let started = Self.refusal(Self.state(Self.request(), at: Fixture.t("2026-12-08T14:30")), .init(actor: "ceo"))
        #expect(started?.kind == .conflict && started?.message.contains("has already started") == true)
    }

    @Test("a referred rule needs a recorded reason; only referred rules may be overridden; a block cannot be")
    func overrides() throws {
        let v = [Self.refer(.workingHours)]
        let missing = Self.refusal(Self.state(Self.request(), verdicts: v), .init(actor: "ceo"))
        #expect(missing?.kind == .refused && missing?.remedy == .recordOverrides([.workingHours]))
        let wrong = Self.refusal(Self.state(Self.request(), verdicts: v), .init(actor: "ceo", overrides: [.venue: "x", .workingHours: "y"]))
        #expect(wrong?.kind == .invalid && wrong?.rule == .venue && wrong?.remedy == .overrideOnly([.workingHours]))
        let plan = try Self.decide(Self.state(Self.request(), verdicts: v), .init(actor: "ceo", overrides: [.workingHours: "Agreed one evening"])).get()
        #expect(plan.audit(.init(briefing: "BR-0001", session: "SE-0001", offers: []), profile: "model").records["overrides"] == ["working-hours": "Agreed one evening"])
        var block = Self.refer(.venue); block.severity = .block
        let blocked = Self.refusal(Self.state(Self.request(), verdicts: [block]), .init(actor: "ceo", overrides: [.venue: "x"]))
        #expect(blocked?.kind == .refused && blocked?.rule == .venue)
    }

    static func pass(_ rule: RuleID) -> Verdict {
        Verdict(rule: rule, passed: true, severity: .refer, clauses: ["000 §17.16.4"],
                message: "no words found; the rest is the approver's judgement", fix: "")
    }

    @Test("a new briefing's approval records, rule by rule, that the approver judged what the rules cannot (000 §17.16.4, 003 §7.4, 004 §10.1)")
    func judged() throws {
        let v = [Self.pass(.councilBusiness), Self.pass(.noIndividualMatter)]
        let none = Self.refusal(Self.state(Self.request(), verdicts: v), .init(actor: "ceo"))
        #expect(none?.kind == .invalid && none?.rule == .councilBusiness && none?.remedy == .confirmJudged(request: "RQ-0001", rules: [.councilBusiness, .noIndividualMatter]))
        #expect(none?.message.contains("needs your judgement") == true && none?.clauses == ["000 §17.16.4"])
        let one = Self.refusal(Self.state(Self.request(), verdicts: v), .init(actor: "ceo", judged: [.councilBusiness]))
        #expect(one?.remedy == .confirmJudged(request: "RQ-0001", rules: [.noIndividualMatter]) && one?.rule == .noIndividualMatter)
        let plan = try Self.decide(Self.state(Self.request(), verdicts: v), .init(actor: "ceo", judged: [.councilBusiness, .noIndividualMatter])).get()
        #expect(plan.judged == [.councilBusiness, .noIndividualMatter])
        #expect(plan.audit(.init(briefing: "BR-0001", session: "SE-0001", offers: []), profile: "model").details["judged"]
                == "council-business,no-individual-matter")
        // A referred rule is judged by its override's reason; a queued change to an agreed briefing was judged when it was agreed.
        var referred = Self.pass(.councilBusiness); referred.passed = false
        let overridden = try Self.decide(Self.state(Self.request(), verdicts: [referred, Self.pass(.noIndividualMatter)]),
                                         .init(actor: "ceo", overrides: [.councilBusiness: "Budget council on 24 Feb"], judged: [.noIndividualMatter])).get()
        #expect(overridden.judged == [.noIndividualMatter])
        #expect(Approval.toJudge(.acceptance, verdicts: v).isEmpty && Approval.toJudge(.reschedule, verdicts: v).isEmpty)
        #expect(Approval.toJudge(.request, verdicts: [Self.refer(.workingHours)]).isEmpty)
    }

    @Test("a late answer under 004 carries its explanation (004 §6.5.8)")
    func late() throws {
        let old = Self.request(submitted: Fixture.t("2026-11-02T09:00"))
        let refused = Self.refusal(Self.state(old, profile: .p004), .init(actor: "ceo"))
        #expect(refused?.rule == .responseTime && refused?.remedy == .explainDelay)
        let plan = try Self.decide(Self.state(old, profile: .p004), .init(actor: "ceo", explainDelay: "Staff illness; decided today")).get()
        #expect(plan.delayExplanation == "Staff illness; decided today")
        #expect(try Self.decide(Self.state(old), .init(actor: "ceo")).get().delayExplanation == nil)
    }

    @Test("under 001 a Director agrees only their own line's requests that pass every rule and no officer flagged")
    func director() throws {
        var roster = Fixture.roster
        roster.officers[roster.officers.firstIndex { $0.id == "mgr" }!].lineManager = "dir"
        var c = Self.council(.p001); c.roster = roster
        func state(_ r: BriefingRequest, _ v: [Verdict] = []) -> (DecisionState, [Verdict]) {
            var s = Self.state(r, verdicts: v, profile: .p001); s.0.council = c; return s
        }
        var p = Fixture.proposal(); p.officers = [OfficerAttendance(officer: "mgr")]
        #expect(try Self.decide(state(Self.request(p)), .init(actor: "dir")).get().role == Role.director.auditName)
        #expect(Self.refusal(state(Self.request(p), [Self.refer(.workingHours)]), .init(actor: "dir"))?.kind == .forbidden)
        #expect(Self.refusal(state(Self.request(p, flagged: true)), .init(actor: "dir"))?.message.contains("flagged") == true)
        p.officers = [OfficerAttendance(officer: "ad")]
        #expect(Self.refusal(state(Self.request(p)), .init(actor: "dir"))?.message.contains("not in the line of") == true)
    }

    @Test("a written report books nobody: its authors and the requesting side hear it is commissioned")
    func writtenReport() throws {
        var p = Fixture.proposal(); p.writtenReport = true
        p.officers = [OfficerAttendance(officer: "mgr", nominatedBy: "dir")]
        let plan = try Self.decide(Self.state(Self.request(p)), .init(actor: "ceo")).get()
        guard case .briefing(let new) = plan.outcome else { Issue.record("no briefing planned"); return }
        #expect(new.session == nil)
        let events = plan.events(.init(briefing: "BR-0001", session: nil, offers: []), in: Self.council())
        guard case .reportCommissioned(let e) = events.first, events.count == 1 else { Issue.record("expected one commission"); return }
        #expect(e.authors == ["mgr", "dir"] && e.requesterSide == ["a-lead", "a-lead"])
    }

    @Test("a queued move is agreed as a change: the session's people are told it moved")
    func change() throws {
        let plan = try Self.decide(Self.state(Self.request(kind: .reschedule)), .init(actor: "ceo")).get()
        guard case .change = plan.outcome else { Issue.record("expected a change"); return }
        let events = plan.events(.init(briefing: "BR-0001", session: "SE-0001", offers: []), in: Self.council())
        #expect(events.last == .sessionInvited(.init(session: "SE-0001", request: "RQ-0001", why: .moved(group: "A"))))
    }

    @Test("a nominee the group named is put to the senior officer who nominated them")
    func nominee() throws {
        var p = Fixture.proposal(); p.officers = [OfficerAttendance(officer: "mgr", nominatedBy: "dir")]
        let plan = try Self.decide(Self.state(Self.request(p)), .init(actor: "ceo")).get()
        let events = plan.events(.init(briefing: "BR-0001", session: "SE-0001", offers: []), in: Self.council())
        #expect(events.last == .nomineeNamed(.init(session: "SE-0001", matter: "Local Plan review", start: Fixture.t("2026-12-08T14:00"), group: "A",
                                                   nominee: "mgr", senior: "dir")))
    }

    @Test("a decline needs a reason, is the approver's (or acting deputy's), and tells the requesting side why")
    func decline() throws {
        let (s, _) = Self.state(Self.request())
        if case .failure(let r) = Decline.decide(s, .init(actor: "ceo", reason: "  ")) { #expect(r.remedy == .giveReason) }
        else { Issue.record("declined without a reason") }
        if case .failure(let r) = Decline.decide(s, .init(actor: "dce", reason: "No")) { #expect(r.kind == .forbidden) }
        else { Issue.record("the deputy declined while the approver is in") }
        let plan = try Decline.decide(s, .init(actor: "ceo", reason: "Pick a daytime slot")).get()
        #expect(plan.audit.details == ["reason": "Pick a daytime slot"])
        #expect(plan.events(in: Self.council()) == [.requestDeclined(.init(request: "RQ-0001", kind: .request, matter: "Local Plan review", reason: "Pick a daytime slot",
                                                                            lateExplanation: nil, to: ["a-lead", "a-lead"]))])
    }
}

extension ApprovalTests {
    /// Issue 25 item 14: 004 §10.1 calls these "private and confidential briefings" and has no equal-offer clause.
    @Test("under 004 an approved briefing is offered to no other group unless the council turns offers on (004 §10.1)")
    func noOffersUnder004() throws {
        let wilts = try Self.decide(Self.state(Self.request(), profile: .p004), .init(actor: "ceo")).get()
        guard case .briefing(let own) = wilts.outcome else { Issue.record("no briefing planned"); return }
        #expect(own.offers.map(\.group) == ["A"] && own.offers.map(\.own) == [true], "only the requesting group's own offer")
        #expect(own.session?.joinable == false, "nothing to join where nobody is offered it")
        #expect(PolicyProfile.p004.clauses(.equalOffer).first?.hasPrefix("004 §10.1") == true)

        let turnedOn = try PolicyProfile.p004.applying(["offersToOtherGroups": .bool(true)]).get()
        let offered = try Self.decide(Self.state(Self.request(), profile: turnedOn), .init(actor: "ceo")).get()
        guard case .briefing(let all) = offered.outcome else { Issue.record("no briefing planned"); return }
        #expect(all.offers.map(\.group) == ["A", "B"], "a council that turns offers on offers every other group")
        if case .success = PolicyProfile.model.applying(["offersToOtherGroups": .text("yes")]) { Issue.record("a non-boolean setting was taken") }
    }
}
