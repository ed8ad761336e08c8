import BriefingsCalendar
import BriefingsDomain
import Foundation

/// The Swift side of benchmarks/calendar.sh, printing the best of five runs in seconds:
///   calendar-render N        build and serialise an N-session feed with FeedRenderer
///   calendar-write N FILE    write that feed to FILE (the busy calendar the parsers read)
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
        try Data(FeedRenderer.render(benchmarkFeed(Int(args[2]) ?? 10_000))).write(to: URL(fileURLWithPath: args[3]))
    case "calendar-parse":
        let data = try Data(contentsOf: URL(fileURLWithPath: args[2]))
        let from = Date(timeIntervalSince1970: 1_790_000_000), to = Date(timeIntervalSince1970: 1_990_000_000)
        print(String(format: "%.6f", try best { try CalendarImport.busyIntervals(fromICS: data, from: from, to: to).count }))
    default:
        fatalError("unknown mode \(args[1])")
    }
}

/// The same sessions the C and Python programs build.
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
