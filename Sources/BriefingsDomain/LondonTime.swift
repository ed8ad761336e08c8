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

    /// The years a typed time or date may fall in, as `openapi.yaml`'s patterns say (issue 27, item 4). Outside them a
    /// calendar breaks: year 9999 rendered as `DTSTART;TZID=Europe/London:00000000T000000`, which strict parsers refuse as
    /// a whole feed, and years 2600-3000 came out an hour early.
    public static let years = 2000...2099

    /// The first and last minute a typed time may be (and a session may end by), Europe/London wall-clock time.
    public static let window: ClosedRange<Date> = {
        let first = instant(on: LocalDate(year: years.lowerBound, month: 1, day: 1), minute: 0)!
        let last = instant(on: LocalDate(year: years.upperBound, month: 12, day: 31), minute: 23 * 60 + 59)!
        return first...last
    }()

    /// The window as people read it, in messages.
    public static let windowText = "from \(years.lowerBound)-01-01T00:00 to \(years.upperBound)-12-31T23:59"

    /// What was wrong with a local time a user typed.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case impossible(String)
        case skippedByClockChange(String)
        /// A real time, but outside `years`.
        case outsideWindow(String)

        public var description: String {
            switch self {
            case .malformed(let text):
                return "'\(text)' is not a local time; write it as YYYY-MM-DDTHH:MM in Europe/London, e.g. 2026-12-07T18:00"
            case .impossible(let text):
                return "'\(text)' is not a real date and time; check the day of the month and the hour"
            case .skippedByClockChange(let text):
                return "'\(text)' does not exist in Europe/London: the clocks go forward an hour that night; pick a time before 01:00 or from 02:00"
            case .outsideWindow(let text):
                return "'\(text)' is outside the times this service takes: give one \(LondonTime.windowText) (Europe/London)"
            }
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM` as Europe/London wall-clock time: exactly that form, ASCII digits, nothing before or
    /// after it (no seconds, no space for the `T`), as `openapi.yaml`'s LocalTime says; the command line, the desk and the
    /// JSON API all read times here, so they take the same texts.
    /// An hour skipped when clocks go forward is refused; an hour that repeats when they go back
    /// resolves to its first (BST) occurrence. A time outside `years` is refused (`outsideWindow`).
    public static func parse(_ text: String) throws(ParseError) -> Date {
        let b = Array(text.utf8)
        let digits = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15]
        guard b.count == 16, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"),
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[$0]) }),
              let date = LocalDate.fields(String(text.prefix(10))) else {
            throw .malformed(text)
        }
        guard years.contains(date.year) else { throw .outsideWindow(text) }
        let number = { (i: Int) in Int(b[i] - UInt8(ascii: "0")) * 10 + Int(b[i + 1] - UInt8(ascii: "0")) }
        let hour = number(11), minute = number(14)
        guard (0..<24).contains(hour), (0..<60).contains(minute) else {
            throw .impossible(text)
        }
        let components = DateComponents(year: date.0, month: date.1, day: date.2,
                                        hour: hour, minute: minute, second: 0)
        guard LocalDate(String(text.prefix(10))) != nil else { throw .impossible(text) }
        guard let instant = calendar.date(from: components) else { throw .impossible(text) }
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        guard back.year == date.0, back.month == date.1, back.day == date.2,
              back.hour == hour, back.minute == minute else {
            throw .skippedByClockChange(text)
        }
        return instant
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
            case .malformed(let text):
                return "'\(text)' is not a length of time; write it like 30m, 1h or 1h30m (no leading zeros or spaces, minutes after hours under 60)"
            case .zero(let text): return "'\(text)' is not a length of time (it is zero); write it like 30m, 1h or 1h30m"
            case .tooLong(let text): return "'\(text)' is longer than a day; a length is at most 24h (1440 minutes)"
            }
        }
    }

    /// Parses a length exactly as `openapi.yaml`'s Length writes it: `30m`, `2h`, `1h30m` or plain minutes (`45`), from 1
    /// minute to 24 hours; ASCII digits with no leading zero, lower-case `h` and `m`, hours before minutes, minutes after
    /// hours under 60, nothing around it (`1h1h`, `01h`, `1H`, `2h0m`, `2h ` and `23h60m` are refused). Every number is
    /// capped as it is read, so no text (however many digits) reaches arithmetic that could overflow.
    public static func parse(_ text: String) throws(ParseError) -> Minutes {
        // Each run of digits with the unit after it (none for plain minutes), and whether it started with a 0.
        var parts: [(value: Int, unit: UInt8?, leadingZero: Bool)] = []
        let b = Array(text.utf8)
        var i = 0
        while i < b.count {
            let first = i
            var n = 0
            while i < b.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) {
                n = min(n * 10 + Int(b[i] - UInt8(ascii: "0")), maximum + 1)
                i += 1
            }
            guard i > first else { throw .malformed(text) }
            var unit: UInt8? = nil
            if i < b.count {
                guard b[i] == UInt8(ascii: "h") || b[i] == UInt8(ascii: "m") else { throw .malformed(text) }
                unit = b[i]
                i += 1
            }
            parts.append((n, unit, b[first] == UInt8(ascii: "0")))
        }
        let h = UInt8(ascii: "h"), m = UInt8(ascii: "m")
        let total: Int
        switch parts.map(\.unit) {
        case [nil], [m]: total = parts[0].value
        case [h]: total = min(parts[0].value * 60, maximum + 1)
        case [h, m]:
            total = min(parts[0].value * 60 + parts[1].value, maximum + 1)
            guard total > maximum || parts[1].value < 60 else { throw .malformed(text) }   // 1h60m is 2h
        default: throw .malformed(text)
        }
        if parts.count == 1, parts[0].value == 0 { throw .zero(text) }
        guard !parts.contains(where: \.leadingZero) else { throw .malformed(text) }
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
