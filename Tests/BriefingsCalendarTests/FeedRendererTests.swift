import BriefingsCalendar
import BriefingsDomain
import Foundation
import Testing

@Suite("Feed renderer")
struct FeedRendererTests {
    static func t(_ s: String) -> Date { try! LondonTime.parse(s) }

    static func event(_ n: Int = 1, title: String = "Briefing: Local Plan (Labour Group)", start: String = "2026-12-07T18:00",
                      status: FeedEvent.Status = .confirmed) -> FeedEvent {
        FeedEvent(uid: "session-\(n)@briefings", title: title, description: "SE-000\(n): officers 18:00–18:45",
                  location: "Committee Room 1, Civic Centre", start: t(start), end: t(start).addingTimeInterval(2700),
                  status: status, sequence: n, lastModified: t("2026-11-20T10:15"))
    }

    static func feed(_ events: [FeedEvent]) -> Feed {
        Feed(name: "Briefings: Labour Group", description: "Labour Group's officer briefings", refreshMinutes: 60, events: events)
    }

    /// Content lines with folding undone.
    static func unfolded(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test("calendar properties subscribers need; no METHOD; a compact VTIMEZONE named exactly Europe/London")
    func calendarProperties() {
        let text = FeedRenderer.renderString(Self.feed([Self.event()]))
        let lines = Self.unfolded(text)
        for expected in ["VERSION:2.0", "CALSCALE:GREGORIAN", "NAME:Briefings: Labour Group", "X-WR-CALNAME:Briefings: Labour Group",
                         "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT60M", "TZID:Europe/London",
                         "DTSTART;TZID=Europe/London:20261207T180000", "DTEND;TZID=Europe/London:20261207T184500",
                         "DTSTAMP:20261120T101500Z", "LAST-MODIFIED:20261120T101500Z", "SEQUENCE:1", "UID:session-1@briefings",
                         "STATUS:CONFIRMED", "LOCATION:Committee Room 1\\, Civic Centre"] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        #expect(!text.contains("METHOD"))
        #expect(!text.contains("freeassociation"))
        #expect(!text.contains("RDATE"))
        let vtimezone = text.components(separatedBy: "BEGIN:VTIMEZONE")[1].components(separatedBy: "END:VTIMEZONE")[0]
        #expect(vtimezone.utf8.count < 1500, "VTIMEZONE is \(vtimezone.utf8.count) bytes")
    }

    @Test("CRLF after every line and no line longer than 75 octets, even through multi-byte text")
    func folding() {
        let long = String(repeating: "Réunion budgétaire — 日本語テキスト; ", count: 12)
        let bytes = FeedRenderer.render(Self.feed([Self.event(title: long)]))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        for (i, b) in bytes.enumerated() where b == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D, "bare LF at \(i)") }
        for (i, b) in bytes.enumerated() where b == 0x0D { #expect(i + 1 < bytes.count && bytes[i + 1] == 0x0A, "bare CR at \(i)") }
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(line.utf8.count) octets: \(line)") }
        // Every physical line is valid UTF-8 on its own: no sequence was split.
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0D {
            #expect(String(validating: bytes[start..<i], as: UTF8.self) != nil, "a fold split a character")
            start = i + 2
        }
    }

    @Test("same feed, same bytes")
    func deterministic() {
        let feed = Self.feed([Self.event(1), Self.event(2, start: "2026-12-08T10:00")])
        #expect(FeedRenderer.render(feed) == FeedRenderer.render(feed))
    }

    @Test("times either side of the October clock change are the same wall-clock times")
    func clockChange() {
        let text = FeedRenderer.renderString(Self.feed([Self.event(1, start: "2026-10-23T18:00"), Self.event(2, start: "2026-10-26T18:00")]))
        #expect(text.contains("DTSTART;TZID=Europe/London:20261023T180000"))
        #expect(text.contains("DTSTART;TZID=Europe/London:20261026T180000"))
    }

    @Test("cancelled sessions stay with the same UID, say so in the title, and are CANCELLED")
    func cancelled() {
        let lines = Self.unfolded(FeedRenderer.renderString(Self.feed([Self.event(status: .cancelled)])))
        #expect(lines.contains("STATUS:CANCELLED") && lines.contains("UID:session-1@briefings"))
        #expect(lines.contains { $0.hasPrefix("SUMMARY:Cancelled: Briefing") })
    }

    @Test("hostile text round-trips through libical byte for byte and never adds a property")
    func escaping() throws {
        let hostile = "Line one\r\nLine two\nLine three\rfour; semi, comma \\ backslash: colon\nDTSTART:19700101T000000Z\nEND:VEVENT — "
            + "Ünïcödé 日本語 🙂 " + String(repeating: "x", count: 300)
        let text = FeedRenderer.renderString(Self.feed([Self.event(title: hostile)]))
        let lines = Self.unfolded(text)
        #expect(lines.filter { $0.hasPrefix("SUMMARY") }.count == 1)
        #expect(lines.filter { $0.hasPrefix("DTSTART;") }.count == 1)
        #expect(lines.filter { $0 == "END:VEVENT" }.count == 1)
        let back = try CalendarImport.busyIntervals(fromICS: Data(text.utf8), from: Self.t("2026-01-01T00:00"), to: Self.t("2027-01-01T00:00"))
        let expected = hostile.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        #expect(back.count == 1)
        #expect(back.first?.summary == expected)
    }
}
