import BriefingsCLibical
import Foundation

/// Parses untrusted iCalendar text with libical, refusing it whole on any problem.
enum ICalParser {
    /// The VCALENDAR in `data`, checked: size, text, structure, every content line, and libical's X-LIC-ERRORs.
    static func parse(_ data: Data) throws(CalendarImportError) -> ICalComponent {
        let export = "Export it again from the calendar program as an .ics file"
        if data.isEmpty { throw CalendarImportError("the file is empty", fix: export) }
        let limit = CalendarImport.maximumBytes
        if data.count > limit {
            throw CalendarImportError("the file is \((data.count + 1_048_575) / 1_048_576) MB; the limit is \(limit / 1_048_576) MB",
                                      fix: "Export a shorter date range")
        }
        if data.contains(0) { throw CalendarImportError("the file is binary, not iCalendar text", fix: export) }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw CalendarImportError("the file is not UTF-8 text", fix: "Save or export it as UTF-8 iCalendar (.ics)")
        }
        _ = LibICal.london // libical's builtin zone table is set up once, before any parse can look a zone up
        try checkLines(text)
        guard let root = folded(text).withCString({ icalparser_parse_string($0) }) else {
            throw CalendarImportError("libical could not read the file as iCalendar", fix: export)
        }
        var calendar = ICalComponent(owning: root)
        if calendar.kind != ICAL_VCALENDAR_COMPONENT {
            // Several top-level components come back wrapped in an XROOT: take its first VCALENDAR.
            guard let first = calendar.children(ICAL_VCALENDAR_COMPONENT).first else {
                throw CalendarImportError("there is no VCALENDAR in the file", fix: export)
            }
            let clone = ICalComponent(owning: icalcomponent_new_clone(first))
            calendar = clone
        }
        if icalcomponent_count_errors(calendar.pointer) > 0 {
            let (message, line) = firstError(calendar.pointer, text)
            throw CalendarImportError("the calendar is malformed: \(message)", line: line, fix: "Correct that line, or export the calendar again")
        }
        try checkZoneChanges(calendar)
        return calendar
    }

    /// libical expands each VTIMEZONE observance from its DTSTART (often 1601) to about 2040 the first time a
    /// time in that zone is converted, keeping every change in memory. Estimates those changes first with the
    /// same iterator over the rule's first four years (the line checks allow only yearly or monthly rules,
    /// whose changes a year do not grow), so no zone can make that expansion run away.
    static func checkZoneChanges(_ calendar: ICalComponent) throws(CalendarImportError) {
        var changes = 0
        for zone in calendar.children(ICAL_VTIMEZONE_COMPONENT) {
            let tzid = icalcomponent_get_first_property(zone, ICAL_TZID_PROPERTY).flatMap { icalproperty_get_tzid($0) }.map { String(cString: $0) } ?? "?"
            for kind in [ICAL_XSTANDARD_COMPONENT, ICAL_XDAYLIGHT_COMPONENT] {
                var next = icalcomponent_get_first_component(zone, kind)
                while let observance = next {
                    next = icalcomponent_get_next_component(zone, kind)
                    changes += 1 + properties(observance, ICAL_RDATE_PROPERTY).count
                    guard let rrule = icalcomponent_get_first_property(observance, ICAL_RRULE_PROPERTY) else { continue }
                    guard let iterator = icalrecur_iterator_new(icalproperty_get_rrule(rrule), icalcomponent_get_dtstart(observance)) else {
                        throw CalendarImportError("the time zone '\(tzid)' has a rule (RRULE) libical cannot follow",
                                                  fix: "Export the calendar again, or with times in UTC")
                    }
                    defer { icalrecur_iterator_free(iterator) }
                    let first = Int(icalcomponent_get_dtstart(observance).year), sampleEnd = min(first + 3, 2045)
                    var sample = 0, exhausted = false
                    while sample <= CalendarImport.maximumZoneChanges {
                        let t = icalrecur_iterator_next(iterator)
                        if icaltime_is_null_time(t) != 0 { exhausted = true; break }
                        if t.year > sampleEnd { break }
                        sample += 1
                    }
                    // Changes in the years sampled, scaled to every year up to 2045 unless the rule ended.
                    changes += exhausted ? sample : sample * max(1, (2045 - first + 1 + 3) / 4)
                }
            }
            if changes > CalendarImport.maximumZoneChanges {
                throw CalendarImportError("the time zone '\(tzid)' changes more than \(CalendarImport.maximumZoneChanges) times",
                                          fix: "Export the calendar again, or with times in UTC")
            }
        }
    }

    /// Every unfolded content line must be `NAME[;PARAM=…]:VALUE`, inside one BEGIN:VCALENDAR … END:VCALENDAR,
    /// with components nested at most `CalendarImport.maximumNesting` deep and the rules of `ICalLineRules`
    /// kept. Works on the bytes: a 10,000-event file is checked in one pass, before libical sees it.
    static func checkLines(_ text: String) throws(CalendarImportError) {
        /// An open component: its name and the line of each once-only property seen in it.
        struct Frame { var name: String; var seen: [String: Int] = [:] }
        /// The open components and the calendars begun so far (passed inout, not captured: the optimizer
        /// misjudged a captured counter as never changing).
        struct State { var depth: [Frame] = []; var calendars = 0 }
        var state = State()
        var number = 0
        var logical: [UInt8] = []
        var logicalLine = 0
        let bytes = Array(text.utf8)
        let fixLine = "Correct that line, or export the calendar again"

        func string(_ s: ArraySlice<UInt8>) -> String { String(decoding: s, as: UTF8.self) }
        func check(_ state: inout State) throws(CalendarImportError) {
            if logical.isEmpty { return }
            let line = logical[...]
            // The value starts after the first colon outside a quoted parameter value (TZID="A:B").
            var quoted = false
            var found: Int?
            for i in line.indices {
                if line[i] == 0x22 { quoted.toggle() } else if line[i] == 0x3A && !quoted { found = i; break }
            }
            guard let colon = found ?? line.firstIndex(of: 0x3A) else {
                throw CalendarImportError("'\(string(line.prefix(60)))' is not an iCalendar line (NAME:VALUE)", line: logicalLine, fix: "Correct or remove that line")
            }
            let nameEnd = line[..<colon].firstIndex(of: 0x3B) ?? colon
            let rawName = line[..<nameEnd]
            guard !rawName.isEmpty, rawName.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D }) else {
                throw CalendarImportError("'\(string(rawName.prefix(40)))' is not a property name", line: logicalLine, fix: "Correct or remove that line")
            }
            let name = string(rawName).uppercased()
            let rawValue = line[(colon + 1)...]
            if name == "BEGIN" || name == "END" {
                let value = string(rawValue.drop(while: { $0 == 0x20 })).uppercased()
                if name == "BEGIN" {
                    if state.depth.isEmpty && value != "VCALENDAR" {
                        throw CalendarImportError("the file starts with BEGIN:\(value), not BEGIN:VCALENDAR", line: logicalLine, fix: "Export the whole calendar")
                    }
                    if value == "VCALENDAR" {
                        if state.calendars > 0 {
                            throw CalendarImportError("a second calendar (BEGIN:VCALENDAR) starts here; a file may hold only one", line: logicalLine,
                                                      fix: "Import each calendar from its own file, or export them as one calendar")
                        }
                        state.calendars += 1
                    }
                    if state.depth.count >= CalendarImport.maximumNesting {
                        throw CalendarImportError("components are nested more than \(CalendarImport.maximumNesting) deep", line: logicalLine,
                                                  fix: "Export the calendar again from the calendar program (events nest at most three deep)")
                    }
                    state.depth.append(Frame(name: value))
                } else {
                    guard let open = state.depth.last, open.name == value else {
                        throw CalendarImportError("END:\(value) does not close BEGIN:\(state.depth.last?.name ?? "nothing")", line: logicalLine,
                                                  fix: "The file is cut short or damaged; export it again")
                    }
                    state.depth.removeLast()
                }
                return
            }
            guard let frame = state.depth.last else {
                throw CalendarImportError("'\(name)' stands outside BEGIN:VCALENDAR … END:VCALENDAR", line: logicalLine, fix: "Export the calendar again")
            }
            if let once = ICalLineRules.onceOnly[frame.name], once.contains(name) {
                if let first = frame.seen[name] {
                    throw CalendarImportError("\(frame.name) has a second \(name) (the first is on line \(first)); it may have only one",
                                              line: logicalLine, fix: "Remove one of them, or export the calendar again")
                }
                if let (a, b) = ICalLineRules.exclusive[frame.name], name == a || name == b, let other = frame.seen[name == a ? b : a] {
                    throw CalendarImportError("\(frame.name) has both \(name == a ? b : a) (line \(other)) and \(name); it may have one or the other",
                                              line: logicalLine, fix: "Remove one of them, or export the calendar again")
                }
                state.depth[state.depth.count - 1].seen[name] = logicalLine
            }
            var problem: String?
            if ICalLineRules.timeProperties.contains(name) {
                problem = ICalLineRules.timeProblem(Substring(string(rawValue)))
            } else if name == "RRULE" || name == "EXRULE" {
                let value = Substring(string(rawValue))
                problem = ICalLineRules.untilProblem(value)
                if problem == nil, frame.name == "STANDARD" || frame.name == "DAYLIGHT" { problem = ICalLineRules.zoneRuleProblem(value) }
            }
            if let problem { throw CalendarImportError(problem, line: logicalLine, fix: fixLine) }
        }

        var i = 0
        let n = bytes.count
        while i <= n {
            // One physical line: [i, end).
            var end = i
            while end < n, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            number += 1
            if end > i, bytes[i] == 0x20 || bytes[i] == 0x09 {
                logical.append(contentsOf: bytes[(i + 1)..<end])
            } else {
                try check(&state)
                logical.removeAll(keepingCapacity: true)
                logical.append(contentsOf: bytes[i..<end])
                logicalLine = number
            }
            if end >= n { break }
            i = end + (bytes[end] == 0x0D && end + 1 < n && bytes[end + 1] == 0x0A ? 2 : 1)
            if i == n { break }
        }
        try check(&state)
        if state.calendars == 0 { throw CalendarImportError("there is no BEGIN:VCALENDAR in the file", fix: "Export the calendar as an .ics file") }
        if let open = state.depth.last { throw CalendarImportError("BEGIN:\(open.name) is never closed", line: number, fix: "The file is cut short; export it again") }
    }

    /// The longest physical line libical is handed: RFC 5545's 75 octets. libical's string reader looks for the end of
    /// the line from where it is each time it refills its small buffer, so one long line costs the square of its length
    /// (a 10 MB one-line SUMMARY took 13 s, 5 MB 4.4 s); folded, every line is short and the reading is linear.
    static let foldedLineOctets = 75

    /// `text` with every physical line longer than `foldedLineOctets` folded (a line break and a space, RFC 5545
    /// §3.1) between two characters: the same calendar once unfolded. The text itself when no line is that long.
    static func folded(_ text: String) -> String {
        var column = 0
        guard text.utf8.contains(where: { x in
            column = x == 0x0A || x == 0x0D ? 0 : column + 1
            return column > foldedLineOctets
        }) else { return text }
        let bytes = Array(text.utf8)
        let fold: [UInt8] = bytes.contains(0x0D) ? [0x0D, 0x0A, 0x20] : [0x0A, 0x20]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / (foldedLineOctets - 1) * fold.count + 16)
        column = 0
        var i = 0
        while i < bytes.count {
            let x = bytes[i]
            if x == 0x0A || x == 0x0D {
                out.append(x)
                column = 0
                i += 1
                continue
            }
            // The whole UTF-8 sequence of one character stays on one line.
            let n = x < 0xC0 ? 1 : x < 0xE0 ? 2 : x < 0xF0 ? 3 : 4
            if column + n > foldedLineOctets {
                out += fold
                column = 1
            }
            out += bytes[i..<min(i + n, bytes.count)]
            column += n
            i += n
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Physical lines, whatever the line ends (CRLF is a single Character in Swift, so split on all three).
    static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }
    }

    /// libical's first X-LIC-ERROR, and the line it most likely refers to.
    static func firstError(_ component: OpaquePointer, _ text: String) -> (String, Int?) {
        if let e = properties(component, ICAL_XLICERROR_PROPERTY).first {
            let message = String(cString: icalproperty_get_xlicerror(e))
            // libical quotes the offending text after the last ':'; find the line that holds it.
            let needle = message.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            let line = needle.isEmpty ? nil : lines(text).firstIndex { $0.contains(needle) }.map { $0 + 1 }
            return (message, line)
        }
        for kind in [ICAL_VEVENT_COMPONENT, ICAL_VTIMEZONE_COMPONENT, ICAL_VFREEBUSY_COMPONENT, ICAL_VTODO_COMPONENT] {
            var child = icalcomponent_get_first_component(component, kind)
            while let c = child {
                if icalcomponent_count_errors(c) > 0 { return firstError(c, text) }
                child = icalcomponent_get_next_component(component, kind)
            }
        }
        return ("libical reported an error", nil)
    }
}
