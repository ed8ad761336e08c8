import ArgumentParser
import BriefingsDomain
import BriefingsStore
import Foundation

/// Where the database lives and how to print.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file. Defaults to $BRIEFINGS_DATABASE, else ~/.local/share/briefings/briefings.sqlite.", valueName: "path"))
    var database: String?

    @Flag(name: .long, help: "Print JSON for scripts instead of tables for people.")
    var json = false

    var path: String {
        if let database { return database }
        let env = ProcessInfo.processInfo.environment
        if let p = env["BRIEFINGS_DATABASE"], !p.isEmpty { return p }
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
        return base + "/briefings/briefings.sqlite"
    }

    /// Opens the desk on an existing database; a missing file is reported, not silently created.
    func desk() throws -> BriefingDesk {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError(.notInitialised, "no database at \(path). Create one with `briefings init --profile NAME --database \(path)`, or pass --database / set BRIEFINGS_DATABASE.")
        }
        return BriefingDesk(database: try AppDatabase.open(path: path), now: Self.clock)
    }

    /// The current time, which `BRIEFINGS_NOW` (a local time) can pin for rehearsals and tests.
    static var clock: @Sendable () -> Date {
        if let pinned = ProcessInfo.processInfo.environment["BRIEFINGS_NOW"], let d = try? LondonTime.parse(pinned) {
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
    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this roster person (their id from `briefings roster show`).", valueName: "person"))
    var person: String
}

/// Parses a local time or fails with a message naming what to change.
func localTime(_ text: String, _ option: String) throws -> Date {
    do { return try LondonTime.parse(text) } catch { throw CLIError(.invalid, "\(option): \(error.description)") }
}

func minutes(_ text: String, _ option: String) throws -> Int {
    guard let m = Minutes(parsing: text) else {
        throw CLIError(.invalid, "\(option): '\(text)' is not a length of time; write it like 30m, 1h or 1h30m")
    }
    return m.value
}

func date(_ text: String?, _ option: String) throws -> LocalDate? {
    guard let text else { return nil }
    guard let d = LocalDate(text) else { throw CLIError(.invalid, "\(option): '\(text)' is not a date; write it as YYYY-MM-DD") }
    return d
}

/// Parses `--override rule="reason"` values.
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
