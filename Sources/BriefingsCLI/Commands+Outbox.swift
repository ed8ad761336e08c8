import ArgumentParser
import BriefingsDomain
import BriefingsMail
import BriefingsStore
import Foundation

/// Which sendmail command delivers the outbox: `--sendmail`, else `$BRIEFINGS_SENDMAIL`, else `/usr/sbin/sendmail -t -i`.
struct MailOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The sendmail command that sends the email, reading each message on standard input with its recipients in its headers, e.g. \"msmtp -t\". Defaults to $BRIEFINGS_SENDMAIL, else \"/usr/sbin/sendmail -t -i\" (Debian's msmtp-mta, Postfix or Exim provide it).", valueName: "command"))
    var sendmail: String?

    /// Whether a command was chosen here or in the environment rather than by default.
    var chosen: Bool { sendmail != nil || !(ProcessInfo.processInfo.environment[SendmailCommand.environmentVariable] ?? "").isEmpty }

    func command() throws -> SendmailCommand {
        let env = ProcessInfo.processInfo.environment[SendmailCommand.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        let (text, source) = sendmail.map { ($0, "--sendmail") } ?? env.map { ($0, SendmailCommand.environmentVariable) } ?? (SendmailCommand.standard, "the default")
        do { return try SendmailCommand(text) } catch {
            throw CLIError(.invalid, "\(source): \(error.description); write it like \"/usr/sbin/sendmail -t -i\" or \"msmtp -C /etc/msmtprc -t\"")
        }
    }
}

/// The address people reach the desk at, that the links in its email hang from: `--public-url`, else
/// `$BRIEFINGS_PUBLIC_URL`; nil when neither is set (a message that links to the desk then waits, saying so).
struct PublicURLOptions: ParsableArguments {
    @Option(name: .customLong("public-url"), help: ArgumentHelp("The address people reach the desk at, e.g. https://briefings.example.gov.uk: every message links to its page on the desk under it. Defaults to $BRIEFINGS_PUBLIC_URL.", valueName: "url"))
    var publicURL: String?

    func resolved() throws -> String? { try Self.resolve(publicURL) }

    /// `given`, else `$BRIEFINGS_PUBLIC_URL`, without its trailing slash; refused unless an http:// or https:// address.
    static func resolve(_ given: String?) throws -> String? {
        let env = ProcessInfo.processInfo.environment[MailMessage.publicURLVariable].flatMap { $0.isEmpty ? nil : $0 }
        guard let (raw, source) = given.map({ ($0, "--public-url") }) ?? env.map({ ($0, MailMessage.publicURLVariable) }) else { return nil }
        do { return try FeedURLs.base(raw) } catch {
            throw CLIError(.invalid, "\(source): '\(raw)' is not an http:// or https:// address; give the address people reach the desk at, e.g. https://briefings.example.gov.uk")
        }
    }
}

struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Deliver, list and retry the email the desk sends (on the server, against its database).",
        discussion: """
            Every workflow step writes its messages to the outbox in its own transaction. `briefings serve` delivers them \
            in the background; `briefings outbox deliver` does the same once (from a systemd timer or cron). A message \
            the sendmail command refuses stays in the outbox with the error and is tried again later (after 1 minute, \
            doubling to 1 hour; given up after 12 attempts). See docs/operations.md, "Email".
            """,
        subcommands: [Deliver.self, List.self, Retry.self, Show.self])

    struct Deliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send every message that is due, through the sendmail command, then stop.",
            discussion: "First tells each requester whose request has passed the date they were to hear by (004 §6.5.8), as `briefings serve` does every ten minutes. Exits 0 when every due message was handed over (or none was due), 15 when the sendmail command failed for any: those stay in the outbox with the error and are tried again later. Safe to run beside `briefings serve` or another deliverer: each message is claimed by one of them.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var mail: MailOptions
        @OptionGroup var url: PublicURLOptions

        func run() async throws {
            let command = try mail.command()
            let desk = try store.desk()
            try await desk.tellPastDue()
            let report = try await OutboxDeliverer(desk: desk, command: command, publicURL: try url.resolved()).deliverDue()
            let waiting = try await desk.outboxCounts()
            store.emit(report) {
                let out = Console.current
                if report.sent.isEmpty && report.failed.isEmpty { out.print("Nothing to send.") }
                if !report.sent.isEmpty { out.print("Sent \(report.sent.count) message(s) through \(command).") }
                for f in report.failed {
                    out.print("Message \(f.id) not sent: \(f.error). " + (f.willRetry ? "It is tried again later." : "Given up after \(OutboxPolicy.maxAttempts) attempts: `briefings outbox retry \(f.id)` once the transport works."))
                }
                if waiting.pending + waiting.sending > 0 { out.print("\(waiting.pending + waiting.sending) message(s) still wait in the outbox: `briefings outbox list`.") }
            }
            if let first = report.failed.first {
                throw CLIError(.mailFailed, "\(report.failed.count) message(s) could not be sent (\(first.error)); they stay in the outbox and are tried again: `briefings outbox list --failed` shows them")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the outbox, oldest first: each message's state, recipients, attempts and last error.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Only messages whose last attempt failed (waiting to retry, or given up).") var failed = false

        func run() async throws {
            let desk = try store.desk()
            let items = try await desk.outbox(failedOnly: failed)
            let counts = try await desk.outboxCounts()
            store.emit(items) {
                let out = Console.current
                out.print(table(["id", "status", "tries", "created", "to", "subject"], items.map {
                    [String($0.id), $0.status, String($0.attempts), $0.created, $0.to.joined(separator: ", "), String($0.subject.prefix(70))]
                }))
                for item in items where item.lastError != nil || item.nextAttempt != nil {
                    out.print("message \(item.id): " + [item.lastError.map { "last error: \($0)" }, item.nextAttempt.map { "next attempt \($0)" }]
                        .compactMap { $0 }.joined(separator: "; "))
                }
                out.print("\(counts.pending) pending (\(counts.retrying) after a failure), \(counts.sending) being sent, \(counts.sent) sent, \(counts.failed) given up.")
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send a pending or given-up message at the next delivery, its attempts counted afresh.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The message's id from `briefings outbox list`.") var id: Int64

        func run() async throws {
            let item = try await store.desk().retryMessage(id)
            store.emit(item) {
                Console.current.print("Message \(item.id) (\(item.subject)) goes at the next delivery: `briefings outbox deliver`, or within seconds under `briefings serve`.")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one message exactly as it is handed to the sendmail command.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var url: PublicURLOptions
        @Argument(help: "The message's id from `briefings outbox list`.") var id: Int64

        func run() async throws {
            let message = try await store.desk().outboxMessage(id)
            do {
                Console.current.write(String(decoding: try MailMessage.render(message, publicURL: try url.resolved()), as: UTF8.self))
            } catch let missing as MailMessage.MissingPublicURL {
                throw CLIError(.invalid, "message \(id) cannot be shown as it is sent: \(missing)")
            }
        }
    }
}
