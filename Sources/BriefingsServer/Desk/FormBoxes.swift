import BriefingsDomain
import BriefingsMessages
import Foundation

/// What a desk form's boxes lack or hold that cannot be read, every one at once, before anything is judged: each is a
/// `Remedy` (`giveField`, `correctField`) worded by `DeskText`, linked to its box. The rules are judged once the boxes
/// can be read (`BriefingDesk.checkRequest`), so a person never meets the command line's or the API's words for them.
struct FormBoxes {
    private(set) var problems: [Page.Problem] = []

    mutating func add(_ box: String, _ remedy: Remedy) {
        problems.append(Page.Problem(field: box, message: DeskText.fix(remedy), fix: ""))
    }

    /// A meeting's date and clock time boxes (`<input type="date">`, `<input type="time">`): the local time the forms share
    /// (`2026-12-15T18:30`), or nil with each box's problem added. `legacy` is a whole local time sent in one field.
    mutating func start(date: String?, time: String?, legacy: String?, boxes: (date: String, time: String)) -> String? {
        if date == nil, time == nil, let legacy { return legacy }
        let day = date.flatMap { LocalDate($0) }, clock = time.flatMap(Self.clock)
        if date == nil { add(boxes.date, .giveField(.meetingDay)) } else if day == nil { add(boxes.date, .correctField(.meetingDay, .unreadable)) }
        if time == nil { add(boxes.time, .giveField(.meetingTime)) } else if clock == nil { add(boxes.time, .correctField(.meetingTime, .unreadable)) }
        guard let day, let clock else { return nil }
        let local = "\(day)T\(clock)"
        // A clock time that does not exist that day (the hour the clocks go forward); a day outside the times the service
        // takes is left to the step, which says which those are.
        if (try? LondonTime.parse(local)) == nil, (2000...2099).contains(day.year) {
            add(boxes.time, .correctField(.meetingTime, .unreadable))
            return nil
        }
        return local
    }

    /// A length chosen from a list (`2h`, `45m`), checked as the forms read it.
    mutating func length(_ text: String?, box: String, _ field: InputField) {
        guard let text else { return }
        if (try? Minutes.parse(text)) == nil { add(box, .correctField(field, .unreadable)) }
    }

    /// When the officers' part starts: a clock time that day (`18:45`), or blank.
    mutating func segmentStart(_ text: String?, box: String) {
        guard let text, Self.clock(text) == nil, (try? LondonTime.parse(text)) == nil else { return }
        add(box, .correctField(.segmentStart, .unreadable))
    }

    /// The chosen venue's own box: a room, a link, or other premises with whether they are a party's.
    mutating func venue(_ venue: String?, room: String?, link: String?, premises: String?, premisesKind: String?, prefix: String = "") {
        switch venue {
        case "room": if room == nil { add(prefix + "room", .giveField(.room)) }
        case "virtual":
            if let link {
                if URL(string: link)?.scheme.map({ ["http", "https"].contains($0.lowercased()) }) != true { add(prefix + "virtual", .correctField(.link, .unreadable)) }
            } else {
                add(prefix + "virtual", .giveField(.link))
            }
        case "premises":
            if premises == nil { add(prefix + "premises", .giveField(.premises)) }
            if premisesKind == nil { add(prefix + "premisesKind-other", .giveField(.premisesKind)) }
        default: add(prefix + "venue-room", .giveField(.venue))
        }
    }

    /// `18:30` (or `18:30:00`, as a browser's time box may send it) as `18:30`; nil when it is not a time of day.
    static func clock(_ text: String) -> String? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || (parts.count == 3 && parts[2] == "00"), parts[0].count == 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return "\(parts[0]):\(parts[1])"
    }

    /// Lengths to choose from, `selected` among them (added when it is not one of them).
    static func lengths(_ choices: [Int], selected: String?) -> [[String: Any]] {
        let chosen = selected.flatMap { try? Minutes.parse($0).value }
        var minutes = choices
        if let chosen, !minutes.contains(chosen) { minutes.append(chosen); minutes.sort() }
        return minutes.map { m in ["value": code(m), "label": words(m), "selected": m == chosen] }
    }

    /// A length as the forms take it: `45m`, `2h`, `1h30m`.
    static func code(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return h == 0 ? "\(m)m" : m == 0 ? "\(h)h" : "\(h)h\(m)m"
    }

    /// A length as people say it: `45 minutes`, `2 hours`, `1 hour 30 minutes`.
    static func words(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        let hours = h == 0 ? nil : "\(h) hour" + (h == 1 ? "" : "s"), mins = m == 0 ? nil : "\(m) minute" + (m == 1 ? "" : "s")
        return [hours, mins].compactMap { $0 }.joined(separator: " ")
    }

    static let meetingLengths = [30, 45, 60, 90, 120, 150, 180, 240]
    static let segmentLengths = [15, 20, 30, 45, 60, 90, 120]
}

extension RequestFields {
    /// Every box of the request form that is empty or cannot be read, and the meeting's start when it can be. Who may ask
    /// (and for whom an assistant asks) is the `requester` rule's, judged by the step.
    /// A written report (`kind=report`, `001 §4.10`) has no meeting: its date wanted by instead of the meeting's boxes.
    func boxes() -> (start: String?, problems: [Page.Problem]) {
        var b = FormBoxes()
        if matter == nil { b.add("matter", .giveField(.matter)) }
        if area == nil { b.add("area", .giveField(.area)) }
        if officer.isEmpty && nominee == nil { b.add("officers", .giveField(.officers)) }
        // A nominee comes with the senior officer who nominates them, and the other way round.
        if nominee != nil && nominator == nil { b.add("nominator", .giveField(.nominator)) }
        if nominee == nil && nominator != nil { b.add("nominee", .giveField(.nominee)) }
        if writtenReport {
            if let reportDue { if LocalDate(reportDue) == nil { b.add("reportDue", .correctField(.reportDue, .unreadable)) } }
            else { b.add("reportDue", .giveField(.reportDue)) }
            if budget != nil { b.add("budget", .budgetNotReport) }
            return ("", b.problems)
        }
        let start = b.start(date: startDate, time: startTime, legacy: self.start, boxes: ("startDate", "startTime"))
        b.length(duration, box: "duration", .duration)
        b.segmentStart(segmentStart, box: "segmentStart")
        b.length(segment, box: "segment", .segment)
        b.venue(venue ?? "room", room: room, link: virtual, premises: premises, premisesKind: premisesKind)
        return (start, b.problems)
    }

    /// A written report asked for instead of officers attending (`001 §4.10`).
    var writtenReport: Bool { kind == "report" }
}
