import BriefingsDomain
@testable import BriefingsStore
import Foundation
import GRDB
import Testing

/// Issue 9: every officer attendance agreed by the approver, every step judged as itself.
@Suite("Sessions and who agrees them")
struct SessionAgreementTests {
    typealias S = Support

    /// The Labour request for the Director of Place approved as SE-0001 (BR-0001), offers OF-0002 CON, OF-0003 LD, OF-0004 GRN.
    static func approved(joint: Bool = false, at time: String = "14:00", overrides: [RuleID: String] = [:],
                         clock: TestClock = TestClock("2026-11-02T09:00"), profile: String = "model") async throws -> BriefingDesk {
        let desk = try await S.desk(clock: clock, profile: profile)
        _ = try await desk.submitRequest(S.request(at: time, joint: joint))
        _ = try await desk.approve("RQ-0001", as: "o-ceo", overrides: overrides)
        return desk
    }

    static func feedStatus(_ desk: BriefingDesk, _ subject: BriefingDesk.FeedSubject, uid: String) async throws -> FeedEvent.Status? {
        try await desk.feed(subject).events.first { $0.uid == uid }?.status
    }

    @Test("problem 1: another group's take-up that passes every rule books under the briefing's approval, and the audit says so")
    func takeUpUnderAgreement() async throws {
        let desk = try await Self.approved()
        let r = try await desk.acceptOffer("OF-0004", S.request(group: "GRN", by: "m-nowak", day: "2026-12-09", room: "cr2", attendees: ["m-nowak"]))
        #expect(r.ref == "SE-0002" && r.status == "scheduled")
        #expect(try await desk.session("SE-0002", as: "o-ceo").agreements == ["GRN": "RQ-0001"])
        let entry = try #require(try await desk.audit(as: "o-mo").last { $0.action == "offer.accept" })
        #expect(entry.details["agreement"] == "RQ-0001")
    }

    @Test("problem 1: a take-up with a refer waits in the queue, tentative, holding its booking; agreed, it is the approver's")
    func referredTakeUpHoldsTentatively() async throws {
        let desk = try await Self.approved()
        let r = try await desk.acceptOffer("OF-0002", S.request(group: "CON", by: "m-hughes", day: "2026-12-09", at: "19:00", attendees: ["m-hughes"]))
        #expect(r.status == "pending" && r.ref == "RQ-0002")
        #expect(try await desk.queue(as: "o-ceo").map(\.ref) == ["RQ-0002"])
        // The slot is held: another booking of the same officer then clashes.
        let clash = try #require(try await desk.check(S.request(group: "LD", by: "m-evans", day: "2026-12-09", at: "19:15", room: "cr2", attendees: ["m-evans"]))
            .first { $0.rule == .noDoubleBooking })
        #expect(!clash.passed && clash.message.contains("SE-0002"))
        let s = try #require(try await desk.sessions(as: "m-hughes").first)
        #expect(s.agreements.isEmpty && !s.confirmed)
        #expect(try await Self.feedStatus(desk, .group("CON"), uid: "session-2@briefings") == .tentative)
        _ = try await desk.approve("RQ-0002", as: "o-ceo", overrides: [.workingHours: "The group meets only in the evening"])
        #expect(try await desk.session(s.ref, as: "o-ceo").agreements == ["CON": "RQ-0002"])
    }

    @Test("problem 1: a reschedule needing the approver's reason goes to their queue, holds the new slot, and moves only when agreed")
    func referredRescheduleQueued() async throws {
        let desk = try await Self.approved()
        let r = try await desk.reschedule("SE-0001", as: "m-patel", to: SessionForm(start: "2026-12-08T19:00", duration: "2h", segment: "45m"), reason: "Group meets later")
        #expect(r.status == "pending" && r.ref == "RQ-0002")
        let item = try #require(try await desk.queue(as: "o-ceo").first)
        #expect(item.ref == "RQ-0002" && item.kind == "reschedule")
        #expect(try await desk.session("SE-0001", as: "o-ceo").segmentStart == "2026-12-07T14:00", "not moved before agreement")
        // Declined: the hold is released, the session stays where it was.
        try await desk.decline("RQ-0002", as: "o-ceo", reason: "Keep the afternoon slot")
        #expect(try GRDBValue.int(desk, "SELECT COUNT(*) FROM booking WHERE label = 'RQ-0002'") == 0)
        // Asked again and agreed with a reason: it moves, and the agreement is that decision.
        _ = try await desk.reschedule("SE-0001", as: "m-patel", to: SessionForm(start: "2026-12-08T19:00", duration: "2h", segment: "45m"), reason: "Again")
        _ = try await desk.approve("RQ-0003", as: "o-ceo", overrides: [.workingHours: "Director agreed the evening"])
        let moved = try await desk.session("SE-0001", as: "o-ceo")
        #expect(moved.segmentStart == "2026-12-08T19:00" && moved.agreements == ["LAB": "RQ-0003"])
    }

    @Test("problem 1: feeds say TENTATIVE until the session is agreed and every officer has confirmed")
    func tentativeUntilConfirmed() async throws {
        let desk = try await Self.approved()
        #expect(try await Self.feedStatus(desk, .group("LAB"), uid: "session-1@briefings") == .tentative)
        #expect(try await Self.feedStatus(desk, .overview, uid: "session-1@briefings") == .tentative)
        _ = try await desk.respond("SE-0001", as: "o-dir-place", .confirm)
        #expect(try await Self.feedStatus(desk, .group("LAB"), uid: "session-1@briefings") == .confirmed)
        #expect(try await Self.feedStatus(desk, .officer("o-dir-place"), uid: "session-1@briefings") == .confirmed)
        #expect(try await desk.session("SE-0001", as: "o-ceo").confirmed)
    }

    @Test("problem 2: joining does not inherit the overrides recorded for the first group")
    func joinDoesNotInherit() async throws {
        let desk = try await Self.approved(joint: true, at: "18:00", overrides: [.workingHours: "Labour meets in the evening"])
        let r = try await desk.joinSession(offer: "OF-0003", session: "SE-0001", as: "m-evans", attendees: [.person("m-evans")])
        #expect(r.status == "pending" && r.ref == "RQ-0002")
        #expect(try await desk.session("SE-0001", as: "o-ceo").groups == ["LAB"])
        #expect(try await desk.queue(as: "o-ceo").first?.kind == "join")
        _ = try await desk.approve("RQ-0002", as: "o-ceo", overrides: [.workingHours: "Lib Dems agreed the evening too"])
        let s = try await desk.session("SE-0001", as: "o-ceo")
        #expect(s.groups == ["LAB", "LD"] && s.agreements == ["LAB": "RQ-0001", "LD": "RQ-0002"])
        #expect(try await desk.offers(as: "m-evans")[0].status == "accepted")
    }

    @Test("problem 3: the approver rescheduling another group's session is judged as the approver, for that group")
    func approverReschedulesOtherGroup() async throws {
        let desk = try await Self.approved()
        _ = try await desk.acceptOffer("OF-0004", S.request(group: "GRN", by: "m-nowak", day: "2026-12-09", room: "cr2", attendees: ["m-nowak"]))
        let r = try await desk.reschedule("SE-0002", as: "o-ceo", to: SessionForm(start: "2026-12-10T10:00", duration: "2h", segment: "45m"), reason: "Room works")
        #expect(r.status == "scheduled")
        let requester = try #require(r.verdicts.first { $0.rule == .requester })
        #expect(requester.passed && requester.message.contains("Chief Executive"))
        #expect(try await desk.session("SE-0002", as: "o-ceo").agreements == ["GRN": "approver:o-ceo"])
    }

    @Test("problem 4: an officer only invited, not confirmed, may decline another group's session on the matter")
    func declineUntilConfirmed() async throws {
        let desk = try await Self.approved()
        _ = try await desk.acceptOffer("OF-0004", S.request(group: "GRN", by: "m-nowak", day: "2026-12-09", room: "cr2", attendees: ["m-nowak"]))
        let v = try await desk.respond("SE-0002", as: "o-dir-place", .decline(reason: "Too political"))
        #expect(v.first?.rule == .officerMayDecline)
    }

    @Test("problem 6: the deputy decides only while the approver is recorded as away, or where the council delegates")
    func deputyOnlyWhenAway() async throws {
        let clock = TestClock("2026-11-02T09:00")
        let desk = try await S.desk(clock: clock)
        _ = try await desk.submitRequest(S.request())
        let before = try S.snapshot(desk)
        await #expect { try await desk.approve("RQ-0001", as: "o-dce") } throws: { e in
            let e = e as! DeskError
            return e.kind == .forbidden && e.rule == .approval && e.message.contains("not recorded as away") && e.fix.contains("approver away")
        }
        #expect(try S.snapshot(desk) == before)
        await #expect { try await desk.recordAbsence(from: LocalDate("2026-11-03")!, until: LocalDate("2026-11-06")!, as: "m-patel") } throws: {
            ($0 as? DeskError)?.kind == .forbidden
        }
        try await desk.recordAbsence(from: LocalDate("2026-11-03")!, until: LocalDate("2026-11-06")!, as: "o-ceo")
        await #expect { try await desk.approve("RQ-0001", as: "o-dce") } throws: { ($0 as? DeskError)?.rule == .approval }
        clock.set("2026-11-04T09:00")
        let a = try await desk.approve("RQ-0001", as: "o-dce")
        #expect(a.session == "SE-0001")
        #expect(try await desk.request("RQ-0001", as: "o-mo").decidedRole == "deputy approver")
        // A council that delegates lets the deputy act at any time.
        let delegating = try await S.desk(clock: TestClock("2026-11-02T09:00"))
        var json = String(decoding: S.exampleRoster, as: UTF8.self)
        json = json.replacingOccurrences(of: "\"roomBufferMinutes\": 15", with: "\"roomBufferMinutes\": 15, \"deputyActsAnyTime\": true")
        _ = try await delegating.importRoster(Data(json.utf8))
        _ = try await delegating.submitRequest(S.request())
        _ = try await delegating.approve("RQ-0001", as: "o-dce")
    }

    @Test("problem 7: a joined group withdraws itself; only the host group or the approver cancels the joint session")
    func withdrawNotCancel() async throws {
        let desk = try await Self.approved(joint: true)
        _ = try await desk.joinSession(offer: "OF-0003", session: "SE-0001", as: "m-evans", attendees: [.person("m-evans"), .person("m-singh")])
        #expect(try await desk.session("SE-0001", as: "o-ceo").groups == ["LAB", "LD"])
        let before = try S.snapshot(desk)
        await #expect { try await desk.cancel("SE-0001", as: "m-evans", reason: "We can't make it") } throws: { e in
            let e = e as! DeskError
            return e.kind == .forbidden && e.fix.contains("session withdraw")
        }
        #expect(try S.snapshot(desk) == before)
        try await desk.withdraw("SE-0001", as: "m-evans", reason: "We can't make it")
        let s = try await desk.session("SE-0001", as: "o-ceo")
        #expect(s.status == "scheduled" && s.groups == ["LAB"] && !s.attendees.contains("Cllr Rhian Evans"))
        #expect(try await desk.offers(as: "m-evans")[0].status == "open")
        await #expect { try await desk.withdraw("SE-0001", as: "m-patel", reason: "x") } throws: { ($0 as? DeskError)?.kind == .forbidden }
    }

    @Test("problem 8: a roster without council.profile keeps the profile given to init")
    func rosterKeepsInitProfile() async throws {
        let desk = BriefingDesk(database: try AppDatabase.inMemory(), now: { S.t("2026-11-02T09:00") })
        _ = try await desk.initialise(profile: "003")
        let json = String(decoding: S.exampleRoster, as: UTF8.self).replacingOccurrences(of: "\"profile\": \"model\",", with: "")
        #expect(!json.contains("\"profile\""))
        let summary = try await desk.importRoster(Data(json.utf8))
        #expect(summary.profile == "003")
        #expect(try await desk.council().profile.name == "003")
    }

    @Test("problem 4: an invited officer proposes another time; the host group takes it (judged as its reschedule) or refuses it")
    func officerProposesTime() async throws {
        let desk = try await Self.approved(joint: true)
        _ = try await desk.joinSession(offer: "OF-0003", session: "SE-0001", as: "m-evans", attendees: [.person("m-evans")])
        let before = try S.snapshot(desk)
        await #expect { try await desk.proposeTime("SE-0001", as: "o-hos-housing", to: SessionForm(start: "2026-12-08T10:00"), reason: "x") } throws: {
            ($0 as? DeskError)?.kind == .forbidden
        }
        #expect(try S.snapshot(desk) == before)
        let tp = try await desk.proposeTime("SE-0001", as: "o-dir-place", to: SessionForm(start: "2026-12-08T10:00", duration: "2h", segment: "45m"),
                                      reason: "Planning Committee runs late on the 7th")
        #expect(tp.ref == "TP-0001" && tp.status == "open")
        #expect(try await desk.notifications(for: "m-patel").contains { $0.subject.contains("TP-0001") })
        // Only the host group answers; a joined group may not.
        await #expect { try await desk.answerProposal("TP-0001", as: "m-evans", take: true) } throws: { ($0 as? DeskError)?.kind == .forbidden }
        let answer = try await desk.answerProposal("TP-0001", as: "m-patel", take: true)
        #expect(answer.proposal.status == "taken" && answer.receipt?.status == "scheduled")
        #expect(answer.receipt?.verdicts.map(\.rule) == Transition.reschedule.judged)
        #expect(try await desk.session("SE-0001", as: "o-ceo").segmentStart == "2026-12-08T10:00")
        // A second proposal of an evening: refused by the group with a reason, the session stays.
        _ = try await desk.proposeTime("SE-0001", as: "o-dir-place", to: SessionForm(start: "2026-12-09T19:00"), reason: "Or the evening")
        await #expect { try await desk.answerProposal("TP-0002", as: "m-patel", take: false, reason: "") } throws: { ($0 as? DeskError)?.kind == .invalid }
        let refused = try await desk.answerProposal("TP-0002", as: "m-patel", take: false, reason: "The group meets in the day")
        #expect(refused.proposal.status == "refused" && refused.receipt == nil)
        #expect(try await desk.session("SE-0001", as: "m-evans").proposals.map(\.status) == ["taken", "refused"])
    }

    @Test("problem 5: a nominee the group names attends only once the named senior officer confirms the nomination")
    func nomineeConfirmed() async throws {
        let desk = try await S.desk()
        var p = S.request()
        p.officers = [OfficerAttendance(officer: "o-mgr-planning", nominatedBy: "o-dir-place")]
        _ = try await desk.submitRequest(p)
        _ = try await desk.approve("RQ-0001", as: "o-ceo")
        let named = try #require(try await desk.notifications(for: "o-dir-place").first { $0.subject.hasPrefix("Leo Martin named as your nominee: ") })
        #expect(named.body.contains("What is asked of you: confirm Leo Martin as your nominee, or refuse with your reason."))
        #expect(named.body.contains("/desk/sessions/SE-0001"), "the session's page: the senior officer answers for the nominee there")
        #expect(try await desk.request("RQ-0001", as: "o-dir-place").proposal.officers.count == 1, "the named senior officer sees the request")
        // Not invited until endorsed (issue 25, item 5): the nominee has no invitation to answer yet.
        await #expect { try await desk.respond("SE-0001", as: "o-mgr-planning", .confirm) } throws: { ($0 as? DeskError)?.rule == .seniorOfficer }
        var s = try await desk.session("SE-0001", as: "o-ceo")
        #expect(!s.confirmed && s.officers.first?.nominationConfirmed == false)
        #expect(try await Self.feedStatus(desk, .group("LAB"), uid: "session-1@briefings") == .tentative)
        let before = try S.snapshot(desk)
        await #expect { try await desk.respond("SE-0001", as: "o-hos-housing", .endorse(nominee: "o-mgr-planning")) } throws: { ($0 as? DeskError)?.rule == .seniorOfficer }
        await #expect { try await desk.respond("SE-0001", as: "o-mgr-planning", .endorse(nominee: "o-mgr-planning")) } throws: { ($0 as? DeskError)?.rule == .seniorOfficer }
        #expect(try S.snapshot(desk) == before)
        let v = try await desk.respond("SE-0001", as: "o-dir-place", .endorse(nominee: "o-mgr-planning"))
        #expect(v.first?.passed == true)
        #expect(try await desk.session("SE-0001", as: "o-ceo").confirmed == false, "the nominee has yet to confirm")
        _ = try await desk.respond("SE-0001", as: "o-mgr-planning", .confirm)
        s = try await desk.session("SE-0001", as: "o-ceo")
        #expect(s.confirmed && s.officers.first?.nominationConfirmed == true)
        #expect(try await Self.feedStatus(desk, .group("LAB"), uid: "session-1@briefings") == .confirmed)
    }

    @Test("problem 9: an opposition budget briefing is its own; other groups take up discussions of their own and never read it")
    func budgetBriefing() async throws {
        let desk = try await S.desk()
        var p = S.request(group: "CON", by: "m-hughes", officer: "o-ad-finance", attendees: ["m-hughes"],
                          title: "Budget 2027/28: our savings options")
        p.matter.area = "finance"
        p.matter.details = "Which libraries to close"
        p.matter.budget = true
        _ = try await desk.submitRequest(p)
        let a = try await desk.approve("RQ-0001", as: "o-ceo")
        _ = try await desk.attachMaterial(a.briefing, as: "o-ad-finance", text: "Closing two branch libraries saves £400k.", group: "CON")
        let labOffer = try #require(try await desk.offers(as: "m-patel").first)
        #expect(labOffer.title.contains("Budget discussions of your group's own") && !labOffer.title.contains("savings"))
        #expect(labOffer.jointSessions.isEmpty, "a budget briefing is never a joint session")
        var own = S.request(group: "LAB", by: "m-patel", officer: "o-ad-finance", day: "2026-12-08", room: "cr2", attendees: ["m-patel"])
        own.matter.area = "finance"
        let r = try await desk.acceptOffer(labOffer.ref, own)
        #expect(r.status == "scheduled", "\(r.verdicts.filter { !$0.passed })")
        let encoded = String(decoding: try JSONEncoder().encode(r), as: UTF8.self)
        #expect(!encoded.contains("savings") && !encoded.contains("libraries"), "the receipt's verdicts carry nothing of it")
        let theirs = try await desk.session(r.ref, as: "m-patel")
        #expect(theirs.title == "Budget discussions (your group's own)" && theirs.material == nil)
        let feed = try await desk.feed(.group("LAB"))
        #expect(!feed.events.contains { $0.title.contains("savings") || $0.description.contains("libraries") })
        #expect(try await desk.session("SE-0001", as: "m-hughes").material?.contains("£400k") == true)
        // Only the Conservative leader releases it; then it is no longer confidential.
        await #expect { try await desk.releaseBriefing(a.briefing, as: "m-patel") } throws: { ($0 as? DeskError)?.rule == .confidentiality }
        try await desk.releaseBriefing(a.briefing, as: "m-hughes")
        #expect(try await desk.session(r.ref, as: "m-patel").title == "Budget 2027/28: our savings options")
    }

    @Test("problem 10: officers named in a request see its matter, times and venue (not attendees) and can flag it for the approver")
    func officersSeeAndFlag() async throws {
        let desk = try await S.desk()
        _ = try await desk.submitRequest(S.request())
        let seen = try await desk.request("RQ-0001", as: "o-dir-place")
        #expect(seen.proposal.matter.title == "Local Plan review" && seen.proposal.attendees.isEmpty && seen.verdictsAtSubmission.isEmpty)
        #expect(try await desk.requests(as: "o-dir-place").map(\.ref) == ["RQ-0001"])
        #expect(try await desk.requests(as: "o-hos-housing").isEmpty)
        await #expect { try await desk.request("RQ-0001", as: "o-hos-housing") } throws: { ($0 as? DeskError)?.rule == .confidentiality }
        let before = try S.snapshot(desk)
        await #expect { try await desk.flagRequest("RQ-0001", as: "o-hos-housing", reason: "x") } throws: { ($0 as? DeskError)?.kind == .forbidden }
        await #expect { try await desk.flagRequest("RQ-0001", as: "o-dir-place", reason: " ") } throws: { ($0 as? DeskError)?.kind == .invalid }
        #expect(try S.snapshot(desk) == before)
        try await desk.flagRequest("RQ-0001", as: "o-dir-place", reason: "Asks for advice on the group's campaign")
        let item = try #require(try await desk.queue(as: "o-ceo").first)
        #expect(item.flags.map(\.reason) == ["Asks for advice on the group's campaign"] && item.flags[0].officer == "Nadia Rahman")
        #expect(try await desk.notifications(for: "o-ceo").contains { $0.subject.contains("flagged as unreasonable") })
    }

    @Test("problem 11: audit entries name the role the roster gives the person acting")
    func auditRoles() async throws {
        let clock = TestClock("2026-11-02T09:00")
        let desk = try await Self.approved(joint: true, clock: clock)
        _ = try await desk.joinSession(offer: "OF-0003", session: "SE-0001", as: "pa-ld", onBehalfOf: "m-evans", attendees: [.person("m-evans")])
        try await desk.declineOffer("OF-0002", as: "m-hughes", reason: "Briefed at committee")
        try await desk.recordAbsence(from: LocalDate("2026-11-02")!, until: LocalDate("2026-11-02")!, as: "o-ceo")
        _ = try await desk.reschedule("SE-0001", as: "o-dce", to: SessionForm(start: "2026-12-08T14:00", duration: "2h", segment: "45m"), reason: "Room")
        let audit = try await desk.audit(as: "o-mo")
        #expect(audit.last { $0.action == "offer.join" }?.role == "assistant")
        #expect(audit.last { $0.action == "offer.decline" }?.role == "group leader")
        #expect(audit.last { $0.action == "session.reschedule" }?.role == "deputy approver")
    }

    @Test("docs/workflow.md holds the workflow table exactly as the code defines it")
    func workflowDocument() throws {
        let doc = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/workflow.md"), encoding: .utf8)
        #expect(doc.contains(Transition.markdownTable + "\n"), "docs/workflow.md should hold:\n\(Transition.markdownTable)")
    }

    @Test("the workflow table walked against the desk: each step's actor acts, another is refused, the rules judged are the table's")
    func workflowWalk() async throws {
        let desk = try await Self.approved(joint: true)
        func rules(_ v: [Verdict]) -> [RuleID] { v.map(\.rule) }
        func refused(_ step: () async throws -> Void) async -> Bool {
            do { try await step(); return false } catch let e as DeskError { return [.forbidden, .refused].contains(e.kind) } catch { return false }
        }
        // request: a group leader asks; a plain member may not.
        #expect(await refused { _ = try await desk.submitRequest(S.request(by: "m-okafor", day: "2026-12-10")) })
        #expect(rules(try await desk.submitRequest(S.request(day: "2026-12-10", at: "10:00", room: "cr2")).verdicts) == Transition.request.judged)
        // take-up: the offered group's leader; another group's member may not.
        let own = S.request(group: "GRN", by: "m-nowak", day: "2026-12-09", room: "cr2", attendees: ["m-nowak"])
        #expect(await refused { var p = own; p.requester = "m-okafor"; _ = try await desk.acceptOffer("OF-0004", p) })
        let takeUp = try await desk.acceptOffer("OF-0004", own)
        #expect(rules(takeUp.verdicts) == Transition.takeUp.judged)
        #expect(try await desk.session(takeUp.ref, as: "o-ceo").agreements["GRN"] == "RQ-0001")
        // join: the offered group's leader; judged for its attendees only.
        #expect(await refused { _ = try await desk.joinSession(offer: "OF-0003", session: "SE-0001", as: "m-hughes", attendees: []) })
        let join = try await desk.joinSession(offer: "OF-0003", session: "SE-0001", as: "m-evans", attendees: [.person("m-evans")])
        #expect(rules(join.verdicts) == Transition.join.judged)
        // reschedule: the host group's leader (or the approver); not a joined group's.
        let later = SessionForm(start: "2026-12-08T14:00", duration: "2h", segment: "45m")
        #expect(await refused { _ = try await desk.reschedule("SE-0001", as: "m-evans", to: later, reason: "x") })
        #expect(rules(try await desk.reschedule("SE-0001", as: "m-patel", to: later, reason: "Room").verdicts) == Transition.reschedule.judged)
        // withdraw: a joined group; the host may not. cancel: the host; a joined group may not.
        #expect(await refused { try await desk.withdraw("SE-0001", as: "m-patel", reason: "x") })
        #expect(await refused { try await desk.cancel("SE-0001", as: "m-evans", reason: "x") })
        try await desk.withdraw("SE-0001", as: "m-evans", reason: "Clash")
        // officer steps: the invited officer only.
        #expect(await refused { _ = try await desk.respond("SE-0001", as: "o-hos-housing", .confirm) })
        #expect(rules(try await desk.respond(takeUp.ref, as: "o-dir-place", .decline(reason: "Too political"))).allSatisfy(Transition.officerDecline.judged.contains))
        _ = try await desk.respond("SE-0001", as: "o-dir-place", .confirm)
        // decide: the approver; the deputy only while the approver is away.
        #expect(await refused { _ = try await desk.approve("RQ-0002", as: "o-dce") })
        _ = try await desk.approve("RQ-0002", as: "o-ceo")
        try await desk.cancel("SE-0001", as: "m-patel", reason: "Group meeting called off")
        #expect(try await desk.verifyAudit().intact)
    }
}

/// Profile differences through the desk: the same story under each protocol's profile.
@Suite("Profiles through the desk")
struct ProfileWorkflowTests {
    typealias S = Support

    @Test("000: a non-senior officer without a nominating senior officer is referred (usually), not blocked")
    func p000() async throws {
        let desk = try await S.desk(profile: "000")
        let r = try await desk.submitRequest(S.request(officer: "o-mgr-planning"))
        #expect(r.verdicts.first { $0.rule == .seniorOfficer }?.severity == .refer)
        await #expect { try await desk.approve("RQ-0001", as: "o-ceo") } throws: { ($0 as? DeskError)?.rule == .seniorOfficer }
        _ = try await desk.approve("RQ-0001", as: "o-ceo", overrides: [.seniorOfficer: "Director of Place nominated the manager"])
        let model = try await S.desk()
        await #expect { try await model.submitRequest(S.request(officer: "o-mgr-planning")) } throws: { ($0 as? DeskError)?.rule == .seniorOfficer }
    }

    @Test("002: the Proper Officer (Clerk) agrees, and refusals say so")
    func p002() async throws {
        let desk = try await S.desk(profile: "002")
        _ = try await desk.submitRequest(S.request())
        await #expect { try await desk.approve("RQ-0001", as: "m-patel") } throws: { ($0 as? DeskError)?.message.contains("Proper Officer (Clerk)") == true }
        _ = try await desk.approve("RQ-0001", as: "o-ceo")
    }

    @Test("003: a non-member present is referred (\"normally not\"), and a take-up with one waits for the approver")
    func p003() async throws {
        let desk = try await S.desk(profile: "003")
        _ = try await desk.submitRequest(S.request())
        _ = try await desk.approve("RQ-0001", as: "o-ceo")
        var p = S.request(group: "CON", by: "m-hughes", day: "2026-12-09", room: "cr2", attendees: ["m-hughes"])
        p.attendees.append(.guest("Party agent"))
        let r = try await desk.acceptOffer("OF-0002", p)
        #expect(r.status == "pending")
        await #expect { try await S.desk().submitRequest(p) } throws: { ($0 as? DeskError)?.rule == .membersOnly }
    }

    @Test("004: non-council premises are referred (\"may be declined\"); party premises always block")
    func p004() async throws {
        let desk = try await S.desk(profile: "004")
        var p = S.request()
        p.venue = .external(description: "Community hall, Station Rd", party: false)
        let r = try await desk.submitRequest(p)
        #expect(r.verdicts.first { $0.rule == .venue }?.severity == .refer)
        p.venue = .external(description: "Labour Club", party: true)
        await #expect { try await desk.submitRequest(p) } throws: { ($0 as? DeskError)?.rule == .venue }
    }
}

enum GRDBValue {
    static func int(_ desk: BriefingDesk, _ sql: String) throws -> Int {
        try desk.database.writer.read { try Int.fetchOne($0, sql: sql) ?? 0 }
    }
}

@Suite("Schema version 4 on an existing database")
struct MigrationTests {
    @Test("a version 3 database migrates: requests keep their ids, sessions are agreed by their briefing's approval")
    func fromVersion3() async throws {
        let queue = try Support.database(atVersion: 3)
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO council (id, profile, created_at) VALUES (1, 'model', 0);
                INSERT INTO political_group (id, name, leader) VALUES ('LAB', 'Labour', 'm-patel'), ('CON', 'Conservative', 'm-hughes');
                INSERT INTO person (id, name, kind, group_id) VALUES ('m-patel', 'Patel', 'member', 'LAB'), ('m-hughes', 'Hughes', 'member', 'CON');
                INSERT INTO request (id, kind, status, group_id, requester, proposal, verdicts, submitted_at) VALUES (1, 'request', 'approved', 'LAB', 'm-patel', '{}', '[]', 0);
                INSERT INTO briefing (id, request_id, title, details, area, officers, status, created_at) VALUES (1, 1, 'T', '', 'planning', '[]', 'open', 0);
                INSERT INTO offer (id, briefing_id, group_id, status) VALUES (1, 1, 'LAB', 'requested'), (2, 1, 'CON', 'accepted');
                INSERT INTO request (id, kind, status, group_id, requester, proposal, verdicts, submitted_at, briefing_id, offer_id)
                    VALUES (7, 'acceptance', 'approved', 'CON', 'm-hughes', '{}', '[]', 0, 1, 2);
                INSERT INTO session (id, briefing_id, status, meeting_start, meeting_end, segment_start, segment_end, venue, attendees, updated_at, created_at)
                    VALUES (1, 1, 'scheduled', 10, 20, 10, 15, '{}', '[]', 0, 0), (2, 1, 'scheduled', 30, 40, 30, 35, '{}', '[]', 0, 0);
                INSERT INTO session_group (session_id, group_id, offer_id) VALUES (1, 'LAB', 1), (2, 'CON', 2);
                """)
        }
        _ = try AppDatabase(queue)
        let agreements = try await queue.read { db in try String.fetchAll(db, sql: "SELECT agreement FROM session_group ORDER BY session_id") }
        #expect(agreements == ["RQ-0001", "RQ-0007"])
        #expect(try await queue.read { db in try Int.fetchAll(db, sql: "SELECT id FROM request ORDER BY id") } == [1, 7])
        #expect(try await queue.read { db in try db.columns(in: "request").map(\.name) }.contains("session_id"))
        #expect(try queue.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }.isEmpty)
        // New requests continue after the highest id.
        let next = try await queue.write { db in
            try db.execute(sql: "INSERT INTO request (kind, status, group_id, requester, proposal, verdicts, submitted_at) VALUES ('reschedule', 'pending', 'LAB', 'm-patel', '{}', '[]', 0)")
            return db.lastInsertedRowID
        }
        #expect(next == 8)
    }
}
