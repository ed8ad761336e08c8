import ArgumentParser
import BriefingsDomain
import Foundation

/// When the group meets and when the officers' part of it runs, in Europe/London local time.
struct TimeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("When the group meeting starts, local time: 2026-12-07T18:00.", valueName: "time"))
    var start: String

    @Option(help: ArgumentHelp("How long the whole meeting lasts: 2h, 90m, 1h30m.", valueName: "length"))
    var duration: String = "2h"

    @Option(name: .customLong("segment-start"), help: ArgumentHelp("When the officers' part starts (a local time or HH:MM that day). Defaults to the meeting start.", valueName: "time"))
    var segmentStart: String?

    @Option(help: ArgumentHelp("How long the officers' part lasts; it must end before the political discussion.", valueName: "length"))
    var segment: String = "45m"

    /// (meeting start, meeting end, segment start, segment end)
    func times() throws -> (Date, Date, Date, Date) {
        try Self.times(start: start, duration: duration, segmentStart: segmentStart, segment: segment)
    }

    static func times(start: String, duration: String, segmentStart: String?, segment: String) throws -> (Date, Date, Date, Date) {
        let meetingStart = try localTime(start, "--start")
        let meetingEnd = meetingStart.addingTimeInterval(Double(try minutes(duration, "--duration") * 60))
        var segStart = meetingStart
        if let s = segmentStart {
            segStart = s.count == 5 && s.contains(":")
                ? try localTime(String(LondonTime.format(meetingStart).prefix(10)) + "T" + s, "--segment-start")
                : try localTime(s, "--segment-start")
        }
        let segEnd = segStart.addingTimeInterval(Double(try minutes(segment, "--segment") * 60))
        return (meetingStart, meetingEnd, segStart, segEnd)
    }
}

/// Where the group meets: exactly one of a council room, a virtual link, or other premises.
struct VenueOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A council room id from `briefings roster show`.", valueName: "room"))
    var room: String?

    @Option(help: ArgumentHelp("The https:// link of a virtual meeting.", valueName: "link"))
    var virtual: String?

    @Option(help: ArgumentHelp("Premises that are not a council room (the venue rule judges them).", valueName: "description"))
    var premises: String?

    @Flag(name: .customLong("party-premises"), help: "The --premises are a political party's (never allowed).")
    var partyPremises = false

    var given: Bool { room != nil || virtual != nil || premises != nil }

    func venue() throws -> Venue {
        let chosen = [room.map { Venue.room($0) }, virtual.map { Venue.virtual($0) },
                      premises.map { Venue.external(description: $0, party: partyPremises) }].compactMap { $0 }
        guard chosen.count == 1 else {
            throw CLIError(.invalid, "give exactly one venue: --room ROOM, --virtual LINK or --premises \"…\"")
        }
        return chosen[0]
    }
}

/// Who is expected at the meeting besides the officers.
struct AttendeeOptions: ParsableArguments {
    @Option(name: .customLong("attendee"), help: ArgumentHelp("An expected attendee's roster id (repeat for each).", valueName: "person"))
    var attendees: [String] = []

    @Option(name: .customLong("guest"), help: ArgumentHelp("Someone expected who is not on the roster, by name (repeat).", valueName: "name"))
    var guests: [String] = []

    var list: [Attendee] { attendees.map { .person($0) } + guests.map { .guest($0) } }
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

func printVerdicts(_ verdicts: [BriefingsDomain.Verdict]) {
    for v in verdicts { Console.current.print("  " + v.line) }
}
