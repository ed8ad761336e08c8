import BriefingsCLibical
import BriefingsDomain
import Foundation

extension CalendarImport {
    /// Reads a feed (ours or anyone's) back into `FeedEvent`s, in file order: for checking what subscribers
    /// will see. Titles come back as written, so a cancelled event's title keeps its "Cancelled: " prefix.
    public static func feedEvents(fromICS data: Data) throws(CalendarImportError) -> [FeedEvent] {
        let calendar = try ICalParser.parse(data)
        let events = calendar.children(ICAL_VEVENT_COMPONENT)
        try checkCount(events.count)
        let zones = ZoneResolver(calendar: calendar.pointer)
        func text(_ e: OpaquePointer, _ kind: icalproperty_kind) -> String? {
            guard let p = icalcomponent_get_first_property(e, kind), let v = icalproperty_get_value(p),
                  let s = icalvalue_get_text(v) else { return nil }
            return String(cString: s)
        }
        var result: [FeedEvent] = []
        for e in events {
            let uid = icalcomponent_get_uid(e).map { String(cString: $0) } ?? ""
            guard let startProperty = icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY) else {
                throw CalendarImportError("the event '\(uid)' has no DTSTART", fix: "Export the calendar again")
            }
            let start = try zones.seconds(icalcomponent_get_dtstart(e), property: startProperty)
            let dtend = icalcomponent_get_dtend(e)
            let end = icaltime_is_null_time(dtend) != 0 ? start
                : try zones.seconds(dtend, property: icalcomponent_get_first_property(e, ICAL_DTEND_PROPERTY) ?? startProperty)
            let status: FeedEvent.Status = switch icalcomponent_get_status(e) {
            case ICAL_STATUS_CANCELLED: .cancelled
            case ICAL_STATUS_TENTATIVE: .tentative
            default: .confirmed
            }
            let sequence = icalcomponent_get_first_property(e, ICAL_SEQUENCE_PROPERTY).map { Int(icalproperty_get_sequence($0)) } ?? 0
            let stamp = icalcomponent_get_first_property(e, ICAL_LASTMODIFIED_PROPERTY).map(icalproperty_get_lastmodified)
                ?? icalcomponent_get_dtstamp(e)
            let url = icalcomponent_get_first_property(e, ICAL_URL_PROPERTY).flatMap { icalproperty_get_url($0) }.map { String(cString: $0) }
            result.append(FeedEvent(uid: uid, title: text(e, ICAL_SUMMARY_PROPERTY) ?? "", description: text(e, ICAL_DESCRIPTION_PROPERTY) ?? "",
                                    location: text(e, ICAL_LOCATION_PROPERTY), start: Date(timeIntervalSince1970: start),
                                    end: Date(timeIntervalSince1970: end), status: status, sequence: sequence,
                                    lastModified: Date(timeIntervalSince1970: Double(icaltime_as_timet_with_zone(stamp, LibICal.utc.pointer))),
                                    url: url))
        }
        return result
    }

    /// Reads feed text back into `FeedEvent`s; see `feedEvents(fromICS:)` for `Data`.
    public static func feedEvents(fromICS text: String) throws(CalendarImportError) -> [FeedEvent] {
        try feedEvents(fromICS: Data(text.utf8))
    }
}
