/// Checks on the raw content lines, made before libical sees the text: how deep components nest, one
/// calendar per file, properties that may occur only once, dates and times that exist, and time zone
/// rules that libical can expand in bounded time. Works on bytes and small strings, one pass.
enum ICalLineRules {
    /// Properties each component may hold at most once (RFC 5545 §3.6), upper case.
    static let onceOnly: [String: Set<String>] = [
        "VCALENDAR": ["PRODID", "VERSION", "CALSCALE", "METHOD"],
        "VEVENT": ["DTSTAMP", "UID", "DTSTART", "CLASS", "CREATED", "DESCRIPTION", "GEO", "LAST-MODIFIED", "LOCATION", "ORGANIZER",
                   "PRIORITY", "SEQUENCE", "STATUS", "SUMMARY", "TRANSP", "URL", "RECURRENCE-ID", "RRULE", "DTEND", "DURATION"],
        "VFREEBUSY": ["DTSTAMP", "UID", "CONTACT", "DTSTART", "DTEND", "ORGANIZER", "URL"],
        "VTIMEZONE": ["TZID", "LAST-MODIFIED", "TZURL"],
        "STANDARD": ["DTSTART", "TZOFFSETTO", "TZOFFSETFROM", "RRULE"],
        "DAYLIGHT": ["DTSTART", "TZOFFSETTO", "TZOFFSETFROM", "RRULE"],
    ]

    /// Pairs a component may not hold together.
    static let exclusive: [String: (String, String)] = ["VEVENT": ("DTEND", "DURATION")]

    /// Properties whose values are dates, date-times or periods (comma-separated lists allowed).
    static let timeProperties: Set<String> = ["DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE", "DTSTAMP",
                                              "CREATED", "LAST-MODIFIED", "COMPLETED", "FREEBUSY"]

    /// The problem with one time property's value, if any: a date or time that does not exist
    /// (`20261345T996199Z`). Values not shaped like a date or date-time are left to libical's checks.
    static func timeProblem(_ value: Substring) -> String? {
        for item in value.split(separator: ",") {
            let parts = item.split(separator: "/", maxSplits: 1)
            for (i, part) in parts.enumerated() where !(i == 1 && (part.first == "P" || part.first == "+" || part.first == "-")) {
                if let problem = dateProblem(part) { return problem }
            }
        }
        return nil
    }

    /// The problem with the UNTIL of a recurrence rule, if any.
    static func untilProblem(_ rule: Substring) -> String? {
        for part in rule.split(separator: ";") where part.uppercased().hasPrefix("UNTIL=") {
            if let problem = dateProblem(part.dropFirst(6)) { return problem }
        }
        return nil
    }

    /// `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]` that names no real day or time; nil when real or not of that shape.
    static func dateProblem(_ text: Substring) -> String? {
        let b = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r { guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }; n = n * 10 + Int(b[i] - 0x30) }
            return n
        }
        let isDate = b.count == 8, isTime = (b.count == 15 || (b.count == 16 && (b[15] == 0x5A || b[15] == 0x7A))) && (b[8] == 0x54 || b[8] == 0x74)
        guard isDate || isTime, let year = digits(0..<4), let month = digits(4..<6), let day = digits(6..<8) else { return nil }
        let what = isDate ? "a real date" : "a real date and time"
        if month < 1 || month > 12 { return "'\(text)' is not \(what) (month \(month))" }
        if year < 1 { return "'\(text)' is not \(what) (year 0)" }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        if day < 1 || day > days { return "'\(text)' is not \(what) (day \(day) of month \(month) in \(year))" }
        guard isTime else { return nil }
        guard let hour = digits(9..<11), let minute = digits(11..<13), let second = digits(13..<15) else { return nil }
        if hour > 23 || minute > 59 || second > 60 {
            return "'\(text)' is not \(what) (\(hour):\(minute):\(second))"
        }
        return nil
    }

    /// The problem with a time zone observance's RRULE, if any. libical expands every zone rule from its
    /// DTSTART (often 1601) to 2037 on first use, so a rule finer than monthly, or with BYHOUR, BYMINUTE or
    /// BYSECOND, makes it grow without end (FREQ=MINUTELY: hundreds of millions of changes).
    static func zoneRuleProblem(_ rule: Substring) -> String? {
        for part in rule.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.uppercased() }
            guard kv.count == 2 else { continue }
            if kv[0] == "FREQ", kv[1] != "YEARLY", kv[1] != "MONTHLY" {
                return "the time zone rule repeats FREQ=\(kv[1]); a time zone changes its offset at most monthly (real ones yearly)"
            }
            if ["BYHOUR", "BYMINUTE", "BYSECOND"].contains(kv[0]) {
                return "the time zone rule uses \(kv[0]); a time zone changes at the time of day its DTSTART gives"
            }
        }
        return nil
    }
}
