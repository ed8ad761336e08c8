import BriefingsDomain
@testable import BriefingsStore
import Foundation
import GRDB
import Testing

@Suite("Briefing desk workflow")
struct WorkflowTests {
    typealias S = Support

    @Test("request → approval → an offer to every other group → acceptance, decline, joint session → close")
    func wholeStory() async throws {
        let desk = try await S.desk()
        let receipt = try await desk.submitRequest(S.request(joint: true))
        #expect(receipt.ref == "RQ-0001" && receipt.status == "pending")
        #expect(try await desk.queue(as: "o-ceo").map(\.ref) == ["RQ-0001"])

        let approval = try await desk.approve("RQ-0001", as: "o-ceo")
        #expect(approval.briefing == "BR-0001" && approval.session == "SE-0001")
        // equal-offer: every other group (CON, LD, GRN) and the co-opted member without a group (003 §22.1) gets an offer.
        let offers = try await desk.offers(as: "o-mo")
        #expect(Set(offers.filter { $0.status == "open" }.map(\.group)) == ["CON", "LD", "GRN", "m-clarke"])
        #expect(offers.first { $0.group == "LAB" }?.status == "requested")
        #expect(try await desk.queue(as: "o-ceo").isEmpty)

        // equal-offer: the briefing cannot close while offers are open.
        await #expect { try await desk.closeBriefing("BR-0001", as: "o-ceo") } throws: { ($0 as? DeskError)?.rule == .equalOffer }

        let con = try #require(offers.first { $0.group == "CON" }), ld = try #require(offers.first { $0.group == "LD" })
        let grn = try #require(offers.first { $0.group == "GRN" })
        try await desk.declineOffer(con.ref, as: "m-hughes", reason: "Briefed at committee")
        let joined = try await desk.joinSession(offer: ld.ref, session: "SE-0001", as: "pa-ld", onBehalfOf: "m-evans", attendees: [.person("m-evans")])
        #expect(joined.ref == "SE-0001")
        #expect(try await desk.session("SE-0001", as: "m-evans").groups == ["LAB", "LD"])
        var own = S.request(group: "GRN", by: "m-nowak", day: "2026-12-08", attendees: ["m-nowak"])
        own.venue = .virtual("https://meet.example.gov.uk/grn")
        let accepted = try await desk.acceptOffer(grn.ref, own)
        #expect(accepted.ref == "SE-0002" && accepted.status == "scheduled")
        // The group's own session carries the briefing's matter and officers, whatever it proposed.
        #expect(try await desk.session("SE-0002", as: "o-ceo").officers.map(\.officer) == ["o-dir-place"])

        let clarke = try #require(offers.first { $0.group == "m-clarke" })
        try await desk.declineOffer(clarke.ref, as: "m-clarke", reason: "Briefed at Audit Committee")
        try await desk.closeBriefing("BR-0001", as: "o-ceo")
        let parity = try await desk.parity(as: "o-mo")
        #expect(parity.first { $0.group == "CON" }?.declined == 1)
        #expect(parity.first { $0.group == "LD" }?.accepted == 1)
        #expect(parity.first { $0.group == "GRN" }?.officerHours == 0.75)
        #expect(try await desk.verifyAudit().intact)
    }

    @Test("a block refuses the request and the database is left exactly as it was")
    func blockLeavesNothing() async throws {
        let desk = try await S.desk()
        let before = try S.snapshot(desk)
        var p = S.request()
        p.attendees.append(.guest("Party agent"))
        await #expect { try await desk.submitRequest(p) } throws: { e in
            let e = e as! DeskError
            return e.kind == .refused && e.rule == .membersOnly && e.clauses.contains("000 §17.16.6") && !e.fix.isEmpty
                && e.verdicts.count == RuleEngine.proposalRules.count
        }
        #expect(try S.snapshot(desk) == before)
    }

    @Test("a refer needs the approver's recorded reason; a second approval is refused; only the approver or deputy may approve")
    func approvalRules() async throws {
        let desk = try await S.desk()
        _ = try await desk.submitRequest(S.request(at: "18:00"))
        try await desk.recordAbsence(from: LocalDate("2026-11-02")!, until: LocalDate("2026-11-03")!, as: "o-ceo")
        await #expect { try await desk.approve("RQ-0001", as: "m-patel") } throws: { ($0 as? DeskError)?.rule == .approval && ($0 as? DeskError)?.kind == .forbidden }
        await #expect { try await desk.approve("RQ-0001", as: "o-ceo") } throws: { ($0 as? DeskError)?.rule == .workingHours }
        await #expect { try await desk.approve("RQ-0001", as: "o-ceo", overrides: [.venue: "x"]) } throws: { ($0 as? DeskError)?.kind == .invalid }
        let a = try await desk.approve("RQ-0001", as: "o-dce", overrides: [.workingHours: "Agreed evening"])
        #expect(a.overrides == ["working-hours": "Agreed evening"])
        let view = try await desk.request("RQ-0001", as: "o-mo")
        #expect(view.decidedBy == "o-dce" && view.decidedRole == "deputy approver")
        let before = try S.snapshot(desk)
        await #expect { try await desk.approve("RQ-0001", as: "o-ceo", overrides: [.workingHours: "again"]) } throws: { ($0 as? DeskError)?.kind == .conflict }
        #expect(try S.snapshot(desk) == before)
        let entry = try #require(try await desk.audit(as: "o-mo").last { $0.action == "request.approve" })
        #expect(entry.role == "deputy approver" && entry.details["overrides"]?.contains("Agreed evening") == true)
        #expect(entry.verdicts.contains { $0.rule == .workingHours && !$0.passed })
    }

    @Test("declining needs a reason; a declined request cannot be approved")
    func decline() async throws {
        let desk = try await S.desk()
        _ = try await desk.submitRequest(S.request())
        await #expect { try await desk.decline("RQ-0001", as: "o-ceo", reason: "  ") } throws: { ($0 as? DeskError)?.kind == .invalid }
        try await desk.decline("RQ-0001", as: "o-ceo", reason: "Covered at Scrutiny")
        await #expect { try await desk.approve("RQ-0001", as: "o-ceo") } throws: { ($0 as? DeskError)?.kind == .conflict }
    }

    @Test("no-double-booking: an officer already booked, or a room within the buffer, blocks approval")
    func doubleBooking() async throws {
        let desk = try await S.desk()
        _ = try await desk.submitRequest(S.request())
        _ = try await desk.submitRequest(S.request(group: "CON", by: "m-hughes", at: "14:30", room: "cr2", attendees: ["m-hughes"]))
        _ = try await desk.submitRequest(S.request(group: "GRN", by: "m-nowak", officer: "o-hos-housing", at: "16:10", attendees: ["m-nowak"]))
        _ = try await desk.approve("RQ-0001", as: "o-ceo")
        await #expect { try await desk.approve("RQ-0002", as: "o-ceo") } throws: { ($0 as? DeskError)?.rule == .noDoubleBooking }
        await #expect { try await desk.approve("RQ-0003", as: "o-ceo") } throws: { ($0 as? DeskError)?.rule == .noDoubleBooking }
        // Room cr1 is held 14:00–16:00 plus a 15-minute buffer; 16:10 is too soon.
        let queue = try await desk.queue(as: "o-ceo")
        let v = try #require(queue.first { $0.ref == "RQ-0003" }?.verdicts.first { $0.rule == .noDoubleBooking })
        #expect(!v.passed && v.message.contains("buffer"))
        // Cancelling the first session frees the officer.
        try await desk.cancel("SE-0001", as: "m-patel", reason: "Meeting moved")
        _ = try await desk.approve("RQ-0002", as: "o-ceo")
    }

    @Test("officer-consistency: after the first invitation an officer may not decline another group's session, only nominate")
    func officerConsistency() async throws {
        let desk = try await S.desk()
        _ = try await desk.submitRequest(S.request())
        _ = try await desk.approve("RQ-0001", as: "o-ceo")
        let grn = try #require(try await desk.offers(as: "m-nowak").first)
        _ = try await desk.acceptOffer(grn.ref, S.request(group: "GRN", by: "m-nowak", day: "2026-12-09", room: "cr2", attendees: ["m-nowak"]))
        // officer-may-decline: the first invitation may be declined, with a reason.
        await #expect { try await desk.respond("SE-0001", as: "o-dir-place", .decline(reason: "")) } throws: { ($0 as? DeskError)?.kind == .invalid }
        _ = try await desk.respond("SE-0001", as: "o-dir-place", .confirm)
        await #expect { try await desk.respond("SE-0002", as: "o-dir-place", .decline(reason: "Too political")) } throws: { e in
            (e as? DeskError)?.rule == .officerConsistency && (e as? DeskError)?.clauses.contains("003 §7.8") == true
        }
        // A non-senior representative becomes the recorded nominee of the senior officer.
        let v = try await desk.respond("SE-0002", as: "o-dir-place", .nominate(representative: "o-mgr-planning", reason: "On leave"))
        #expect(v.first { $0.rule == .seniorOfficer }?.passed == true)
        let s = try await desk.session("SE-0002", as: "o-ceo")
        #expect(s.officers.contains { $0.officer == "o-mgr-planning" && $0.nominatedBy == "o-dir-place" })
        #expect(s.officers.contains { $0.officer == "o-dir-place" && $0.response == "represented" })
        // A non-senior officer cannot pass it on.
        await #expect { try await desk.respond("SE-0002", as: "o-mgr-planning", .nominate(representative: "o-planner", reason: "busy")) } throws: {
            ($0 as? DeskError)?.rule == .seniorOfficer
        }
    }

    @Test("officer-may-decline: a first invitation can be declined and the approver is told why")
    func mayDecline() async throws {
        let desk = try await S.desk()
        _ = try await desk.submitRequest(S.request())
        _ = try await desk.approve("RQ-0001", as: "o-ceo")
        let v = try await desk.respond("SE-0001", as: "o-dir-place", .decline(reason: "Too political in the run-up to the by-election"))
        #expect(v.first?.rule == .officerMayDecline)
        #expect(try await desk.notifications(for: "o-ceo").contains { $0.body.contains("by-election") })
        #expect(try await desk.session("SE-0001", as: "o-ceo").officers.first?.response == "declined")
    }

    @Test("confidentiality: groups see only their own requests and sessions; budget titles are embargoed")
    func confidentiality() async throws {
        let desk = try await S.desk()
        var p = S.request(title: "Budget 2027/28 savings options")
        p.matter.embargoUntil = LocalDate("2027-02-01")
        _ = try await desk.submitRequest(p)
        _ = try await desk.approve("RQ-0001", as: "o-ceo")
        await #expect { try await desk.request("RQ-0001", as: "m-nowak") } throws: { ($0 as? DeskError)?.rule == .confidentiality }
        await #expect { try await desk.session("SE-0001", as: "m-hughes") } throws: { ($0 as? DeskError)?.rule == .confidentiality }
        #expect(try await desk.request("RQ-0001", as: "m-okafor").group == "LAB")
        #expect(try await desk.sessions(as: "m-nowak").isEmpty)
        let theirs = try await desk.offers(as: "m-nowak")
        #expect(theirs.map(\.group) == ["GRN"])
        #expect(theirs[0].title.contains("Embargoed") && !theirs[0].title.contains("savings"))
        #expect(try await desk.offers(as: "m-patel")[0].title.contains("savings"))
        await #expect { try await desk.audit(as: "m-patel") } throws: { ($0 as? DeskError)?.rule == .confidentiality }
        // Officers see only the officers' segment of their sessions.
        let officerView = try await desk.session("SE-0001", as: "o-dir-place")
        #expect(officerView.meetingEnd == officerView.segmentEnd && officerView.attendees.isEmpty)
    }

    @Test("response-time: the queue counts working days and flags overdue requests")
    func responseTime() async throws {
        let clock = TestClock("2026-11-02T09:00")
        let desk = try await S.desk(clock: clock)
        _ = try await desk.submitRequest(S.request())
        clock.set("2026-11-05T09:00")
        var item = try #require(try await desk.queue(as: "o-ceo").first)
        #expect(item.clock.workingDaysWaiting == 3 && item.clock.acknowledgementOverdue && !item.clock.responseOverdue)
        try await desk.acknowledge("RQ-0001", as: "o-ceo", message: "The Director is checking her diary; you will hear by 16 November.",
                                   replyBy: LocalDate("2026-11-16"))
        clock.set("2026-11-17T09:00")
        item = try #require(try await desk.queue(as: "o-ceo").first)
        #expect(item.clock.responseOverdue && !item.clock.acknowledgementOverdue)
        #expect(item.verdicts.contains { $0.rule == .responseTime && !$0.passed })
    }

    @Test("a group's offer answered with a referred session goes to the queue, then books on approval")
    func referredAcceptance() async throws {
        let desk = try await S.desk()
        _ = try await desk.submitRequest(S.request())
        _ = try await desk.approve("RQ-0001", as: "o-ceo")
        let con = try #require(try await desk.offers(as: "m-hughes").first)
        let r = try await desk.acceptOffer(con.ref, S.request(group: "CON", by: "m-hughes", day: "2026-12-09", at: "19:00", attendees: ["m-hughes"]))
        #expect(r.ref == "RQ-0002" && r.status == "pending")
        #expect(try await desk.offers(as: "m-hughes")[0].status == "pending")
        let a = try await desk.approve("RQ-0002", as: "o-ceo", overrides: [.workingHours: "Group meets only in the evening"])
        #expect(a.session == "SE-0002" && a.offers.isEmpty)
        #expect(try await desk.offers(as: "m-hughes")[0].status == "accepted")
    }

    @Test("bad input: unknown ids, past or impossible times are refused and change nothing")
    func badInput() async throws {
        let desk = try await S.desk()
        let before = try S.snapshot(desk)
        func refused(_ p: SessionProposal, _ kind: DeskError.Kind) async {
            await #expect { try await desk.submitRequest(p) } throws: { ($0 as? DeskError)?.kind == kind }
        }
        await refused(S.request(by: "nobody"), .notFound)
        await refused(S.request(group: "UKIP"), .notFound)
        await refused(S.request(officer: "o-ghost"), .notFound)
        await refused(S.request(room: "car-park"), .notFound)
        await refused(S.request(attendees: ["m-patel", "x-99"]), .notFound)
        await refused(S.request(day: "2026-10-01"), .invalid)
        var p = S.request()
        p.meetingEnd = p.meetingStart.addingTimeInterval(-60)
        await refused(p, .invalid)
        #expect(try S.snapshot(desk) == before)
        await #expect { try await desk.approve("RQ-0042", as: "o-ceo") } throws: { ($0 as? DeskError)?.kind == .notFound }
        await #expect { try await desk.approve("banana", as: "o-ceo") } throws: { ($0 as? DeskError)?.kind == .invalid }
        #expect(try S.snapshot(desk) == before)
    }

    @Test("re-importing the roster updates in place and keeps removed people for their requests")
    func reimport() async throws {
        let desk = try await S.desk()
        _ = try await desk.submitRequest(S.request())
        var json = String(decoding: S.exampleRoster, as: UTF8.self)
        json = json.replacingOccurrences(of: "Cllr Tunde Okafor", with: "Cllr Tunde Okafor-Smith")
        json = json.replacingOccurrences(of: "{ \"id\": \"m-patel\", \"name\": \"Cllr Asha Patel\", \"email\": \"cllr.asha.patel@example.gov.uk\", \"group\": \"LAB\" },", with: "")
            .replacingOccurrences(of: "\"leader\": \"m-patel\"", with: "\"leader\": \"m-okafor\"")
        let summary = try await desk.importRoster(Data(json.utf8))
        #expect(summary.retired == ["m-patel"])
        #expect(try await desk.council().roster.member("m-okafor")?.name == "Cllr Tunde Okafor-Smith")
        #expect(try await desk.request("RQ-0001", as: "o-ceo").requester == "m-patel")
        #expect(try await desk.council().name("m-patel") == "Cllr Asha Patel", "history keeps the name")
        // An invalid roster changes nothing.
        let before = try S.snapshot(desk)
        await #expect { try await desk.importRoster(Data("{\"groups\": 5}".utf8)) } throws: { ($0 as? DeskError)?.kind == .invalid }
        #expect(try S.snapshot(desk) == before)
    }

    @Test("a request on a bank holiday is referred under working-hours, from the council's own holiday list")
    func bankHoliday() async throws {
        let desk = try await Support.desk()
        // Monday 28 December 2026, the substitute Boxing Day, shipped with the England and Wales holidays.
        let receipt = try await desk.submitRequest(Support.request(day: "2026-12-28", at: "10:00"))
        let v = try #require(receipt.verdicts.first { $0.rule == .workingHours })
        #expect(!v.passed && v.severity == .refer && v.message.contains("2026-12-28 is a bank holiday"), "\(v.message)")
    }
}

@Suite("Group records of sessions")
struct NoteTests {
    typealias S = Support

    @Test("record-verification: a record is final once an officer who attended verified it, or once they have had five working days (003 §7.10); other groups never see it")
    func recordVerification() async throws {
        let clock = TestClock("2026-11-02T09:00")
        let desk = try await S.desk(clock: clock)
        _ = try await desk.submitRequest(S.request())
        _ = try await desk.approve("RQ-0001", as: "o-ceo")
        let note = try await desk.addNote("SE-0001", as: "m-okafor", text: "The Director said the site list is provisional.")
        #expect(note.ref == "NT-0001" && note.status == "draft")
        #expect(try await desk.notifications(for: "o-dir-place").contains { $0.subject.contains("NT-0001") })
        // Failing: finalised before any officer verified it, with no reason.
        await #expect { try await desk.finaliseNote("NT-0001", as: "m-patel", unverifiedReason: nil) } throws: { e in
            (e as? DeskError)?.rule == .recordVerification && (e as? DeskError)?.clauses.contains("003 §7.10") == true
        }
        // Other groups and other officers never see or touch it.
        await #expect { try await desk.addNote("SE-0001", as: "m-hughes", text: "x") } throws: { ($0 as? DeskError)?.rule == .confidentiality }
        await #expect { try await desk.verifyNote("NT-0001", as: "o-ceo", correction: nil) } throws: { ($0 as? DeskError)?.rule == .confidentiality }
        await #expect { try await desk.finaliseNote("NT-0001", as: "m-hughes", unverifiedReason: "x") } throws: { ($0 as? DeskError)?.rule == .confidentiality }
        #expect(try await desk.notes(as: "m-hughes").isEmpty)
        #expect(try await desk.notes(as: "o-dir-place").map(\.ref) == ["NT-0001"])
        // Issue 25 item 10: an officer who has not confirmed attending verifies nothing; once they confirm, they may.
        await #expect { try await desk.verifyNote("NT-0001", as: "o-dir-place", correction: nil) } throws: { ($0 as? DeskError)?.rule == .recordVerification }
        _ = try await desk.respond("SE-0001", as: "o-dir-place", .confirm)
        // Passing: the officer verifies with a correction; the group finalises.
        let verified = try await desk.verifyNote("NT-0001", as: "o-dir-place", correction: "Provisional until the consultation closes.")
        #expect(verified.verifiedBy == "o-dir-place" && verified.text.contains("Correction by Nadia Rahman"))
        let final = try await desk.finaliseNote("NT-0001", as: "m-patel", unverifiedReason: nil)
        #expect(final.status == "final" && final.verdict?.passed == true)
        await #expect { try await desk.verifyNote("NT-0001", as: "o-dir-place", correction: nil) } throws: { ($0 as? DeskError)?.kind == .conflict }
        // A second record: not final without verification while the officers still have their five working days; then it
        // is, with the reason recorded.
        _ = try await desk.addNote("SE-0001", as: "m-patel", text: "Second record")
        await #expect { try await desk.finaliseNote("NT-0002", as: "m-patel", unverifiedReason: "Officer on leave for a month") } throws: { e in
            (e as? DeskError)?.rule == .recordVerification && (e as? DeskError)?.message.contains("have until") == true
        }
        clock.set("2026-11-12T09:00")
        let unverified = try await desk.finaliseNote("NT-0002", as: "m-patel", unverifiedReason: "Officer on leave for a month")
        #expect(unverified.unverifiedReason == "Officer on leave for a month" && unverified.verdict?.passed == false)
    }
}
