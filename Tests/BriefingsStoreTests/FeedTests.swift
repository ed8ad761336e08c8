import BriefingsDomain
import BriefingsMessages
@testable import BriefingsStore
import Foundation
import Testing

@Suite("Feeds from the store")
struct FeedTests {
    typealias S = Support

    /// Labour's approved session SE-0001 (joint), and a pending Green request.
    static func council(_ clock: TestClock) async throws -> BriefingDesk {
        let desk = try await S.desk(clock: clock)
        _ = try await desk.submitRequest(S.request(joint: true))
        _ = try await desk.approve("RQ-0001", as: "o-ceo")
        _ = try await desk.submitRequest(S.request(group: "GRN", by: "m-nowak", officer: "o-hos-housing", day: "2026-12-10", room: "cr2", attendees: ["m-nowak"]))
        return desk
    }

    @Test("an officer's feed covers only the officers' segment, tentative until they confirm")
    func officer() async throws {
        let clock = TestClock("2026-11-02T09:00")
        let desk = try await Self.council(clock)
        var feed = try await desk.feed(.officer("o-dir-place"))
        #expect(feed.events.count == 1)
        let e = feed.events[0]
        #expect(e.start == S.t("2026-12-07T14:00") && e.end == S.t("2026-12-07T14:45"))
        #expect(e.status == .tentative && e.location == "Committee Room 1, Civic Centre")
        #expect(!e.description.contains("m-okafor") && !e.description.contains("Okafor"), "no attendees in an officer's feed")
        _ = try await desk.respond("SE-0001", as: "o-dir-place", .confirm)
        feed = try await desk.feed(.officer("o-dir-place"))
        #expect(feed.events[0].status == .confirmed)
        #expect(try await desk.feed(.officer("o-ceo")).events.isEmpty)
    }

    @Test("a group's feed has its own sessions and open offers, never another group's business")
    func group() async throws {
        let desk = try await Self.council(TestClock("2026-11-02T09:00"))
        let lab = try await desk.feed(.group("LAB"))
        #expect(lab.events.map(\.uid) == ["session-1@briefings"])
        #expect(lab.events[0].start == S.t("2026-12-07T14:00") && lab.events[0].end == S.t("2026-12-07T16:00"))
        let grn = try await desk.feed(.group("GRN"))
        #expect(grn.events.count == 1 && grn.events[0].status == .tentative && grn.events[0].title.hasPrefix("Offer to answer by today: "))
        #expect(!grn.events.contains { $0.uid.hasPrefix("session-") || $0.uid.hasPrefix("request-") })
        // Issue 24, item 4: an all-day note on the day it must be answered by, never a timed meeting (even one it could join).
        let due = try #require(try await desk.offers(as: "m-nowak").first { $0.status == "open" }?.answerBy.flatMap(LocalDate.init))
        #expect(grn.events[0].day == due && grn.events[0].start == S.t("\(due)T00:00") && grn.events[0].end == S.t("\(due.adding(days: 1))T00:00"))
        #expect(grn.events[0].description.contains("under Offers, by \(Wording.longDay(due))") && grn.events[0].description.contains("joint session SE-0001 at Mon 7 Dec 2026 14:00"))
        #expect(!grn.events[0].description.contains("`"), "no command in a feed")
        #expect(try await desk.feed(.member("m-adams")).events.isEmpty, "a member's feed shows their group's sessions, not offers")
        #expect(try await desk.feed(.member("m-okafor")).events.count == 1)
        await #expect { try await desk.feed(.group("UKIP")) } throws: { ($0 as? DeskError)?.kind == .notFound }
    }

    @Test("a council that keeps offers out of feeds (openOffersInFeeds: false) shows none, and its sessions as before")
    func offersKeptOut() async throws {
        let desk = try await Self.council(TestClock("2026-11-02T09:00"))
        let roster = String(decoding: S.exampleRoster, as: UTF8.self)
            .replacingOccurrences(of: "\"overrides\": {", with: "\"overrides\": {\"openOffersInFeeds\": false, ")
        _ = try await desk.importRoster(Data(roster.utf8))
        #expect(try await desk.council().profile.openOffersInFeeds == false)
        #expect(try await desk.feed(.group("GRN")).events.isEmpty, "no offer note")
        #expect(try await desk.feed(.group("LAB")).events.map(\.uid) == ["session-1@briefings"])
    }

    @Test("the overview shows every session and pending requests as tentative")
    func overview() async throws {
        let desk = try await Self.council(TestClock("2026-11-02T09:00"))
        let feed = try await desk.feed(.overview)
        #expect(feed.events.map(\.uid) == ["session-1@briefings", "request-2@briefings"])
        #expect(feed.events[1].status == .tentative && feed.events[1].title.hasPrefix("Pending:"))
    }

    @Test("a reschedule keeps the UID and raises SEQUENCE; a cancellation stays for the retention period, then goes")
    func changes() async throws {
        let clock = TestClock("2026-11-02T09:00")
        let desk = try await Self.council(clock)
        let before = try await desk.feed(.group("LAB")).events[0]
        #expect(try await desk.feed(.group("LAB")) == desk.feed(.group("LAB")), "same data, same feed")
        clock.set("2026-11-03T10:00")
        _ = try await desk.reschedule("SE-0001", as: "m-patel", meetingStart: S.t("2026-12-08T14:00"), meetingEnd: S.t("2026-12-08T16:00"),
                                segmentStart: S.t("2026-12-08T14:00"), segmentEnd: S.t("2026-12-08T14:45"), venue: nil, reason: "Clash")
        let moved = try await desk.feed(.group("LAB")).events[0]
        #expect(moved.uid == before.uid && moved.sequence == before.sequence + 1 && moved.lastModified > before.lastModified)
        clock.set("2026-11-04T10:00")
        try await desk.cancel("SE-0001", as: "m-patel", reason: "Called off")
        let cancelled = try await desk.feed(.group("LAB")).events[0]
        #expect(cancelled.status == .cancelled && cancelled.sequence == moved.sequence + 1 && cancelled.uid == before.uid)
        clock.set("2026-11-17T10:00")
        #expect(try await desk.feed(.group("LAB")).events.count == 1, "13 days after: still shown as cancelled")
        clock.set("2026-11-19T10:00")
        #expect(try await desk.feed(.group("LAB")).events.isEmpty, "past the 14-day retention: gone")
    }

    @Test("imported busy times are bookings: no-double-booking sees them; re-import replaces them")
    func busy() async throws {
        let desk = try await S.desk()
        let busy = [BusyInterval(start: S.t("2026-12-07T13:30"), end: S.t("2026-12-07T14:30"), summary: "Planning Committee")]
        #expect(try await desk.importBusy(officer: "o-dir-place", busy, source: "test.ics") == 1)
        let v = try await desk.check(S.request()).first { $0.rule == .noDoubleBooking }!
        #expect(!v.passed && v.message.contains("Planning Committee"))
        #expect(try await desk.importBusy(officer: "o-dir-place", [], source: "empty.ics") == 0)
        #expect(try await desk.check(S.request()).first { $0.rule == .noDoubleBooking }!.passed)
        // A week's leave is split into day pieces, so the overlap query's window still finds it.
        let leave = [BusyInterval(start: S.t("2026-12-01T00:00"), end: S.t("2026-12-11T00:00"), summary: "Annual leave")]
        #expect(try await desk.importBusy(officer: "o-dir-place", leave, source: "leave.ics") == 10)
        #expect(!(try await desk.check(S.request()).first { $0.rule == .noDoubleBooking }!.passed))
        await #expect { try await desk.importBusy(officer: "o-ghost", busy, source: "x") } throws: { ($0 as? DeskError)?.kind == .notFound }
    }

    @Test("imported bank holidays replace the shipped ones for working days")
    func holidays() async throws {
        let clock = TestClock("2026-11-02T09:00")
        let desk = try await S.desk(clock: clock)
        _ = try await desk.submitRequest(S.request())
        // A made-up holiday on Wed 4 Nov 2026 pushes the answer date one working day later.
        let due = try #require(try await desk.queue(as: "o-ceo").first).clock.respondBy
        #expect(try await desk.importHolidays(BankHoliday.englandAndWales + [BankHoliday(date: LocalDate("2026-11-04")!, title: "Test day")], source: "t") == 33)
        #expect(try await desk.queue(as: "o-ceo").first!.clock.respondBy == due.adding(days: 1))
        await #expect { try await desk.importHolidays([], source: "t") } throws: { ($0 as? DeskError)?.kind == .invalid }
        #expect(try await desk.holidays().count == 33)
    }
}
