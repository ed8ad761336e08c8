import BriefingsCLibical
import BriefingsDomain
import Foundation

/// Reads calendars from outside: an officer's busy times, and the gov.uk bank holidays.
/// All or nothing: any problem refuses the whole file with a `CalendarImportError`.
public enum CalendarImport {
    /// Files larger than this (10 MB) are refused before parsing.
    public static let maximumBytes = 10 * 1024 * 1024
    /// Events (VEVENT and VFREEBUSY components) one file may hold.
    public static let maximumEvents = 50_000
    /// Occurrences one recurring event may have within the planning horizon.
    public static let maximumOccurrencesPerEvent = 5_000
    /// Occurrences a recurring event with a COUNT may step through before the horizon starts.
    public static let maximumStepsBeforeHorizon = 500_000
    /// Busy intervals one file may produce.
    public static let maximumIntervals = 100_000
    /// Days of busy time (day-long booking rows, once clipped to the horizon) one file may produce.
    public static let maximumBusyDays = 200_000
    /// How deep components may nest (VCALENDAR › VEVENT › VALARM is three); checked before libical parses,
    /// whose recursive parser overflowed its stack on 300,000.
    public static let maximumNesting = 8
    /// Offset changes all of a file's VTIMEZONEs may expand to (libical keeps each one in memory).
    public static let maximumZoneChanges = 50_000
    /// Dates one repeating holiday may expand to.
    public static let maximumHolidaysPerEvent = 1_000

    /// Busy times from an exported calendar that overlap `from ..< to`, clipped to it: opaque, not cancelled
    /// VEVENTs (recurring ones expanded with libical's RRULE iterator; RDATE, EXDATE and moved instances
    /// honoured), and VFREEBUSY periods other than FREE. Sorted by start. A time ending before it starts is refused.
    public static func busyIntervals(fromICS data: Data, from: Date, to: Date) throws(CalendarImportError) -> [BusyInterval] {
        guard from < to else {
            throw CalendarImportError("the planning horizon ends (\(to)) before it starts (\(from))", fix: "Give an end after the start")
        }
        let calendar = try ICalParser.parse(data)
        let events = calendar.children(ICAL_VEVENT_COMPONENT)
        let freebusy = calendar.children(ICAL_VFREEBUSY_COMPONENT)
        if events.isEmpty && freebusy.isEmpty {
            throw CalendarImportError("the calendar holds no events (VEVENT) or free/busy times (VFREEBUSY)",
                                      fix: "Export the officer's calendar with its events")
        }
        try checkCount(events.count + freebusy.count)
        var collector = BusyCollector(calendar: calendar.pointer, from: from, to: to)
        try collector.noteMovedInstances(events)
        for e in events { try collector.addEvent(e) }
        for fb in freebusy { try collector.addFreeBusy(fb) }
        return collector.intervals.sorted { ($0.start, $0.end, $0.summary) < ($1.start, $1.end, $1.summary) }
    }

    /// Busy times from iCalendar text; see `busyIntervals(fromICS:from:to:)` for `Data`.
    public static func busyIntervals(fromICS text: String, from: Date, to: Date) throws(CalendarImportError) -> [BusyInterval] {
        try busyIntervals(fromICS: Data(text.utf8), from: from, to: to)
    }

    /// Bank holidays from the UK government's calendar for England and Wales (all-day VEVENTs), by date.
    /// A holiday repeating with an RRULE that ends (COUNT or UNTIL) is expanded, EXDATE and RDATE honoured.
    public static func bankHolidays(fromICS data: Data) throws(CalendarImportError) -> [BankHoliday] {
        let govuk = "Download https://www.gov.uk/bank-holidays/england-and-wales.ics and import that"
        let calendar = try ICalParser.parse(data)
        let events = calendar.children(ICAL_VEVENT_COMPONENT)
        if events.isEmpty { throw CalendarImportError("the calendar holds no events (VEVENT)", fix: govuk) }
        try checkCount(events.count)
        var result: [BankHoliday] = []
        for e in events {
            let title = icalcomponent_get_summary(e).map { String(cString: $0) } ?? "Bank holiday"
            guard icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY) != nil else {
                throw CalendarImportError("\"\(title)\" has no date (DTSTART)", fix: govuk)
            }
            let start = icalcomponent_get_dtstart(e)
            guard icaltime_is_date(start) != 0, let date = localDate(start) else {
                throw CalendarImportError("\"\(title)\" is not an all-day date (DTSTART;VALUE=DATE:YYYYMMDD)",
                                          fix: "Import the gov.uk bank holidays calendar, whose events are whole days")
            }
            if let endProperty = icalcomponent_get_first_property(e, ICAL_DTEND_PROPERTY), let end = localDate(icalproperty_get_dtend(endProperty)), end < date {
                throw CalendarImportError("\"\(title)\" ends (\(end)) before it starts (\(date))", fix: "Correct its DTEND, or download the calendar again")
            }
            result += try holidayDates(e, start: start, date: date).map { BankHoliday(date: $0, title: title) }
            try checkCount(result.count)
        }
        return result.sorted { ($0.date, $0.title) < ($1.date, $1.title) }
    }

    /// The dates of one all-day holiday: DTSTART, or its RRULE's instances (which must end), less EXDATEs, plus RDATEs.
    static func holidayDates(_ e: OpaquePointer, start: icaltimetype, date: LocalDate) throws(CalendarImportError) -> [LocalDate] {
        let title = icalcomponent_get_summary(e).map { String(cString: $0) } ?? "Bank holiday"
        var dates = [date]
        if let rruleProperty = icalcomponent_get_first_property(e, ICAL_RRULE_PROPERTY) {
            let rule = icalproperty_get_rrule(rruleProperty)
            guard rule.count > 0 || icaltime_is_null_time(rule.until) == 0 else {
                throw CalendarImportError("\"\(title)\" repeats without end (RRULE with no COUNT or UNTIL)",
                                          fix: "Give the rule a COUNT or an UNTIL, or list each date; the gov.uk calendar lists every date")
            }
            if rule.count == 0, rule.until.year > start.year + 100 {
                throw CalendarImportError("\"\(title)\" repeats until \(rule.until.year), more than 100 years on",
                                          fix: "Give the rule an UNTIL within 100 years, or list each date")
            }
            guard let iterator = icalrecur_iterator_new(rule, start) else {
                throw CalendarImportError("the repeat rule (RRULE) of \"\(title)\" is not valid", fix: "Correct the RRULE, or list each date")
            }
            defer { icalrecur_iterator_free(iterator) }
            dates = []
            while true {
                let next = icalrecur_iterator_next(iterator)
                if icaltime_is_null_time(next) != 0 { break }
                guard let d = localDate(next) else { break }
                dates.append(d)
                if dates.count > maximumHolidaysPerEvent {
                    throw CalendarImportError("\"\(title)\" repeats more than \(maximumHolidaysPerEvent) times", fix: "Give the rule a smaller COUNT or an earlier UNTIL")
                }
            }
        }
        let excluded = Set(properties(e, ICAL_EXDATE_PROPERTY).compactMap { localDate(icalproperty_get_exdate($0)) })
        dates.removeAll { excluded.contains($0) }
        for r in properties(e, ICAL_RDATE_PROPERTY) {
            let value = icalproperty_get_rdate(r)
            if let d = localDate(icaltime_is_null_time(value.time) == 0 ? value.time : value.period.start), !dates.contains(d) { dates.append(d) }
        }
        return dates
    }

    /// The calendar day of a libical time as written (no zone conversion), or nil when it names no real day.
    static func localDate(_ t: icaltimetype) -> LocalDate? {
        LocalDate(String(format: "%04d-%02d-%02d", t.year, t.month, t.day))
    }

    /// Bank holidays from iCalendar text; see `bankHolidays(fromICS:)` for `Data`.
    public static func bankHolidays(fromICS text: String) throws(CalendarImportError) -> [BankHoliday] {
        try bankHolidays(fromICS: Data(text.utf8))
    }

    static func checkCount(_ count: Int) throws(CalendarImportError) {
        if count > maximumEvents {
            throw CalendarImportError("the calendar holds \(count) events; the limit is \(maximumEvents)", fix: "Export a shorter date range")
        }
    }
}
