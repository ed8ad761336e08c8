import ArgumentParser
import BriefingsDomain
import BriefingsRemote
import BriefingsStore
import Foundation
import Synchronization

/// Runs the `briefings` command line and maps every failure to a message and a documented exit code.
public enum CLI {
    /// Exit codes, documented in README.md.
    public enum ExitCode: Int32, CaseIterable, Sendable {
        case ok = 0
        case failure = 1
        case refused = 3
        case notFound = 4
        case conflict = 5
        case forbidden = 6
        case invalid = 7
        case auditBroken = 8
        case notInitialised = 9
        case unreachable = 10
        case unauthorised = 11
        case badDatabase = 12
        case addressInUse = 13
        case busy = 14
        case mailFailed = 15
        case quota = 16
        case usage = 64
        case tempFail = 75

        public var meaning: String {
            switch self {
            case .ok: "success"
            case .failure: "unexpected failure (a bug, or the database file could not be opened)"
            case .refused: "refused by a rule (a block verdict, or a refer without the approver's reason)"
            case .notFound: "unknown person, group, room, officer, request, offer, briefing or session"
            case .conflict: "clashes with the current state (already decided, cancelled, closed, double booked)"
            case .forbidden: "your role does not allow this"
            case .invalid: "malformed input: a bad date or time, a missing reason, an invalid roster file"
            case .auditBroken: "`audit --verify` found an edited or deleted entry"
            case .notInitialised: "the database has no council yet: run `briefings init`"
            case .unreachable: "the briefings service could not be reached (--server, BRIEFINGS_SERVER)"
            case .unauthorised: "the service refused the token (missing, unknown or revoked): ask for a new one"
            case .badDatabase: "--database names a directory, a file that is not a briefings database, or one that cannot be opened"
            case .addressInUse: "`serve`: another program is already listening on that address and port"
            case .busy: "the database stayed locked by another writer (an import, a backup) past the wait: try again shortly"
            case .quota: "a council's limit on requests and changes (per person a day, or waiting per group) is reached; nothing changed"
            case .mailFailed: "`outbox deliver`: the sendmail command failed for a message (missing, or exited non-zero); it stays in the outbox and is tried again"
            case .usage: "the command line itself is wrong (unknown option, missing argument)"
            case .tempFail: "`mail receive`: a temporary failure (EX_TEMPFAIL): the database could not be opened or stayed locked, the council has no desk address yet, or the message could not be read; nothing changed, and the mail server keeps the message and tries again"
            }
        }

        static func of(_ kind: RemoteFailure.Kind) -> ExitCode {
            switch kind {
            case .failure: .failure
            case .unauthorised: .unauthorised
            case .unreachable: .unreachable
            }
        }

        static func of(_ kind: DeskError.Kind) -> ExitCode {
            switch kind {
            case .notFound: .notFound
            case .invalid: .invalid
            case .forbidden: .forbidden
            case .conflict: .conflict
            case .refused: .refused
            case .notInitialised: .notInitialised
            case .busy: .busy
            case .quota: .quota
            }
        }
    }

    /// Runs one command line; everything it prints goes to `Console.current`.
    public static func run(_ arguments: [String]) async -> Int32 {
        let console = Console.current
        do {
            try checkText(arguments)
            var command = try BriefingsCommand.parseAsRoot(arguments)
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            return ExitCode.ok.rawValue
        } catch let error as DeskError {
            if error.kind == .refused && !error.verdicts.isEmpty {
                let verbose = arguments.contains("--verbose")
                console.error(verbose ? "Refused. Every verdict:" : "Refused. The verdicts:")
                for line in verdictLines(error.verdicts, verbose: verbose) { console.error("  " + line) }
            }
            console.error("error: " + error.description)
            return ExitCode.of(error.kind).rawValue
        } catch let error as CLIError {
            console.error("error: " + error.message)
            return error.code.rawValue
        } catch let error as RemoteFailure {
            console.error("error: " + error.message)
            return ExitCode.of(error.kind).rawValue
        } catch {
            let code = BriefingsCommand.exitCode(for: error)
            let message = BriefingsCommand.fullMessage(for: error)
            if code == .success {
                console.print(message)
                return 0
            }
            if code.rawValue == 1 && !(error is ValidationError) {
                console.error("error: \(message.isEmpty ? String(describing: error) : message)")
                return ExitCode.failure.rawValue
            }
            console.error(message)
            return ExitCode.usage.rawValue
        }
    }

    /// The door for the command line: no argument may carry a control character (see `TextInput`).
    static func checkText(_ arguments: [String]) throws {
        for (i, argument) in arguments.enumerated() {
            guard let problem = TextInput.problem(argument) else { continue }
            let option = i > 0 && arguments[i - 1].hasPrefix("-") ? arguments[i - 1] : "argument \(i + 1)"
            throw CLIError(.invalid, "\(option): \(problem)")
        }
    }

    /// The current time for commands run in this task, when a test pins it (as `BRIEFINGS_NOW` does for a process).
    @TaskLocal public static var pinnedNow: Date?

    /// Runs a command line with its output captured, for tests; `now` pins the clock.
    public static func capture(_ arguments: [String], now: Date? = nil) async -> (code: Int32, out: String, err: String) {
        let console = Console(capturing: true)
        let code = await $pinnedNow.withValue(now) { await Console.$current.withValue(console) { await run(arguments) } }
        return (code, console.captured.out, console.captured.err)
    }
}

/// A failure of the command line itself, with its exit code.
struct CLIError: Error {
    var code: CLI.ExitCode
    var message: String
    init(_ code: CLI.ExitCode, _ message: String) { self.code = code; self.message = message }
}

/// Where commands print: the terminal, or a buffer in tests.
public final class Console: Sendable {
    private let capturing: Bool
    /// When set, everything (errors included) goes to this console's standard output, in order.
    private let transcriptOf: Console?
    private let buffer = Mutex<(out: String, err: String)>(("", ""))

    public init(capturing: Bool) { self.capturing = capturing; transcriptOf = nil }

    private init(transcriptOf console: Console) { capturing = false; transcriptOf = console }

    /// A console that writes errors in line with the output of this one (the demo's transcript).
    public func transcript() -> Console { Console(transcriptOf: self) }

    @TaskLocal public static var current = Console(capturing: false)

    public var captured: (out: String, err: String) { buffer.withLock { $0 } }

    public func print(_ text: String = "") {
        if let transcriptOf { transcriptOf.print(text) }
        else if capturing { buffer.withLock { $0.out += text + "\n" } } else { Swift.print(text) }
    }

    /// Writes text exactly, adding no line end (a feed's bytes end in CRLF of their own).
    public func write(_ text: String) {
        if let transcriptOf { transcriptOf.write(text) }
        else if capturing { buffer.withLock { $0.out += text } }
        else { fflush(nil); FileHandle.standardOutput.write(Data(text.utf8)) }
    }

    public func error(_ text: String) {
        if let transcriptOf { transcriptOf.print(text) }
        else if capturing { buffer.withLock { $0.err += text + "\n" } }
        else {
            fflush(nil)
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }
}
