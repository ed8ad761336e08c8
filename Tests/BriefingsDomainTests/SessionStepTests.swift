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

extension SessionStepTests {
    @Test("an officer confirms (the session confirmed once all have), declines only while no other session on the matter is confirmed, and sends a representative judged on the changed session")
    func officerAnswers() throws {
        let s = SessionTests.joint(), c = A.council()
        let confirmed = try OfficerResponse.confirm(s, by: "dir", in: c).get()
        #expect(confirmed.touches && confirmed.events == [.sessionChanged(session: "SE-0007", .confirmed)], "the only officer's confirmation confirms it")
        #expect(confirmed.audit.action == "officer.confirm")
        if case .failure(let r) = OfficerResponse.confirm(s, by: "mgr", in: c) { #expect(r.remedy == .seeOwnSessions(officer: "mgr")) }
        else { Issue.record("an officer not invited confirmed") }
        do { _ = try OfficerResponse.officer("a-lead", in: c); Issue.record("a group leader answered as an officer") } catch { #expect(error.kind == .forbidden) }

        if case .failure(let r) = OfficerResponse.decline(s, by: "dir", reason: "Away", confirmedOnMatter: ["SE-0003"], in: c) {
            #expect(r.rule == .officerConsistency && r.message.contains("SE-0003"))
        } else { Issue.record("declined after confirming another group's session on the matter") }
        if case .success = OfficerResponse.decline(s, by: "dir", reason: " ", confirmedOnMatter: [], in: c) { Issue.record("declined without a reason") }
        let declined = try OfficerResponse.decline(s, by: "dir", reason: "Away", confirmedOnMatter: [], in: c).get()
        #expect(declined.verdicts.map(\.rule) == [.officerMayDecline] && declined.audit.details == ["reason": "Away"])

        let changed = try OfficerResponse.nomination(s, by: "dir", representative: "mgr", reason: "Clash", in: c)
        #expect(changed.officers == [OfficerAttendance(officer: "mgr", nominatedBy: "dir")])
        do { _ = try OfficerResponse.nomination(s, by: "dir", representative: "nobody", reason: "Clash", in: c); Issue.record("an unknown representative") }
        catch { #expect(error.kind == .notFound) }
        if case .success = OfficerResponse.nominate(s, by: "dir", representative: "mgr", reason: "Clash",
                                                   judged: [Verdict(rule: .seniorOfficer, passed: false, severity: .block, clauses: [], message: "not senior", fix: "")], in: c) {
            Issue.record("a representative the senior-officer rule blocks was sent")
        }
        let sent = try OfficerResponse.nominate(s, by: "dir", representative: "mgr", reason: "Clash", judged: [A.refer(.workingHours), A.refer(.membersOnly)], in: c).get()
        #expect(sent.verdicts.map(\.rule) == [.workingHours], "hours are recorded with the nomination; rules about something else are not")
    }

    @Test("only the senior officer named as nominating someone confirms or refuses them, a refusal with a reason")
    func nominations() throws {
        var s = SessionTests.joint()
        let c = A.council()
        s.officers = [Session.Officer(officer: "mgr", nominatedBy: "dir", response: .confirmed, nominationConfirmed: false)]
        if case .failure(let r) = OfficerResponse.answerNomination(s, by: "ad", nominee: "mgr", refusal: nil, in: c) {
            #expect(r.rule == .seniorOfficer && r.remedy == .onlyNamedSeniorConfirms(session: "SE-0007"))
        } else { Issue.record("another senior officer confirmed the nominee") }
        let endorsed = try OfficerResponse.answerNomination(s, by: "dir", nominee: "mgr", refusal: nil, in: c).get()
        #expect(endorsed.verdicts.map(\.passed) == [true] && endorsed.touches, "the nominee's confirmation confirms the session")
        if case .success = OfficerResponse.answerNomination(s, by: "dir", nominee: "mgr", refusal: "", in: c) { Issue.record("refused without a reason") }
        let refused = try OfficerResponse.answerNomination(s, by: "dir", nominee: "mgr", refusal: "Not their remit", in: c).get()
        #expect(refused.audit.action == "officer.refuse-nominee" && refused.verdicts.map(\.passed) == [false])
    }
}

extension SessionStepTests {
    @Test("issue 25 item 5 (003 §7.9): a nominee a group named holds no invitation until their senior officer endorses; every session naming them asks that officer")
    func nomineeInvitedOnceEndorsed() throws {
        var s = SessionTests.joint()
        let c = A.council(), t = Fixture.t
        s.officers = [Session.Officer(officer: "dir"), Session.Officer(officer: "mgr", nominatedBy: "hos", nominationConfirmed: false)]
        #expect(s.invitees == ["dir"], "the invitation and calendar event wait for the endorsement")
        guard case .failure(let early) = OfficerResponse.confirm(s, by: "mgr", in: c) else { Issue.record("answered before being invited"); return }
        #expect(early.rule == .seniorOfficer && early.kind == .forbidden && early.clauses == c.profile.clauses(.seniorOfficer))
        #expect(early.remedy == .awaitEndorsement(senior: "Head of Housing") && early.message.contains("has not endorsed them yet"))
        do {
            _ = try TimeProposal.propose(s, by: "mgr", reason: "Clash", meetingStart: t("2026-12-09T14:00"), meetingEnd: t("2026-12-09T16:00"),
                                         segmentStart: t("2026-12-09T14:00"), segmentEnd: t("2026-12-09T14:45"), in: c)
            Issue.record("a nominee not yet endorsed proposed a time")
        } catch { #expect(error.rule == .seniorOfficer) }
        s.officers[1].nominationConfirmed = true
        #expect(s.invitees == ["dir", "mgr"])
        #expect(try OfficerResponse.confirm(s, by: "mgr", in: c).get().audit.action == "officer.confirm")

        // Another group's take-up of the briefing asks the senior officer too, for its own session.
        var p = Fixture.proposal(); p.requester = "b-lead"; p.groups = ["B"]
        p.officers = [OfficerAttendance(officer: "mgr", nominatedBy: "hos")]
        let offer = Offer(ref: "OF-0002", briefing: "BR-0001", group: "B", status: .open, answerBy: LocalDate("2026-12-14"))
        let plan = try TakeUp.decide(p, offer: offer, verdicts: [], standingAgreement: "RQ-0001", in: c, presence: Self.presence).get()
        #expect(plan.events(session: "SE-0002", request: nil).contains(.nomineeNamed(.init(session: "SE-0002", matter: p.matter.title, start: p.meetingStart, group: "B",
                                                                                                    nominee: "mgr", senior: "hos"))))
    }
}

extension SessionStepTests {
    @Test("only an invited officer proposes another time, with a reason; only the host group's leader answers it, once, a refusal with a reason")
    func timeProposals() throws {
        let s = SessionTests.joint(), c = A.council(), t = Fixture.t
        let p = try TimeProposal.propose(s, by: "dir", reason: "Clash with Cabinet", meetingStart: t("2026-12-09T14:00"), meetingEnd: t("2026-12-09T16:00"),
                                         segmentStart: t("2026-12-09T14:00"), segmentEnd: t("2026-12-09T14:45"), in: c)
        #expect(p.requester == "a-lead" && p.segmentStart == t("2026-12-09T14:00"), "judged as the host group's own move")
        do {
            _ = try TimeProposal.propose(s, by: "mgr", reason: "Clash", meetingStart: t("2026-12-09T14:00"), meetingEnd: t("2026-12-09T16:00"),
                                         segmentStart: t("2026-12-09T14:00"), segmentEnd: t("2026-12-09T14:45"), in: c)
            Issue.record("an officer not invited proposed a time")
        } catch { #expect(error.rule == .officerConsistency && error.remedy == .onlyInvitedOfficerProposes) }
        let told = TimeProposal.proposed("TP-0001", s, by: "dir", to: t("2026-12-09T14:00"), reason: "Clash", in: c)
        #expect(told.audit.details["proposal"] == "TP-0001")
        if case .sessionChanged = told.events.first { Issue.record("a proposal is not a change") }

        let open = TimeProposal(id: 1, session: 7, officer: "dir", reason: "Clash", status: .open)
        #expect(try TimeProposal.answerer(open, ref: "TP-0001", hostGroup: "A", by: "a-lead", take: true, reason: nil, in: c) == Role.groupLeader(group: "A").auditName)
        do { _ = try TimeProposal.answerer(open, ref: "TP-0001", hostGroup: "A", by: "b-lead", take: true, reason: nil, in: c); Issue.record("a joined group answered") }
        catch { #expect(error.rule == .requester) }
        do { _ = try TimeProposal.answerer(open, ref: "TP-0001", hostGroup: "A", by: "a-lead", take: false, reason: " ", in: c); Issue.record("refused without a reason") }
        catch { #expect(error.remedy == .giveReason) }
        var taken = open; taken.status = .taken
        do { _ = try TimeProposal.answerer(taken, ref: "TP-0001", hostGroup: "A", by: "a-lead", take: true, reason: nil, in: c); Issue.record("answered twice") }
        catch { #expect(error.kind == .conflict) }
        do { _ = try TimeProposal.answerer(nil, ref: "TP-0009", hostGroup: "", by: "a-lead", take: true, reason: nil, in: c); Issue.record("no proposal answered") }
        catch { #expect(error.kind == .notFound) }
        let refused = open.answered(by: "a-lead", role: "group-leader:A", take: false, answer: "We meet then", hostGroup: "A",
                                    matter: "Local Plan review", start: Fixture.t("2026-12-08T14:00"), in: c)
        #expect(refused.audit.action == "proposal.refuse" && refused.events.count == 1)
        #expect(open.answered(by: "a-lead", role: "group-leader:A", take: true, answer: "moved", hostGroup: "A", matter: "Local Plan review",
                             start: Fixture.t("2026-12-08T14:00"), in: c).events.isEmpty)
    }
}

extension SessionStepTests {
    @Test("a session's group keeps its own record; only officers who attended verify it; it is final once verified or once they have had their time")
    func notes() throws {
        let s = SessionTests.joint(), c = A.council()
        #expect(try Note.author("a-2", text: "The Director said…", session: s, in: c) == "A")
        do { _ = try Note.author("a-2", text: "  ", session: s, in: c); Issue.record("an empty note") } catch { #expect(error.kind == .invalid) }
        var other = s; other.groups = [other.groups[1]]
        do { _ = try Note.author("a-2", text: "Notes", session: other, in: c); Issue.record("a record of another group's session") }
        catch { #expect(error.rule == .confidentiality) }
        let added = Note.added("NT-0001", by: "a-2", group: "A", session: 7, matter: s.matter.title, start: s.meetingStart, invited: ["dir"])
        #expect(added.events == [.noteToVerify(note: "NT-0001", session: "SE-0007", group: "A", matter: s.matter.title, start: s.meetingStart,
                                               tell: ["dir", "a-2"])])

        let draft = Note(id: 1, session: 7, group: "A", author: "a-2", text: "The Director said…", status: .draft)
        do { _ = try draft.verified(by: "ad", response: nil, correction: nil, in: c); Issue.record("an officer of another session verified it") }
        catch { #expect(error.rule == .confidentiality) }
        // Issue 25 item 10: only an officer who attended verifies (003 §7.10).
        for response in [Session.Officer.Response.declined, .represented, .invited] {
            do { _ = try draft.verified(by: "dir", response: response, correction: nil, in: c); Issue.record("an officer who \(response) verified it") }
            catch { #expect(error.rule == .recordVerification && error.kind == .forbidden) }
        }
        let verified = try draft.verified(by: "dir", response: .confirmed, correction: "I said March, not May", in: c)
        #expect(verified.note.verifiedBy == "dir" && verified.note.text.hasSuffix("Correction by Director of Place: I said March, not May"))
        let due = LocalDate("2026-12-15")!, early = LocalDate("2026-12-09")!, after = LocalDate("2026-12-16")!
        do { _ = try draft.finalised(by: "b-lead", unverifiedReason: "x", verifyBy: due, today: after, in: c); Issue.record("another group finalised it") }
        catch { #expect(error.rule == .confidentiality) }
        // Issue 25 item 10: not final seconds after drafting, reason or not, while the officers still have time to verify it.
        for reason in [nil, "The Director has left the council"] {
            do { _ = try draft.finalised(by: "a-lead", unverifiedReason: reason, verifyBy: due, today: early, in: c); Issue.record("final before the officers had their time") }
            catch { #expect(error.rule == .recordVerification && error.message.contains("2026-12-15")) }
        }
        let unverified = try draft.finalised(by: "a-lead", unverifiedReason: "The Director has left the council", verifyBy: due, today: after, in: c)
        #expect(unverified.note.status == .final && unverified.note.unverifiedReason == "The Director has left the council" && !unverified.verdict.passed)
        let lapsed = try draft.finalised(by: "a-lead", unverifiedReason: nil, verifyBy: due, today: after, in: c)
        #expect(lapsed.note.status == .final && lapsed.verdict.message.contains("no officer verified it by 2026-12-15"))
        let final = try verified.note.finalised(by: "a-lead", unverifiedReason: nil, verifyBy: due, today: early, in: c)
        #expect(final.verdict.passed && final.note.unverifiedReason == nil)
        do { _ = try final.note.verified(by: "dir", response: .confirmed, correction: nil, in: c); Issue.record("a final record changed") }
        catch { #expect(error.kind == .conflict) }
    }
}

extension SessionStepTests {
    @Test("issue 25 item 3: a move of the officers' part puts each officer who had confirmed back to awaiting confirmation (tentative until all confirm again), and they are told; a new room at the same time keeps their confirmation")
    func moveNeedsConfirmationAgain() throws {
        var s = SessionTests.joint(), c = A.council()
        s.officers = [Session.Officer(officer: "dir", response: .confirmed), Session.Officer(officer: "hos")]
        let later = s.moved(meetingStart: Fixture.t("2026-12-09T14:00"), meetingEnd: Fixture.t("2026-12-09T16:00"),
                            segmentStart: Fixture.t("2026-12-09T14:00"), segmentEnd: Fixture.t("2026-12-09T14:45"), venue: nil, by: "a-lead")
        let host = try Reschedule.mover(s, by: "a-lead", reason: "Clash", overrides: [:], in: c, presence: Self.presence)
        let moved = try Reschedule.decide(s, to: later, by: "a-lead", mover: host, reason: "Clash", overrides: [:], verdicts: [],
                                          standingAgreement: "RQ-0001", in: c, presence: Self.presence).get()
        #expect(moved.reconfirm == ["dir"], "only an officer who had confirmed has a confirmation to lapse")
        #expect(moved.audit(request: nil).details["reconfirm"] == "dir")
        #expect(moved.events(request: nil) == [.sessionChanged(session: "SE-0007", .rescheduled(from: s.segmentStart, to: later.segmentStart,
                                                                                                reason: "Clash", confirmAgain: true))])
        var after = s
        after.officers = s.officers.map { var o = $0; if moved.reconfirm.contains(o.officer) { o.response = .invited }; return o }
        #expect(s.isConfirmed == false && after.officers.allSatisfy { $0.response == .invited })

        // The officers' part ends later: a new time too.
        var longer = s.proposal(by: "a-lead"); longer.segmentEnd = Fixture.t("2026-12-08T15:00")
        #expect(Reschedule.confirmationsLapsing(s, movedTo: longer) == ["dir"])
        // Another room, or the group's own discussion longer, at the same officers' time: no new time to confirm.
        var room = s.proposal(by: "a-lead"); room.venue = .room("cr2"); room.meetingEnd = Fixture.t("2026-12-08T17:00")
        #expect(Reschedule.confirmationsLapsing(s, movedTo: room).isEmpty)
        let sameTime = try Reschedule.decide(s, to: room, by: "a-lead", mover: host, reason: "Room", overrides: [:], verdicts: [],
                                             standingAgreement: "RQ-0001", in: c, presence: Self.presence).get()
        #expect(sameTime.reconfirm.isEmpty && sameTime.events(request: nil) == [.sessionChanged(session: "SE-0007",
            .rescheduled(from: s.segmentStart, to: s.segmentStart, reason: "Room", confirmAgain: false))])
        // Queued for the approver: nothing lapses until the move is agreed.
        let queued = try Reschedule.decide(s, to: later, by: "a-lead", mover: host, reason: "Clash", overrides: [:], verdicts: [A.refer(.workingHours)],
                                           standingAgreement: "RQ-0001", in: c, presence: Self.presence).get()
        #expect(queued.outcome == .queued && queued.reconfirm.isEmpty)
    }

    @Test("issue 25 item 2 (000 §17.5.1, §17.16.3): a representative a rule refers waits in the approver's queue, uninvited, the session tentative until agreed")
    func nominationWaitsForApprover() throws {
        let s = SessionTests.joint(), c = A.council(.p000)
        let block = Verdict(rule: .noDoubleBooking, passed: false, severity: .block, clauses: [], message: "booked", fix: "Another time.")
        if case .success = OfficerResponse.nominate(s, by: "dir", representative: "mgr", reason: "Away", judged: [block], in: c) {
            Issue.record("a representative double booked was sent")
        }
        let sent = try OfficerResponse.nominate(s, by: "dir", representative: "mgr", reason: "Away", judged: [], in: c).get()
        #expect(!sent.waits && sent.plan(request: nil, deciders: ["ceo"], in: c).events.count == 1)
        let waiting = try OfficerResponse.nominate(s, by: "dir", representative: "mgr", reason: "Away", judged: [A.refer(.workingHours)], in: c).get()
        #expect(waiting.waits, "their hours are the approver's to agree, as the officer's were")
        let plan = waiting.plan(request: "RQ-0002", deciders: ["ceo"], in: c)
        #expect(plan.audit.details["request"] == "RQ-0002" && plan.audit.verdicts.map(\.rule) == [.workingHours])
        #expect(plan.events.contains(.nominationQueued(request: "RQ-0002", officer: "dir", representative: "mgr", session: "SE-0007",
                                                       matter: s.matter.title, start: s.segmentStart, referred: [.workingHours], tell: ["ceo"])))
        var p = s.proposal(by: "dir"); p.officers = [OfficerAttendance(officer: "mgr", nominatedBy: "dir")]
        #expect(waiting.change(p).attendees.isEmpty, "the queue keeps no group's attendees")

        // While it waits the representative holds no invitation, and the session cannot be confirmed.
        var held = s
        held.officers = [Session.Officer(officer: "dir", response: .represented, representedBy: "mgr"),
                         Session.Officer(officer: "mgr", nominatedBy: "dir", response: .confirmed, waitingFor: "RQ-0002")]
        #expect(held.invitees.isEmpty && !held.isConfirmed)
        guard case .failure(let early) = OfficerResponse.confirm(held, by: "mgr", in: c) else { Issue.record("confirmed before the approver agreed"); return }
        #expect(early.rule == .approval && early.clauses == c.profile.clauses(.approval)
                && early.remedy == .awaitDecision(request: "RQ-0002", approverTitle: "Chief Executive"))
        held.officers[1].waitingFor = nil
        #expect(held.isConfirmed && held.invitees == ["mgr"])

        // Agreed, the representative is invited; declined, the senior officer is invited again.
        let r = A.request(p, kind: .nomination)
        #expect(r.representative == "mgr")
        let agreed = try Approval.decide(A.state(r, verdicts: [A.refer(.workingHours)], profile: .p000).0, verdicts: [A.refer(.workingHours)],
                                         .init(actor: "ceo", overrides: [.workingHours: "Agreed the evening"])).get()
        #expect(agreed.events(.init(briefing: "BR-0003", session: "SE-0001", offers: []), in: c)
            .contains(.sessionInvited(.init(session: "SE-0001", request: "RQ-0001", why: .nominationAgreed(officer: "dir", representative: "mgr")))))
        let declined = try Decline.decide(A.state(r, profile: .p000).0, .init(actor: "ceo", reason: "Not their day")).get()
        #expect(declined.events(in: c).contains(.sessionInvited(.init(session: "SE-0001", request: "RQ-0001",
                                                                      why: .nominationDeclined(officer: "dir", representative: "mgr", reason: "Not their day")))))
    }
}

extension SessionStepTests {
    /// Issue 25 item 11: under 003 an officer who confirmed one group's session may still decline another's at which a
    /// non-member will be present (003 §7.6: "normally not"); where the protocol bars non-members outright, the session
    /// could not have been booked with one, and officer-consistency holds as before.
    @Test("officer-consistency yields to a declared non-member where the protocol lets an officer refuse such a meeting (003 §7.6)")
    func consistencyYieldsToNonMember() throws {
        var s = SessionTests.joint()
        s.groups[1].attendees = [.person("b-lead"), .guest("Mr Smith (party agent)")]
        s.attendees = s.attendees + [.guest("Mr Smith (party agent)")]
        let leeds = A.council(.p003)
        let declined = try OfficerResponse.decline(s, by: "dir", reason: "A non-member will be there", confirmedOnMatter: ["SE-0003"], in: leeds).get()
        let yielded = try #require(declined.verdicts.first { $0.rule == .officerConsistency })
        #expect(yielded.passed && yielded.message.contains("Mr Smith (party agent)") && yielded.clauses.contains { $0.hasPrefix("003 §7.6") })
        #expect(declined.audit.action == "officer.decline")

        // Without a non-member, the same officer under 003 may not decline.
        if case .success = OfficerResponse.decline(SessionTests.joint(), by: "dir", reason: "Busy", confirmedOnMatter: ["SE-0003"], in: leeds) {
            Issue.record("declined a members-only session after confirming another on the matter")
        }
        // Where non-members are barred outright (the model profile blocks), nothing yields.
        if case .success = OfficerResponse.decline(s, by: "dir", reason: "Busy", confirmedOnMatter: ["SE-0003"], in: A.council()) {
            Issue.record("officer-consistency yielded under a profile that bars non-members")
        }
    }
}

extension SessionStepTests {
    /// Issue 25 item 15: a move needs agreement again only for what it changes.
    @Test("a move keeps the approver's reasons for what it leaves as it was: the venue while it stays, the attendees always, the hours only at the same times")
    func moveKeepsStandingReasons() {
        var s = SessionTests.joint()
        s.groups[0].overrides = [.venue: "Step-free hall", .membersOnly: "Agent leaves first", .workingHours: "One evening"]
        let sameVenueNextDay = s.moved(meetingStart: Fixture.t("2026-12-09T14:00"), meetingEnd: Fixture.t("2026-12-09T16:00"),
                                       segmentStart: Fixture.t("2026-12-09T14:00"), segmentEnd: Fixture.t("2026-12-09T14:45"), venue: nil, by: "a-lead")
        #expect(Reschedule.keptOverrides(s.groups[0], s, movedTo: sameVenueNextDay) == [.venue: "Step-free hall", .membersOnly: "Agent leaves first"])
        var newRoom = s.proposal(by: "a-lead"); newRoom.venue = .room("cr2")
        #expect(Reschedule.keptOverrides(s.groups[0], s, movedTo: newRoom) == [.membersOnly: "Agent leaves first", .workingHours: "One evening"])

        let referred = [A.refer(.venue), A.refer(.workingHours), Verdict(rule: .membersOnly, passed: false, severity: .block, clauses: [], message: "x")]
        let judged = Reschedule.keepingAgreement(referred, of: s, movedTo: sameVenueNextDay)
        #expect(judged.map(\.passed) == [true, false, false], "the venue's reason stands; the new time's hours are asked again; a block is never waived")
        #expect(judged[0].message.contains("Step-free hall"))
    }
}
