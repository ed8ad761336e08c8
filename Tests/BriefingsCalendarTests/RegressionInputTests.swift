import BriefingsCalendar
import BriefingsDomain
import Foundation
import Testing

/// Files that once crashed, hung or flooded the busy import (issue 14, and any the fuzzer finds):
/// `fuzz/regressions/ics/`, which also seeds the fuzzer. Each must end in seconds, refused with a
/// clear message or imported within the planning horizon.
@Suite("Regression inputs")
struct RegressionInputTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../fuzz/regressions/ics").standardized
    static func t(_ s: String) -> Date { try! LondonTime.parse(s) }
    static let from = t("2026-11-02T09:00"), to = t("2027-11-02T09:00")

    /// What each file must come to: a refusal containing the text, or (nil) an import inside the horizon.
    static let expected: [String: String?] = [
        "busy-two-dtstart.ics": "line 24: VEVENT has a second DTSTART (the first is on line 21)",
        "busy-hang-2.ics": "line 17: '20269130T120000Z' is not a real date and time (month 91)",
        "busy-vtimezone-minutely.ics": "line 10: the time zone rule repeats FREQ=MINUTELY",
        "busy-huge-duration.ics": nil,
        "busy-until-9999.ics": nil,
        // Found by scripts/fuzz.sh: 1.4 s alone and past the 10 s limit under load, while every Outlook zone from 1601 was
        // stepped through twice (the zone check now samples four years).
        "fuzz-outlook-zone-slow.ics": "unknown time zone 'GMT StandaeT mdir'",
    ]

    @Test("every file in fuzz/regressions/ics ends in seconds, refused clearly or clipped to the horizon")
    func everyFile() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".ics") }.sorted()
        #expect(Set(Self.expected.keys).isSubset(of: files), "the issue's reproducers are all there")
        for name in files {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
            let clock = ContinuousClock(), started = clock.now
            do {
                let busy = try CalendarImport.busyIntervals(fromICS: data, from: Self.from, to: Self.to)
                if case let says?? = Self.expected[name] { Issue.record("\(name) imported; it should be refused saying: \(says)") }
                #expect(busy.allSatisfy { $0.start >= Self.from && $0.end <= Self.to && $0.start <= $0.end }, "\(name): clipped to the horizon")
            } catch {
                if case let says?? = Self.expected[name] {
                    #expect(error.description.contains(says), "\(name): \(error.description)")
                } else if Self.expected[name] != nil {
                    Issue.record("\(name) refused; it should import: \(error.description)")
                }
                #expect(!error.fix.isEmpty)
            }
            _ = try? CalendarImport.bankHolidays(fromICS: data)
            #expect(clock.now - started < .seconds(10), "\(name) took \(clock.now - started)")
        }
    }

    @Test("an interval ending in 9999 or lasting millions of weeks is clipped to the horizon")
    func clipped() throws {
        for name in ["busy-until-9999.ics", "busy-huge-duration.ics"] {
            let busy = try CalendarImport.busyIntervals(fromICS: Data(contentsOf: Self.folder.appendingPathComponent(name)), from: Self.from, to: Self.to)
            #expect(busy.count == 1 && busy[0].start == Self.t("2026-12-01T10:00") && busy[0].end == Self.to, "\(name): \(busy)")
        }
    }
}
