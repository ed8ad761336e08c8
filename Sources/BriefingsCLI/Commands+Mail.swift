import ArgumentParser
import BriefingsDomain
import BriefingsMail
import BriefingsStore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Take in email sent to the desk's address (on the server, against its database).",
        discussion: """
            Officers' invitations ask for an answer from their calendar, to the desk's address plus-addressed with a \
            token of that invitation (briefings+TOKEN@council.gov.uk). The mail server pipes each such message to \
            `briefings mail receive`. See docs/operations.md, "Answers from officers' calendars", for Postfix and Exim.
            """,
        subcommands: [Receive.self])

    struct Receive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read one message on standard input, as a mail server pipes it, and apply an officer's answer from their calendar.",
            discussion: """
                The message is an iMIP REPLY or COUNTER (RFC 6047) sent to the reply address of one invitation: Accept \
                confirms the officer's attendance, Decline declines it (judged by the same rules as the desk: when a rule \
                refuses, the officer is emailed why and what they may do instead, and nothing changes), Propose New Time \
                records their proposed time for the group to take or refuse. An unknown or used token, a sender other than \
                the invitation's officer, an answer to an older version of the invitation (SEQUENCE), a cancelled session \
                or a message that is not a calendar answer changes nothing. What was done, or why not, is printed and written \
                to the system log (mail facility). Nothing ever answers a message marked Auto-Submitted.

                Exit codes, as a mail server reads them: 0 when the message was applied, refused or deliberately dropped \
                (the mail server then forgets it); 75 (EX_TEMPFAIL) when it could not be looked at now: the database is \
                missing, not initialised, damaged or locked past the wait, the council has no desk address (council.email \
                in the roster), standard input could not be read, or an unexpected failure. The mail server keeps a \
                message that exited 75 and tries again later; nothing was changed.
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("The address the message was delivered to, as the mail server knows it (Postfix: ${original_recipient}; Exim: $local_part$local_part_suffix@$domain). Without it, the reply token is looked for in the X-Original-To, Delivered-To, To and Cc headers.", valueName: "address"))
        var recipient: String?
        @Option(help: ArgumentHelp("Read the message from this file instead of standard input.", valueName: "path"))
        var file: String?

        func run() async throws {
            do {
                try await receive()
            } catch let error as CLIError where [.busy, .badDatabase, .notInitialised, .failure, .tempFail].contains(error.code) {
                throw CLIError(.tempFail, Self.log("temporary failure, the message is kept by the mail server: \(error.message)"))
            } catch let error as DeskError where [.busy, .notInitialised].contains(error.kind) {
                throw CLIError(.tempFail, Self.log("temporary failure, the message is kept by the mail server: \(error.message)"))
            } catch let error as CLIError {
                throw error
            } catch {
                throw CLIError(.tempFail, Self.log("temporary failure, the message is kept by the mail server: \(error)"))
            }
        }

        func receive() async throws {
            let raw = try read()
            let desk = try store.desk()
            guard let address = try await desk.deskAddress() else {
                throw CLIError(.tempFail, "the council has no desk address, so no reply token can be read: give the council's email address in the roster (council.email) and import it again")
            }
            guard raw.count <= IncomingReply.largest else {
                Console.current.print(Self.log("dropped: a message of \(raw.count) bytes, over the \(IncomingReply.largest / 1024 / 1024) MB a calendar answer may be"))
                return
            }
            let message = IncomingReply.read(raw, recipient: recipient, desk: address)
            let outcome = try await desk.receiveCalendarReply(message)
            let said = Self.log("\(outcome.kind.rawValue)\(outcome.session.map { " (\($0), \(outcome.officer ?? "?"))" } ?? ""): \(outcome.detail); from \(message.sender.isEmpty ? "no sender" : message.sender)\(message.autoSubmitted ? ", Auto-Submitted" : "")")
            store.emit(outcome) { Console.current.print(said) }
        }

        /// The whole message, from `--file` or standard input, at most one byte over the largest a message may be.
        func read() throws -> [UInt8] {
            if let file {
                guard let handle = FileHandle(forReadingAtPath: file) else { throw CLIError(.tempFail, "--file \(file) cannot be read") }
                defer { try? handle.close() }
                return Array((try handle.read(upToCount: IncomingReply.largest + 1)) ?? Data())
            }
            return Array((try FileHandle.standardInput.read(upToCount: IncomingReply.largest + 1)) ?? Data())
        }

        /// Writes one line to the system log (mail facility: a mail server discards what a command it pipes to prints when
        /// it exits 0); returns it, for standard output or the error.
        static func log(_ line: String) -> String {
            let text = "briefings mail receive: " + line
            // LOG_MAIL | LOG_INFO (syslog.h: facility 2 << 3, priority 6)
            text.withCString { c in withVaList([c]) { vsyslog(Int32(2 << 3) | 6, "%s", $0) } }
            return line
        }
    }
}
