import ArgumentParser
import BriefingsDomain
import BriefingsStore
import Foundation

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the demo council in a fresh database and walk through a whole story, printing each step.",
        discussion: "The demo database is recreated each time (default ./briefings-demo.sqlite). Afterwards, try the printed commands against it.")

    @Option(help: ArgumentHelp("The demo database file; replaced if it exists.", valueName: "path"))
    var database = "briefings-demo.sqlite"

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        /// A district council with four political groups and co-opted members (profile `model`).
        case district
        /// A town council without political groups (profile `002`): every councillor requests for themself.
        case town
    }

    @Option(help: ArgumentHelp("Which council: a district council with political groups, or a town council without any.", valueName: "kind"))
    var council: Kind = .district

    func run() async throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        let out = Console.current
        let transcript = out.transcript()
        let db = ["--database", database]
        // Meetings in the weeks ahead: Monday evening group meetings, Thursday afternoon for the Greens.
        let today = LocalDate(try StoreOptions.clock()())
        let monday = (1...7).map { today.adding(days: 7 + $0) }.first { $0.isoWeekday == 1 }!
        let thursday = monday.adding(days: 3), nextMonday = monday.adding(days: 7)
        var failures = 0

        func step(_ title: String, _ args: [String], expect: Int32 = 0) async {
            out.print("\n== \(title)")
            out.print("$ briefings " + args.map { $0.contains(" ") || $0.contains("\"") ? "'\($0)'" : $0 }.joined(separator: " "))
            let code = await Console.$current.withValue(transcript) { await CLI.run(args + db) }
            if code != expect { failures += 1; out.print("(unexpected exit code \(code), expected \(expect))") }
            else if code != 0 { out.print("(exit code \(code), as expected)") }
        }

        let rosterPath = database + ".roster.json"
        try (council == .town ? DemoCouncil.townRosterJSON : DemoCouncil.rosterJSON).write(toFile: rosterPath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: rosterPath) }

        if council == .town {
            await step("The Town Clerk creates the council's database under the town and parish profile (002)", ["init", "--profile", "002"])
            await step("…and loads its roster: five councillors and no political groups", ["roster", "import", rosterPath])
            await step("Cllr Barker, who belongs to no group, asks the Deputy Town Clerk to brief him on next year's precept",
                 ["request", "create", "--as", "c-barker", "--matter", "Precept 2027/28: budget options", "--area", "finance",
                  "--meeting", "Full Council, 14 January", "--officer", "o-deputy-clerk",
                  "--start", "\(monday)T10:00", "--duration", "1h", "--segment", "40m", "--room", "mayors-parlour", "--attendee", "c-barker"])
            await step("The Town Clerk's queue, every verdict", ["queue", "--as", "o-clerk", "--verbose"])
            await step("The Town Clerk agrees: every other councillor is offered the same briefing (002: all councillors have the same rights)",
                 ["approve", "RQ-0001", "--as", "o-clerk", "--judged", "council-business,no-individual-matter"])
            await step("The offers, as the Clerk sees them", ["offer", "list", "--as", "o-clerk"])
            await step("Cllr Cole takes hers up with a session of her own", ["offer", "accept", "OF-0003", "--as", "c-cole", "--start", "\(thursday)T11:00",
                                                                      "--duration", "1h", "--segment", "40m", "--room", "mayors-parlour", "--attendee", "c-cole"])
            await step("Cllr Dunn declines his", ["offer", "decline", "OF-0004", "--as", "c-dunn", "--reason", "Will read the papers for Full Council"])
            await step("The Mayor cannot read Cllr Barker's request (confidentiality holds between councillors)",
                 ["request", "show", "RQ-0001", "--as", "c-ahmed"], expect: CLI.ExitCode.forbidden.rawValue)
            await step("Every session, as the Town Clerk sees them", ["session", "list", "--as", "o-clerk"])
            await step("Mrs Ford, a co-opted member, asks for a written report instead of a meeting: no time, room or attendees",
                 ["request", "create", "--as", "c-ford", "--matter", "Allotments: waiting list and plot rents", "--area", "allotments",
                  "--meeting", "Full Council", "--meeting-date", "\(nextMonday.adding(days: 14))", "--officer", "o-facilities",
                  "--written-report", "--report-due", "\(nextMonday)"])
            await step("The Town Clerk agrees: the report is commissioned from the Facilities Officer and offered to every other councillor",
                 ["approve", "RQ-0002", "--as", "o-clerk", "--judged", "council-business,no-individual-matter"])
            await step("Cllr Cole takes the report up: no meeting to arrange", ["offer", "accept", "OF-0008", "--as", "c-cole"])
            let reportPath = database + ".report.txt"
            try DemoCouncil.allotmentsReport.write(toFile: reportPath, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: reportPath) }
            await step("The Facilities Officer attaches the report, checked against advice-limits",
                 ["briefing", "material", "BR-0002", "--as", "o-facilities", "--file", reportPath])
            await step("Cllr Cole reads it: the same report Mrs Ford asked for", ["briefing", "show", "BR-0002", "--as", "c-cole"])
            await step("Cllr Dunn has not taken it up, so cannot read it", ["briefing", "show", "BR-0002", "--as", "c-dunn"],
                 expect: CLI.ExitCode.forbidden.rawValue)
            await step("The parity report: one line per councillor", ["parity", "--as", "o-clerk"])
            await step("The audit trail, checked", ["audit", "--verify"])
            try finish("The demo town council", try: ["offer list --as c-ahmed", "briefing show BR-0002 --as c-ford", "parity --as o-clerk --json"])
            return
        }

        await step("Democratic services create the council's database", ["init", "--profile", "model"])
        await step("…and load its roster: four groups, co-opted members, officers of every grade, rooms", ["roster", "import", rosterPath])
        await step("The rules in force", ["rules"])
        await step("The Labour leader asks the Director of Place to brief the group on the Local Plan at a Monday evening meeting",
             ["request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Local Plan review: housing sites consultation",
              "--area", "planning", "--meeting", "Cabinet, 15 December", "--officer", "o-dir-place",
              "--start", "\(monday)T18:00", "--duration", "2h", "--segment", "45m", "--room", "cr1",
              "--attendee", "m-patel", "--attendee", "m-okafor", "--attendee", "m-wood", "--joint"])
        await step("The Green leader asks for the same Director, but wants the party's agent there: refused (members-only)",
             ["request", "create", "--as", "m-nowak", "--group", "GRN", "--matter", "Climate emergency action plan",
              "--area", "planning", "--meeting", "Full Council, 20 January", "--officer", "o-dir-place",
              "--start", "\(thursday)T14:00", "--duration", "90m", "--segment", "40m", "--virtual", "https://meet.example.gov.uk/grn",
              "--attendee", "m-nowak", "--guest", "Chris Day (Green Party election agent)"], expect: CLI.ExitCode.refused.rawValue)
        await step("The Chief Executive's queue: the evening slot is outside the Director's hours (working-hours: refer)", ["queue", "--as", "o-ceo", "--verbose"])
        await step("Approving without a reason for the override is refused", ["approve", "RQ-0001", "--as", "o-ceo"], expect: CLI.ExitCode.refused.rawValue)
        await step("The Chief Executive approves, recording why the evening is acceptable and that she judged the matter council business, with no individual case",
             ["approve", "RQ-0001", "--as", "o-ceo", "--override", "working-hours=Director agreed; time off in lieu under the officers' terms",
                  "--judged", "council-business", "--judged", "no-individual-matter"])
        await step("Approving it twice is refused", ["approve", "RQ-0001", "--as", "o-ceo"], expect: CLI.ExitCode.conflict.rawValue)
        await step("The Deputy Chief Executive cannot decide while the Chief Executive is in (approval)",
             ["decline", "RQ-0001", "--as", "o-dce", "--reason", "Second thoughts"], expect: CLI.ExitCode.forbidden.rawValue)
        await step("The Director confirms", ["officer", "confirm", "SE-0001", "--as", "o-dir-place"])
        await step("The equal offers: every other group is offered the same briefing", ["offer", "list", "--as", "o-ceo"])
        await step("The Conservative group declines its offer", ["offer", "decline", "OF-0002", "--as", "m-hughes", "--reason", "Group briefed at Planning Committee"])
        await step("The Liberal Democrats' assistant asks to join the joint session for their leader: the evening needs the Chief Executive's agreement for them too, so it waits in the queue",
             ["offer", "accept", "OF-0003", "--as", "pa-ld", "--on-behalf-of", "m-evans", "--join", "SE-0001", "--attendee", "m-evans", "--attendee", "m-singh"])
        await step("The Chief Executive agrees the Liberal Democrats' evening with a reason of its own (no override is inherited)",
             ["approve", "RQ-0002", "--as", "o-ceo", "--override", "working-hours=Same evening session; the Director has agreed"])
        await step("The Greens take up their offer with their own virtual session on Thursday afternoon",
             ["offer", "accept", "OF-0004", "--as", "m-nowak", "--start", "\(thursday)T14:00", "--duration", "90m", "--segment", "40m",
              "--virtual", "https://meet.example.gov.uk/grn", "--attendee", "m-nowak", "--attendee", "m-adams"])
        await step("The Director may not decline the Greens after briefing Labour (officer-consistency)",
             ["officer", "decline", "SE-0002", "--as", "o-dir-place", "--reason", "Too political"], expect: CLI.ExitCode.refused.rawValue)
        await step("She nominates the Planning Policy Manager instead, recorded as her nominee",
             ["officer", "nominate", "SE-0002", "--as", "o-dir-place", "--representative", "o-mgr-planning", "--reason", "Leave that day"])
        await step("Another group cannot read Labour's request (confidentiality)", ["request", "show", "RQ-0001", "--as", "m-nowak"],
             expect: CLI.ExitCode.forbidden.rawValue)
        await step("Her nominee, invited in her place, proposes an earlier start for the Greens' session",
             ["officer", "propose", "SE-0002", "--as", "o-mgr-planning", "--start", "\(thursday)T13:00", "--duration", "90m", "--segment", "40m",
              "--reason", "Site visit later that afternoon"])
        await step("The Greens take the proposed time: judged as their own reschedule, it books under the briefing's approval",
             ["session", "take-proposal", "TP-0001", "--as", "m-nowak"])
        await step("The Greens move their meeting a week on", ["session", "reschedule", "SE-0002", "--as", "m-nowak", "--start", "\(nextMonday.adding(days: 3))T14:00",
                                                          "--duration", "90m", "--segment", "40m", "--reason", "Clash with the Budget scrutiny panel"])
        await step("…and then cancel it", ["session", "cancel", "SE-0002", "--as", "m-nowak", "--reason", "Group meeting cancelled"])
        await step("The Conservative leader asks for a budget briefing of the opposition's own (003 §7.13); it waits in the queue",
             ["request", "create", "--as", "m-hughes", "--group", "CON", "--matter", "Budget 2027/28: savings options", "--area", "finance",
              "--meeting", "Budget Council, February", "--embargo-until", "\(today.adding(days: 90))", "--officer", "o-ad-finance",
              "--start", "\(nextMonday)T10:00", "--duration", "90m", "--segment", "45m", "--room", "cr2",
              "--attendee", "m-hughes", "--attendee", "m-lewis", "--budget"])
        await step("The Labour leader cannot read it (confidentiality); once agreed, other groups are offered budget discussions of their own, never its title",
             ["request", "show", "RQ-0003", "--as", "m-patel"], expect: CLI.ExitCode.forbidden.rawValue)
        await step("Every session, as the Chief Executive sees them", ["session", "list", "--as", "o-ceo"])
        await step("The parity report for the Monitoring Officer", ["parity", "--as", "o-mo"])
        await step("The audit trail, checked", ["audit", "--verify"])

        try finish("The demo council", try: ["queue --as o-ceo", "session list --as o-dir-place", "offer list --as m-evans", "audit --as o-mo",
                                             "parity --as o-mo --json"])

        /// Prints commands to try against the demo database; fails if any step did not go as expected.
        func finish(_ what: String, try lines: [String]) throws {
            // The binary as it was started (e.g. .build/debug/briefings under `swift run`), so the lines work as printed.
            let me = CommandLine.arguments.first.map { $0.hasSuffix("briefings") ? $0 : "briefings" } ?? "briefings"
            out.print("\n\(what) is in \(database). Try, for example:")
            for line in lines { out.print("  \(me) \(line) --database \(database)") }
            if failures > 0 { throw CLIError(.failure, "\(failures) demo step(s) did not go as expected") }
        }
    }
}
