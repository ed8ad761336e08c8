import BriefingsDomain
import BriefingsStore
import Foundation
import Testing

/// Each open offer suggests up to three free times for the same officers (issue 10, "Offers that are easy to take up"):
/// inside their working hours, clear of their sessions and imported busy times, with a council room free and the buffer
/// kept, before the linked meeting. A suggestion is only a suggestion: taking it up is judged like any other take-up.
@Suite("Offer slot suggestions")
struct SlotSuggestionTests {
    typealias S = Support

    /// (start, room) of each suggestion.
    static func times(_ found: BriefingDesk.OfferSlots) -> [String] { found.slots.map { "\($0.start) \($0.room)" } }

    /// The take-up a suggestion stands for, as the offer's group would propose it.
    static func takeUp(_ slot: BriefingDesk.Slot, offer: String, group: String, by: String, officers: [String],
                       title: String = "Local Plan review") -> SessionProposal {
        SessionProposal(requester: by, groups: [group], matter: Matter(title: title, area: "planning", linkedMeeting: "Cabinet"),
                        officers: officers.map { OfficerAttendance(officer: $0) },
                        meetingStart: S.t(slot.start), meetingEnd: S.t(slot.end), segmentStart: S.t(slot.segmentStart),
                        segmentEnd: S.t(slot.segmentEnd), venue: .room(slot.room), attendees: [])
    }

    /// Every rule a time and room decide passes for the slot, judged against the bookings as they are.
    static func judgedFree(_ desk: BriefingDesk, _ p: SessionProposal) async throws -> Bool {
        try await desk.check(p).filter { RuleEngine.slotRules.contains($0.rule) }.allSatisfy(\.passed)
    }

    @Test("suggestions never clash with an officer's session or imported busy time, or a room booked within the buffer")
    func neverClash() async throws {
        let desk = try await S.desk()   // Monday 2 November 2026, 09:00; the Director of Place works Mon-Fri 08:00-18:00
        _ = try await desk.approve(try desk.submitRequest(S.request(day: "2026-12-07")).ref, as: "o-ceo")   // BR-0001; OF-0002 is CON's
        // Tuesday: the Director is in another session 08:00-08:45 (in the Chamber).
        _ = try await desk.approve(try desk.submitRequest(S.request(day: "2026-11-03", at: "08:00", room: "chamber", title: "Housing allocations")).ref, as: "o-ceo")
        // Wednesday: an imported busy time until 13:00.
        _ = try await desk.importBusy(officer: "o-dir-place", [BusyInterval(start: S.t("2026-11-04T07:00"), end: S.t("2026-11-04T13:00"), summary: "Planning inquiry")],
                                source: "outlook.ics")
        // Thursday: Committee Room 1 is booked from 10:10, so a two-hour meeting from 08:00 would end inside the 15-minute buffer.
        _ = try await desk.approve(try desk.submitRequest(S.request(officer: "o-dce", day: "2026-11-05", at: "10:10", title: "Parks strategy")).ref, as: "o-ceo")

        let before = try S.snapshot(desk)
        let found = try await desk.suggestSlots(offer: "OF-0002", as: "m-hughes")
        #expect(Self.times(found) == ["2026-11-03T09:00 cr1", "2026-11-04T13:00 cr1", "2026-11-05T08:00 cr2"])
        #expect(found.from == "2026-11-03" && found.until == "2026-11-30", "the next working day to 20 working days ahead")
        let first = found.slots[0]
        #expect([first.start, first.end, first.segmentStart, first.segmentEnd, first.duration, first.segment, first.room, first.roomName]
                == ["2026-11-03T09:00", "2026-11-03T11:00", "2026-11-03T09:00", "2026-11-03T09:45", "2h", "45m", "cr1", "Committee Room 1, Civic Centre"])
        for slot in found.slots {
            #expect(try await Self.judgedFree(desk, Self.takeUp(slot, offer: "OF-0002", group: "CON", by: "m-hughes", officers: ["o-dir-place"])), "\(slot.start)")
        }
        // The offer's JSON carries the same suggestions, and reading them wrote nothing.
        #expect(try await desk.offers(as: "m-hughes").first { $0.ref == "OF-0002" }?.suggestedSlots == found.slots)
        #expect(try S.snapshot(desk) == before)
    }

    @Test("suggestions keep inside every officer's working hours and working days")
    func workingHours() async throws {
        let clock = TestClock("2026-11-05T09:00")   // Thursday
        let desk = try await S.desk(clock: clock)
        // The Director (Mon-Fri 08:00-18:00) with the Assistant Director, Finance (Mon-Fri 09:00-17:00): nothing before 09:00.
        var p = S.request(day: "2026-12-07")
        p.officers = [OfficerAttendance(officer: "o-dir-place"), OfficerAttendance(officer: "o-ad-finance")]
        _ = try await desk.approve(try desk.submitRequest(p).ref, as: "o-ceo")
        #expect(Self.times(try await desk.suggestSlots(offer: "OF-0002", as: "m-hughes")) == ["2026-11-06T09:00 cr1", "2026-11-09T09:00 cr1", "2026-11-10T09:00 cr1"])
        // A senior planner (Mon-Thu 09:00-17:00, the Director's nominee) whose part starts an hour into the meeting: never on
        // a Friday, and the group's meeting may start before the planner's day does.
        var q = S.request(day: "2026-12-08", title: "Design code")
        q.officers = [OfficerAttendance(officer: "o-planner", nominatedBy: "o-dir-place")]
        q.segmentStart = q.meetingStart.addingTimeInterval(3600); q.segmentEnd = q.meetingStart.addingTimeInterval(6300); q.meetingEnd = q.meetingStart.addingTimeInterval(7200)
        _ = try await desk.approve(try desk.submitRequest(q).ref, as: "o-ceo")
        let planner = try await desk.suggestSlots(offer: "OF-0007", as: "m-hughes")
        #expect(Self.times(planner) == ["2026-11-09T08:00 cr1", "2026-11-10T08:00 cr1", "2026-11-11T08:00 cr1"], "officers' part 09:00-09:45, Mon-Thu")
        #expect(planner.slots.map(\.segmentStart) == ["2026-11-09T09:00", "2026-11-10T09:00", "2026-11-11T09:00"])
    }

    @Test("across Christmas: bank holidays are not working days, and busy times straddling them are kept clear")
    func bankHolidays() async throws {
        let desk = try await S.desk(clock: TestClock("2026-12-23T09:00"))   // Wednesday; Fri 25 and Mon 28 December are bank holidays
        _ = try await desk.approve(try desk.submitRequest(S.request(day: "2027-01-12")).ref, as: "o-ceo")
        _ = try await desk.importBusy(officer: "o-dir-place", [
            BusyInterval(start: S.t("2026-12-24T07:00"), end: S.t("2026-12-24T18:30"), summary: "Leave"),
            BusyInterval(start: S.t("2026-12-28T17:00"), end: S.t("2026-12-29T09:00"), summary: "Travel"),   // across the night
        ], source: "outlook.ics")
        let found = try await desk.suggestSlots(offer: "OF-0002", as: "m-hughes")
        #expect(Self.times(found) == ["2026-12-29T09:00 cr1", "2026-12-30T08:00 cr1", "2026-12-31T08:00 cr1"])
        #expect(found.from == "2026-12-24")
    }

    @Test("across the clock changes: busy times given in UTC straddling them, suggestions in Europe/London wall-clock time")
    func clockChanges() async throws {
        let utc = ISO8601DateFormatter()
        // Spring 2027: Good Friday 26 March, the clocks go forward on Sunday 28, Easter Monday 29; the linked meeting is on 1 April.
        let spring = try await S.desk(clock: TestClock("2027-03-25T09:00"))
        var p = S.request(day: "2027-03-31")
        p.matter.meetingDate = LocalDate("2027-04-01")
        _ = try await spring.approve(try spring.submitRequest(p).ref, as: "o-ceo")
        _ = try await spring.importBusy(officer: "o-dir-place", [BusyInterval(start: utc.date(from: "2027-03-25T12:00:00Z")!,
                                                                        end: utc.date(from: "2027-03-30T08:30:00Z")!, summary: "Conference")],
                                  source: "outlook.ics")
        let found = try await spring.suggestSlots(offer: "OF-0002", as: "m-hughes")
        // 08:30 UTC on Tuesday is 09:30 BST; nothing on 1 April, the meeting's own day.
        #expect(Self.times(found) == ["2027-03-30T09:30 cr1", "2027-03-31T08:00 cr1"])
        #expect(found.from == "2027-03-26" && found.until == "2027-03-31")
        #expect(S.t(found.slots[0].start) == utc.date(from: "2027-03-30T08:30:00Z"))
        for slot in found.slots {
            #expect(try await Self.judgedFree(spring, Self.takeUp(slot, offer: "OF-0002", group: "CON", by: "m-hughes", officers: ["o-dir-place"])))
        }

        // Autumn 2027: the clocks go back on Sunday 31 October.
        let autumn = try await S.desk(clock: TestClock("2027-10-29T09:00"))
        _ = try await autumn.approve(try autumn.submitRequest(S.request(day: "2027-11-10")).ref, as: "o-ceo")
        _ = try await autumn.importBusy(officer: "o-dir-place", [BusyInterval(start: utc.date(from: "2027-10-29T15:00:00Z")!,
                                                                        end: utc.date(from: "2027-11-01T08:30:00Z")!, summary: "Away")],
                                  source: "outlook.ics")
        let after = try await autumn.suggestSlots(offer: "OF-0002", as: "m-hughes")
        #expect(Self.times(after) == ["2027-11-01T08:30 cr1", "2027-11-02T08:00 cr1", "2027-11-03T08:00 cr1"], "08:30 UTC is 08:30 GMT")
        #expect(S.t(after.slots[0].start) == utc.date(from: "2027-11-01T08:30:00Z"))
    }

    @Test("no working day left before the linked meeting: nothing suggested, and the days searched say why")
    func noDayLeft() async throws {
        let desk = try await S.desk(clock: TestClock("2027-03-25T09:00"))   // Thursday; the meeting is on Good Friday
        var p = S.request(day: "2027-03-25", at: "14:00")
        p.matter.meetingDate = LocalDate("2027-03-26")
        _ = try await desk.approve(try desk.submitRequest(p).ref, as: "o-ceo")
        let found = try await desk.suggestSlots(offer: "OF-0002", as: "m-hughes")
        #expect(found.slots.isEmpty && found.from == "2027-03-26" && found.until == "2027-03-25")
    }

    @Test("a suggestion taken up goes through offer accept like any other time; the next group's suggestions leave it clear")
    func takenUp() async throws {
        let desk = try await S.desk()
        _ = try await desk.approve(try desk.submitRequest(S.request(day: "2026-12-07")).ref, as: "o-ceo")
        let found = try await desk.suggestSlots(offer: "OF-0002", as: "m-lewis")   // a member of the group may look
        let receipt = try await desk.acceptOffer("OF-0002", as: "m-hughes", onBehalfOf: nil, join: nil,
                                           session: found.slots[0].form(attendees: ["m-hughes", "m-lewis"]))
        #expect(receipt.ref == "SE-0002" && receipt.status == "scheduled" && receipt.verdicts.allSatisfy { $0.passed || $0.severity == .warn })
        let session = try await desk.session("SE-0002", as: "m-hughes")
        #expect(session.meetingStart == "2026-11-03T08:00" && session.segmentEnd == "2026-11-03T08:45" && session.venue == "Committee Room 1, Civic Centre")
        // The Liberal Democrats' first suggestion keeps clear of the Director's 08:00-08:45 and of Committee Room 1 until 10:15.
        #expect(Self.times(try await desk.suggestSlots(offer: "OF-0003", as: "pa-ld")).first == "2026-11-03T09:00 cr2")
        // Answered: nothing to suggest, refused as answering it again is.
        await #expect { try await desk.suggestSlots(offer: "OF-0002", as: "m-hughes") } throws: { e in
            let e = e as! DeskError
            return e.kind == .conflict && e.rule == .equalOffer && !e.clauses.isEmpty && e.message.contains("already accepted") && !e.fix.isEmpty
        }
        #expect(try await desk.offers(as: "m-hughes").first?.suggestedSlots.isEmpty == true)
    }

    @Test("refusals: another group's offer, an officer, unknown ids, a pending or lapsed offer; each names the rule and changes nothing")
    func refusals() async throws {
        let clock = TestClock("2026-11-02T09:00")
        let desk = try await S.desk(clock: clock)
        _ = try await desk.approve(try desk.submitRequest(S.request(day: "2026-12-07")).ref, as: "o-ceo")
        // An evening take-up the working-hours rule refers: the offer waits for the approver.
        let evening = try await desk.acceptOffer("OF-0004", as: "m-nowak", onBehalfOf: nil, join: nil,
                                           session: SessionForm(start: "2026-12-08T19:00", room: "cr2", attendees: ["m-nowak"]))
        #expect(evening.status == "pending")
        let before = try S.snapshot(desk)
        func refused(_ offer: String, _ who: String, _ kind: DeskError.Kind, _ rule: RuleID?, _ says: String) async {
            await #expect { try await desk.suggestSlots(offer: offer, as: who) } throws: { e in
                guard let e = e as? DeskError else { return false }
                return e.kind == kind && e.rule == rule && (rule == nil || !e.clauses.isEmpty) && e.message.contains(says) && !e.fix.isEmpty
            }
        }
        await refused("OF-0002", "m-patel", .forbidden, .confidentiality, "offered to Conservative Group")
        await refused("OF-0002", "o-dir-place", .forbidden, .confidentiality, "other groups see only whether it is open or answered")
        await refused("OF-0002", "nobody", .notFound, nil, "nobody")
        await refused("OF-0099", "m-hughes", .notFound, nil, "no offer OF-0099")
        await refused("banana", "m-hughes", .invalid, nil, "not a OF id")
        await refused("OF-0004", "m-nowak", .conflict, .equalOffer, "already pending")
        await refused("OF-0001", "m-patel", .conflict, .equalOffer, "Labour Group's own line of BR-0001")
        #expect(try await desk.suggestSlots(offer: "OF-0002", as: "o-ceo").slots.count == 3, "the approver sees every offer")
        clock.set("2026-11-17T09:00")   // after OF-0002's answer-by date, 16 November
        await refused("OF-0002", "m-hughes", .conflict, .equalOffer, "lapsed")
        #expect(try await desk.offers(as: "o-mo").allSatisfy { $0.suggestedSlots.isEmpty })
        #expect(try S.snapshot(desk) == before)
    }
}
