import BriefingsDomain
import BriefingsMessages
import Foundation
import Testing

/// Messages with no step and no database: each event worded for its readers, sent to exactly whom the event names, and
/// written for its reader (issue 24): a subject that says what happened or what is asked, then the matter and any date,
/// references last; what is asked of the reader; a link to a desk page; never a command or an option.
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
                                         "mgr": "Planning Manager", "A": "Group A", "B": "Group B", "ceo": "Chief Executive"])

    static func t(_ s: String) -> Date { try! LondonTime.parse(s) }

    static let proposal = SessionProposal(requester: "a-lead", groups: ["A"], matter: Matter(title: "Local Plan review", area: "planning"),
                                          officers: [OfficerAttendance(officer: "dir")], meetingStart: t("2026-12-07T18:00"),
                                          meetingEnd: t("2026-12-07T20:00"), segmentStart: t("2026-12-07T18:00"), segmentEnd: t("2026-12-07T18:45"),
                                          venue: .virtual("https://meet.example.gov.uk/a"), attendees: [.person("a-lead")])
    static let request = BriefingRequest(ref: "RQ-0001", kind: .request, status: .approved, group: "A", requester: "a-lead", onBehalfOf: nil,
                                         proposal: proposal, submitted: t("2026-11-02T09:00"))

    /// One of every event a step tells, with the words each needs.
    static let everyEvent: [DeskEvent] = {
        var report = proposal
        report.writtenReport = true
        let start = t("2026-12-07T18:00"), later = t("2026-12-10T14:00")
        var events: [DeskEvent] = [
            .requestSubmitted(.init(request: "RQ-0001", proposal: proposal, referred: [.workingHours], acknowledgeBy: LocalDate("2026-11-04"),
                                    decideBy: LocalDate("2026-11-16"), to: ["ceo"])),
            .requestSubmitted(.init(request: "RQ-0002", proposal: report, referred: [], to: ["ceo"])),
            .requestAcknowledged(.init(request: "RQ-0001", matter: "Local Plan review", message: "Received; I will decide this week.", by: "ceo",
                                       replyBy: LocalDate("2026-11-06")!, delayReason: nil, respondBy: LocalDate("2026-11-09")!, to: ["a-lead"])),
            .requestAcknowledged(.init(request: "RQ-0001", matter: "Local Plan review", message: "The Director is taking legal advice.", by: "ceo",
                                       replyBy: LocalDate("2026-11-20")!, delayReason: "Counsel's opinion is due on the 18th.",
                                       respondBy: LocalDate("2026-11-09")!, to: ["a-lead"])),
            .requestPastDue(.init(request: "RQ-0001", matter: "Local Plan review", due: LocalDate("2026-11-09")!, promised: false, deputy: nil, to: ["a-lead"])),
            .requestPastDue(.init(request: "RQ-0001", matter: "Local Plan review", due: LocalDate("2026-11-20")!, promised: true, deputy: "dce", to: ["a-lead"])),
            .requestFlagged(.init(request: "RQ-0001", matter: "Local Plan review", officer: "dir", reason: "Three hours", to: ["ceo", "dir"])),
            .requestApproved(.init(request: request, session: "SE-0001", overridden: [.workingHours], lateExplanation: "Sorry.", to: ["a-lead"])),
            .reportCommissioned(.init(request: "RQ-0002", briefing: "BR-0002", matter: "Local Plan review", officers: ["mgr"],
                                      wantedBy: LocalDate("2026-12-20")!, requesterSide: ["a-lead"], authors: ["mgr", "dir"])),
            .offerMade(.init(offer: "OF-0002", briefing: "BR-0001", group: "B", title: "Local Plan review", officers: ["dir"],
                             answerBy: LocalDate("2026-12-15")!, jointSessions: ["SE-0001"], writtenReport: false, to: ["b-lead"])),
            .offerMade(.init(offer: "OF-0003", briefing: "BR-0002", group: "B", title: "Local Plan review", officers: ["mgr"],
                             answerBy: LocalDate("2026-12-15")!, jointSessions: [], writtenReport: true, to: ["b-lead"])),
            .sessionInvited(.init(session: "SE-0001", request: "RQ-0001", why: .agreed)),
            .sessionInvited(.init(session: "SE-0001", request: "RQ-0003", why: .moved(group: "A"))),
            .sessionInvited(.init(session: "SE-0001", request: "RQ-0007", why: .nominationAgreed(officer: "dir", representative: "mgr"))),
            .sessionInvited(.init(session: "SE-0001", request: "RQ-0007", why: .nominationDeclined(officer: "dir", representative: "mgr", reason: "Hours"))),
            .nomineeNamed(.init(session: "SE-0001", matter: "Local Plan review", start: start, group: "A", nominee: "mgr", senior: "dir")),
            .takeUpQueued(request: "RQ-0004", group: "B", requester: "b-lead", offer: "OF-0002", session: "SE-0002", briefing: "BR-0001",
                          matter: "Local Plan review", start: later, referred: [.workingHours], tell: ["ceo"]),
            .joinQueued(request: "RQ-0005", group: "B", session: "SE-0001", matter: "Local Plan review", start: start, referred: [.workingHours], tell: ["ceo"]),
            .moveQueued(request: "RQ-0006", host: "A", session: "SE-0001", matter: "Local Plan review", from: start, to: later, reason: "Clash",
                        referred: [.workingHours, .noDoubleBooking], tell: ["ceo"]),
            .nominationQueued(request: "RQ-0007", officer: "dir", representative: "mgr", session: "SE-0001", matter: "Local Plan review", start: start,
                              referred: [.workingHours], tell: ["ceo"]),
            .reportTakenUp(offer: "OF-0003", group: "B", briefing: "BR-0002", matter: "Local Plan review", ready: false, due: "2026-12-20", tell: ["b-lead", "mgr"]),
            .reportTakenUp(offer: "OF-0003", group: "B", briefing: "BR-0002", matter: "Local Plan review", ready: true, due: "2026-12-20", tell: ["b-lead", "mgr"]),
            .reportReady(briefing: "BR-0002", officer: "mgr", title: "Local Plan review", tell: ["a-lead", "b-lead", "mgr"]),
            .materialHeld(request: "RQ-0004", briefing: "BR-0002", officer: "mgr", matter: "Local Plan review", warned: [.adviceLimits], tell: ["ceo", "mgr"]),
            .materialReleased(request: "RQ-0004", briefing: "BR-0002", officer: "mgr", matter: "Local Plan review", tell: ["mgr"]),
            .requestDeclined(.init(request: "RQ-0004", kind: .material, matter: "Local Plan review", reason: "It recommends an option", to: ["mgr"])),
            .timeProposed(proposal: "TP-0001", officer: "mgr", session: "SE-0001", matter: "Local Plan review", from: start, to: later, reason: "Site visit",
                          tell: ["a-lead", "ceo"]),
            .proposalRefused(proposal: "TP-0001", group: "A", session: "SE-0001", matter: "Local Plan review", start: start, answer: "Members travel",
                             tell: ["mgr", "ceo"]),
            .noteToVerify(note: "NT-0001", session: "SE-0001", group: "A", matter: "Local Plan review", start: start, tell: ["dir", "a-lead"]),
            .calendarAnswerRefused(.init(session: "SE-0001", matter: "Local Plan review", start: start, tried: "decline",
                                         refusal: Refusal(.refused, rule: .officerConsistency, clauses: ["000 §17.16.3"],
                                                          "declining SE-0001 is refused: Director of Place has confirmed a session on this matter",
                                                          remedy: .advice("Nominate a representative for SE-0001, or ask the group to reschedule.")),
                                         to: ["dir"])),
            .approverAway(from: LocalDate("2026-11-02")!, until: LocalDate("2026-11-06")!, tell: ["ceo"]),
        ]
        for kind in [RequestKind.request, .acceptance, .join, .reschedule, .nomination] {
            events.append(.requestDeclined(.init(request: "RQ-0009", kind: kind, matter: "Local Plan review", reason: "Pick a daytime slot", to: ["a-lead"])))
        }
        let changes: [SessionChange] = [
            .takenUp(group: "B", briefing: "BR-0001", agreement: "RQ-0001"), .joined(group: "B", agreement: "RQ-0005", groups: ["A", "B"]), .confirmed,
            .rescheduled(from: start, to: later, reason: "Clash", confirmAgain: true), .rescheduled(from: start, to: start, reason: "New room", confirmAgain: false), .cancelled(by: "a-lead", reason: "Group meeting cancelled"),
            .withdrawn(group: "B", offer: "OF-0002", reason: "Moved", left: ["b-lead"], remaining: ["A"]),
            .officerDeclined(officer: "dir", matter: "Local Plan review", start: start, reason: "Leave", tell: ["a-lead", "ceo"]),
            .represented(officer: "dir", representative: "mgr", matter: "Local Plan review", start: start, reason: "Leave", waitingFor: nil, tell: ["a-lead", "ceo"]),
            .represented(officer: "dir", representative: "mgr", matter: "Local Plan review", start: start, reason: "Leave", waitingFor: "RQ-0007", tell: ["a-lead", "ceo"]),
            .nomination(senior: "dir", nominee: "mgr", matter: "Local Plan review", start: start, confirmed: true, message: "Confirmed", tell: ["a-lead"]),
            .nomination(senior: "dir", nominee: "mgr", matter: "Local Plan review", start: start, confirmed: false, message: "Refused", tell: ["a-lead"]),
        ]
        return events + changes.map { .sessionChanged(session: "SE-0001", $0) }
    }()

    /// Every message the events make, as its readers get it: subject and letter (an invitation's made as the store
    /// makes it, from the session's calendar event).
    static func messages(_ event: DeskEvent) -> [(subject: String, letter: Letter, to: String)] {
        let event0 = FeedEvent(uid: "session-1@briefings", title: "Briefing: Local Plan review (Group A)", description: "", location: "Room 1",
                               start: t("2026-12-07T18:00"), end: t("2026-12-07T18:45"), status: .tentative, sequence: 2, lastModified: t("2026-11-02T09:00"))
        func invited(_ s: String, _ officerView: Bool, _ news: String, _ part: InvitationPart) -> (String, Letter, String) {
            let m = EmailText.invitation(session: s, matter: "Local Plan review", event: event0, officerView: officerView, news: news, part: part)
            return (m.subject, m.letter, officerView ? "officers" : "attendees")
        }
        return EmailText.render(event, in: council).flatMap { draft -> [(subject: String, letter: Letter, to: String)] in
            switch draft {
            case .note(let subject, let letter, let to): [(subject, letter, to.joined(separator: ","))]
            case .invitation(let s, let news, let officers, let attendees, _, _):
                [officers.map { invited(s, true, news, $0) }, attendees.map { invited(s, false, news, $0) }].compactMap { $0 }
            case .cancellation(let s, let officerView, let part, let news, _): [invited(s, officerView, news, part)]
            }
        }
    }

    static var subjectFormat: Regex<AnyRegexOutput> { try! Regex(#"^(?<what>[^:]+): (?<matter>Local Plan review)(?:, (?:(?:answer|wanted|you will hear) by |due )?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (?:Nov|Dec)(?: \d{2}:\d{2})?)? \((?<refs>[A-Z]{2}-\d{4}(?:, [A-Z]{2}-\d{4})*)\)$"#) }
    static var command: Regex<AnyRegexOutput> { try! Regex(#"`|\bbriefings (?:approve|decline|queue|request|offer|session|officer|briefing|note|approver|notifications)\b|(?:^|[\s("])--[a-z]"#) }

    @Test("every message: the subject says what happened or is asked, then the matter and its date, references last; what is asked, and a desk link; no command or option")
    func everyMessage() throws {
        var count = 0
        for event in Self.everyEvent {
            for m in Self.messages(event) {
                count += 1
                if case .approverAway = event {
                    #expect(m.subject == "The Chief Executive is away: Mon 2 Nov to Fri 6 Nov")
                } else {
                    let match = try #require(m.subject.wholeMatch(of: Self.subjectFormat), "subject '\(m.subject)' of \(event)")
                    #expect(match.output["what"]?.substring.map { !$0.contains(try! Regex(#"[A-Z]{2}-\d{4}"#)) } == true, "a reference leads '\(m.subject)'")
                }
                #expect(m.letter.asked.hasPrefix("What is asked of you: ") || m.letter.asked.hasPrefix("Nothing is asked of you: "), "\(m.subject): \(m.letter.asked)")
                #expect(!m.letter.links.isEmpty && m.letter.links.allSatisfy { $0.path.hasPrefix("/desk") }, "\(m.subject): \(m.letter.links)")
                for text in [EmailLayout.text(m.letter, base: "https://briefings.example.gov.uk"),
                             EmailLayout.html(m.letter, subject: m.subject, base: "https://briefings.example.gov.uk"), m.subject] {
                    #expect(text.firstMatch(of: Self.command) == nil, "a command in '\(m.subject)': \(text)")
                }
            }
        }
        #expect(count >= 45)
    }

    @Test("an offer: for its group, its matter and its answer-by date, the offer's page on the desk, and only to whom the event names")
    func offer() throws {
        let e = DeskEvent.OfferMade(offer: "OF-0002", briefing: "BR-0001", group: "B", title: "Local Plan review", officers: ["dir", "mgr"],
                                    answerBy: LocalDate("2026-12-15")!, jointSessions: ["SE-0001"], writtenReport: false, to: ["b-lead"])
        guard case .note(let subject, let letter, let to) = EmailText.render(.offerMade(e), in: Self.council).first else {
            Issue.record("no note"); return
        }
        #expect(subject == "Offer for the Group B: Local Plan review, answer by Tue 15 Dec (OF-0002)")
        #expect(letter.news[0].contains("A briefing by Director of Place (Director) and Planning Manager (Manager)"))
        #expect(letter.asked == "What is asked of you: take it up with a session of your own, join the joint session, or decline it, by Tue 15 Dec 2026. An offer not answered by then lapses.")
        #expect(letter.facts.contains(Letter.Fact("Joint session", "SE-0001, which your group may join")))
        #expect(letter.links == [Letter.Link("Answer the offer", "/desk/offers#h-OF-0002")])
        #expect(to == ["b-lead"])
    }

    @Test("a commissioned report tells the requesting side and its authors apart")
    func commissioned() {
        let e = DeskEvent.ReportCommissioned(request: "RQ-0001", briefing: "BR-0001", matter: "Budget options", officers: ["mgr"],
                                             wantedBy: LocalDate("2026-12-20")!, lateExplanation: "Sorry.", requesterSide: ["a-lead"],
                                             authors: ["mgr", "dir"])
        let drafts = EmailText.render(.reportCommissioned(e), in: Self.council)
        guard drafts.count == 2, case .note(let s1, let l1, let to1) = drafts[0], case .note(let s2, let l2, let to2) = drafts[1] else {
            Issue.record("expected two notes"); return
        }
        #expect(s1 == "Written report commissioned: Budget options, wanted by Sun 20 Dec (RQ-0001, BR-0001)" && to1 == ["a-lead"])
        #expect(l1.news.first == "This answer is late. Sorry.")
        #expect(s2 == "Written report asked of you: Budget options, wanted by Sun 20 Dec (BR-0001, RQ-0001)" && to2 == ["mgr", "dir"])
        #expect(l2.asked.contains("by Sun 20 Dec 2026"))
        // The authors attach it on the briefing's own page.
        #expect(l2.links.first == Letter.Link("Attach the report", "/desk/briefings/BR-0001"))
    }

    @Test("a written report taken up or ready links to the briefing's page, where those entitled read it")
    func reportLinks() {
        let taken = EmailText.render(.reportTakenUp(offer: "OF-0003", group: "B", briefing: "BR-0002", matter: "Local Plan review", ready: true,
                                                    due: "2026-12-20", tell: ["b-lead"]), in: Self.council)
        let ready = EmailText.render(.reportReady(briefing: "BR-0002", officer: "mgr", title: "Local Plan review", tell: ["b-lead"]), in: Self.council)
        guard case .note(_, let l1, _) = taken.first, case .note(_, let l2, _) = ready.first else { Issue.record("no notes"); return }
        #expect(l1.links.first == Letter.Link("See the written report", DeskLink.briefing("BR-0002")))
        #expect(l2.links == [Letter.Link("Read the written report", "/desk/briefings/BR-0002")])
    }

    @Test("a move is an invitation headed Briefing moved, naming the group whose new time was agreed")
    func moved() {
        let drafts = EmailText.render(.sessionInvited(.init(session: "SE-0003", request: "RQ-0004", why: .moved(group: "A"))), in: Self.council)
        guard case .invitation(let session, let news, let officers, let attendees, _, _) = drafts.first else { Issue.record("no invitation"); return }
        #expect(session == "SE-0003" && news.contains("agreed the Group A's new time (RQ-0004)"))
        #expect(officers?.headline == "Briefing moved" && attendees?.headline == "Briefing moved")
    }

    @Test("the layout: links under the public address in text and HTML, desk paths without one; the HTML is a titled English document that escapes what it is given")
    func layout() {
        let letter = Letter(news: ["Cllr <b>Lead</b> asks & waits.", "Line one\nLine two"], facts: [.init("When", "Mon 7 Dec"), .init("Reference", "SE-0001")],
                            asked: "What is asked of you: decide it.", links: [.init("Decide it in your queue", "/desk/queue#h-RQ-0001")],
                            footer: ["Sent to Cllr A Lead; nobody else is copied."])
        let text = EmailLayout.text(letter, base: "https://briefings.example.gov.uk")
        #expect(text.contains("When:      Mon 7 Dec\nReference: SE-0001"))
        #expect(text.contains("Decide it in your queue:\nhttps://briefings.example.gov.uk/desk/queue#h-RQ-0001"))
        #expect(text.hasSuffix("\n\n-- \nSent to Cllr A Lead; nobody else is copied."))
        #expect(EmailLayout.text(letter, base: nil).contains("Decide it in your queue:\n/desk/queue#h-RQ-0001"))
        let html = EmailLayout.html(letter, subject: "Request to decide: <Local Plan>", base: "https://briefings.example.gov.uk")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">") && html.contains("<title>Request to decide: &lt;Local Plan&gt;</title>"))
        #expect(html.contains("Cllr &lt;b&gt;Lead&lt;/b&gt; asks &amp; waits.") && !html.contains("<b>Lead"))
        #expect(html.contains("<p style=\"margin: 0 0 16px 0;\">Line one</p>") && html.contains("<dt style=\"font-weight: bold;\">When</dt>"))
        #expect(html.contains("<a href=\"https://briefings.example.gov.uk/desk/queue#h-RQ-0001\""))
    }

    @Test("the footer names everyone, says who has no address, and names no command")
    func footer() {
        var roster = Self.roster
        roster.councilEmail = "desk@test.gov.uk"
        let c = Council(roster: roster, profile: .model, names: Self.council.names)
        let footer = EmailText.footer(council: c, recipients: ["a-lead", "b-lead"], desk: "desk@test.gov.uk")
        #expect(footer[0].hasPrefix("Sent by the briefings desk of Test Borough to Cllr A Lead and Cllr B Lead; nobody else is copied."))
        #expect(footer[0].contains("Cllr A Lead and Cllr B Lead have no email address on the roster"))
        #expect(!footer.joined().contains("`"))
    }
}
