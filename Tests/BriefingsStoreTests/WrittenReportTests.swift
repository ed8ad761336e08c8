import BriefingsDomain
@testable import BriefingsStore
import Foundation
import Testing

/// Written reports (RULES.md "Written reports"; issue 10 problem 3): a group may ask for a written report instead of
/// officers attending (`001 §4.10` "prepare a briefing or written report"). Approval commissions it from the named
/// officers and books nobody; every other group is offered the same report; its text is the briefing's material,
/// judged by `advice-limits`.
@Suite("Written reports")
struct WrittenReportTests {
    typealias S = Support

    /// Labour asks the Director of Place for a written report on the Local Plan, wanted by 1 December.
    static func form(due: String? = "2026-12-01", meetingDate: String? = "2026-12-15", session: SessionForm? = nil,
                     budget: Bool? = nil, title: String = "Local Plan review: housing sites") -> RequestForm {
        RequestForm(group: "LAB", matter: title, area: "planning", meeting: "Cabinet", officers: ["o-dir-place"],
                    budget: budget, meetingDate: meetingDate, session: session, writtenReport: true, reportDue: due)
    }

    @Test("a written report: judged by the request and matter rules, approval commissions it and books nobody, every other group is offered it")
    func commissionedAndOffered() async throws {
        let desk = try await S.desk()
        let receipt = try await desk.submitRequest(Self.form(), as: "m-patel")
        #expect(receipt.status == "pending")
        #expect(receipt.verdicts.map(\.rule) == [.requester, .councilBusiness, .noIndividualMatter, .professionalRemit],
                "nobody attends: no venue, attendee, hours, clash or segment rule judges it")
        #expect(receipt.verdicts.allSatisfy { $0.passed })
        let queued = try #require(try await desk.queue(as: "o-ceo").first)
        #expect(queued.kind == "written-report")
        #expect(try await desk.request(receipt.ref, as: "m-patel").kind == "written-report")

        let approval = try await desk.approve(receipt.ref, as: "o-ceo")
        #expect(approval.session == nil)
        #expect(approval.offers.count == 4, "the three other groups and the councillor without a group")
        #expect(try await desk.sessions(as: "o-ceo").isEmpty, "a written report books no session")
        #expect(try await desk.database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM booking") } == 0,
                "nor any officer's time or room")
        let commissioned = try await desk.notifications(for: "o-dir-place").last
        #expect(commissioned?.subject.hasPrefix("Written report asked of you: ") == true && commissioned?.subject.hasSuffix("(BR-0001, RQ-0001)") == true)
        #expect(try await desk.notifications(for: "m-patel").last?.subject.hasPrefix("Written report commissioned: ") == true)
        #expect(commissioned?.body.contains("What is asked of you: write the report and attach it on the desk by") == true)

        let offer = try #require(try await desk.offers(as: "m-hughes").first)
        #expect(offer.writtenReport == true && offer.status == "open" && offer.answerBy != nil)
        #expect(offer.suggestedSlots.isEmpty, "nothing to book, so no free times to suggest")
        await #expect { try await desk.suggestSlots(offer: offer.ref, as: "m-hughes") } throws: { e in
            let e = e as! DeskError
            return e.kind == .invalid && e.message.contains("written report") && e.fix.contains("offer accept \(offer.ref)")
        }
        #expect(try await desk.notifications(for: "m-hughes").last?.body.contains("written report") == true)
    }

    @Test("another group takes up the report with no meeting, and reads the same text once the officers attach it")
    func takenUpAndRead() async throws {
        let desk = try await S.desk()
        let approval = try await desk.approve(try desk.submitRequest(Self.form(), as: "m-patel").ref, as: "o-ceo")
        let con = try #require(try await desk.offers(as: "m-hughes").first).ref
        let ld = try #require(try await desk.offers(as: "m-evans").first).ref

        // A session for a report is refused, saying how to take it up; nothing changes.
        let before = try S.snapshot(desk)
        await #expect { try await desk.acceptOffer(con, as: "m-hughes", onBehalfOf: nil, join: nil,
                                       session: SessionForm(start: "2026-12-07T14:00", room: "cr1", attendees: ["m-hughes"])) } throws: { e in
            let e = e as! DeskError
            return e.kind == .invalid && e.rule == .equalOffer && e.message.contains("written report") && e.fix.contains("offer accept \(con)")
        }
        #expect(try S.snapshot(desk) == before)

        let taken = try await desk.acceptOffer(con, as: "m-hughes", onBehalfOf: nil, join: nil, session: nil)
        #expect(taken.status == "accepted" && taken.ref == con)
        #expect(try await desk.offers(as: "m-hughes").first?.status == "accepted")
        #expect(try await desk.sessions(as: "o-ceo").isEmpty)
        #expect(try await desk.briefing(approval.briefing, as: "m-hughes").material == nil, "nothing to read before the officers attach it")

        // The officers attach the report: advice-limits judges it; every group that has it is told and reads the same text.
        let text = "Facts: 4,200 homes are needed by 2040. Options: (a) three large sites; (b) twelve smaller sites. Merits of each for the authority."
        let receipt = try await desk.attachMaterial(approval.briefing, as: "o-dir-place", text: text)
        #expect(receipt.status == "attached" && receipt.verdicts.map(\.rule) == [.adviceLimits] && receipt.verdicts.allSatisfy(\.passed))
        let ready = "Written report ready: Local Plan review: housing sites (\(approval.briefing))"
        #expect(try await desk.notifications(for: "m-hughes").last?.subject == ready)
        #expect(try await desk.notifications(for: "m-patel").last?.subject == ready)
        #expect(try await desk.notifications(for: "m-evans").last?.subject != ready,
                "a group that has not taken it up is not sent it")
        for reader in ["m-patel", "m-hughes", "o-dir-place", "o-ceo", "o-mo"] {
            let b = try await desk.briefing(approval.briefing, as: reader)
            #expect(b.material == text && b.writtenReport == true && b.reportDue == "2026-12-01", "\(reader)")
        }
        // A group that has not taken it up reads nothing of it (confidentiality).
        await #expect { try await desk.briefing(approval.briefing, as: "m-evans") } throws: { e in
            let e = e as! DeskError
            return e.kind == .forbidden && e.rule == .confidentiality && e.fix.contains("offer list")
        }
        // It takes it up later, with the report already there.
        let late = try await desk.acceptOffer(ld, as: "m-evans", onBehalfOf: nil, join: nil, session: nil)
        #expect(late.message.contains("\(approval.briefing); it is ready to read"))
        #expect(try await desk.briefing(approval.briefing, as: "m-evans").material == text)
    }

    @Test("a report whose text reads as political advice is flagged by advice-limits (as the council's profile sets it) and held for the approver (issue 23 item 8)")
    func adviceLimits() async throws {
        let desk = try await S.desk(profile: "001")
        let approval = try await desk.approve(try desk.submitRequest(Self.form(), as: "m-patel").ref, as: "o-ceo")
        let receipt = try await desk.attachMaterial(approval.briefing, as: "o-dir-place", text: "We recommend the group votes for option (a).")
        let verdict = try #require(receipt.verdicts.first)
        #expect(verdict.rule == .adviceLimits && !verdict.passed)
        #expect(verdict.fix.contains("remove recommendations"))
        #expect(receipt.status == "held" && receipt.ref.hasPrefix("RQ-"))
        #expect(try await desk.briefing(approval.briefing, as: "m-patel").material == nil, "the requesting group does not read it yet")
        #expect(!(try await desk.notifications(for: "m-patel").contains { $0.subject.hasPrefix("Written report ready") }))
        _ = try await desk.approve(receipt.ref, as: "o-ceo")
        #expect(try await desk.briefing(approval.briefing, as: "m-patel").material == "We recommend the group votes for option (a).")
        #expect(try await desk.notifications(for: "m-patel").contains { $0.subject.hasPrefix("Written report ready") }, "released: its readers hear")
    }

    @Test("a report wanted after the meeting it is meant to inform is referred under council-business, saying why")
    func afterTheMeeting() async throws {
        let desk = try await S.desk()
        let receipt = try await desk.submitRequest(Self.form(due: "2026-12-18", meetingDate: "2026-12-15"), as: "m-patel")
        let v = try #require(receipt.verdicts.first { $0.rule == .councilBusiness })
        #expect(!v.passed && v.severity == .refer)
        #expect(v.message.contains("the report due on 2026-12-18 comes after the linked meeting (Cabinet) on 2026-12-15"))
    }

    @Test("a written report with a meeting, without a due date, due in the past, for a budget, or a due date without a report: refused, nothing written",
          arguments: [
            (WrittenReportTests.form(session: SessionForm(start: "2026-12-07T14:00", room: "cr1")), "has no meeting", "--start"),
            (WrittenReportTests.form(due: nil), "needs the date it is wanted by", "--report-due"),
            (WrittenReportTests.form(due: "2026-10-30"), "which has passed", "--report-due"),
            (WrittenReportTests.form(budget: true), "budget briefing", "leave out --written-report"),
            (RequestForm(group: "LAB", matter: "Local Plan", area: "planning", meeting: "Cabinet", officers: ["o-dir-place"],
                         session: SessionForm(start: "2026-12-07T14:00", room: "cr1"), reportDue: "2026-12-01"), "only for a written report", "--written-report"),
            (RequestForm(group: "LAB", matter: "Local Plan", area: "planning", meeting: "Cabinet", officers: ["o-dir-place"], session: nil),
             "no meeting given", "--written-report"),
          ])
    func refusals(form: RequestForm, message: String, fix: String) async throws {
        let desk = try await S.desk()
        let before = try S.snapshot(desk)
        await #expect { try await desk.submitRequest(form, as: "m-patel") } throws: { e in
            let e = e as! DeskError
            return e.kind == .invalid && e.message.contains(message) && e.fix.contains(fix)
        }
        #expect(try S.snapshot(desk) == before)
    }

    @Test("the workflow table lists the written-report step with the rules that judge it")
    func workflowTable() {
        #expect(Transition.writtenReport.judged == [.requester, .councilBusiness, .noIndividualMatter, .professionalRemit, .adviceLimits])
        #expect(Transition.markdownTable.contains("| written-report |"))
    }
}
