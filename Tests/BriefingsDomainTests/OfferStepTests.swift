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

extension OfferStepTests {
    static func briefing(writtenReport: Bool = false, budget: Bool = false, released: Bool = false, status: Briefing.Status = .open) -> Briefing {
        Briefing(id: 1, origin: "A", title: "Local Plan review", officers: [OfficerAttendance(officer: "dir")], status: status,
                 writtenReport: writtenReport, budget: budget, released: released)
    }

    @Test("a written report is taken up with no session and nobody attending; the group hears when it is ready")
    func reportTakeUp() throws {
        let c = A.council()
        if case .failure(let r) = TakeUp.report(Self.offer(), matter: "Local Plan review", writtenReport: false, attendees: [], ready: false, due: "", officers: ["dir"],
                                                by: "b-lead", onBehalfOf: nil, in: c) {
            #expect(r.remedy == .giveSessionOrJoin(offer: "OF-0002"))
        } else { Issue.record("a briefing in person taken up with no session") }
        if case .success = TakeUp.report(Self.offer(), matter: "Local Plan review", writtenReport: true, attendees: ["b-2"], ready: false, due: "2026-12-20", officers: ["dir"],
                                         by: "b-lead", onBehalfOf: nil, in: c) { Issue.record("attendees at a written report") }
        let plan = try TakeUp.report(Self.offer(), matter: "Local Plan review", writtenReport: true, attendees: [], ready: true, due: "2026-12-20", officers: ["dir"],
                                     by: "b-lead", onBehalfOf: nil, in: c).get()
        #expect(plan.audit.details == ["briefing": "BR-0001", "writtenReport": "true"])
        #expect(plan.events == [.reportTakenUp(offer: "OF-0002", group: "B", briefing: "BR-0001", matter: "Local Plan review", ready: true, due: "2026-12-20", tell: ["b-lead", "dir"])])
    }

    @Test("material: only the briefing's officers attach it, within advice limits; a ready written report is announced")
    func material() throws {
        let c = A.council()
        if case .success = Self.briefing().attach(material: " ", by: "dir", invited: false, groups: [], in: c) { Issue.record("empty material") }
        if case .failure(let r) = Self.briefing().attach(material: "Facts", by: "ad", invited: false, groups: [], in: c) { #expect(r.kind == .forbidden) }
        else { Issue.record("another officer attached material") }
        #expect(try Self.briefing().attach(material: "Facts", by: "ad", invited: true, groups: [], in: c).get().verdict.passed, "invited to a session of it")
        let advice = try Self.briefing().attach(material: "We recommend the group should vote for it", by: "dir", invited: false, groups: [], in: c).get()
        #expect(!advice.verdict.passed && advice.verdict.severity == .warn && advice.plan().audit.verdicts == [advice.verdict],
                "advice-limits warns (its default severity) and the warning is kept in the audit trail")
        let facts = try Self.briefing().attach(material: "Facts", by: "dir", invited: false, groups: ["A"], in: c).get()
        #expect(!facts.held && facts.plan().events.isEmpty)
        let report = try Self.briefing(writtenReport: true).attach(material: "Facts", by: "dir", invited: false, groups: ["A", "B"], in: c).get()
        #expect(report.plan().events == [.reportReady(briefing: "BR-0001", officer: "dir", title: "Local Plan review", tell: ["a-lead", "b-lead", "dir"])])
    }

    @Test("issue 23 item 8: material advice-limits warns about is held for the approver: nobody is told it is ready; its release tells the officer and a report's readers, its decline only the officer")
    func heldMaterial() throws {
        let c = A.council()
        let text = "I recommend option 1; it would be politically popular before the May elections"
        let held = try Self.briefing(writtenReport: true).attach(material: text, by: "dir", invited: false, groups: ["A", "B"], in: c).get()
        #expect(held.held && !held.verdict.passed && held.verdict.rule == .adviceLimits)
        let plan = held.plan(request: "RQ-0002", deciders: ["ceo"])
        #expect(plan.events == [.materialHeld(request: "RQ-0002", briefing: "BR-0001", officer: "dir", matter: "Local Plan review", warned: [.adviceLimits],
                                              tell: ["ceo", "dir"])], "no group hears of it: no reportReady while it is held")
        #expect(plan.audit.details["held"] == "RQ-0002" && plan.audit.verdicts == [held.verdict])
        // A rule that only records (info) never holds material.
        var quiet = PolicyProfile.model; quiet.severities[.adviceLimits] = .info
        let recorded = try Self.briefing().attach(material: text, by: "dir", invited: false, groups: ["A"],
                                                  in: Council(roster: c.roster, profile: quiet, names: [:])).get()
        #expect(!recorded.held)

        // The approver releases it (a queue item of kind material), even after the report's date has passed.
        var p = Fixture.proposal(); p.requester = "dir"; p.attendees = []
        p.segmentStart = Fixture.t("2026-11-20T09:00"); p.meetingStart = p.segmentStart
        var r = A.request(p, kind: .material); r.briefing = "BR-0001"; r.session = nil
        let release = try A.decide(A.state(r), .init(actor: "ceo")).get()
        let events = release.events(.init(briefing: "BR-0001", session: nil, offers: [], readers: ["A", "B"]), in: c)
        #expect(events == [.materialReleased(request: "RQ-0001", briefing: "BR-0001", officer: "dir", matter: "Local Plan review", tell: ["dir"])],
                "a briefing in person: only the officer hears")
        var report = r; report.proposal.writtenReport = true
        let ready = try A.decide(A.state(report), .init(actor: "ceo")).get().events(.init(briefing: "BR-0001", session: nil, offers: [], readers: ["A", "B"]), in: c)
        #expect(ready.last == .reportReady(briefing: "BR-0001", officer: "dir", title: "Local Plan review", tell: ["a-lead", "b-lead"]),
                "a written report released: the groups that have it are told it is ready")
        #expect(r.requesterSide(c) == ["dir"], "a held item's decision goes to its officer alone, never to a group")
        let declined = try Decline.decide(A.state(r).0, .init(actor: "ceo", reason: "It recommends an option")).get()
        #expect(declined.events(in: c) == [.requestDeclined(.init(request: "RQ-0001", kind: .material, matter: "Local Plan review",
                                                                  reason: "It recommends an option", to: ["dir"]))])
        if case .success = A.decide(A.state(r), .init(actor: "a-lead")) { Issue.record("a group leader released held material") }
    }

    @Test("issue 23 item 8: a material file is what its extension and its first bytes both say, within the limit; a PDF or Word file is held, the rule cannot read it")
    func materialFiles() throws {
        let limit = 1024
        #expect(try MaterialFile.read(name: "notes.md", bytes: Array("\u{FEFF}# A\r\nb".utf8), limit: limit).get() == .text("# A\nb"))
        #expect(try MaterialFile.read(name: "R.PDF", bytes: Array("%PDF-1.4 x".utf8), limit: limit).get() == .file(MaterialFile(name: "R.PDF", kind: .pdf, size: 10)))
        let docx: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + Array("....word/document.xml....".utf8)
        #expect(try MaterialFile.read(name: "r.docx", bytes: docx, limit: limit).get() == .file(MaterialFile(name: "r.docx", kind: .word, size: docx.count)))
        for (name, bytes, says) in [("r.pdf", Array("I recommend".utf8), "is not a PDF"), ("r.docx", [0x50, 0x4B, 0x03, 0x04] + Array("zip".utf8), "is not a Word document"),
                                    ("r.txt", [0x41, 0x00, 0x42], "is not text"), ("r.txt", Array("a\u{1B}b".utf8), "ESC"), ("r.doc", [0xD0, 0xCF], "not a kind of file"),
                                    ("r", Array("text".utf8), "not a kind of file"), ("r.txt", [], "is empty"),
                                    ("big.txt", [UInt8](repeating: 0x41, count: 1025), "larger than the desk's limit of 1 KB")] as [(String, [UInt8], String)] {
            guard case .failure(let r) = MaterialFile.read(name: name, bytes: bytes, limit: limit) else { Issue.record("\(name) read"); continue }
            #expect(r.kind == .invalid && r.message.contains(says), "\(name): \(r.message)")
        }
        let c = A.council(), pdf = MaterialFile(name: "r.pdf", kind: .pdf, size: 10)
        let held = try Self.briefing().attach(material: "", file: pdf, by: "dir", invited: false, groups: ["A"], in: c).get()
        #expect(held.held && held.verdict.message.contains("cannot read") && held.plan(request: "RQ-0002").audit.details["file"] == "r.pdf")
        let advice = try Self.briefing().attach(material: "We recommend it", file: pdf, by: "dir", invited: false, groups: ["A"], in: c).get()
        #expect(advice.held && advice.verdict.message.contains("we recommend"), "the text's own finding comes first")
        if case .success = Self.briefing().attach(material: " ", file: nil, by: "dir", invited: false, groups: ["A"], in: c) { Issue.record("nothing attached") }
    }

    @Test("issue 25 item 1 (003 §7.13): a budget briefing's material is for one group's own discussion, named, among those that have one")
    func budgetMaterial() throws {
        let c = A.council(), budget = Self.briefing(budget: true)
        guard case .failure(let unnamed) = budget.attach(material: "Costing", by: "dir", invited: false, groups: ["A", "B"], discussions: ["A", "B"], in: c) else {
            Issue.record("budget material attached for no group in particular"); return
        }
        #expect(unnamed.rule == .confidentiality && unnamed.kind == .invalid && unnamed.clauses == c.profile.clauses(.confidentiality))
        #expect(unnamed.remedy == .nameBudgetDiscussion(briefing: "BR-0001", groups: ["A", "B"]))
        guard case .failure(let none) = budget.attach(material: "Costing", by: "dir", invited: false, groups: ["A"], for: "B", discussions: ["A"], in: c) else {
            Issue.record("material for a group with no budget discussion of its own"); return
        }
        #expect(none.rule == .confidentiality && none.kind == .conflict && none.message.contains("Group B has no budget discussion"))
        let theirs = try budget.attach(material: "Costing", by: "dir", invited: false, groups: ["A", "B"], for: "B", discussions: ["A", "B"], in: c).get()
        #expect(theirs.plan().audit.details["group"] == "B")
        let shared = try Self.briefing().attach(material: "Facts", by: "dir", invited: false, groups: ["A"], for: "A", discussions: ["A"], in: c).get()
        #expect(shared.plan().audit.details["group"] == nil, "any other briefing's material is shared by every session")
    }

    @Test("only the requesting group's leader releases its budget briefing, once; the approver closes a briefing once every offer is answered or lapsed")
    func releaseAndClose() throws {
        let c = A.council(), presence = Decider.ApproverPresence(away: false, on: Self.today)
        if case .failure(let r) = Self.briefing(budget: true).release(by: "b-lead", in: c) { #expect(r.rule == .confidentiality) }
        else { Issue.record("another group released it") }
        if case .success = Self.briefing().release(by: "a-lead", in: c) { Issue.record("released a briefing that is not a budget one") }
        #expect(try Self.briefing(budget: true).release(by: "a-lead", in: c).get()?.audit.action == "briefing.release")
        #expect(try Self.briefing(budget: true, released: true).release(by: "a-lead", in: c).get() == nil)

        if case .failure(let r) = Self.briefing().close(by: "ceo", unanswered: [Self.offer()], in: c, presence: presence) { #expect(r.remedy == .waitOrLapse) }
        else { Issue.record("closed with an offer open") }
        if case .success = Self.briefing().close(by: "a-lead", unanswered: [], in: c, presence: presence) { Issue.record("a group leader closed it") }
        if case .success = Self.briefing(status: .closed).close(by: "ceo", unanswered: [], in: c, presence: presence) { Issue.record("closed twice") }
        let late = Self.offer(answerBy: "2026-12-01")
        let closed = try Self.briefing().close(by: "ceo", unanswered: [late], in: c, presence: presence).get()
        #expect(closed.lapsed == [late] && closed.plan.audit.action == "briefing.close")
    }
}

extension OfferStepTests {
    @Test("a group joins only a scheduled joint session of its offer's briefing, with its own attendees; a refer queues the join")
    func joining() throws {
        let c = A.council(), presence = Decider.ApproverPresence(away: false, on: Self.today)
        var s = SessionTests.joint(); s.groups = [s.groups[0]]; s.briefing = 1
        let offer = Offer(ref: "OF-0003", briefing: "BR-0001", group: "B", status: .open, answerBy: LocalDate("2026-12-14"))
        let p = try Joining.proposal(s, offer: offer, by: "b-lead", onBehalfOf: nil, attendees: [.person("b-2")], in: c)
        #expect(p.groups == ["B", "A"] && p.attendees == [.person("b-2")])
        var other = s; other.briefing = 2
        do { _ = try Joining.proposal(other, offer: offer, by: "b-lead", onBehalfOf: nil, attendees: [], in: c); Issue.record("joined another briefing's session") }
        catch { #expect(error.rule == .equalOffer && error.remedy == .joinListedOrPropose) }
        var closed = s; closed.joinable = false
        do { _ = try Joining.proposal(closed, offer: offer, by: "b-lead", onBehalfOf: nil, attendees: [], in: c); Issue.record("joined a session not shared") }
        catch { #expect(error.rule == .equalOffer) }

        let joined = try Joining.decide(p, session: s, offer: offer, by: "b-lead", verdicts: [], standingAgreement: "RQ-0001", in: c, presence: presence).get()
        #expect(joined.outcome == .joined(agreement: "RQ-0001") && joined.events(request: nil).isEmpty)
        #expect(joined.audit(request: nil).details == ["session": "SE-0007", "groups": "A,B", "agreement": "RQ-0001"])
        let queued = try Joining.decide(p, session: s, offer: offer, by: "b-lead", verdicts: [A.refer(.workingHours)], standingAgreement: "RQ-0001",
                                        in: c, presence: presence).get()
        #expect(queued.outcome == .queued && queued.audit(request: "RQ-0009").action == "offer.propose")
        #expect(queued.events(request: "RQ-0009") == [.joinQueued(request: "RQ-0009", group: "B", session: "SE-0007", matter: s.matter.title, start: s.meetingStart, referred: [.workingHours], tell: ["ceo"])])
        if case .success = Joining.decide(p, session: s, offer: offer, by: "b-lead",
                                          verdicts: [Verdict(rule: .venue, passed: false, severity: .block, clauses: [], message: "no", fix: "")],
                                          standingAgreement: "RQ-0001", in: c, presence: presence) { Issue.record("a blocked join") }
    }
}
