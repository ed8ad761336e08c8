import BriefingsDomain
import Foundation

/// Every date and time the desk shows, in one format (Europe/London wall-clock time): a moment `Mon 21 Dec 2026, 18:30`,
/// a span within a day `Mon 21 Dec 2026, 18:30–19:15`, a day `Mon 21 Dec 2026`. The desk's values carry times as
/// `YYYY-MM-DDTHH:MM` (what the command line and the JSON API show); a page never does.
enum DeskTime {
    /// A local time (`2026-12-21T18:30`) as `Mon 21 Dec 2026, 18:30`; text that is not one is shown as it is.
    static func at(_ local: String) -> String { (try? LondonTime.parse(local)).map(LondonTime.formatPlain) ?? local }

    static func at(_ instant: Date) -> String { LondonTime.formatPlain(instant) }

    /// From one time to another: `Mon 21 Dec 2026, 18:30–19:15` on one day, else both in full.
    static func span(_ start: Date, _ end: Date) -> String {
        LocalDate(start) == LocalDate(end) ? LondonTime.formatPlain(start) + "–" + LondonTime.format(end).suffix(5)
            : LondonTime.formatPlain(start) + " to " + LondonTime.formatPlain(end)
    }

    static func span(_ start: String, _ end: String) -> String {
        guard let s = try? LondonTime.parse(start), let e = try? LondonTime.parse(end) else { return start + "–" + end }
        return span(s, e)
    }

    static func day(_ date: LocalDate) -> String { LondonTime.formatDay(date) }

    /// A date (`2026-12-21`) as `Mon 21 Dec 2026`; text that is not one is shown as it is.
    static func day(_ text: String) -> String { LocalDate(text).map(LondonTime.formatDay) ?? text }

    /// A sentence from the rules or a step (shared with the command line, where times are `YYYY-MM-DDTHH:MM` and
    /// `Mon 7 Dec 2026 18:00 GMT`) with each time and date in the desk's format; `A–B` on one day keeps only B's clock time.
    static func text(_ message: String) -> String {
        guard message.utf8.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return message }
        let ns = message as NSString
        var out = "", last = 0, previous: Date?
        for match in pattern.matches(in: message, range: NSRange(location: 0, length: ns.length)) {
            let token = ns.substring(with: match.range)
            // The end of a span on the day it started: its clock time only.
            let afterDash = match.range.location > 0 && ns.substring(with: NSRange(location: match.range.location - 1, length: 1)) == "–"
            let shown: String
            if let instant = instant(token) {
                shown = afterDash && match.range.location - 1 == last && previous.map({ LocalDate($0) == LocalDate(instant) }) == true
                    ? String(LondonTime.format(instant).suffix(5)) : LondonTime.formatPlain(instant)
                previous = instant
            } else if let date = LocalDate(token) {
                shown = LondonTime.formatDay(date)
                previous = nil
            } else {
                shown = token
            }
            out += ns.substring(with: NSRange(location: last, length: match.range.location - last)) + shown
            last = match.range.location + match.range.length
        }
        return out + ns.substring(from: last)
    }

    /// A local time in either of the command line's forms, or nil.
    private static func instant(_ token: String) -> Date? {
        if token.count == 16, let d = try? LondonTime.parse(token) { return d }
        // `Mon 7 Dec 2026 18:00 GMT`: the same wall-clock time, read back through its numbers.
        let parts = token.split(separator: " ")
        guard parts.count == 6, let day = Int(parts[1]), let month = months.firstIndex(of: String(parts[2])), let year = Int(parts[3]) else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return try? LondonTime.parse("\(year)-\(two(month + 1))-\(two(day))T\(parts[4])")
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static let pattern: NSRegularExpression = {
        let long = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d{2}:\\d{2} (?:GMT|BST)"
        // `try!`: a constant pattern; the desk's tests render pages through it.
        return try! NSRegularExpression(pattern: "\(long)|\\b\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2})?\\b")
    }()
}
