import BriefingsCLibical
import BriefingsDomain
import Foundation

/// Gathers busy intervals from one parsed calendar within a horizon: single events, recurring series
/// (RRULE, RDATE, EXDATE, moved instances) and VFREEBUSY periods. Internal: works on borrowed pointers.
struct BusyCollector {
    let zones: ZoneResolver
    /// Seconds since 1970: the horizon's start and end.
    let from: Double, to: Double
    private(set) var intervals: [BusyInterval] = []
    /// "UID@start" of instances a RECURRENCE-ID component replaces.
    private var moved: Set<String> = []

    init(calendar: OpaquePointer, from: Date, to: Date) {
        zones = ZoneResolver(calendar: calendar)
        self.from = from.timeIntervalSince1970
        self.to = to.timeIntervalSince1970
    }

    /// Records every overridden instance first, so the series skips them whatever the file's order.
    mutating func noteMovedInstances(_ events: [OpaquePointer]) throws(CalendarImportError) {
        for e in events {
            guard let ridProperty = icalcomponent_get_first_property(e, ICAL_RECURRENCEID_PROPERTY),
                  let uid = icalcomponent_get_uid(e) else { continue }
            let rid = icalproperty_get_recurrenceid(ridProperty)
            moved.insert("\(String(cString: uid))@\(try zones.seconds(rid, property: ridProperty))")
        }
    }

    /// Day-long pieces the intervals so far will be stored as (the store splits each interval by day).
    private var pieces = 0

    /// One busy time, clipped to the horizon; refused when it ends before it starts.
    mutating func add(_ start: Double, _ end: Double, _ summary: String) throws(CalendarImportError) {
        try Self.checkOrder(start, end, summary)
        guard end > from, start < to else { return }
        let s = max(start, from), e = min(end, to)
        intervals.append(BusyInterval(start: Date(timeIntervalSince1970: s), end: Date(timeIntervalSince1970: e), summary: summary))
        pieces += max(1, Int(((e - s) / 86_400).rounded(.up)))
        if intervals.count > CalendarImport.maximumIntervals || pieces > CalendarImport.maximumBusyDays {
            throw CalendarImportError("the calendar yields more than \(CalendarImport.maximumIntervals) busy times (or \(CalendarImport.maximumBusyDays) days of them) in the planning horizon",
                                      fix: "Export a shorter date range")
        }
    }

    /// Refuses a busy time whose end comes before its start (a typing slip the importer must not drop in silence).
    static func checkOrder(_ start: Double, _ end: Double, _ summary: String) throws(CalendarImportError) {
        if end < start {
            throw CalendarImportError("\"\(summary)\" ends (\(LondonTime.format(Date(timeIntervalSince1970: end)))) before it starts (\(LondonTime.format(Date(timeIntervalSince1970: start))))",
                                      fix: "Correct its end (DTEND or DURATION), or export the calendar again")
        }
    }

    /// One VEVENT: skipped when transparent or cancelled, else its instances within the horizon.
    mutating func addEvent(_ e: OpaquePointer) throws(CalendarImportError) {
        if icalcomponent_get_status(e) == ICAL_STATUS_CANCELLED { return }
        if let t = icalcomponent_get_first_property(e, ICAL_TRANSP_PROPERTY), icalproperty_get_transp(t) == ICAL_TRANSP_TRANSPARENT { return }
        let summary = icalcomponent_get_summary(e).map { String(cString: $0) } ?? "busy"
        guard let startProperty = icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY) else {
            throw CalendarImportError("the event \"\(summary)\" has no DTSTART", fix: "Export the calendar again")
        }
        let dtstart = icalcomponent_get_dtstart(e)
        let start = try zones.seconds(dtstart, property: startProperty)
        let end: Double
        let duration = icalcomponent_get_first_property(e, ICAL_DURATION_PROPERTY).map { seconds(icalproperty_get_duration($0)) }
        if let duration, icalcomponent_get_first_property(e, ICAL_DTEND_PROPERTY) == nil, abs(duration) > 3_660 * 86_400 {
            end = start + duration // libical's own sum would overflow its 32-bit seconds; the horizon clips it anyway
        } else if case let dtend = icalcomponent_get_dtend(e), icaltime_is_null_time(dtend) == 0 {
            end = try zones.seconds(dtend, property: icalcomponent_get_first_property(e, ICAL_DTEND_PROPERTY) ?? startProperty)
        } else if icaltime_is_date(dtstart) != 0 {
            // An all-day event with no end is that whole day (23 or 25 hours on a clock-change day).
            end = try zones.seconds(icaltime_add(dtstart, icaldurationtype_from_int(86_400)), property: startProperty)
        } else {
            end = start
        }
        try Self.checkOrder(start, end, summary)
        let length = end - start
        let rrule = icalcomponent_get_first_property(e, ICAL_RRULE_PROPERTY)
        let rdates = properties(e, ICAL_RDATE_PROPERTY)
        if rrule == nil && rdates.isEmpty {
            try add(start, start + length, summary)
            return
        }
        let uid = icalcomponent_get_uid(e).map { String(cString: $0) } ?? ""
        var excluded: Set<Double> = []
        for x in properties(e, ICAL_EXDATE_PROPERTY) {
            excluded.insert(try zones.seconds(icalproperty_get_exdate(x), property: x, fallback: startProperty))
        }
        func keep(_ s: Double) -> Bool { !excluded.contains(s) && !moved.contains("\(uid)@\(s)") }
        var seen: Set<Double> = []
        if let rrule {
            try expand(rrule, dtstart: dtstart, startProperty: startProperty, length: length, summary: summary) { s throws(CalendarImportError) in
                seen.insert(s)
                if keep(s) { try add(s, s + length, summary) }
            }
        } else if keep(start) {
            seen.insert(start)
            try add(start, start + length, summary) // RDATEs add to DTSTART, which is always an instance
        }
        for r in rdates {
            let value = icalproperty_get_rdate(r)
            if icaltime_is_null_time(value.time) == 0 {
                let s = try zones.seconds(value.time, property: r, fallback: startProperty)
                if !seen.contains(s), keep(s) { try add(s, s + length, summary) }
            } else if icaltime_is_null_time(value.period.start) == 0 {
                let s = try zones.seconds(value.period.start, property: r, fallback: startProperty)
                let periodEnd = icaltime_is_null_time(value.period.end) == 0
                    ? try zones.seconds(value.period.end, property: r, fallback: startProperty)
                    : s + seconds(value.period.duration)
                if keep(s) { try add(s, periodEnd, summary) }
            }
        }
    }

    /// Steps libical's RRULE iterator from DTSTART (or, for a rule without COUNT, from just before the
    /// horizon) to the horizon's end, with a cap on instances so no rule can run away.
    private func expand(_ rruleProperty: OpaquePointer, dtstart: icaltimetype, startProperty: OpaquePointer, length: Double, summary: String,
                        _ body: (Double) throws(CalendarImportError) -> Void) throws(CalendarImportError) {
        var rule = icalproperty_get_rrule(rruleProperty)
        if rule.count == 0 {
            // Nothing after the horizon is needed: end the rule there (a day later, for any zone), or libical steps
            // a rule that never matches (30 February) through every year to 9999.
            var end = icaltime_from_timet_with_zone(time_t(to + 86_400), 0, LibICal.utc.pointer)
            end.is_date = dtstart.is_date
            if icaltime_is_null_time(rule.until) != 0 || rule.until.year > end.year { rule.until = end }
        }
        guard let iterator = icalrecur_iterator_new(rule, dtstart) else {
            throw CalendarImportError("the repeat rule (RRULE) of \"\(summary)\" is not valid", fix: "Correct the RRULE or export the calendar again")
        }
        defer { icalrecur_iterator_free(iterator) }
        // Jump near the horizon instead of stepping through years of history (libical: not with COUNT).
        let jumpTo = from - length - 86_400
        if rule.count == 0, try zones.seconds(dtstart, property: startProperty) < jumpTo {
            var target = icaltime_from_timet_with_zone(time_t(jumpTo), dtstart.is_date, try zones.zone(of: dtstart, property: startProperty))
            target.zone = dtstart.zone
            _ = icalrecur_iterator_set_start(iterator, target) // on failure it still starts at DTSTART
        }
        var inHorizon = 0, before = 0
        while true {
            let next = icalrecur_iterator_next(iterator)
            if icaltime_is_null_time(next) != 0 { break }
            let s = try zones.seconds(next, property: startProperty)
            if s >= to { break }
            if s + length <= from {
                before += 1
                if before > CalendarImport.maximumStepsBeforeHorizon {
                    throw CalendarImportError("\"\(summary)\" repeats more than \(CalendarImport.maximumStepsBeforeHorizon) times before the planning horizon",
                                              fix: "End the old series, or export a shorter date range")
                }
                continue
            }
            inHorizon += 1
            if inHorizon > CalendarImport.maximumOccurrencesPerEvent {
                throw CalendarImportError("\"\(summary)\" repeats more than \(CalendarImport.maximumOccurrencesPerEvent) times in the planning horizon",
                                          fix: "Export a shorter date range, or end the series")
            }
            try body(s)
        }
    }

    /// FREEBUSY periods of a VFREEBUSY, except FBTYPE=FREE.
    mutating func addFreeBusy(_ fb: OpaquePointer) throws(CalendarImportError) {
        for p in properties(fb, ICAL_FREEBUSY_PROPERTY) {
            if let type = icalproperty_get_first_parameter(p, ICAL_FBTYPE_PARAMETER), icalparameter_get_fbtype(type) == ICAL_FBTYPE_FREE { continue }
            let period = icalproperty_get_freebusy(p)
            let s = try zones.seconds(period.start, property: p)
            let e = icaltime_is_null_time(period.end) != 0
                ? s + seconds(period.duration)
                : try zones.seconds(period.end, property: p)
            try add(s, e, "busy")
        }
    }
}

/// A duration's length in seconds, without libical's 32-bit `icaldurationtype_as_int` (which wraps
/// round for DURATION:P99999999W).
func seconds(_ d: icaldurationtype) -> Double {
    let total = Double(d.weeks) * 604_800 + Double(d.days) * 86_400 + Double(d.hours) * 3_600 + Double(d.minutes) * 60 + Double(d.seconds)
    return d.is_neg != 0 ? -total : total
}
