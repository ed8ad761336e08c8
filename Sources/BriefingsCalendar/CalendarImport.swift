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

    /// Busy times from an exported calendar that overlap `from ..< to`: opaque, not cancelled VEVENTs
    /// (recurring ones expanded with libical's RRULE iterator; RDATE, EXDATE and moved instances honoured),
    /// and VFREEBUSY periods other than FREE. Sorted by start.
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
            guard icaltime_is_date(start) != 0,
                  let date = LocalDate(String(format: "%04d-%02d-%02d", start.year, start.month, start.day)) else {
                throw CalendarImportError("\"\(title)\" is not an all-day date (DTSTART;VALUE=DATE:YYYYMMDD)",
                                          fix: "Import the gov.uk bank holidays calendar, whose events are whole days")
            }
            result.append(BankHoliday(date: date, title: title))
        }
        return result.sorted { ($0.date, $0.title) < ($1.date, $1.title) }
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
