import BriefingsCalendar
import BriefingsDomain
import Foundation
import Testing

/// libical's zone loading is not safe to race: the Calendar target serialises it. Exercise that from many tasks.
@Suite("Calendar concurrency")
struct ConcurrencyTests {
    static let zones = ["Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "Europe/Paris", "Africa/Nairobi", "Pacific/Auckland", "UTC"]

    @Test("rendering and importing on many tasks at once gives the same answers as one at a time")
    func parallel() async throws {
        let from = try LondonTime.parse("2026-11-01T00:00"), to = try LondonTime.parse("2027-11-01T00:00")
        func ics(_ zone: String) -> String {
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=\(zone):20261207T100000\r\n"
                + "DTEND;TZID=\(zone):20261207T110000\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\nSUMMARY:\(zone)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        }
        let feed = Feed(name: "F", description: "D", events: (0..<50).map { i in
            FeedEvent(uid: "u\(i)", title: "T \(i)", description: "", location: nil, start: from.addingTimeInterval(Double(i) * 86_400),
                      end: from.addingTimeInterval(Double(i) * 86_400 + 3600), status: .confirmed, sequence: i, lastModified: from)
        })
        let expectedFeed = FeedRenderer.render(feed)
        let expected = try Self.zones.map { try CalendarImport.busyIntervals(fromICS: ics($0), from: from, to: to) }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for round in 0..<32 {
                group.addTask {
                    let z = round % Self.zones.count
                    let busy = try CalendarImport.busyIntervals(fromICS: ics(Self.zones[z]), from: from, to: to)
                    return busy == expected[z] && FeedRenderer.render(feed) == expectedFeed
                }
            }
            for try await same in group { #expect(same) }
        }
    }
}
