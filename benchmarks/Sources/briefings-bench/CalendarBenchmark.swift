import BriefingsCalendar
import BriefingsDomain
import Foundation

/// The Swift side of benchmarks/calendar.sh, printing the best of five runs in seconds:
///   calendar-render N        build and serialise an N-session feed with FeedRenderer
///   calendar-write N FILE    write an N-event busy calendar to FILE (the one the parsers read; see `busyCalendarFeed`)
///   calendar-parse FILE      parse FILE into busy intervals with CalendarImport
func calendarBenchmark(_ args: [String]) throws {
    func best(_ body: () throws -> Int) rethrows -> Double {
        var result = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            let produced = try body()
            precondition(produced > 0)
            result = min(result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return result
    }
    switch args[1] {
    case "calendar-render":
        let feed = benchmarkFeed(Int(args[2]) ?? 10_000)
        print(String(format: "%.6f", best { FeedRenderer.render(feed).count }))
    case "calendar-write":
        let n = Int(args[2]) ?? 10_000
        let data = Data(FeedRenderer.render(busyCalendarFeed(n)))
        // Not measured: the file must import whole, every event a busy time within the horizon, or the parse
        // benchmark would time a refusal or a smaller calendar.
        let busy = try CalendarImport.busyIntervals(fromICS: data, from: horizon.from, to: horizon.to)
        guard busy.count == n else { fatalError("the busy calendar yields \(busy.count) busy times in the horizon, not \(n)") }
        try data.write(to: URL(fileURLWithPath: args[3]))
    case "calendar-parse":
        let data = try Data(contentsOf: URL(fileURLWithPath: args[2]))
        print(String(format: "%.6f", try best { try CalendarImport.busyIntervals(fromICS: data, from: horizon.from, to: horizon.to).count }))
    default:
        fatalError("unknown mode \(args[1])")
    }
}

/// The planning horizon the busy calendar is parsed for: September 2026 to January 2033.
let horizon = (from: Date(timeIntervalSince1970: 1_790_000_000), to: Date(timeIntervalSince1970: 1_990_000_000))

/// The same sessions the C and Python programs build: one every four hours, round the clock.
func benchmarkFeed(_ n: Int) -> Feed {
    let base = 1_798_000_000.0
    let stamp = Date(timeIntervalSince1970: base - 86_400)
    let events = (0..<n).map { i in
        let start = Date(timeIntervalSince1970: base + Double(i) * 4 * 3600)
        return FeedEvent(uid: "session-\(i + 1)@briefings", title: "Briefing: Local Plan review, part \(i + 1) (Labour Group + Liberal Democrat Group)",
                         description: "SE-0001, briefing BR-0001. Group meeting 18:00-20:00; officers 18:00-18:45: Nadia Rahman (confirmed).",
                         location: "Committee Room 1, Civic Centre", start: start, end: start.addingTimeInterval(2700),
                         status: .confirmed, sequence: i % 7, lastModified: stamp)
    }
    return Feed(name: "Briefings: benchmark", description: "Benchmark feed", refreshMinutes: 60, events: events)
}

/// The busy calendar the parsers read: the render feed's N events (same text, 45 minutes each) at the times an
/// officer's calendar holds meetings: weekdays, one starting on each hour from 09:00 to 16:00 Europe/London time,
/// from the day the render feed starts (23 December 2026) to October 2031 for 10,000. FeedRenderer writes them in
/// local time with TZID=Europe/London, as Outlook and Google export. The render feed's round-the-clock times cannot
/// be used: every October one of its sessions runs 01:26 BST to 01:11 GMT, across the hour the clocks go back,
/// whose local times happen twice; written in local time its end reads as 01:11 BST, before its start, and the
/// importer rightly refuses the whole file.
func busyCalendarFeed(_ n: Int) -> Feed {
    var london = Calendar(identifier: .gregorian)
    london.timeZone = TimeZone(identifier: "Europe/London")!
    var feed = benchmarkFeed(n)
    var day = london.startOfDay(for: feed.events.first?.start ?? Date(timeIntervalSince1970: 1_798_000_000))
    var i = 0
    while i < n {
        if !london.isDateInWeekend(day) {
            for hour in 9...16 where i < n {
                feed.events[i].start = london.date(bySettingHour: hour, minute: 0, second: 0, of: day)!
                feed.events[i].end = feed.events[i].start.addingTimeInterval(2700)
                i += 1
            }
        }
        day = london.date(byAdding: .day, value: 1, to: day)!
    }
    return feed
}
