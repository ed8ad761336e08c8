import BriefingsDomain
import Foundation
import Testing

@Suite("Local time, clock changes and working days")
struct TimeTests {
    @Test("dates parse, and days add, by arithmetic exactly as Calendar does them")
    func dateArithmetic() {
        let calendar = LondonTime.calendar
        for year in [1600, 1700, 1899, 1900, 2000, 2024, 2025, 2026, 2100, 2400, 9999] {
            for month in 0...13 {
                for day in 0...32 {
                    let text = String(format: "%04d-%02d-%02d", year, month, day)
                    var components = DateComponents(year: year, month: month, day: day)
                    components.calendar = calendar
                    let valid = components.isValidDate(in: calendar)
                    #expect((LocalDate(text) != nil) == valid, "\(text)")
                }
            }
        }
        let starts = ["2026-01-01", "2026-03-28", "2026-10-24", "2027-02-27", "2028-02-28", "1999-12-31", "2100-02-27"].compactMap(LocalDate.init)
        for start in starts {
            for days in -400...400 {
                let byCalendar = LocalDate(calendar.date(byAdding: .day, value: days, to: start.startInstant.addingTimeInterval(12 * 3600))!)
                #expect(start.adding(days: days) == byCalendar, "\(start) + \(days)")
            }
        }
    }

    @Test("a date's text is what %04d-%02d-%02d writes, for ordinary and odd years, months and days")
    func dateText() {
        for year in [-12, -1, 0, 7, 99, 999, 2026, 10000] {
            for (month, day) in [(1, 1), (9, 30), (12, 31), (0, 0), (123, -4)] {
                let d = LocalDate(year: year, month: month, day: day)
                #expect(d.description == String(format: "%04d-%02d-%02d", year, month, day))
            }
        }
    }

    @Test("local times are Europe/London wall-clock times, GMT and BST")
    func parse() throws {
        let winter = try LondonTime.parse("2026-12-07T18:00")
        #expect(winter.timeIntervalSince1970 == 1_796_666_400) // 18:00 GMT = 18:00 UTC
        let summer = try LondonTime.parse("2026-07-07T18:00")
        #expect(LondonTime.format(summer) == "2026-07-07T18:00")
        #expect(Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: summer).hour == 17)
    }

    @Test("malformed, impossible and skipped times are refused with what to change")
    func badTimes() {
        #expect(throws: LondonTime.ParseError.malformed("tomorrow 6pm")) { try LondonTime.parse("tomorrow 6pm") }
        #expect(throws: LondonTime.ParseError.impossible("2026-02-30T10:00")) { try LondonTime.parse("2026-02-30T10:00") }
        #expect(throws: LondonTime.ParseError.impossible("2026-12-07T25:00")) { try LondonTime.parse("2026-12-07T25:00") }
        // 29 March 2026: clocks go forward at 01:00 GMT, so 01:30 never happens.
        #expect(throws: LondonTime.ParseError.skippedByClockChange("2026-03-29T01:30")) { try LondonTime.parse("2026-03-29T01:30") }
        #expect(LondonTime.ParseError.skippedByClockChange("x").description.contains("clocks go forward"))
    }

    @Test("times and dates typed outside 2000-2099 are refused naming the window; its first and last minute are taken")
    func window() throws {
        for text in ["9999-12-31T23:00", "2100-01-01T00:00", "1999-12-31T23:59", "0000-01-01T00:00", "2600-06-01T10:00"] {
            #expect(throws: LondonTime.ParseError.outsideWindow(text)) { try LondonTime.parse(text) }
            let day = String(text.prefix(10))
            #expect(throws: LocalDate.ParseError.outsideWindow(day)) { try LocalDate.parse(day) }
            #expect(LocalDate(day) != nil || day == "0000-01-01", "a stored date is still read back (the calendar has no year 0)")
        }
        #expect(try LondonTime.parse("2000-01-01T00:00") == LondonTime.window.lowerBound)
        #expect(try LondonTime.parse("2099-12-31T23:59") == LondonTime.window.upperBound)
        #expect(try LocalDate.parse("2099-12-31") == LocalDate(year: 2099, month: 12, day: 31))
        #expect(throws: LocalDate.ParseError.malformed("2026-02-30")) { try LocalDate.parse("2026-02-30") }
        #expect(LondonTime.ParseError.outsideWindow("9999-12-31T23:00").description.contains("from 2000-01-01T00:00 to 2099-12-31T23:59"))
        #expect(LocalDate.ParseError.outsideWindow("9999-12-31").description.contains("from 2000-01-01 to 2099-12-31"))
    }

    @Test("a wall-clock minute of a date is the instant parse reads, every quarter hour either side of both clock changes")
    func instantOfMinute() throws {
        for day in ["2026-03-28", "2026-03-29", "2026-03-30", "2026-10-24", "2026-10-25", "2026-10-26", "2027-03-28", "2027-10-31", "2028-02-29"] {
            for minute in stride(from: 0, to: 24 * 60, by: 15) {
                let text = "\(day)T\(String(format: "%02d:%02d", minute / 60, minute % 60))"
                #expect(LondonTime.instant(on: LocalDate(day)!, minute: minute) == (try? LondonTime.parse(text)), "\(text)")
            }
        }
        // 29 March 2026 has no 01:00-01:59; 25 October 2026 has 01:00-01:59 twice: the grid takes each time once.
        #expect(stride(from: 0, to: 1440, by: 30).compactMap { LondonTime.instant(on: LocalDate("2026-03-29")!, minute: $0) }.count == 46)
        #expect(stride(from: 0, to: 1440, by: 30).compactMap { LondonTime.instant(on: LocalDate("2026-10-25")!, minute: $0) }.count == 48)
    }

    @Test("the hour that repeats when clocks go back resolves to its first (BST) occurrence")
    func repeatedHour() throws {
        let t = try LondonTime.parse("2026-10-25T01:30")
        let before = try LondonTime.parse("2026-10-25T00:30")
        #expect(t.timeIntervalSince(before) == 3600)
    }

    @Test("clocks-change week: the same wall-clock time is an hour apart in UTC either side of the last Sunday of October")
    func clocksChangeWeek() throws {
        let friday = try LondonTime.parse("2026-10-23T18:00")   // BST
        let monday = try LondonTime.parse("2026-10-26T18:00")   // GMT
        #expect(monday.timeIntervalSince(friday) == 3 * 86_400 + 3600)
        #expect(LondonTime.format(monday) == "2026-10-26T18:00")
        // Working hours are wall-clock hours: 09:30 on both days is inside Mon-Fri 08:30-17:30.
        var p = Fixture.proposal()
        for day in ["2026-10-23", "2026-10-26"] {
            p.meetingStart = try LondonTime.parse("\(day)T09:30"); p.meetingEnd = try LondonTime.parse("\(day)T11:00")
            p.segmentStart = p.meetingStart; p.segmentEnd = try LondonTime.parse("\(day)T10:00")
            #expect(Fixture.verdict(.workingHours, p).passed, "\(day)")
        }
        // A two-hour meeting across the change still lasts two hours.
        let start = try LondonTime.parse("2026-10-25T00:30")
        #expect(LondonTime.format(start.addingTimeInterval(7200)) == "2026-10-25T01:30")
    }

    @Test("formatting by arithmetic agrees with Foundation's Calendar, every 17 minutes across 2025–2029 and both clock changes")
    func formattingMatchesCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var checked = 0, wrong: [String] = []
        // 2025-01-01T00:00Z to 2030-01-01T00:00Z; 17 minutes walks every minute-of-hour and hour-of-day.
        for t in stride(from: 1_735_689_600, to: 1_893_456_000, by: 17 * 60 + 1) {
            let instant = Date(timeIntervalSince1970: Double(t))
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: instant)
            let zone = calendar.timeZone.isDaylightSavingTime(for: instant) ? "BST" : "GMT"
            let short = String(format: "%04d-%02d-%02dT%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
            let long = "\(weekdays[c.weekday! - 1]) \(c.day!) \(months[c.month! - 1]) \(c.year!) " + String(format: "%02d:%02d ", c.hour!, c.minute!) + zone
            let date = LocalDate(instant)
            let isoWeekday = c.weekday! == 1 ? 7 : c.weekday! - 1
            if LondonTime.format(instant) != short || LondonTime.formatLong(instant) != long
                || LondonTime.minuteOfDay(instant) != c.hour! * 60 + c.minute!
                || date != LocalDate(year: c.year!, month: c.month!, day: c.day!) || date.isoWeekday != isoWeekday {
                wrong.append("\(t): \(LondonTime.format(instant)) / \(LondonTime.formatLong(instant)) vs \(short) / \(long)")
            }
            checked += 1
        }
        #expect(checked > 150_000)
        #expect(wrong.isEmpty, "first mismatches: \(wrong.prefix(3))")
        // The instants either side of the October 2026 change: 00:59 UTC is 01:59 BST, a minute later 01:00 GMT.
        #expect(LondonTime.formatLong(Date(timeIntervalSince1970: 1_792_889_940)) == "Sun 25 Oct 2026 01:59 BST")
        #expect(LondonTime.formatLong(Date(timeIntervalSince1970: 1_792_890_000)) == "Sun 25 Oct 2026 01:00 GMT")
    }

    @Test("durations")
    func durations() {
        #expect(Minutes(parsing: "30m")?.value == 30)
        #expect(Minutes(parsing: "1h30m")?.value == 90)
        #expect(Minutes(parsing: "2h")?.value == 120)
        #expect(Minutes(parsing: "45")?.value == 45)
        #expect(Minutes(parsing: "0m") == nil)
        #expect(Minutes(parsing: "half an hour") == nil)
        #expect(Minutes(parsing: "30x") == nil)
    }

    @Test("lengths are bounded before any arithmetic: the extremes are refused, not trapped on", arguments: [
        "9223372036854775807", "-9223372036854775808", "999999999999999999h", "153722867280912930",
        "99999999999999999999999999m", "9223372036854775807m", "153722867280912931h1m", "1h9223372036854775807m",
        "1441", "24h1m", "25h", "1440h", "٣m", "３0m", "-30m", "+30m", "30 m", "",
    ])
    func lengthExtremes(text: String) {
        #expect(Minutes(parsing: text) == nil, "\(text)")
        #expect(throws: Minutes.ParseError.self) { try Minutes.parse(text) }
    }

    @Test("a length is taken only as openapi.yaml's Length writes it (issue 27, item 9)", arguments: [
        "1h1h", "01h", "1H", "2h0m", "2h ", " 2h", "0h30m", "23h60m", "1h60m", "0000000000000000000000030m", "030", "30m1h", "2h30", "h", "m", "1hm",
    ])
    func undocumentedLengths(text: String) {
        #expect(throws: Minutes.ParseError.self) { try Minutes.parse(text) }
    }

    @Test("a time is taken only as YYYY-MM-DDTHH:MM (issue 27, item 9)", arguments: [
        "2027-01-11T10:00:00", " 2027-01-11T10:00", "2027-01-11T10:00 ", "2027-01-11 10:00", "2027-01-11t10:00", "2027-1-11T10:00",
        "2027-01-11T9:00", "+027-01-11T10:00", "2027-+1-11T10:00", "２027-01-11T10:00",
    ])
    func undocumentedTimes(text: String) {
        #expect(throws: LondonTime.ParseError.malformed(text)) { try LondonTime.parse(text) }
    }

    @Test("the longest allowed length is a day, in any spelling")
    func longestLength() throws {
        #expect(try Minutes.parse("24h").value == 1440)
        #expect(try Minutes.parse("1440").value == 1440)
        #expect(try Minutes.parse("23h59m").value == 1439)
        #expect(throws: Minutes.ParseError.tooLong("24h1m")) { try Minutes.parse("24h1m") }
        #expect(throws: Minutes.ParseError.tooLong("999999999999999999h")) { try Minutes.parse("999999999999999999h") }
        #expect(throws: Minutes.ParseError.malformed("30x")) { try Minutes.parse("30x") }
        #expect(Minutes.ParseError.tooLong("25h").description.contains("at most 24h"))
    }

    @Test("working days skip weekends and England and Wales bank holidays")
    func workingDays() throws {
        let days = WorkingDays(holidays: BankHoliday.englandAndWales.map(\.date))
        #expect(!days.isWorkingDay(LocalDate("2026-12-25")!))
        #expect(!days.isWorkingDay(LocalDate("2026-12-28")!), "Boxing Day substitute")
        #expect(!days.isWorkingDay(LocalDate("2026-12-26")!), "a Saturday")
        #expect(days.isWorkingDay(LocalDate("2026-12-29")!))
        // Submitted Wed 23 Dec 2026: 24, 29, 30, 31 Dec and 4 Jan are the next five working days
        // (25 and 28 Dec and 1 Jan are bank holidays).
        let submitted = try LondonTime.parse("2026-12-23T10:00")
        #expect(days.adding(5, to: submitted) == LocalDate("2027-01-04"))
        #expect(days.between(submitted, and: try LondonTime.parse("2027-01-04T09:00")) == 5)
        #expect(days.between(submitted, and: try LondonTime.parse("2026-12-31T09:00")) == 4)
        #expect(BankHoliday.englandAndWales.map(\.date.year).max() == 2028)
    }

    @Test("response-time: overdue once past the profile's working days (004 §6.5.8, 000 §17.8.2)")
    func responseClock() throws {
        let days = WorkingDays(holidays: BankHoliday.englandAndWales.map(\.date))
        let submitted = try LondonTime.parse("2026-11-02T10:00") // a Monday
        let early = ResponseClock(submitted: submitted, acknowledged: false, now: try LondonTime.parse("2026-11-04T10:00"), profile: .model, days: days)
        #expect(!early.responseOverdue && !early.acknowledgementOverdue && early.verdict(.model).passed)
        let noAck = ResponseClock(submitted: submitted, acknowledged: false, now: try LondonTime.parse("2026-11-05T10:00"), profile: .model, days: days)
        #expect(noAck.acknowledgementOverdue && !noAck.verdict(.model).passed)
        let late = ResponseClock(submitted: submitted, acknowledged: true, now: try LondonTime.parse("2026-11-17T10:00"), profile: .model, days: days)
        #expect(late.workingDaysWaiting == 11 && late.responseOverdue)
        let v = late.verdict(.model)
        #expect(!v.passed && v.severity == .warn && v.clauses.contains("004 §6.5.8"))
        // Under 000 an answer is due in 5 working days.
        let p000 = ResponseClock(submitted: submitted, acknowledged: true, now: try LondonTime.parse("2026-11-10T10:00"), profile: .p000, days: days)
        #expect(p000.responseOverdue && p000.verdict(.p000).clauses == ["000 §17.8.2"])
    }
}
