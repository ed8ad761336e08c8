import BriefingsCalendar
import BriefingsDomain
import Foundation
import Testing

/// The Swift side of benchmarks/calendar/run.sh; runs only when BRIEFINGS_BENCH names an output folder.
/// Writes `swift.txt` (best-of-5 seconds to render the 10,000-event feed, and to import it as busy time)
/// and `busy.ics` (that feed, which the C program parses too).
@Suite("Calendar benchmark")
struct CalendarBenchmark {
    static let folder = ProcessInfo.processInfo.environment["BRIEFINGS_BENCH"]

    /// The same sessions render_bench.c and render_bench.py build.
    static func benchmarkFeed(_ n: Int) -> Feed {
        let base = 1_798_000_000.0
        let stamp = Date(timeIntervalSince1970: base - 86_400)
        let events = (0..<n).map { i in
            let start = Date(timeIntervalSince1970: base + Double(i) * 4 * 3600)
            return FeedEvent(uid: "session-\(i + 1)@briefings",
                             title: "Briefing: Local Plan review, part \(i + 1) (Labour Group + Liberal Democrat Group)",
                             description: "SE-0001, briefing BR-0001. Group meeting 18:00-20:00; officers 18:00-18:45: Nadia Rahman (confirmed).",
                             location: "Committee Room 1, Civic Centre", start: start, end: start.addingTimeInterval(2700),
                             status: .confirmed, sequence: i % 7, lastModified: stamp)
        }
        return Feed(name: "Briefings: benchmark", description: "Benchmark feed", refreshMinutes: 60, events: events)
    }

    static func best(_ runs: Int = 5, _ body: () throws -> Int) rethrows -> Double {
        var result = Double.infinity
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            let produced = try body()
            precondition(produced > 0)
            result = min(result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return result
    }

    @Test("render and import 10,000 events", .enabled(if: folder != nil))
    func run() throws {
        let n = Int(ProcessInfo.processInfo.environment["BRIEFINGS_BENCH_EVENTS"] ?? "") ?? 10_000
        let out = URL(fileURLWithPath: try #require(Self.folder), isDirectory: true)
        let feed = Self.benchmarkFeed(n)
        let render = Self.best { FeedRenderer.render(feed).count }
        let bytes = Data(FeedRenderer.render(feed))
        try bytes.write(to: out.appendingPathComponent("busy.ics"))
        let from = Date(timeIntervalSince1970: 1_790_000_000), to = Date(timeIntervalSince1970: 1_990_000_000)
        var found = 0
        let parse = try Self.best { found = try CalendarImport.busyIntervals(fromICS: bytes, from: from, to: to).count; return found }
        #expect(found == n)
        try "render \(render)\nparse \(parse)\n".write(to: out.appendingPathComponent("swift.txt"), atomically: true, encoding: .utf8)
    }
}
