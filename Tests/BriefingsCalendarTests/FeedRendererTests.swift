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
                         "STATUS:CONFIRMED", "LOCATION:Committee Room 1\\, Civic Centre", "TRANSP:OPAQUE",
                         "PRODID:-//briefings//Council Briefings//EN", "X-WR-TIMEZONE:Europe/London",
                         "DESCRIPTION:Labour Group's officer briefings", "X-WR-CALDESC:Labour Group's officer briefings"] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        #expect(!lines.contains { $0.hasPrefix("METHOD") })
        #expect(lines.filter { $0.hasPrefix("TZID") } == ["TZID:Europe/London"])
        #expect(lines.filter { $0.hasPrefix("DTSTART") || $0.hasPrefix("DTEND") }
            .allSatisfy { $0.hasPrefix("DTSTART;TZID=Europe/London:") || $0.hasPrefix("DTEND;TZID=Europe/London:") || !$0.contains("TZID") })
        #expect(!text.contains("freeassociation"))
        #expect(!text.contains("RDATE"))
        let vtimezone = text.components(separatedBy: "BEGIN:VTIMEZONE")[1].components(separatedBy: "END:VTIMEZONE")[0]
        #expect(vtimezone.utf8.count < 1500, "VTIMEZONE is \(vtimezone.utf8.count) bytes")
    }

    @Test("CRLF after every line and no line longer than 75 octets, even through multi-byte text", arguments: [
        String(repeating: "Réunion budgétaire — 日本語テキスト; ", count: 12),
        String(repeating: "🙂", count: 100), String(repeating: "é", count: 200), String(repeating: "x", count: 1000),
        FeedRendererTests.hostile,
    ])
    func folding(_ long: String) {
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

    @Test("same feed, same bytes; a changed event changes them")
    func deterministic() {
        let feed = Self.feed([Self.event(1), Self.event(2, start: "2026-12-08T10:00")])
        let first = FeedRenderer.render(feed)
        #expect(first == FeedRenderer.render(feed))
        #expect(first == FeedRenderer.render(Feed(name: feed.name, description: feed.description, events: feed.events)))
        var changed = feed
        changed.events[1].sequence += 1
        #expect(first != FeedRenderer.render(changed))
    }

    @Test("an all-day note (an open offer's answer-by day) is a DATE event, the next day its end, free time: never a timed meeting")
    func allDay() {
        var note = Self.event(2, title: "Offer to answer by today: Local Plan", status: .tentative)
        note.day = LocalDate("2026-12-21")
        note.location = nil
        let lines = Self.unfolded(FeedRenderer.renderString(Self.feed([note])))
        #expect(lines.contains("DTSTART;VALUE=DATE:20261221") && lines.contains("DTEND;VALUE=DATE:20261222"))
        #expect(lines.contains("TRANSP:TRANSPARENT") && !lines.contains("TRANSP:OPAQUE"))
        #expect(!lines.contains { $0.hasPrefix("DTSTART;TZID") || $0.hasPrefix("DTEND;TZID") })
    }

    @Test("an empty feed is still a valid calendar with its zone")
    func empty() {
        let lines = Self.unfolded(FeedRenderer.renderString(Self.feed([])))
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
        #expect(lines.contains("BEGIN:VTIMEZONE") && !lines.contains("BEGIN:VEVENT"))
    }

    @Test("times across the October 2026 clock change render as Europe/London wall-clock times and read back to the same instants")
    func clockChange() throws {
        let utc = ISO8601DateFormatter()
        func z(_ s: String) -> Date { utc.date(from: s)! }
        var events = [Self.event(1, start: "2026-10-24T18:00"), Self.event(2, start: "2026-10-26T18:00")]
        // 00:30Z on the 25th is 01:30 BST (the first 01:30); 18:00Z that evening is 18:00 GMT.
        events.append(FeedEvent(uid: "night@b", title: "Night", description: "", location: nil, start: z("2026-10-25T00:30:00Z"),
                                end: z("2026-10-25T02:30:00Z"), status: .confirmed, sequence: 0, lastModified: z("2026-10-01T00:00:00Z")))
        events.append(FeedEvent(uid: "evening@b", title: "Evening", description: "", location: nil, start: z("2026-10-25T18:00:00Z"),
                                end: z("2026-10-25T19:00:00Z"), status: .confirmed, sequence: 0, lastModified: z("2026-10-01T00:00:00Z")))
        let text = FeedRenderer.renderString(Self.feed(events))
        let lines = Self.unfolded(text)
        for expected in ["DTSTART;TZID=Europe/London:20261024T180000", "DTSTART;TZID=Europe/London:20261026T180000",
                         "DTSTART;TZID=Europe/London:20261025T013000", "DTEND;TZID=Europe/London:20261025T023000",
                         "DTSTART;TZID=Europe/London:20261025T180000", "DTEND;TZID=Europe/London:20261025T190000"] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        // The compact zone carries the rules that make these right: last Sunday of October and of March.
        #expect(lines.contains { $0.hasPrefix("RRULE:FREQ=YEARLY") && $0.contains("BYMONTH=10") && $0.contains("BYDAY=-1SU") })
        #expect(lines.contains { $0.hasPrefix("RRULE:FREQ=YEARLY") && $0.contains("BYMONTH=3") && $0.contains("BYDAY=-1SU") })
        let back = try CalendarImport.feedEvents(fromICS: text)
        #expect(back.map(\.start) == events.map(\.start))
        #expect(back.map(\.end) == events.map(\.end))
    }

    @Test("cancelled sessions stay with the same UID, say so in the title, and are CANCELLED")
    func cancelled() {
        let lines = Self.unfolded(FeedRenderer.renderString(Self.feed([Self.event(status: .cancelled)])))
        #expect(lines.contains("STATUS:CANCELLED") && lines.contains("UID:session-1@briefings"))
        #expect(lines.contains { $0.hasPrefix("SUMMARY:Cancelled: Briefing") })
    }

    static let hostile = "Line one\r\nLine two\nLine three\rfour; semi, comma \\ backslash: colon\nDTSTART:19700101T000000Z\nEND:VEVENT — "
        + "Ünïcödé 日本語 🙂 \"quoted\" \t tab " + String(repeating: "x", count: 300)

    /// What a subscriber should read back: line breaks as LF, a tab as a space.
    static func expected(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").replacingOccurrences(of: "\t", with: " ")
    }

    @Test("hostile titles, descriptions and places round-trip exactly through the parser and never add a property")
    func escaping() throws {
        let events = (1...3).map { n in
            FeedEvent(uid: "hostile-\(n)@b", title: Self.hostile + "\(n)", description: "Details;\n" + Self.hostile, location: "Room, 1; \\ \r\nFloor 2",
                      start: Self.t("2026-12-0\(n)T10:00"), end: Self.t("2026-12-0\(n)T11:00"), status: n == 3 ? .cancelled : .confirmed,
                      sequence: n, lastModified: Self.t("2026-11-20T10:15"), url: "https://meet.example.gov.uk/\(n)")
        }
        let text = FeedRenderer.renderString(Self.feed(events))
        let lines = Self.unfolded(text)
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 3)
        #expect(lines.filter { $0.hasPrefix("SUMMARY") }.count == 3, "exactly one SUMMARY per VEVENT")
        #expect(lines.filter { $0.hasPrefix("DESCRIPTION") }.count == 4, "one per VEVENT and the calendar's own")
        #expect(lines.filter { $0.hasPrefix("DTSTART;TZID=Europe/London:") }.count == 3)
        #expect(lines.filter { $0 == "END:VEVENT" }.count == 3)
        // Each VEVENT holds exactly one SUMMARY.
        for block in text.components(separatedBy: "BEGIN:VEVENT").dropFirst() {
            #expect(Self.unfolded(block).filter { $0.hasPrefix("SUMMARY") }.count == 1)
        }
        let back = try CalendarImport.feedEvents(fromICS: text)
        #expect(back.count == 3)
        for (got, sent) in zip(back, events) {
            #expect(got.title == (sent.status == .cancelled ? "Cancelled: " : "") + Self.expected(sent.title))
            #expect(got.description == Self.expected(sent.description))
            #expect(got.location == "Room, 1; \\ \nFloor 2")
            #expect(got.uid == sent.uid && got.sequence == sent.sequence && got.status == sent.status && got.url == sent.url)
            #expect(got.start == sent.start && got.end == sent.end && got.lastModified == sent.lastModified)
        }
        let busy = try CalendarImport.busyIntervals(fromICS: text, from: Self.t("2026-01-01T00:00"), to: Self.t("2027-01-01T00:00"))
        #expect(busy.map(\.summary) == events.filter { $0.status != .cancelled }.map { Self.expected($0.title) })
    }

    @Test("libical leaves a lone CR out and a URL unescaped; the renderer turns CR into a line break and strips controls from URLs")
    func libicalGaps() throws {
        var event = Self.event(title: "before\rafter")
        event.url = "https://example.org/a\r\nSUMMARY:injected\nX-EVIL:1"
        let text = FeedRenderer.renderString(Self.feed([event]))
        let lines = Self.unfolded(text)
        #expect(lines.contains("SUMMARY:before\\nafter"))
        #expect(lines.contains("URL:https://example.org/aSUMMARY:injectedX-EVIL:1"))
        #expect(!lines.contains { $0.hasPrefix("X-EVIL") })
        #expect(lines.filter { $0.hasPrefix("SUMMARY") }.count == 1)
        #expect(try CalendarImport.feedEvents(fromICS: text).first?.title == "before\nafter")
    }

    @Test("the calendar's name and description are escaped as TEXT, which libical does not do for X- properties")
    func calendarName() {
        let feed = Feed(name: "Group A, B; C \\ D\nE", description: "Line 1\r\nLine 2, with comma", events: [])
        let lines = Self.unfolded(FeedRenderer.renderString(feed))
        #expect(lines.contains("X-WR-CALNAME:Group A\\, B\\; C \\\\ D\\nE"))
        #expect(lines.contains("NAME:Group A\\, B\\; C \\\\ D\\nE"))
        #expect(lines.contains("X-WR-CALDESC:Line 1\\nLine 2\\, with comma"))
        #expect(lines.contains("DESCRIPTION:Line 1\\nLine 2\\, with comma"))
        #expect(lines.filter { $0.hasPrefix("X-WR-CALNAME") }.count == 1)
    }
}
