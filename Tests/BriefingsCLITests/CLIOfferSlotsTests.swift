import BriefingsCLI
import Foundation
import Testing

/// `briefings offer slots`: free times to take an offer up, each with the command that does it (issue 10, "Offers that
/// are easy to take up"). The service's side of the same command is in `LiveServiceTests`.
@Suite("briefings offer slots")
struct CLIOfferSlotsTests {
    @Test("offer slots prints up to three free times with the exact offer accept command; taking one up is judged like any other")
    func slots() async throws {
        let c = try await Council()
        #expect(await c.request().code == 0)
        #expect(await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo").code == 0)
        // Monday 2 November 2026, 09:00: the Director of Place works Mon-Fri 08:00-18:00 and nothing is booked yet.
        var r = await c.run("offer", "slots", "OF-0002", "--as", "m-hughes")
        let first = "briefings offer accept OF-0002 --start 2026-11-03T08:00 --duration 2h --segment-start 2026-11-03T08:00 --segment 45m --room cr1"
        #expect(r.code == 0 && r.out.contains(first), "\(r)")
        #expect(r.out.contains("--start 2026-11-04T08:00") && r.out.contains("--start 2026-11-05T08:00") && !r.out.contains("2026-11-06"), "\(r)")
        r = await c.run("offer", "slots", "OF-0002", "--as", "m-hughes", "--json")
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let slots = json["slots"] as! [[String: Any]]
        #expect(slots.count == 3 && slots[0]["room"] as? String == "cr1" && slots[0]["end"] as? String == "2026-11-03T10:00")

        // A suggestion is only a suggestion: taken up, it goes through `offer accept` like any other time.
        r = await c.run(first.split(separator: " ").dropFirst().map(String.init) + ["--as", "m-hughes", "--attendee", "m-hughes"])
        #expect(r.code == 0 && r.out.contains("SE-0002 booked"), "\(r)")
        // The Liberal Democrats' suggestions now leave the Director's 08:00-08:45 free, and Committee Room 1 its buffer.
        r = await c.run("offer", "slots", "OF-0003", "--as", "m-evans")
        #expect(r.code == 0 && r.out.contains("--start 2026-11-03T09:00 --duration 2h --segment-start 2026-11-03T09:00 --segment 45m --room cr2"), "\(r)")

        // Another group's offer: refused as reading its business is, naming the rule, and nothing changes.
        let before = try c.snapshot()
        r = await c.run("offer", "slots", "OF-0003", "--as", "m-patel")
        #expect(r.code == CLI.ExitCode.forbidden.rawValue && r.err.contains("[confidentiality") && r.err.contains("What to do"), "\(r)")
        // An answered offer has nothing to suggest: the offer-state refusal.
        r = await c.run("offer", "slots", "OF-0002", "--as", "m-hughes")
        #expect(r.code == CLI.ExitCode.conflict.rawValue && r.err.contains("[equal-offer") && r.err.contains("already accepted"), "\(r)")
        r = await c.run("offer", "slots", "OF-0099", "--as", "m-hughes")
        #expect(r.code == CLI.ExitCode.notFound.rawValue, "\(r)")
        #expect(try c.snapshot() == before)

        r = await CLI.capture(["offer", "slots", "--help"])
        #expect(r.code == 0 && r.out.contains("working hours") && r.out.contains("offer accept"), "\(r)")
    }
}
