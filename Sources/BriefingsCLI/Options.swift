import ArgumentParser
import BriefingsDomain
import BriefingsRemote
import BriefingsStore
import Foundation

/// Where the database lives and how to print.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file. Defaults to $BRIEFINGS_DATABASE, else ~/.local/share/briefings/briefings.sqlite.", valueName: "path"))
    var database: String?

    @Flag(name: .long, help: "Print JSON for scripts instead of tables for people.")
    var json = false

    @Flag(name: .long, help: "List every rule's verdict, the passes too (by default one line names the rules that pass).")
    var verbose = false

    @Option(name: .long, help: ArgumentHelp("Work through a briefings service at this URL instead of a local database (or $BRIEFINGS_SERVER, or the config file).", valueName: "url"))
    var server: String?

    @Option(name: .long, help: ArgumentHelp("Your bearer token for --server (or $BRIEFINGS_TOKEN, or the config file).", valueName: "token"))
    var token: String?

    var path: String {
        if let database { return database }
        let env = ProcessInfo.processInfo.environment
        if let p = env["BRIEFINGS_DATABASE"], !p.isEmpty { return p }
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
        return base + "/briefings/briefings.sqlite"
    }

    /// `~/.config/briefings/config.json`: {"server": "https://…", "token": "brf_…"}.
    static var configFile: String {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.config")
        return base + "/briefings/config.json"
    }

    /// The service and token to use, if the command should go to a server: flags, then environment, then config file.
    func remote() throws -> (URL, String)? {
        let env = ProcessInfo.processInfo.environment
        var config: [String: String] = [:]
        if server == nil && env["BRIEFINGS_SERVER"] == nil, let data = FileManager.default.contents(atPath: Self.configFile) {
            guard let parsed = try? JSONDecoder().decode([String: String].self, from: data) else {
                throw CLIError(.invalid, "\(Self.configFile) is not a JSON object of text values like {\"server\": \"https://…\", \"token\": \"brf_…\"}")
            }
            config = parsed
        }
        guard let address = server ?? env["BRIEFINGS_SERVER"].flatMap({ $0.isEmpty ? nil : $0 }) ?? config["server"] else { return nil }
        guard let url = URL(string: address), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw CLIError(.invalid, "--server: '\(address)' is not an http:// or https:// URL")
        }
        guard let token = token ?? env["BRIEFINGS_TOKEN"].flatMap({ $0.isEmpty ? nil : $0 }) ?? config["token"] else {
            throw CLIError(.unauthorised, "no token for \(address): pass --token, set BRIEFINGS_TOKEN, or put it in \(Self.configFile); an administrator issues one with `briefings token issue`")
        }
        return (url, token)
    }

    /// Where user commands go: the service when one is configured, else the local database acting as `--as`.
    func service(_ acting: ActingAs) throws -> (DeskService, String) {
        if let (url, token) = try remote() { return (RemoteDesk(server: url, token: token), acting.person ?? "") }
        guard let person = acting.person else {
            throw CLIError(.invalid, "say who is acting: --as PERSON (a roster id), or work through the service with --server and --token")
        }
        return (try desk(), person)
    }

    /// The service user commands go to (see `service`).
    func client(_ acting: ActingAs) throws -> DeskService { try service(acting).0 }

    /// For reads the server's administrator may also run locally without `--as` (audit, parity).
    func oversightService() throws -> DeskService {
        if let (url, token) = try remote() { return RemoteDesk(server: url, token: token) }
        return try desk()
    }

    /// Opens the desk on an existing database; a missing file is reported, not silently created.
    func desk() throws -> BriefingDesk {
        try refuseServer()
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError(.notInitialised, "no database at \(path). Create one with `briefings init --profile NAME --database \(path)`, or pass --database / set BRIEFINGS_DATABASE.")
        }
        return BriefingDesk(database: try Self.open(path), now: try Self.clock())
    }

    /// Opens the database file, saying plainly when --database names something that is not one (a directory,
    /// a text file, a damaged or unreadable file) rather than passing SQLite's words on.
    static func open(_ path: String) throws -> AppDatabase {
        let wait = try busyTimeout()
        do {
            return try AppDatabase.open(path: path, busyTimeout: wait)
        } catch let error as DatabaseFileError {
            switch error.kind {
            case .directory:
                throw CLIError(.badDatabase, "--database \(path) is a directory, not a database file; name the file, e.g. --database \(path.hasSuffix("/") ? path : path + "/")briefings.sqlite")
            case .notADatabase:
                throw CLIError(.badDatabase, "--database \(path) is not a SQLite database (another kind of file, or damaged); pass the briefings database file, or put a backup back with `briefings restore BACKUP --database \(path)`")
            case .busy:
                let seconds = wait == wait.rounded() ? "\(Int(wait))" : "\(wait)"
                throw CLIError(.busy, "--database \(path) is busy: another writer (an import, a backup, another command) held its lock past the \(seconds)-second wait, and nothing was changed; try again shortly, or wait longer with BRIEFINGS_BUSY_TIMEOUT=SECONDS (up to 600)")
            case .unopenable:
                throw CLIError(.badDatabase, "--database \(path) cannot be opened (\(error.detail)); check the path, its permissions and the free disk space")
            }
        }
    }

    /// How long a write waits for another writer's lock (an import, a backup, a second command) before it gives up
    /// with exit 14 (in `serve`: HTTP 503): `BRIEFINGS_BUSY_TIMEOUT` seconds, 0.1 to 600, else 15. A value that is
    /// set but not such a number is refused, never silently ignored.
    static func busyTimeout() throws -> TimeInterval {
        guard let text = ProcessInfo.processInfo.environment["BRIEFINGS_BUSY_TIMEOUT"], !text.isEmpty else { return 15 }
        guard let seconds = Double(text), seconds.isFinite, (0.1...600).contains(seconds) else {
            throw CLIError(.invalid, "BRIEFINGS_BUSY_TIMEOUT: '\(text)' is not a number of seconds from 0.1 to 600; write it like 2 or 0.5, or unset it for the default 15")
        }
        return seconds
    }

    /// Administration (init, roster, tokens, feeds for others, busy times, serve) works on the database
    /// itself: given --server it would quietly act on a local file instead, so it is refused.
    func refuseServer() throws {
        guard let server else { return }
        throw CLIError(.invalid, "--server \(server): this command works on the service's database itself, on the server host. Run it there without --server; the user commands (request, queue, approve, offer, session, note, audit, parity, rules, feed url) take --server.")
    }

    /// The current time, which `BRIEFINGS_NOW` (a local time) can pin for rehearsals and tests.
    /// A `BRIEFINGS_NOW` that is set but not a local time is refused, never silently ignored.
    static func clock() throws -> @Sendable () -> Date {
        if let pinned = CLI.pinnedNow { return { pinned } }
        if let pinned = ProcessInfo.processInfo.environment["BRIEFINGS_NOW"], !pinned.isEmpty {
            guard let d = try? LondonTime.parse(pinned) else {
                throw CLIError(.invalid, "BRIEFINGS_NOW: '\(pinned)' is not a local time; write it like 2026-12-07T18:00, or unset it to use the real time")
            }
            return { d }
        }
        return { Date() }
    }

    /// Prints a value as JSON when asked, otherwise runs the human printer.
    func emit<T: Encodable>(_ value: T, human: () -> Void) {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            Console.current.print(String(decoding: try! encoder.encode(value), as: UTF8.self))
        } else {
            human()
        }
    }
}

/// The roster person a command acts as (until tokens arrive with the service).
struct ActingAs: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this roster person (their id from `briefings roster show`); with --server the token says who you are.", valueName: "person"))
    var person: String?

    /// Who is acting, as the desk is told: with --server the token decides and this is ignored.
    var me: String { person ?? "" }
}

/// Parses a local time or fails with a message naming what to change.
func localTime(_ text: String, _ option: String) throws -> Date {
    do { return try LondonTime.parse(text) } catch { throw CLIError(.invalid, "\(option): \(error.description)") }
}

func date(_ text: String?, _ option: String) throws -> LocalDate? {
    guard let text else { return nil }
    do { return try LocalDate.parse(text) } catch {
        throw CLIError(.invalid, "\(option): \(error.description)" + (error == .malformed(text) ? "; write it as YYYY-MM-DD" : ""))
    }
}

/// Parses `--override rule="reason"` values.
/// `--judged` values (repeated, or comma-separated): only rules a person judges (`Approval.judgedRules`).
func judgedRules(_ values: [String]) throws -> Set<RuleID> {
    let names = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    let judgeable = BriefingsDomain.Approval.judgedRules.map(\.rawValue).joined(separator: ", ")
    return Set(try names.map { name in
        guard let rule = RuleID(rawValue: name), BriefingsDomain.Approval.judgedRules.contains(rule) else {
            throw CLIError(.invalid, "--judged '\(name)': the approver judges only \(judgeable); a [refer] rule is agreed with --override RULE=\"reason\"")
        }
        return rule
    })
}

func overrides(_ values: [String]) throws -> [RuleID: String] {
    var result: [RuleID: String] = [:]
    for v in values {
        let parts = v.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let rule = RuleID(rawValue: parts[0].trimmingCharacters(in: .whitespaces)) else {
            throw CLIError(.invalid, "--override '\(v)': write it as RULE=\"reason\", RULE one of \(RuleID.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        result[rule] = parts[1]
    }
    return result
}
