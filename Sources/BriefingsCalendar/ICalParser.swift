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
    /// Works on the bytes: a 10,000-event file is checked in one pass.
    static func checkLines(_ text: String) throws(CalendarImportError) {
        var depth: [ArraySlice<UInt8>] = []
        var sawCalendar = false
        var number = 0
        var logical: [UInt8] = []
        var logicalLine = 0
        let bytes = Array(text.utf8)

        func upper(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            ArraySlice(s.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 })
        }
        func string(_ s: ArraySlice<UInt8>) -> String { String(decoding: s, as: UTF8.self) }
        func check() throws(CalendarImportError) {
            if logical.isEmpty { return }
            let line = logical[...]
            guard let colon = line.firstIndex(of: 0x3A) else {
                throw CalendarImportError("'\(string(line.prefix(60)))' is not an iCalendar line (NAME:VALUE)", line: logicalLine, fix: "Correct or remove that line")
            }
            let nameEnd = line[..<colon].firstIndex(of: 0x3B) ?? colon
            let name = line[..<nameEnd]
            guard !name.isEmpty, name.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D }) else {
                throw CalendarImportError("'\(string(name.prefix(40)))' is not a property name", line: logicalLine, fix: "Correct or remove that line")
            }
            let isBegin = name.count == 5 && upper(name).elementsEqual("BEGIN".utf8)
            let isEnd = name.count == 3 && upper(name).elementsEqual("END".utf8)
            if isBegin || isEnd {
                let value = upper(line[(colon + 1)...].drop(while: { $0 == 0x20 }))
                if isBegin {
                    if depth.isEmpty && !value.elementsEqual("VCALENDAR".utf8) {
                        throw CalendarImportError("the file starts with BEGIN:\(string(value)), not BEGIN:VCALENDAR", line: logicalLine, fix: "Export the whole calendar")
                    }
                    if value.elementsEqual("VCALENDAR".utf8) { sawCalendar = true }
                    depth.append(value)
                } else {
                    guard let open = depth.last, open.elementsEqual(value) else {
                        throw CalendarImportError("END:\(string(value)) does not close BEGIN:\(depth.last.map(string) ?? "nothing")", line: logicalLine,
                                                  fix: "The file is cut short or damaged; export it again")
                    }
                    depth.removeLast()
                }
            } else if depth.isEmpty {
                throw CalendarImportError("'\(string(name))' stands outside BEGIN:VCALENDAR … END:VCALENDAR", line: logicalLine, fix: "Export the calendar again")
            }
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
                try check()
                logical.removeAll(keepingCapacity: true)
                logical.append(contentsOf: bytes[i..<end])
                logicalLine = number
            }
            if end >= n { break }
            i = end + (bytes[end] == 0x0D && end + 1 < n && bytes[end + 1] == 0x0A ? 2 : 1)
            if i == n { break }
        }
        try check()
        if !sawCalendar { throw CalendarImportError("there is no BEGIN:VCALENDAR in the file", fix: "Export the calendar as an .ics file") }
        if let open = depth.last { throw CalendarImportError("BEGIN:\(string(open)) is never closed", line: number, fix: "The file is cut short; export it again") }
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
