import ArgumentParser
import BriefingsDomain
import BriefingsImports
import BriefingsStore
import Foundation

/// `briefings meetings …`: the council's committee calendar (issue 26, item 2), which requests link to.
struct MeetingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meetings", abstract: "The council's forthcoming committee meetings, from ModernGov or an iCalendar feed, which requests link to.",
        discussion: """
            `briefings meetings import` reads the meetings from ModernGov's web service or from an iCalendar feed or file; a web \
            source is kept and `briefings serve` reads it again every day. A request names a meeting by its id (`request create \
            --meeting CM-0003`): its date is the meeting's, and follows it when the meeting moves; a cancelled meeting shows on \
            the requests linked to it.
            """,
        subcommands: [Import.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the forthcoming committee meetings now, from ModernGov's web service or an iCalendar feed or file.",
            discussion: """
                With --moderngov, the council's ModernGov web service (https://democracy.example.gov.uk/mgWebService.asmx) is asked \
                for its committees and each one's meetings from today to a year ahead (only the --committee ids given, or every \
                current committee). With --ics, an iCalendar feed (https:// or webcal://) or .ics file of the meetings is read, each \
                event a meeting. Each meeting is matched on its id at the source: a moved meeting keeps its id (CM-…) and the \
                requests linked to it take its new date; a cancelled one is marked so. Anything wrong with the source (a timeout, \
                an error, XML that is not well-formed) imports nothing. A web address is kept and read again daily by \
                `briefings serve`; a file is read once.
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("ModernGov's web service address (…/mgWebService.asmx).", valueName: "address")) var moderngov: String?
        @Option(name: .customLong("committee"), help: ArgumentHelp("With --moderngov: a committee id to read (repeat for each); none: every current committee.", valueName: "id"))
        var committees: [String] = []
        @Option(help: ArgumentHelp("An iCalendar feed's https:// or webcal:// address, or an .ics file.", valueName: "file-or-address")) var ics: String?
        @Option(help: ArgumentHelp("Seconds to wait for each answer (1 to 600).", valueName: "seconds")) var timeout = 60

        func validate() throws {
            guard (moderngov == nil) != (ics == nil) else {
                throw ValidationError("Give either --moderngov ADDRESS (ModernGov's web service) or --ics FILE-OR-ADDRESS (an iCalendar feed of the meetings), not both or neither.")
            }
            if ics != nil && !committees.isEmpty { throw ValidationError("--committee is only for --moderngov: an iCalendar feed's events are all read.") }
            guard (1...600).contains(timeout) else { throw ValidationError("--timeout: give 1 to 600 seconds.") }
        }

        func run() async throws {
            let source: MeetingImporter.Source = moderngov.map { .moderngov($0, committees: committees) } ?? .ics(ics!)
            let importer = MeetingImporter(desk: try store.desk(),
                                           fetch: WebFetch(limits: .init(maximumBytes: WebFetch.Limits.calendar.maximumBytes, timeout: .seconds(timeout))))
            let summary: BriefingDesk.MeetingImportSummary
            do {
                summary = try await importer.importNow(source)
            } catch let failure as WebFetch.Failure {
                throw CLIError(.failure, "the committee meetings were not imported: \(failure.message). \(failure.fix).")
            }
            store.emit(summary) { Console.current.print(MeetingsCommand.describe(summary)) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The forthcoming committee meetings (every one with --all), soonest first, and where they come from.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Past meetings too.") var all = false

        func run() async throws {
            let desk = try store.desk()
            let meetings = try await desk.committeeMeetings(all: all)
            let source = try await desk.meetingSource()
            store.emit(meetings) {
                var lines: [String] = []
                if let s = source {
                    lines.append("Source: \(s.kind == .moderngov ? "ModernGov" : "iCalendar feed") \(s.address)"
                                 + (s.committees.isEmpty ? "" : ", committees \(s.committees.joined(separator: ", "))"))
                    lines.append(s.status == .failed
                                 ? "  FAILED \(LondonTime.format(s.attempted))" + (s.failures > 1 ? " (\(s.failures) times in a row)" : "") + ": \(s.error ?? ""); the meetings below stay"
                                 : "  read \(LondonTime.format(s.attempted)); next read \(LondonTime.format(s.next))")
                }
                if meetings.isEmpty {
                    lines.append("No forthcoming committee meetings. Import them with `briefings meetings import --moderngov ADDRESS` or `--ics FILE-OR-ADDRESS`.")
                }
                lines += meetings.map(MeetingsCommand.line)
                Console.current.print(lines.joined(separator: "\n"))
            }
        }
    }

    /// `CM-0003  2026-12-15 18:30  Planning Committee  (moved from 2026-12-10)`.
    static func line(_ m: CommitteeMeeting) -> String {
        var s = "\(m.ref)  \(m.date)\(m.time.map { " \($0)" } ?? "")  \(m.committee)"
        if let place = m.location, !place.isEmpty { s += ", \(place)" }
        if m.status == .cancelled { s += "  CANCELLED" }
        if let from = m.previousDate { s += "  (moved from \(from))" }
        return s
    }

    static func describe(_ s: BriefingDesk.MeetingImportSummary) -> String {
        var lines = ["Imported \(s.meetings) forthcoming meeting(s) from \(s.source): \(s.added.count) new"
                     + (s.added.isEmpty ? "" : " (\(s.added.joined(separator: ", ")))") + "."]
        for m in s.moved { lines.append("  \(m.meeting) \(m.committee) moved from \(m.from) to \(m.to).") }
        if !s.cancelled.isEmpty { lines.append("  Cancelled: \(s.cancelled.joined(separator: ", ")).") }
        if !s.reinstated.isEmpty { lines.append("  Going ahead again: \(s.reinstated.joined(separator: ", ")).") }
        if !s.requestsFollowing.isEmpty { lines.append("  Requests following their meeting: \(s.requestsFollowing.joined(separator: ", ")).") }
        lines.append("See them with `briefings meetings list`; a request links to one with `--meeting CM-…`.")
        return lines.joined(separator: "\n")
    }
}
