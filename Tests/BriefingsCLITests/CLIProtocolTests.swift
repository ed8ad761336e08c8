import BriefingsCLI
import Foundation
import Testing

/// Issue 25: each council's protocol exactly, tried at the command line as a new user would: a fresh database with
/// `init --profile P`, the demo's roster (or the town council's), and the clock at Monday 2 November 2026 09:00.
@Suite("Issue 25: each council's protocol exactly")
struct CLIProtocolTests {
    @Test("item 3: a move to a new time puts each officer back to awaiting confirmation: tentative until they confirm again, and they are told")
    func moveNeedsConfirmationAgain() async throws {
        let c = try await Council()
        #expect(await c.request().code == 0)
        #expect(await c.run("approve", "RQ-0001", "--as", "o-ceo").code == 0)
        #expect(await c.run("officer", "confirm", "SE-0001", "--as", "o-dir-place").code == 0)
        var r = await c.run("session", "show", "SE-0001", "--as", "m-patel")
        #expect(r.out.contains("— confirmed") && r.out.contains("officer o-dir-place: confirmed"), "\(r)")
        #expect(await c.run("feed", "write", "--group", "LAB").out.contains("STATUS:CONFIRMED"))

        r = await c.run("session", "reschedule", "SE-0001", "--as", "m-patel", "--start", "2027-01-12T14:00", "--duration", "2h",
                        "--segment", "45m", "--reason", "Group meeting moved")
        #expect(r.code == 0, "\(r)")
        r = await c.run("session", "show", "SE-0001", "--as", "m-patel")
        #expect(r.out.contains("tentative until agreed and every officer confirms") && r.out.contains("officer o-dir-place: invited"), "\(r)")
        for feed in [["--group", "LAB"], ["--officer", "o-dir-place"], ["--overview"]] {
            let ics = await c.run(["feed", "write"] + feed).out
            #expect(ics.contains("STATUS:TENTATIVE") && !ics.contains("STATUS:CONFIRMED"), "\(feed): \(ics)")
        }
        r = await c.run("notifications", "--as", "o-dir-place")
        let moved = try #require(r.out.components(separatedBy: "\n2026-").last { $0.contains("Moved") }, "\(r)")
        #expect(moved.contains("confirm the new time with `briefings officer confirm SE-0001`"), "\(moved)")
        r = await c.run("audit", "--as", "o-mo")
        #expect(r.out.contains("session.reschedule SE-0001") && r.out.contains("reconfirm=o-dir-place"), "\(r)")

        // Confirmed again at the new time: CONFIRMED in every feed.
        #expect(await c.run("officer", "confirm", "SE-0001", "--as", "o-dir-place").code == 0)
        #expect(await c.run("session", "show", "SE-0001", "--as", "m-patel").out.contains("— confirmed"))
        #expect(await c.run("feed", "write", "--group", "LAB").out.contains("STATUS:CONFIRMED"))

        // A new room at the same time is no new time: the confirmation stands.
        r = await c.run("session", "reschedule", "SE-0001", "--as", "m-patel", "--start", "2027-01-12T14:00", "--duration", "2h",
                        "--segment", "45m", "--room", "cr2", "--reason", "Bigger room not needed")
        #expect(r.code == 0, "\(r)")
        #expect(await c.run("session", "show", "SE-0001", "--as", "m-patel").out.contains("officer o-dir-place: confirmed"))

        // A move the approver must agree: confirmed at the old time while it waits, awaiting confirmation once agreed.
        r = await c.run("session", "reschedule", "SE-0001", "--as", "m-patel", "--start", "2027-01-12T18:00", "--duration", "2h",
                        "--segment", "45m", "--reason", "Evening meeting")
        #expect(r.code == 0 && r.out.contains("RQ-0002"), "\(r)")
        #expect(await c.run("session", "show", "SE-0001", "--as", "m-patel").out.contains("— confirmed"))
        #expect(await c.run("approve", "RQ-0002", "--as", "o-ceo", "--override", "working-hours=Director agreed one evening").code == 0)
        r = await c.run("session", "show", "SE-0001", "--as", "m-patel")
        #expect(r.out.contains("officers 2027-01-12T18:00") && r.out.contains("officer o-dir-place: invited") && r.out.contains("tentative"), "\(r)")
    }
}
