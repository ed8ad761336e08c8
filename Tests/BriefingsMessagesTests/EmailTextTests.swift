import BriefingsDomain
import BriefingsMessages
import Foundation
import Testing

/// Messages with no step and no database: each event worded for its readers, sent to exactly whom the event names.
@Suite("Email text")
struct EmailTextTests {
    static let roster = Roster(councilName: "Test Borough", profileName: "model", approver: "ceo",
                               groups: [PoliticalGroup(id: "A", name: "Group A", leader: "a-lead"),
                                        PoliticalGroup(id: "B", name: "Group B", leader: "b-lead")],
                               members: [Member(id: "a-lead", name: "Cllr A Lead", group: "A"), Member(id: "b-lead", name: "Cllr B Lead", group: "B")],
                               officers: [Officer(id: "dir", name: "Director of Place", title: "Director", grade: .director, remit: ["planning"]),
                                          Officer(id: "mgr", name: "Planning Manager", title: "Manager", grade: .manager, remit: ["planning"])], rooms: [])
    static let council = Council(roster: roster, profile: .model,
                                 names: ["a-lead": "Cllr A Lead", "b-lead": "Cllr B Lead", "dir": "Director of Place",
                                         "mgr": "Planning Manager", "A": "Group A", "B": "Group B"])

    @Test("an offer names its group, its officers and its answer-by date, and goes only to whom the event names")
    func offer() {
        let e = DeskEvent.OfferMade(offer: "OF-0002", briefing: "BR-0001", group: "B", title: "Local Plan review", officers: ["dir", "mgr"],
                                    answerBy: LocalDate("2026-12-15")!, jointSessions: ["SE-0001"], writtenReport: false, to: ["b-lead"])
        guard case .note(let subject, let body, let to) = EmailText.render(.offerMade(e), in: Self.council).first else {
            Issue.record("no note"); return
        }
        #expect(subject == "OF-0002: a briefing offered to Group B: Local Plan review")
        #expect(body.contains("A briefing by Director of Place and Planning Manager") && body.contains("to answer by 2026-12-15"))
        #expect(body.contains("--join SE-0001"))
        #expect(to == ["b-lead"])
    }

    @Test("a commissioned report tells the requesting side and its authors apart")
    func commissioned() {
        let e = DeskEvent.ReportCommissioned(request: "RQ-0001", briefing: "BR-0001", matter: "Budget options", officers: ["mgr"],
                                             wantedBy: LocalDate("2026-12-20")!, lateExplanation: "Sorry.", requesterSide: ["a-lead"],
                                             authors: ["mgr", "dir"])
        let drafts = EmailText.render(.reportCommissioned(e), in: Self.council)
        guard drafts.count == 2, case .note(let s1, let b1, let to1) = drafts[0], case .note(let s2, _, let to2) = drafts[1] else {
            Issue.record("expected two notes"); return
        }
        #expect(s1 == "RQ-0001 approved: written report BR-0001 commissioned" && to1 == ["a-lead"])
        #expect(b1.hasPrefix("This answer is late. Sorry.\n\n"))
        #expect(s2 == "BR-0001: a written report commissioned from you: Budget options" && to2 == ["mgr", "dir"])
    }

    @Test("a move is an invitation headed Moved, naming the group whose new time was agreed")
    func moved() {
        let drafts = EmailText.render(.sessionInvited(.init(session: "SE-0003", request: "RQ-0004", why: .moved(group: "A"))), in: Self.council)
        guard case .invitation(let session, let headline, let news, let officers, _, _, _) = drafts.first else { Issue.record("no invitation"); return }
        #expect(session == "SE-0003" && headline == "Moved" && news.contains("agreed Group A's new time (RQ-0004)"))
        #expect(officers != nil)
    }
}
