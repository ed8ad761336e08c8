import BriefingsCalendar
import BriefingsDomain
import Foundation
import Testing

/// Writes sample feeds for real clients (Tests/clients/check_feed.py) when BRIEFINGS_SAMPLE_DIR names a folder.
@Suite("Client samples")
struct ClientSampleTests {
    static let folder = ProcessInfo.processInfo.environment["BRIEFINGS_SAMPLE_DIR"]

    static func sampleFeeds() -> [String: Feed] {
        func t(_ s: String) -> Date { try! LondonTime.parse(s) }
        let stamp = t("2026-11-20T10:15")
        let hostile = "Budget; line one\r\nline two\nline three\rfour, comma \\ backslash: colon DTSTART:19700101T000000Z END:VEVENT Ünïcödé 日本語 🙂 "
            + String(repeating: "x", count: 300)
        let events = [
            FeedEvent(uid: "session-1@briefings", title: "Briefing: Local Plan (Labour Group)", description: "SE-0001: officers 18:00–18:45",
                      location: "Committee Room 1, Civic Centre", start: t("2026-10-24T18:00"), end: t("2026-10-24T18:45"),
                      status: .confirmed, sequence: 2, lastModified: stamp),
            FeedEvent(uid: "session-2@briefings", title: hostile, description: "Questions:\n1) costs; 2) options, risks \\ and: timing\r\n— ëñd",
                      location: nil, start: t("2026-10-26T09:30"), end: t("2026-10-26T10:30"), status: .tentative, sequence: 0,
                      lastModified: stamp, url: "https://meet.example.gov.uk/abc?x=1&y=2"),
            FeedEvent(uid: "session-3@briefings", title: "Waste contract", description: "", location: "https://meet.example.gov.uk/con",
                      start: t("2026-12-07T18:00"), end: t("2026-12-07T19:00"), status: .cancelled, sequence: 5, lastModified: stamp),
        ]
        return ["sample": Feed(name: "Briefings: Labour Group", description: "Labour Group's officer briefings", refreshMinutes: 30, events: events),
                "empty": Feed(name: "Briefings: nobody", description: "", events: [])]
    }

    @Test("write sample feeds", .enabled(if: folder != nil))
    func write() throws {
        let url = URL(fileURLWithPath: try #require(Self.folder), isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, feed) in Self.sampleFeeds() {
            try Data(FeedRenderer.render(feed)).write(to: url.appendingPathComponent("\(name).ics"))
        }
    }
}
