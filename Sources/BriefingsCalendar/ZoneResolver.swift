import BriefingsCLibical
import Foundation

/// Turns a parsed time into an instant: UTC, a TZID the file defines or libical knows, an Outlook
/// (Windows) zone name, or floating / all-day time read as Europe/London.
struct ZoneResolver {
    let calendar: OpaquePointer

    /// Windows zone names Outlook writes in TZID, mapped to the IANA zones libical knows.
    static let windowsZones = ["GMT Standard Time": "Europe/London", "W. Europe Standard Time": "Europe/Berlin",
                               "Romance Standard Time": "Europe/Paris", "UTC": "UTC", "Coordinated Universal Time": "UTC",
                               "Greenwich Standard Time": "Atlantic/Reykjavik"]

    func seconds(_ time: icaltimetype, property: OpaquePointer?, fallback: OpaquePointer? = nil) throws(CalendarImportError) -> Double {
        if icaltime_is_utc(time) != 0 {
            return Double(icaltime_as_timet_with_zone(time, LibICal.utc.pointer))
        }
        if time.zone != nil {
            return Double(icaltime_as_timet_with_zone(time, time.zone))
        }
        let tzidParameter = property.flatMap { icalproperty_get_first_parameter($0, ICAL_TZID_PARAMETER) }
            ?? fallback.flatMap { icalproperty_get_first_parameter($0, ICAL_TZID_PARAMETER) }
        guard let parameter = tzidParameter, let raw = icalparameter_get_tzid(parameter) else {
            return Double(icaltime_as_timet_with_zone(time, LibICal.london.pointer)) // floating or all-day: council time
        }
        let tzid = String(cString: raw)
        if let zone = zone(tzid) { return Double(icaltime_as_timet_with_zone(time, zone)) }
        throw CalendarImportError("unknown time zone '\(tzid)'", fix: "Export the calendar with its VTIMEZONE definitions, or in UTC")
    }

    func zone(_ tzid: String) -> OpaquePointer? {
        if let z = tzid.withCString({ icalcomponent_get_timezone(calendar, $0) }) { return z }
        var name = tzid
        if let slash = name.range(of: "/freeassociation.sourceforge.net/") { name = String(name[slash.upperBound...]) }
        name = Self.windowsZones[name] ?? name
        if name == "UTC" { return LibICal.utc.pointer }
        if name == LibICal.tzid { return LibICal.london.pointer }
        return name.withCString { icaltimezone_get_builtin_timezone($0) }
    }
}
