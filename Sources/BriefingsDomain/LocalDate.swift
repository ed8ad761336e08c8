import Foundation

/// A calendar date with no time or zone, as councils write them (`2026-12-07`).
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; returns nil for malformed or impossible dates (`2026-02-30`).
    public init?(_ text: String) {
        guard let (y, m, d) = Self.fields(text) else { return nil }
        if Self.gregorian.contains(y) {
            guard (1...12).contains(m), d >= 1, d <= Self.daysIn(month: m, year: y) else { return nil }
            self.init(year: y, month: m, day: d)
            return
        }
        var components = DateComponents(year: y, month: m, day: d)
        components.calendar = LondonTime.calendar
        guard components.isValidDate(in: LondonTime.calendar) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// What was wrong with a date a person typed.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        /// Not `YYYY-MM-DD`, or no such day (`2026-02-30`).
        case malformed(String)
        /// A real date, but outside `LondonTime.years`.
        case outsideWindow(String)

        public var description: String {
            switch self {
            case .malformed(let text): return "'\(text)' is not a date"
            case .outsideWindow(let text):
                return "'\(text)' is outside the dates this service takes: give one from \(LondonTime.years.lowerBound)-01-01 to \(LondonTime.years.upperBound)-12-31"
            }
        }
    }

    /// A date a person typed (a form's, an option's, a JSON body's): `YYYY-MM-DD`, a real day, within `LondonTime.years`.
    /// `init?(_:)` reads any real date, as stored dates are read back.
    public static func parse(_ text: String) throws(ParseError) -> LocalDate {
        guard let year = fields(text)?.year else { throw .malformed(text) }
        guard LondonTime.years.contains(year) else { throw .outsideWindow(text) }
        guard let date = LocalDate(text) else { throw .malformed(text) }
        return date
    }

    /// The numbers of `YYYY-MM-DD` (ASCII digits only: no sign, no space), whether or not they make a real date.
    static func fields(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let parts = Array(text.utf8).split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }) else { return nil }
        let n = { (part: ArraySlice<UInt8>) in part.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
        return (n(parts[0]), n(parts[1]), n(parts[2]))
    }

    /// The advice for a date that `parse` refused.
    public static let fix = "Write dates as YYYY-MM-DD, from \(LondonTime.years.lowerBound)-01-01 to \(LondonTime.years.upperBound)-12-31."

    /// Years where `LondonTime.calendar` is plain proleptic Gregorian (it is Julian before October 1582), so dates are
    /// checked and counted with arithmetic rather than `Calendar`: every step parses and counts dates (offers'
    /// answer-by, working days), and `Calendar` was a measurable share of an approval. Other years still go to `Calendar`.
    static let gregorian = 1600...9999

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `%04d-%02d-%02d`, written directly: every step writes dates (offers' answer-by, audit and message text), and
    /// `String(format:)` was a measurable share of an approval.
    public var description: String {
        Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
    }

    /// An integer as `%0<width>d` writes it: zeros after any minus sign, up to `width` characters in all.
    static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n.magnitude), sign = n < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - sign.count - digits.count)) + digits
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a date in the form YYYY-MM-DD: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The date in Europe/London on which an instant falls.
    public init(_ instant: Date) {
        let w = LondonTime.WallClock(instant)
        self.init(year: w.year, month: w.month, day: w.day)
    }

    /// Midnight at the start of this date in Europe/London.
    public var startInstant: Date {
        LondonTime.calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let sunday0 = LondonTime.WallClock.weekday(days: LondonTime.WallClock.days(year: year, month: month, day: day))
        return sunday0 == 0 ? 7 : sunday0
    }

    /// The same day `months` later, or the month's last day where it has no such day (31 August + 6 months: 28 or 29 February).
    public func adding(months: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return LocalDate(year: y, month: m, day: min(day, length))
    }

    public func adding(days: Int) -> LocalDate {
        let number = LondonTime.WallClock.days(year: year, month: month, day: day) + days
        let (y, m, d) = LondonTime.WallClock.civil(days: number)
        if Self.gregorian.contains(year), Self.gregorian.contains(y), (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) {
            return LocalDate(year: y, month: m, day: d)
        }
        return LocalDate(LondonTime.calendar.date(byAdding: .day, value: days, to: startInstant.addingTimeInterval(12 * 3600))!)
    }
}
