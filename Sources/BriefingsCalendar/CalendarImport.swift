import BriefingsCLibical
import BriefingsDomain
import Foundation

/// Reads calendars from outside: an officer's busy times, and the gov.uk bank holidays.
/// All or nothing: any problem refuses the whole file with a `CalendarImportError`.
public enum CalendarImport {
    /// Occurrences one recurring event may produce before the horizon's end.
    public static let maximumOccurrencesPerEvent = 5_000
    /// Busy intervals one file may produce.
    public static let maximumIntervals = 100_000

    /// Busy times from an exported calendar, within the planning horizon: opaque, not cancelled VEVENTs
    /// (recurring ones expanded with libical's RRULE iterator, EXDATEs and moved instances honoured), and
    /// VFREEBUSY periods other than FREE.
    public static func busyIntervals(fromICS data: Data, from: Date, to: Date) throws(CalendarImportError) -> [BusyInterval] {
        let calendar = try ICalParser.parse([UInt8](data), expecting: "events")
        let events = calendar.children(ICAL_VEVENT_COMPONENT)
        let freebusy = calendar.children(ICAL_VFREEBUSY_COMPONENT)
        if events.isEmpty && freebusy.isEmpty {
            throw CalendarImportError("the calendar holds no events (VEVENT) or free/busy (VFREEBUSY)", fix: "Export the officer's calendar with its events")
        }
        let zones = ZoneResolver(calendar: calendar.pointer)
        let horizon = (from.timeIntervalSince1970, to.timeIntervalSince1970)
        var result: [BusyInterval] = []
        func add(_ start: Double, _ end: Double, _ summary: String) throws(CalendarImportError) {
            guard end > horizon.0, start < horizon.1, end > start else { return }
            result.append(BusyInterval(start: Date(timeIntervalSince1970: start), end: Date(timeIntervalSince1970: end), summary: summary))
            if result.count > maximumIntervals {
                throw CalendarImportError("the calendar yields more than \(maximumIntervals) busy times in the planning horizon", fix: "Export a shorter date range")
            }
        }
        // Instances moved by a RECURRENCE-ID replace the master's occurrence at that time.
        var moved: Set<String> = []
        for e in events {
            let rid = icalcomponent_get_recurrenceid(e)
            if icaltime_is_null_time(rid) == 0, let uid = icalcomponent_get_uid(e) {
                moved.insert("\(String(cString: uid))@\(try zones.seconds(rid, property: icalcomponent_get_first_property(e, ICAL_RECURRENCEID_PROPERTY)))")
            }
        }
        for e in events {
            if icalcomponent_get_status(e) == ICAL_STATUS_CANCELLED { continue }
            if let t = icalcomponent_get_first_property(e, ICAL_TRANSP_PROPERTY), icalproperty_get_transp(t) == ICAL_TRANSP_TRANSPARENT { continue }
            let dtstart = icalcomponent_get_dtstart(e)
            if icaltime_is_null_time(dtstart) != 0 {
                throw CalendarImportError("an event has no DTSTART", line: nil, fix: "Export the calendar again")
            }
            let startProperty = icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY)
            let start = try zones.seconds(dtstart, property: startProperty)
            var end: Double
            let dtend = icalcomponent_get_dtend(e)
            if icaltime_is_null_time(dtend) == 0 {
                end = try zones.seconds(dtend, property: icalcomponent_get_first_property(e, ICAL_DTEND_PROPERTY) ?? startProperty)
            } else {
                end = start + (icaltime_is_date(dtstart) != 0 ? 86_400 : 0)
            }
            if end < start { end = start }
            let summary = icalcomponent_get_summary(e).map { String(cString: $0) } ?? "busy"
            let uid = icalcomponent_get_uid(e).map { String(cString: $0) } ?? ""
            guard let rruleProperty = icalcomponent_get_first_property(e, ICAL_RRULE_PROPERTY) else {
                try add(start, end, summary)
                continue
            }
            var excluded: Set<Double> = []
            for x in properties(e, ICAL_EXDATE_PROPERTY) { excluded.insert(try zones.seconds(icalproperty_get_exdate(x), property: x, fallback: startProperty)) }
            let length = end - start
            guard let iterator = icalrecur_iterator_new(icalproperty_get_rrule(rruleProperty), dtstart) else {
                throw CalendarImportError("the repeat rule of \"\(summary)\" is not valid", fix: "Correct the RRULE or export the calendar again")
            }
            defer { icalrecur_iterator_free(iterator) }
            var count = 0
            while true {
                let next = icalrecur_iterator_next(iterator)
                if icaltime_is_null_time(next) != 0 { break }
                let s = try zones.seconds(next, property: startProperty)
                if s >= horizon.1 { break }
                count += 1
                if count > maximumOccurrencesPerEvent {
                    throw CalendarImportError("\"\(summary)\" repeats more than \(maximumOccurrencesPerEvent) times before the end of the planning horizon",
                                              fix: "Export a shorter date range, or end the series")
                }
                if excluded.contains(s) || moved.contains("\(uid)@\(s)") { continue }
                try add(s, s + length, summary)
            }
        }
        for fb in freebusy {
            for p in properties(fb, ICAL_FREEBUSY_PROPERTY) {
                if let type = icalproperty_get_first_parameter(p, ICAL_FBTYPE_PARAMETER), icalparameter_get_fbtype(type) == ICAL_FBTYPE_FREE { continue }
                let period = icalproperty_get_freebusy(p)
                let s = try zones.seconds(period.start, property: p)
                let e = icaltime_is_null_time(period.end) != 0
                    ? s + Double(icaldurationtype_as_int(period.duration))
                    : try zones.seconds(period.end, property: p)
                try add(s, e, "busy")
            }
        }
        return result.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }

    /// Bank holidays from the UK government's calendar for England and Wales (all-day VEVENTs).
    public static func bankHolidays(fromICS data: Data) throws(CalendarImportError) -> [BankHoliday] {
        let calendar = try ICalParser.parse([UInt8](data), expecting: "holidays")
        let events = calendar.children(ICAL_VEVENT_COMPONENT)
        if events.isEmpty {
            throw CalendarImportError("the calendar holds no events", fix: "Download https://www.gov.uk/bank-holidays/england-and-wales.ics and import that")
        }
        var result: [BankHoliday] = []
        for e in events {
            let start = icalcomponent_get_dtstart(e)
            let title = icalcomponent_get_summary(e).map { String(cString: $0) } ?? "Bank holiday"
            guard icaltime_is_date(start) != 0, let date = LocalDate(String(format: "%04d-%02d-%02d", start.year, start.month, start.day)) else {
                throw CalendarImportError("\"\(title)\" is not an all-day date", fix: "Import the gov.uk bank holidays calendar, whose events are whole days")
            }
            result.append(BankHoliday(date: date, title: title))
        }
        return result.sorted { $0.date < $1.date }
    }
}
