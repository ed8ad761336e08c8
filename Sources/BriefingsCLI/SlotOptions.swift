import ArgumentParser
import BriefingsDomain
import BriefingsStore
import Foundation

/// When the group meets and when the officers' part of it runs, in Europe/London local time.
struct TimeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("When the group meeting starts, local time: 2026-12-07T18:00 (not for a written report).", valueName: "time"))
    var start: String?

    @Option(help: ArgumentHelp("How long the whole meeting lasts: 2h, 90m, 1h30m.", valueName: "length"))
    var duration: String = "2h"

    @Option(name: .customLong("segment-start"), help: ArgumentHelp("When the officers' part starts (a local time or HH:MM that day). Defaults to the meeting start.", valueName: "time"))
    var segmentStart: String?

    @Option(help: ArgumentHelp("How long the officers' part lasts; it must end before the political discussion.", valueName: "length"))
    var segment: String = "45m"

    func requiredStart() throws -> String {
        guard let start else { throw CLIError(.usage, "missing --start: when the meeting starts, local time, e.g. --start 2026-12-07T18:00") }
        return start
    }

    /// The session form these options and the venue and attendee options fill in.
    func form(venue: VenueOptions, people: AttendeeOptions? = nil) throws -> SessionForm {
        SessionForm(start: try requiredStart(), duration: duration, segmentStart: segmentStart, segment: segment, room: venue.room, virtual: venue.virtual,
                    premises: venue.premises, partyPremises: venue.premisesAreParty, attendees: people?.attendees, guests: people?.guests)
    }
}

/// Where the group meets: exactly one of a council room, a virtual link, or other premises.
struct VenueOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A council room id from `briefings roster show`.", valueName: "room"))
    var room: String?

    @Option(help: ArgumentHelp("The https:// link of a virtual meeting.", valueName: "link"))
    var virtual: String?

    @Option(help: ArgumentHelp("Premises that are not a council room (the venue rule judges them); declare them with --party-premises or --other-premises.", valueName: "description"))
    var premises: String?

    @Flag(name: .customLong("party-premises"), help: "The --premises are a political party's (never allowed).")
    var partyPremises = false

    @Flag(name: .customLong("other-premises"), help: "The --premises are not a party's: other non-council premises (refused or referred by the council's profile).")
    var otherPremises = false

    var given: Bool { room != nil || virtual != nil || premises != nil }

    /// What the two flags declare: nil when neither is given (the desk then asks which).
    var premisesAreParty: Bool? { partyPremises ? true : otherPremises ? false : nil }

    func validate() throws {
        if partyPremises && otherPremises {
            throw ValidationError("give either --party-premises or --other-premises, not both")
        }
    }

}

/// Who is expected at the meeting besides the officers.
struct AttendeeOptions: ParsableArguments {
    @Option(name: .customLong("attendee"), help: ArgumentHelp("An expected attendee's roster id (repeat for each).", valueName: "person"))
    var attendees: [String] = []

    @Option(name: .customLong("guest"), help: ArgumentHelp("Someone expected who is not on the roster, by name (repeat).", valueName: "name"))
    var guests: [String] = []

}

/// A table for people: columns padded to the widest cell.
func table(_ header: [String], _ rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, c in i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
            .joined(separator: "  ")
    }
    return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(separator: "\n")
}

/// Verdicts for people: what needs attention first (refusals, rules waiting for the approver's reason, warnings), each
/// in full with its clauses and what to change, then one line naming the rules that pass; `verbose` lists every verdict.
func printVerdicts(_ verdicts: [BriefingsDomain.Verdict], verbose: Bool) {
    for line in verdictLines(verdicts, verbose: verbose) { Console.current.print("  " + line) }
}

func verdictLines(_ verdicts: [BriefingsDomain.Verdict], verbose: Bool) -> [String] {
    if verbose { return verdicts.map(\.line) }
    // Most serious first; the catalogue's order within each severity.
    let failed = verdicts.filter { !$0.passed }
    let attention = Severity.allCases.reversed().flatMap { severity in failed.filter { $0.severity == severity } }
    let passed = verdicts.filter(\.passed)
    var lines = attention.map(\.line)
    if !passed.isEmpty {
        lines.append("[pass] \(passed.count == 1 ? "1 rule" : "\(passed.count) rules"): " + passed.map(\.rule.rawValue).joined(separator: ", ") + " (--verbose shows each)")
    }
    return lines
}
