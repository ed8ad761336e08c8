import BriefingsCalendar
import BriefingsDomain
import Foundation
import Testing

/// Answers to an invitation as Outlook, Google Calendar and Apple Calendar send them (`Tests/fixtures/replies/`), read
/// with libical into what `CalendarReply` judges (issue 24, "Answers from the calendar").
@Suite("Calendar replies read")
struct ReplyReaderTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../fixtures/replies").standardized
    static func t(_ s: String) -> Date { try! LondonTime.parse(s) }
    static func read(_ name: String) throws -> ReplyReader.Part {
        try ReplyReader.read(String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self))
    }
    static let nadia = "nadia.rahman@example.gov.uk"

    @Test("Outlook's Accept: METHOD:REPLY, the same UID and SEQUENCE, PARTSTAT=ACCEPTED, its Windows zone read as London time")
    func outlookAccepted() throws {
        let part = try Self.read("outlook-accepted.ics")
        #expect(part.method == "REPLY" && part.uid == "session-1@briefings" && part.sequence == 2)
        #expect(part.start == Self.t("2026-12-07T14:00") && part.end == Self.t("2026-12-07T14:45"))
        let (attendee, answer) = part.answer(for: Self.nadia)
        #expect(attendee?.lowercased() == Self.nadia && answer == .accepted)
    }

    @Test("Outlook's Propose New Time: METHOD:COUNTER with the new time and the officer's note")
    func outlookCounter() throws {
        let part = try Self.read("outlook-counter.ics")
        let (_, answer) = part.answer(for: Self.nadia)
        #expect(answer == .counter(start: Self.t("2026-12-09T10:00"), end: Self.t("2026-12-09T10:45"),
                                   comment: "Site visit that afternoon; the morning of the 9th suits."))
    }

    @Test("Google Calendar's Decline: UTC times, a folded ATTENDEE line, PARTSTAT=DECLINED and the note as COMMENT")
    func googleDeclined() throws {
        let part = try Self.read("google-declined.ics")
        #expect(part.method == "REPLY" && part.uid == "session-1@briefings" && part.sequence == 2)
        let (attendee, answer) = part.answer(for: Self.nadia)
        #expect(attendee == Self.nadia)
        guard case .declined(let comment) = answer else { Issue.record("not a decline: \(String(describing: answer))"); return }
        #expect(comment?.contains("On leave that week") == true)
    }

    @Test("Apple Calendar's Accept: its own VTIMEZONE, quoted parameters, PARTSTAT=ACCEPTED")
    func appleAccepted() throws {
        let part = try Self.read("apple-accepted.ics")
        #expect(part.start == Self.t("2026-12-07T14:00") && part.sequence == 2)
        #expect(part.answer(for: Self.nadia).answer == .accepted)
    }

    @Test("what is not an answer the desk acts on says so: another attendee's answer, TENTATIVE, no METHOD; a part that is not iCalendar is refused")
    func notAnswers() throws {
        var part = try Self.read("apple-accepted.ics")
        part.attendees.append(.init(address: "someone@example.org", partstat: "ACCEPTED"))
        #expect(part.answer(for: "nobody@example.org").answer == nil, "several attendees and none is the invitation's: no answer")
        part = try Self.read("outlook-counter.ics")
        part.method = "REPLY"
        #expect(part.answer(for: Self.nadia).answer == .other("TENTATIVE"))
        part.method = nil
        #expect(part.answer(for: Self.nadia).answer == nil)
        #expect(throws: CalendarImportError.self) { try ReplyReader.read("Thanks, see you there!") }
    }
}
