import BriefingsCLibical
import Foundation

/// Parses untrusted iCalendar text with libical, refusing it whole on any problem.
enum ICalParser {
    /// Files larger than this are refused before parsing.
    static let maximumBytes = 10 * 1024 * 1024

    /// The VCALENDAR in `data`, checked: size, text, structure, every content line, and libical's X-LIC-ERRORs.
    static func parse(_ data: [UInt8], expecting what: String) throws(CalendarImportError) -> ICalComponent {
        let export = "Export it again from the calendar program as an .ics file"
        if data.isEmpty { throw CalendarImportError("the file is empty", fix: export) }
        if data.count > maximumBytes {
            throw CalendarImportError("the file is \(data.count / 1_048_576) MB; the limit is \(maximumBytes / 1_048_576) MB",
                                      fix: "Export a shorter date range")
        }
        if data.contains(0) { throw CalendarImportError("the file is binary, not iCalendar text", fix: export) }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw CalendarImportError("the file is not UTF-8 text", fix: export)
        }
        try checkLines(text)
        guard let root = text.withCString({ icalparser_parse_string($0) }) else {
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
        return calendar
    }

    /// Every unfolded content line must be `NAME[;PARAM=…]:VALUE`, inside BEGIN:VCALENDAR … END:VCALENDAR.
    static func checkLines(_ text: String) throws(CalendarImportError) {
        var logicalStart = 0
        var current = ""
        var sawCalendar = false
        var depth: [String] = []
        func check(_ line: String, _ number: Int) throws(CalendarImportError) {
            if line.isEmpty { return }
            guard let colon = line.firstIndex(of: ":") else {
                throw CalendarImportError("'\(line.prefix(60))' is not an iCalendar line (NAME:VALUE)", line: number, fix: "Correct or remove that line")
            }
            let head = line[..<colon]
            let name = head.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                throw CalendarImportError("'\(name.prefix(40))' is not a property name", line: number, fix: "Correct or remove that line")
            }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces).uppercased()
            switch name.uppercased() {
            case "BEGIN":
                if depth.isEmpty && value != "VCALENDAR" {
                    throw CalendarImportError("the file starts with BEGIN:\(value), not BEGIN:VCALENDAR", line: number, fix: "Export the whole calendar")
                }
                if value == "VCALENDAR" { sawCalendar = true }
                depth.append(value)
            case "END":
                guard depth.last == value else {
                    throw CalendarImportError("END:\(value) does not close BEGIN:\(depth.last ?? "nothing")", line: number, fix: "The file is cut short or damaged; export it again")
                }
                depth.removeLast()
            default:
                if depth.isEmpty { throw CalendarImportError("'\(name)' stands outside BEGIN:VCALENDAR … END:VCALENDAR", line: number, fix: "Export the calendar again") }
            }
        }
        var number = 0
        for line in lines(text) {
            number += 1
            if line.first == " " || line.first == "\t" {
                current += line.dropFirst()
                continue
            }
            try check(current, logicalStart)
            current = String(line)
            logicalStart = number
        }
        try check(current, logicalStart)
        if !sawCalendar { throw CalendarImportError("there is no BEGIN:VCALENDAR in the file", fix: "Export the calendar as an .ics file") }
        if !depth.isEmpty { throw CalendarImportError("BEGIN:\(depth.last!) is never closed", line: number, fix: "The file is cut short; export it again") }
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
