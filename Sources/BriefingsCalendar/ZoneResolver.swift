import BriefingsCLibical
import Foundation

/// Turns a parsed time into an instant: UTC, a TZID the file defines or libical knows, an Outlook
/// (Windows) zone name, or floating / all-day time read as Europe/London.
struct ZoneResolver {
    let calendar: OpaquePointer

    /// Windows zone names Outlook writes in TZID, mapped to the IANA zones libical knows.
    static let windowsZones = ["GMT Standard Time": "Europe/London", "W. Europe Standard Time": "Europe/Berlin",
                               "Romance Standard Time": "Europe/Paris", "UTC": "UTC", "Coordinated Universal Time": "UTC",
                               "Greenwich Standard Time": "Atlantic/Reykjavik", "Eastern Standard Time": "America/New_York",
                               "Pacific Standard Time": "America/Los_Angeles", "Central Europe Standard Time": "Europe/Budapest"]

    /// Seconds since 1970 of `time`, whose zone comes from itself or the TZID of `property` (else `fallback`).
    /// A wall-clock time that happens twice (clocks going back) is its first occurrence (RFC 5545 §3.3.5);
    /// libical picks the second, so an hour earlier is tried too.
    func seconds(_ time: icaltimetype, property: OpaquePointer?, fallback: OpaquePointer? = nil) throws(CalendarImportError) -> Double {
        // libical keeps a field as written (DTSTART:20261345T996199Z is month 13, hour 99) and quietly rolls it over when
        // converting; the line checks refuse such values first, and this catches any that reach here another way.
        guard (1...9999).contains(time.year), (1...12).contains(time.month), time.day >= 1, time.day <= icaltime_days_in_month(time.month, time.year),
              (0...23).contains(time.hour), (0...59).contains(time.minute), (0...60).contains(time.second) else {
            throw CalendarImportError("a date or time that does not exist (\(time.year)-\(time.month)-\(time.day) \(time.hour):\(time.minute):\(time.second))",
                                      fix: "Correct it, or export the calendar again")
        }
        let zone = try zone(of: time, property: property, fallback: fallback)
        let t = icaltime_as_timet_with_zone(time, zone)
        if time.is_date == 0, zone != LibICal.utc.pointer {
            let earlier = icaltime_from_timet_with_zone(t - 3600, 0, zone)
            if earlier.hour == time.hour, earlier.minute == time.minute, earlier.second == time.second, earlier.day == time.day {
                return Double(t - 3600)
            }
        }
        return Double(t)
    }

    /// The zone `time` is in: UTC, its own, its property's TZID, or Europe/London when floating or all day.
    func zone(of time: icaltimetype, property: OpaquePointer?, fallback: OpaquePointer? = nil) throws(CalendarImportError) -> OpaquePointer {
        if icaltime_is_utc(time) != 0 { return LibICal.utc.pointer }
        if let own = time.zone { return own }
        let tzidParameter = property.flatMap { icalproperty_get_first_parameter($0, ICAL_TZID_PARAMETER) }
            ?? fallback.flatMap { icalproperty_get_first_parameter($0, ICAL_TZID_PARAMETER) }
        guard let parameter = tzidParameter, let raw = icalparameter_get_tzid(parameter) else {
            return LibICal.london.pointer // floating or all-day: council time
        }
        let tzid = String(cString: raw)
        if let zone = zone(tzid) { return zone }
        throw CalendarImportError("unknown time zone '\(tzid)'",
                                  fix: "Export the calendar with its VTIMEZONE definitions, or with times in UTC")
    }

    /// A zone by TZID: one the file defines, else a builtin (IANA or Outlook name), else nil.
    func zone(_ tzid: String) -> OpaquePointer? {
        if let z = tzid.withCString({ icalcomponent_get_timezone(calendar, $0) }) { return z }
        var name = tzid
        if let slash = name.range(of: "/freeassociation.sourceforge.net/") { name = String(name[slash.upperBound...]) }
        name = Self.windowsZones[name] ?? name
        if name == "UTC" || name == "Etc/UTC" || name == "GMT" { return LibICal.utc.pointer }
        if name == LibICal.tzid { return LibICal.london.pointer }
        return BuiltinZones.shared.zone(name)?.pointer
    }
}
