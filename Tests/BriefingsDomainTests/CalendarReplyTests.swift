import BriefingsDomain
import Foundation
import Testing

/// Answers from an officer's own calendar (issue 24), with no database and no mail: what a reply to one invitation may
/// do, and every reason it does nothing.
@Suite("Calendar replies")
struct CalendarReplyTests {
    typealias A = ApprovalTests
    static let session = SessionTests.joint()   // SE-0007, SEQUENCE 2, its officer "dir"
    static let invitation = CalendarReply.Invitation(session: 7, officer: "dir", email: "Director.Place@example.gov.uk",
                                                     uid: "session-7@briefings", sequence: 2, used: false)

    static func reply(_ answer: CalendarReply.Answer?, method: String? = "REPLY", sequence: Int? = 2, sender: String = "director.place@example.gov.uk",
                      attendee: String? = "mailto:DIRECTOR.PLACE@example.gov.uk", uid: String? = "session-7@briefings", token: String? = "t0k3n",
                      auto: Bool = false) -> CalendarReply.Message {
        .init(sender: sender, autoSubmitted: auto, token: token, method: method, uid: uid, sequence: sequence, attendee: attendee, answer: answer)
    }

    static func decide(_ m: CalendarReply.Message, invitation: CalendarReply.Invitation? = invitation, session: Session? = session)
        -> Result<CalendarReply.Decision, CalendarReply.Ignored> {
        CalendarReply.decide(m, invitation: invitation, session: session)
    }

    @Test("ACCEPTED confirms; DECLINED declines with the officer's comment (or says it came from their calendar); a COUNTER proposes its time")
    func answers() throws {
        #expect(try Self.decide(Self.reply(.accepted)).get() == .confirm)
        #expect(try Self.decide(Self.reply(.declined(comment: "  On leave that week \n"))).get() == .decline(reason: "On leave that week"))
        #expect(try Self.decide(Self.reply(.declined(comment: nil))).get() == .decline(reason: "Declined from their calendar"))
        let start = Fixture.t("2026-12-09T10:00"), end = Fixture.t("2026-12-09T10:45")
        #expect(try Self.decide(Self.reply(.counter(start: start, end: end, comment: "Site visit"), method: "COUNTER")).get()
                == .propose(segmentStart: start, segmentEnd: end, reason: "Site visit"))
        // A later SEQUENCE than the invitation's (a calendar that raised it) is not stale.
        #expect(try Self.decide(Self.reply(.accepted, sequence: 3)).get() == .confirm)
    }

    @Test("each refusal case does nothing, names its reason, and answers only the invitation's own officer, never an automatic message")
    func refusals() {
        func ignored(_ m: CalendarReply.Message, invitation: CalendarReply.Invitation? = Self.invitation, session: Session? = Self.session,
                     _ reason: String, answered: Bool) {
            switch Self.decide(m, invitation: invitation, session: session) {
            case .success(let d): Issue.record("acted on it (\(d)); expected: \(reason)")
            case .failure(let i):
                #expect(i.reason.contains(reason), "\(i.reason) should say \(reason)")
                #expect(i.answerSender == answered, "\(i.reason): answer the sender \(answered)")
            }
        }
        ignored(Self.reply(.accepted, token: nil), "no reply token", answered: false)
        ignored(Self.reply(.accepted), invitation: nil, "unknown reply token", answered: false)
        var used = Self.invitation; used.used = true
        ignored(Self.reply(.accepted), invitation: used, "already used", answered: false)
        ignored(Self.reply(.accepted, sender: "someone.else@example.org"), "not by the invitation's recipient", answered: false)
        ignored(Self.reply(.accepted, attendee: "mailto:someone.else@example.org"), "ATTENDEE answering", answered: false)
        ignored(Self.reply(.accepted, sequence: 1), "stale SEQUENCE 1", answered: true)
        ignored(Self.reply(.accepted, sequence: 1, auto: true), "stale SEQUENCE", answered: false)
        var moved = Self.session; moved.sequence = 3
        ignored(Self.reply(.accepted), session: moved, "stale SEQUENCE 2: the invitation is now at SEQUENCE 3", answered: true)
        var cancelled = Self.session; cancelled.status = .cancelled
        ignored(Self.reply(.accepted), session: cancelled, "SE-0007 was cancelled", answered: true)
        ignored(Self.reply(.accepted), session: nil, "no longer exists", answered: false)
        ignored(Self.reply(nil), "malformed", answered: true)
        ignored(Self.reply(.accepted, method: "REQUEST"), "malformed: METHOD:REQUEST", answered: true)
        ignored(Self.reply(.accepted, uid: "session-8@briefings"), "malformed: UID", answered: true)
        ignored(Self.reply(.accepted, method: nil, auto: true), "malformed", answered: false)
        ignored(Self.reply(.other("TENTATIVE")), "TENTATIVE is not an answer", answered: true)
        let t = Fixture.t("2026-12-09T10:00")
        ignored(Self.reply(.counter(start: t, end: t, comment: nil), method: "COUNTER"), "ends before it starts", answered: true)
    }

    @Test("a decline from the calendar is judged by the desk's own step: officer-consistency refuses it, and the officer is told why and what to do")
    func declineJudged() throws {
        let c = A.council(.p000)
        let decision = try Self.decide(Self.reply(.declined(comment: "Clash"))).get()
        guard case .decline(let reason) = decision else { Issue.record("not a decline"); return }
        let refusal: Refusal
        switch OfficerResponse.decline(Self.session, by: "dir", reason: reason, confirmedOnMatter: ["SE-0003"], in: c) {
        case .success: Issue.record("declined after confirming another session on the matter"); return
        case .failure(let r): refusal = r
        }
        #expect(refusal.rule == .officerConsistency)
        let event = CalendarReply.refused(refusal, answer: decision, session: Self.session, officer: "dir")
        guard case .calendarAnswerRefused(let e) = event else { Issue.record("not the refusal's event"); return }
        #expect(e.to == ["dir"] && e.session == "SE-0007" && e.tried == "decline" && e.refusal.rule == .officerConsistency)
        // With no other session confirmed on the matter, the same decline is a first one, and stands.
        #expect(try OfficerResponse.decline(Self.session, by: "dir", reason: reason, confirmedOnMatter: [], in: c).get().audit.action == "officer.decline")
    }

    @Test("a proposed time moves the whole meeting with the officers' part, keeping its shape")
    func meeting() {
        let s = Self.session
        let start = s.segmentStart.addingTimeInterval(86_400)
        let m = CalendarReply.meeting(for: s, segmentStart: start, segmentEnd: start.addingTimeInterval(s.segmentEnd.timeIntervalSince(s.segmentStart)))
        #expect(m.start == s.meetingStart.addingTimeInterval(86_400) && m.end == s.meetingEnd.addingTimeInterval(86_400))
    }
}
