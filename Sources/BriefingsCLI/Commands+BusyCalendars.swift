import ArgumentParser
import BriefingsDomain
import BriefingsImports
import BriefingsStore
import Foundation

/// `briefings busy url …`: an officer's published calendar address, read on a schedule by `serve` (issue 26, item 3).
struct BusyURLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "url", abstract: "An officer's published calendar address, read on a schedule instead of importing files.",
        discussion: """
            Outlook's "Publish a calendar" ICS link or Google Calendar's "Secret address in iCal format" is stored once; \
            `briefings serve` reads it every hour with a conditional GET (nothing is imported when it has not changed) and \
            replaces the officer's busy times as `briefings busy import` does, under the same limits (10 MB, a minute, \
            the planning horizon). The address is a secret: it is never logged and never shown beyond its host.
            """,
        subcommands: [Set.self, List.self, Remove.self, Refresh.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store (or replace) an officer's calendar address; it is read at the service's next round, or now with `busy url refresh`.",
            discussion: "Give the address as the argument, or `-` to read it from standard input (it then stays out of the shell's history and the process list).")
        @OptionGroup var store: StoreOptions
        @Option(help: "The officer's id.") var officer: String
        @Option(help: ArgumentHelp("The planning horizon in days from each read.", valueName: "days")) var horizon = 365
        @Argument(help: ArgumentHelp("The calendar's https:// or webcal:// address, or - for standard input.", valueName: "address")) var address: String

        func run() async throws {
            guard (1...3660).contains(horizon) else { throw CLIError(.invalid, "--horizon: give 1 to 3660 days") }
            var text = address
            if address == "-" { text = readLine(strippingNewline: true) ?? "" }
            let saved = try await store.desk().setBusyCalendar(officer: officer, url: text, horizonDays: horizon)
            store.emit(saved) {
                Console.current.print("Stored \(officer)'s calendar address \(saved.address) (horizon \(horizon) days). The service reads it within a minute; `briefings busy url refresh --officer \(officer)` reads it now.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Each officer's calendar address (its host only), when it was last read, and any error.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this officer's.") var officer: String?

        func run() async throws {
            let desk = try store.desk()
            var list = try await desk.busyCalendars()
            if let officer {
                list = list.filter { $0.officer == officer }
                if list.isEmpty { throw CLIError(.notFound, "\(officer) has no calendar address; set one with `briefings busy url set --officer \(officer) ADDRESS`") }
            }
            store.emit(list) { Console.current.print(BusyURLCommand.describe(list)) }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget an officer's calendar address; the busy times it imported stay until the next import.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The officer's id.") var officer: String

        func run() async throws {
            try await store.desk().removeBusyCalendar(officer: officer)
            Console.current.print("Removed \(officer)'s calendar address. Their busy times imported from it stay until the next `briefings busy import`.")
        }
    }

    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read calendar addresses now (every one, or one officer's), with conditional GETs, and say what came of each.",
            discussion: "Exits 1 when any could not be read; each keeps the busy times imported before.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this officer's.") var officer: String?

        func run() async throws {
            let reader = BusyCalendarReader(desk: try store.desk())
            let read = try await reader.read(officer: officer, all: true)
            store.emit(read) { Console.current.print(read.isEmpty ? "No officer has a calendar address." : BusyURLCommand.describe(read)) }
            if read.contains(where: { $0.status == .failed }) {
                throw CLIError(.failure, "\(read.filter { $0.status == .failed }.count) calendar address(es) could not be read: see above")
            }
        }
    }

    /// One paragraph per address: what it is, how the last read went, when the next is.
    static func describe(_ list: [BriefingDesk.BusyCalendar]) -> String {
        list.map { c in
            var lines = ["\(c.officer): \(c.address) (horizon \(c.horizonDays) days)"]
            switch c.status {
            case .waiting: lines.append("  not read yet")
            case .imported: lines.append("  read \(c.read.map(LondonTime.format) ?? "?"): \(c.busyTimes ?? 0) busy time(s) imported")
            case .unchanged: lines.append("  read \(c.read.map(LondonTime.format) ?? "?"): unchanged since \(c.imported.map(LondonTime.format) ?? "the last import") (\(c.busyTimes ?? 0) busy time(s))")
            case .failed:
                lines.append("  FAILED \(c.attempted.map(LondonTime.format) ?? "?")" + (c.failures > 1 ? " (\(c.failures) times in a row)" : "") + ": \(c.error ?? "")")
                lines.append("  last read " + (c.read.map { "\(LondonTime.format($0)); its busy times stay" } ?? "never"))
            }
            lines.append("  next read \(LondonTime.format(c.next))")
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
