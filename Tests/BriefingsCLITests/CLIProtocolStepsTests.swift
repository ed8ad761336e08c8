import BriefingsCLI
import Foundation
import Testing

/// Issue 25, each council's protocol exactly: the scenarios the issue gives, on a fresh council under the profile it
/// names, through the command line (`BRIEFINGS_NOW` is Monday 2 November 2026, 09:00, unless a step says otherwise).
@Suite("protocol steps on the command line")
struct CLIProtocolStepsTests {
    /// A text file with `text`, removed when the test's process ends.
    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-material-\(UUID().uuidString).txt").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("issue 25 item 1 (003 §7.13): each group's budget discussion, and its material, is its own")
    func budgetMaterial() async throws {
        let c = try await Council(profile: "003")
        var r = await c.run("request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Budget 2027/28: savings options", "--area", "finance",
                            "--meeting", "Budget Council", "--meeting-date", "2027-02-20", "--officer", "o-ad-finance", "--start", "2026-11-16T14:00",
                            "--duration", "2h", "--segment", "45m", "--room", "cr1", "--attendee", "m-patel", "--budget")
        #expect(r.code == 0, "\(r)")
        #expect(await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo").code == 0)
        r = await c.run("offer", "accept", "OF-0002", "--as", "m-hughes", "--start", "2026-11-17T14:00", "--duration", "2h", "--segment", "45m",
                        "--room", "cr2", "--attendee", "m-hughes")
        #expect(r.code == 0 && r.out.contains("SE-0002 booked"), "\(r)")
        let costing = try Self.file("Conservative costing: the options the group asked about, at 2027/28 prices.")

        // Which group's discussion the material is for must be said: it is never shared across a budget briefing.
        let before = try c.snapshot()
        r = await c.run("briefing", "material", "BR-0001", "--as", "o-ad-finance", "--file", costing)
        #expect(r.code == CLI.ExitCode.invalid.rawValue && r.err.contains("confidentiality") && r.err.contains("003 §7.13")
                && r.err.contains("--group") && r.err.contains("LAB") && r.err.contains("CON"), "\(r)")
        // A group with no budget discussion of its own here (its offer is still open) has no material to receive.
        r = await c.run("briefing", "material", "BR-0001", "--as", "o-ad-finance", "--file", costing, "--group", "LD")
        #expect(r.code == CLI.ExitCode.conflict.rawValue && r.err.contains("confidentiality") && r.err.contains("003 §7.13"), "\(r)")
        #expect(try c.snapshot() == before, "a refusal leaves the database as it was")

        r = await c.run("briefing", "material", "BR-0001", "--as", "o-ad-finance", "--file", costing, "--group", "CON")
        #expect(r.code == 0 && r.out.contains("Attached to BR-0001 for CON."), "\(r)")
        r = await c.run("briefing", "show", "BR-0001", "--as", "m-patel")
        #expect(r.code == 0 && !r.out.contains("Conservative costing") && r.out.contains("no material attached yet"), "\(r)")
        r = await c.run("briefing", "show", "BR-0001", "--as", "m-hughes")
        #expect(r.code == 0 && r.out.contains("Conservative costing") && !r.out.contains("savings options"), "\(r)")
        r = await c.run("session", "show", "SE-0002", "--as", "m-hughes")
        #expect(r.code == 0 && r.out.contains("Conservative costing"), "\(r)")
        r = await c.run("session", "show", "SE-0001", "--as", "m-patel")
        #expect(r.code == 0 && !r.out.contains("Conservative costing"), "\(r)")

        // Labour's own material is Labour's alone; the Conservatives keep reading theirs.
        let labour = try Self.file("Labour savings options: the facts and the merits of each.")
        #expect(await c.run("briefing", "material", "BR-0001", "--as", "o-ad-finance", "--file", labour, "--group", "LAB").code == 0)
        r = await c.run("briefing", "show", "BR-0001", "--as", "m-patel")
        #expect(r.out.contains("Labour savings options") && !r.out.contains("Conservative costing"), "\(r)")
        r = await c.run("briefing", "show", "BR-0001", "--as", "m-hughes")
        #expect(r.out.contains("Conservative costing") && !r.out.contains("Labour savings options"), "\(r)")
        r = await c.run("session", "show", "SE-0002", "--as", "o-ceo")
        #expect(r.out.contains("Conservative costing") && !r.out.contains("Labour savings options"), "oversight reads each discussion's own: \(r)")
    }

    @Test("issue 23 item 8: material advice-limits warns about waits in the approver's queue; no group reads it until it is approved (released)")
    func heldMaterial() async throws {
        let c = try await Council()
        #expect(await c.request().code == 0)
        #expect(await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo").code == 0)
        let advice = try Self.file("Options:\nI recommend option 1; it would be politically popular before the May elections")
        var r = await c.run("briefing", "material", "BR-0001", "--as", "o-dir-place", "--file", advice)
        #expect(r.code == 0 && r.out.contains("Held for the approver as RQ-0002") && r.out.contains("advice-limits"), "\(r)")
        r = await c.run("briefing", "show", "BR-0001", "--as", "m-patel")
        #expect(r.code == 0 && !r.out.contains("I recommend") && r.out.contains("no material attached yet") && !r.out.contains("RQ-0002"), "\(r)")
        r = await c.run("briefing", "show", "BR-0001", "--as", "o-dir-place")
        #expect(r.out.contains("material waiting for the approver") && r.out.contains("RQ-0002"), "\(r)")
        r = await c.run("session", "show", "SE-0001", "--as", "m-patel")
        #expect(r.code == 0 && !r.out.contains("I recommend"), "\(r)")
        r = await c.run("notifications", "--as", "m-patel")
        #expect(!r.out.contains("I recommend") && !r.out.contains("Material"), "\(r)")
        r = await c.run("queue", "--as", "o-ceo")
        #expect(r.out.contains("RQ-0002") && r.out.contains("material") && r.out.contains("    Options:\n    I recommend option 1"), "\(r)")
        r = await c.run("approve", "RQ-0002", judgedAll, "--as", "o-ceo")
        #expect(r.code == 0, "\(r)")
        r = await c.run("briefing", "show", "BR-0001", "--as", "m-patel")
        #expect(r.out.contains("    Options:\n    I recommend option 1") && r.out.contains("attached by"), "released: line breaks kept: \(r)")
        r = await c.run("notifications", "--as", "o-dir-place")
        #expect(r.out.contains("Material released"), "\(r)")

        // --file takes a PDF or Word file too, kept whole; the rule cannot read it, so the approver reads it first.
        let pdf = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-\(UUID().uuidString).pdf").path
        try Data("%PDF-1.7\n%%EOF\n".utf8).write(to: URL(fileURLWithPath: pdf))
        r = await c.run("briefing", "material", "BR-0001", "--as", "o-dir-place", "--file", pdf)
        #expect(r.code == 0 && r.out.contains("Held for the approver as RQ-0003") && r.out.contains("cannot read"), "\(r)")
        #expect(await c.run("approve", "RQ-0003", judgedAll, "--as", "o-ceo").code == 0)
        r = await c.run("briefing", "show", "BR-0001", "--as", "m-patel")
        #expect(r.out.contains("file: \(URL(fileURLWithPath: pdf).lastPathComponent) (PDF, 15 bytes)"), "\(r)")
        // Neither a disguised file nor one of another kind; nothing written.
        let before = try c.snapshot()
        let exe = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-\(UUID().uuidString).doc").path
        try Data("MZ".utf8).write(to: URL(fileURLWithPath: exe))
        r = await c.run("briefing", "material", "BR-0001", "--as", "o-dir-place", "--file", exe)
        #expect(r.code == CLI.ExitCode.invalid.rawValue && r.err.contains("is not a kind of file the desk takes") && r.err.contains(".docx"), "\(r)")
        #expect(try c.snapshot() == before)
    }

    @Test("issue 25 item 5 (003 §7.9): a nominee is invited only once the senior officer endorses; every session naming the nominee asks them")
    func nomineeInvitedOnceEndorsed() async throws {
        let c = try await Council(profile: "003")
        var r = await c.run("request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Local Plan review", "--area", "planning",
                            "--meeting", "Cabinet", "--meeting-date", "2026-12-15", "--nominee", "o-mgr-planning=o-dir-place",
                            "--start", "2026-11-16T14:00", "--duration", "2h", "--segment", "45m", "--room", "cr1", "--attendee", "m-patel")
        #expect(r.code == 0, "\(r)")
        #expect(await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo").code == 0)
        // The Director is asked; the manager has no invitation, no calendar event and nothing to answer yet.
        r = await c.run("notifications", "--as", "o-dir-place")
        #expect(r.out.contains("Leo Martin named as your nominee: Local Plan review, Mon 16 Nov 14:00 (SE-0001)")
                && r.out.contains("What is asked of you: confirm Leo Martin as your nominee"), "\(r)")
        r = await c.run("notifications", "--as", "o-mgr-planning")
        #expect(r.code == 0 && !r.out.contains("Invitation"), "\(r)")
        r = await c.run("feed", "--officer", "o-mgr-planning")
        #expect(r.code == 0 && !r.out.contains("BEGIN:VEVENT"), "\(r)")
        let before = try c.snapshot()
        r = await c.run("officer", "confirm", "SE-0001", "--as", "o-mgr-planning")
        #expect(r.code == CLI.ExitCode.forbidden.rawValue && r.err.contains("senior-officer") && r.err.contains("003 §7.9")
                && r.err.contains("Nadia Rahman"), "\(r)")
        #expect(try c.snapshot() == before, "a refusal leaves the database as it was")

        // Endorsed: now the manager is invited, with the session in their calendar.
        #expect(await c.run("officer", "endorse", "SE-0001", "--as", "o-dir-place", "--nominee", "o-mgr-planning").code == 0)
        r = await c.run("notifications", "--as", "o-mgr-planning")
        #expect(r.out.contains("Invitation to brief: Local Plan review") && r.out.contains("(SE-0001)")
                && r.out.contains("confirm on the desk that you will attend") && !r.out.contains("`"), "\(r)")
        r = await c.run("feed", "--officer", "o-mgr-planning")
        #expect(r.out.contains("BEGIN:VEVENT") && r.out.contains("session-1@"), "\(r)")
        #expect(await c.run("officer", "confirm", "SE-0001", "--as", "o-mgr-planning").code == 0)
        r = await c.run("session", "show", "SE-0001", "--as", "o-ceo")
        #expect(r.out.contains(" — confirmed"), "\(r)")

        // Another group's take-up names the same nominee: the Director is asked again, and sees that session.
        r = await c.run("offer", "accept", "OF-0002", "--as", "m-hughes", "--start", "2026-11-17T14:00", "--duration", "2h", "--segment", "45m",
                        "--room", "cr2", "--attendee", "m-hughes")
        #expect(r.code == 0 && r.out.contains("SE-0002 booked"), "\(r)")
        r = await c.run("notifications", "--as", "o-dir-place")
        #expect(r.out.contains("Leo Martin named as your nominee: Local Plan review, Tue 17 Nov 14:00 (SE-0002)"), "\(r)")
        r = await c.run("session", "show", "SE-0002", "--as", "o-dir-place")
        #expect(r.code == 0 && r.out.contains("SE-0002"), "\(r)")
        r = await c.run("notifications", "--as", "o-mgr-planning")
        #expect(!r.out.contains("(SE-0002"), "not invited to SE-0002 before the Director endorses: \(r)")
        #expect(await c.run("officer", "endorse", "SE-0002", "--as", "o-dir-place", "--nominee", "o-mgr-planning").code == 0)
        #expect(await c.run("officer", "confirm", "SE-0002", "--as", "o-mgr-planning").code == 0)
        r = await c.run("session", "show", "SE-0002", "--as", "m-hughes", "--json")
        let shown = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        #expect(shown?["confirmed"] as? Bool == true, "no longer TENTATIVE for ever: \(r)")
    }

    @Test("issue 25 item 2 (000 §17.5.1, §17.16.3): a nomination whose rules refer waits in the approver's queue; the session is not CONFIRMED until agreed")
    func nomineeHoursWaitForApprover() async throws {
        let c = try await Council(profile: "000")
        var r = await c.run("request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Local Plan review", "--area", "planning",
                            "--meeting", "Cabinet", "--meeting-date", "2026-12-15", "--officer", "o-dir-place", "--start", "2026-11-16T18:00",
                            "--duration", "2h", "--segment", "45m", "--room", "cr1", "--attendee", "m-patel")
        #expect(r.code == 0 && r.out.contains("[refer] working-hours"), "\(r)")
        #expect(await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo", "--override", "working-hours=Director agreed one evening").code == 0)

        // The Director sends a manager who works 08:30-17:00: the evening is the Chief Executive's to agree, for them too.
        r = await c.run("officer", "nominate", "SE-0001", "--as", "o-dir-place", "--representative", "o-mgr-planning", "--reason", "Away that evening")
        #expect(r.code == 0 && r.out.contains("[refer] working-hours") && r.out.contains("Leo Martin")
                && r.out.contains("waits for the Chief Executive") && r.out.contains("RQ-0002"), "\(r)")
        r = await c.run("queue", "--as", "o-ceo")
        #expect(r.out.contains("RQ-0002") && r.out.contains("nomination"), "\(r)")
        r = await c.run("notifications", "--as", "o-mgr-planning")
        #expect(!r.out.contains("Invitation"), "not invited before the approver agrees: \(r)")
        let before = try c.snapshot()
        r = await c.run("officer", "confirm", "SE-0001", "--as", "o-mgr-planning")
        #expect(r.code == CLI.ExitCode.conflict.rawValue && r.err.contains("approval") && r.err.contains("000 §17.16.3") && r.err.contains("RQ-0002"), "\(r)")
        r = await c.run("approve", "RQ-0002", judgedAll, "--as", "o-ceo")
        #expect(r.code == CLI.ExitCode.refused.rawValue && r.err.contains("working-hours") && r.err.contains("--override"), "\(r)")
        #expect(try c.snapshot() == before, "refusals leave the database as it was")
        r = await c.run("session", "show", "SE-0001", "--as", "o-ceo")
        #expect(r.out.contains("tentative"), "\(r)")

        r = await c.run("approve", "RQ-0002", judgedAll, "--as", "o-ceo", "--override", "working-hours=Leo agreed the evening")
        #expect(r.code == 0, "\(r)")
        r = await c.run("notifications", "--as", "o-mgr-planning")
        #expect(r.out.contains("Invitation to brief for Nadia Rahman: Local Plan review") && r.out.contains("confirm on the desk that you will attend"), "\(r)")
        #expect(await c.run("officer", "confirm", "SE-0001", "--as", "o-mgr-planning").code == 0)
        r = await c.run("session", "show", "SE-0001", "--as", "o-ceo")
        #expect(r.out.contains(" — confirmed"), "\(r)")

        // A representative on a day they never work (Mon-Thu hours, a Friday session) waits the same way; declined, the
        // Director is invited again and the representative never attends.
        r = await c.run("request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Housing sites", "--area", "planning",
                        "--meeting", "Cabinet", "--meeting-date", "2026-12-15", "--officer", "o-dir-place", "--start", "2026-11-20T10:00",
                        "--duration", "2h", "--segment", "45m", "--room", "cr1", "--attendee", "m-patel")
        #expect(r.code == 0, "\(r)")
        #expect(await c.run("approve", "RQ-0003", judgedAll, "--as", "o-ceo").code == 0)
        r = await c.run("officer", "nominate", "SE-0002", "--as", "o-dir-place", "--representative", "o-planner", "--reason", "Clash")
        #expect(r.code == 0 && r.out.contains("[refer] working-hours") && r.out.contains("Mon-Thu") && r.out.contains("RQ-0004"), "\(r)")
        #expect(await c.run("decline", "RQ-0004", "--as", "o-ceo", "--reason", "Friday is not Amy's working day").code == 0)
        r = await c.run("session", "show", "SE-0002", "--as", "o-ceo")
        #expect(r.out.contains("officer o-dir-place: invited") && !r.out.contains("o-planner"), "\(r)")
        r = await c.run("notifications", "--as", "o-dir-place")
        #expect(r.out.contains("Friday is not Amy's working day"), "\(r)")
    }
}
