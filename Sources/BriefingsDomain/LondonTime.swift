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
        let w = WallClock(instant)
        return pad(w.year, 4) + "-" + pad(w.month, 2) + "-" + pad(w.day, 2) + "T" + pad(w.hour, 2) + ":" + pad(w.minute, 2)
    }

    static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Formats an instant for people: `Mon 7 Dec 2026 18:00 GMT` (BST in summer).
    public static func formatLong(_ instant: Date) -> String {
        let w = WallClock(instant)
        return weekdayNames[w.weekday] + " " + String(w.day) + " " + monthNames[w.month - 1] + " " + pad(w.year, 4) + " "
            + pad(w.hour, 2) + ":" + pad(w.minute, 2) + (w.offsetSeconds == 0 ? " GMT" : " BST")
    }

    /// Formats an instant as the web desk shows every time: `Mon 21 Dec 2026, 18:30` (Europe/London wall-clock time).
    public static func formatPlain(_ instant: Date) -> String {
        let w = WallClock(instant)
        return weekdayNames[w.weekday] + " " + String(w.day) + " " + monthNames[w.month - 1] + " " + pad(w.year, 4) + ", "
            + pad(w.hour, 2) + ":" + pad(w.minute, 2)
    }

    /// A date as the web desk shows it: `Mon 21 Dec 2026`.
    public static func formatDay(_ date: LocalDate) -> String {
        guard (1...12).contains(date.month) else { return date.description }
        let weekday = WallClock.weekday(days: WallClock.days(year: date.year, month: date.month, day: date.day))
        return weekdayNames[weekday] + " " + String(date.day) + " " + monthNames[date.month - 1] + " " + pad(date.year, 4)
    }

    /// The instant of a wall-clock minute on a date in Europe/London, as `parse` reads it: nil for a time the clocks skip,
    /// the first (BST) occurrence of a time that repeats. Offset arithmetic (`WallClock`), no `Calendar`: a search for
    /// free times asks it thousands of times.
    public static func instant(on day: LocalDate, minute: Int) -> Date? {
        let local = WallClock.days(year: day.year, month: day.month, day: day.day) * 86_400 + minute * 60
        // The zone's offsets either side of the day, larger first: the larger gives the earlier instant of a repeated time.
        let offsets = Set([-86_400, 86_400].map { zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local + $0))) }).sorted(by: >)
        for offset in offsets {
            let instant = Date(timeIntervalSince1970: Double(local - offset))
            let w = WallClock(instant)
            if w.hour * 60 + w.minute == minute, w.day == day.day, w.month == day.month, w.year == day.year { return instant }
        }
        return nil
    }

    /// Minutes since local midnight of an instant, in Europe/London.
    public static func minuteOfDay(_ instant: Date) -> Int {
        let w = WallClock(instant)
        return w.hour * 60 + w.minute
    }

    /// A non-negative number in decimal, zero-padded to `width` digits.
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.utf8.count >= width ? digits : String(repeating: "0", count: width - digits.utf8.count) + digits
    }

    /// The Europe/London wall-clock fields of an instant: the zone's offset from the tz database, then
    /// proleptic Gregorian arithmetic on the local day number (H. Hinnant's `civil_from_days`). Every
    /// verdict message and audit line formats times, so this avoids `Calendar` and `String(format:)`;
    /// tests compare it with `Calendar` across clock changes.
    struct WallClock {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int
        /// 0 is Sunday.
        var weekday: Int
        var offsetSeconds: Int

        init(_ instant: Date) {
            offsetSeconds = LondonTime.zone.secondsFromGMT(for: instant)
            let local = Int(instant.timeIntervalSince1970.rounded(.down)) + offsetSeconds
            var days = local / 86_400, seconds = local % 86_400
            if seconds < 0 { seconds += 86_400; days -= 1 }
            hour = seconds / 3600
            minute = seconds % 3600 / 60
            weekday = Self.weekday(days: days)
            (year, month, day) = Self.civil(days: days)
        }

        /// The proleptic Gregorian date of a day number counted from 1970-01-01 (`civil_from_days`).
        static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let mp = (5 * dayOfYear + 2) / 153
            let month = mp < 10 ? mp + 3 : mp - 9
            return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * mp + 2) / 5 + 1)
        }

        /// The weekday (0 is Sunday) of a day number counted from 1970-01-01, which was a Thursday.
        static func weekday(days: Int) -> Int { ((days + 4) % 7 + 7) % 7 }

        /// Days since 1970-01-01 of a proleptic Gregorian date (`days_from_civil`).
        static func days(year: Int, month: Int, day: Int) -> Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }
    }
}

/// A length of time typed as `30m`, `1h`, `1h30m` or `90` (minutes).
public struct Minutes: Hashable, Sendable, Codable, CustomStringConvertible {
    public var value: Int
    public init(_ value: Int) { self.value = value }

    /// The longest length a person may type: a meeting, an officers' part or a move lasts at most a day.
    public static let maximum = 24 * 60

    /// What was wrong with a length a person typed.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case zero(String)
        case tooLong(String)

        public var description: String {
            switch self {
            case .malformed(let text): return "'\(text)' is not a length of time; write it like 30m, 1h or 1h30m"
            case .zero(let text): return "'\(text)' is not a length of time (it is zero); write it like 30m, 1h or 1h30m"
            case .tooLong(let text): return "'\(text)' is longer than a day; a length is at most 24h (1440 minutes)"
            }
        }
    }

    /// Parses `30m`, `2h`, `1h30m` or plain minutes (`45`), from 1 minute to 24 hours. Digits are ASCII only, and
    /// every step is bounded, so no text (however many digits) reaches arithmetic that could overflow.
    public static func parse(_ text: String) throws(ParseError) -> Minutes {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        var total = 0, number: Int?, sawUnit = false
        for byte in t.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                // Any number above the maximum is too long whatever its unit, so stop counting there.
                number = min((number ?? 0) * 10 + Int(byte - UInt8(ascii: "0")), maximum + 1)
            case UInt8(ascii: "h"), UInt8(ascii: "m"):
                guard let n = number else { throw .malformed(text) }
                total = min(total + (byte == UInt8(ascii: "h") ? n * 60 : n), maximum + 1)
                number = nil
                sawUnit = true
            default:
                throw .malformed(text)
            }
        }
        if let n = number {
            guard !sawUnit else { throw .malformed(text) }
            total = n
        } else if !sawUnit {
            throw .malformed(text)
        }
        guard total > 0 else { throw .zero(text) }
        guard total <= maximum else { throw .tooLong(text) }
        return Minutes(total)
    }

    public init?(parsing text: String) {
        guard let m = try? Self.parse(text) else { return nil }
        self = m
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
