import ArgumentParser

/// The root `briefings` command.
public struct BriefingsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "briefings",
        abstract: "Schedule officers' briefings of a council's political groups, fairly and by the protocol.",
        discussion: """
            Group leaders request briefings; the approver (Chief Executive, or Clerk) works through the queue; \
            every approved briefing is offered to every other group; officers confirm; the Monitoring Officer \
            reads the audit trail and the parity report. Times are Europe/London local time (2026-12-07T18:00). \
            Start with `briefings demo`, or `briefings init` then `briefings roster import`.
            """,
        subcommands: [
            Demo.self, Serve.self, Init.self, RosterCommand.self, Rules.self, ConformanceCommand.self, TokenCommand.self, PersonCommand.self,
            RequestCommand.self, Queue.self, Approve.self, Decline.self, ApproverCommand.self,
            OfferCommand.self, BriefingCommand.self, OfficerCommand.self, SessionCommand.self,
            FeedCommand.self, BusyCommand.self, HolidaysCommand.self, MeetingsCommand.self,
            NoteCommand.self, Audit.self, Parity.self, Notifications.self, OutboxCommand.self, MailCommand.self, Backup.self, Restore.self, OpenAPI.self,
        ]
    )

    public init() {}
}
