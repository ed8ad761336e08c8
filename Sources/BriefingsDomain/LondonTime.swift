import Foundation

/// Local time in Europe/London: every time a user types or reads is in this zone.
public enum LondonTime {
    public static let zone = TimeZone(identifier: "Europe/London")!

    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.locale = Locale(identifier: "en_GB")
        return calendar
    }()

    /// What was wrong with a local time a user typed.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case impossible(String)
        case skippedByClockChange(String)

        public var description: String {
            switch self {
            case .malformed(let text):
                return "'\(text)' is not a local time; write it as YYYY-MM-DDTHH:MM in Europe/London, e.g. 2026-12-07T18:00"
            case .impossible(let text):
                return "'\(text)' is not a real date and time; check the day of the month and the hour"
            case .skippedByClockChange(let text):
                return "'\(text)' does not exist in Europe/London: the clocks go forward an hour that night; pick a time before 01:00 or from 02:00"
            }
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM` (or with a space) as Europe/London wall-clock time.
    /// An hour skipped when clocks go forward is refused; an hour that repeats when they go back
    /// resolves to its first (BST) occurrence.
    public static func parse(_ text: String) throws(ParseError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let halves = trimmed.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard halves.count == 2, let date = parseDateParts(String(halves[0])) else {
            throw .malformed(text)
        }
        let time = halves[1].split(separator: ":")
        guard time.count == 2 || time.count == 3, time.allSatisfy({ $0.count == 2 }),
              let hour = Int(time[0]), let minute = Int(time[1]) else {
            throw .malformed(text)
        }
        let second = time.count == 3 ? Int(time[2]) : 0
        guard let second, (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else {
            throw .impossible(text)
        }
        let components = DateComponents(year: date.0, month: date.1, day: date.2,
                                        hour: hour, minute: minute, second: second)
        guard LocalDate(String(halves[0])) != nil else { throw .impossible(text) }
        guard let instant = calendar.date(from: components) else { throw .impossible(text) }
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        guard back.year == date.0, back.month == date.1, back.day == date.2,
              back.hour == hour, back.minute == minute else {
            throw .skippedByClockChange(text)
        }
        return instant
    }

    private static func parseDateParts(_ text: String) -> (Int, Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return (y, m, d)
    }

    /// Formats an instant as `YYYY-MM-DDTHH:MM` Europe/London wall-clock time.
    public static func format(_ instant: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return String(format: "%04d-%02d-%02dT%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    /// Formats an instant for people: `Mon 7 Dec 2026 18:00 GMT` (BST in summer).
    public static func formatLong(_ instant: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: instant)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let zoneName = zone.isDaylightSavingTime(for: instant) ? "BST" : "GMT"
        return String(format: "%@ %d %@ %04d %02d:%02d %@", weekdays[c.weekday! - 1], c.day!, months[c.month! - 1], c.year!,
                      c.hour!, c.minute!, zoneName)
    }

    /// Minutes since local midnight of an instant, in Europe/London.
    public static func minuteOfDay(_ instant: Date) -> Int {
        let c = calendar.dateComponents([.hour, .minute], from: instant)
        return c.hour! * 60 + c.minute!
    }
}

/// A length of time typed as `30m`, `1h`, `1h30m` or `90` (minutes).
public struct Minutes: Hashable, Sendable, Codable, CustomStringConvertible {
    public var value: Int
    public init(_ value: Int) { self.value = value }

    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let plain = Int(t), plain > 0 { self.init(plain); return }
        var total = 0
        var number = ""
        var sawUnit = false
        for ch in t {
            if ch.isNumber { number.append(ch); continue }
            guard let n = Int(number) else { return nil }
            switch ch {
            case "h": total += n * 60
            case "m": total += n
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        guard sawUnit, number.isEmpty, total > 0, total <= 24 * 60 else { return nil }
        self.init(total)
    }

    public var description: String {
        let h = value / 60, m = value % 60
        switch (h, m) {
        case (0, _): return "\(m)m"
        case (_, 0): return "\(h)h"
        default: return "\(h)h\(m)m"
        }
    }
}
