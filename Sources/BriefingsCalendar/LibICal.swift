import BriefingsCLibical
import BriefingsDomain
import Foundation

/// One-time libical set-up: the Europe/London zone (loaded once: concurrent first loads race inside
/// libical), other builtin zones behind a lock, and the compact VTIMEZONE every feed carries.
enum LibICal {
    /// A libical time zone. Builtin zones live for the whole process and are fully loaded (under
    /// `BuiltinZones`'s lock) before the pointer is shared; libical guards its own later caches.
    /// That is the reason for `@unchecked Sendable`.
    struct Zone: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    /// The compact VTIMEZONE template; never mutated after construction, only cloned, so sharing it
    /// across threads is safe; that is the reason for `@unchecked Sendable`.
    struct Template: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    static let tzid = "Europe/London"

    /// Europe/London from the system's tzdata (Swift's `static let` initialises exactly once).
    static let london: Zone = {
        guard let zone = BuiltinZones.shared.zone(tzid) else {
            fatalError("libical cannot load Europe/London: install the tzdata package")
        }
        return zone
    }()

    static let utc = Zone(pointer: icaltimezone_get_utc_timezone())

    /// Europe/London's VTIMEZONE with only its current rules (about 700 bytes, RRULE form Outlook reads),
    /// and its TZID rewritten to exactly `Europe/London` (libical prefixes it and ignores an empty prefix).
    static let compactVTimezone: Template = {
        // The zone owns its component: clone it, or the calendar and the zone would both free it.
        let clone = icalcomponent_new_clone(icaltimezone_get_component(london.pointer))!
        var start = icaltime_null_time()
        start.year = 2020; start.month = 1; start.day = 1
        start = icaltime_set_timezone(&start, utc.pointer)
        icaltimezone_truncate_vtimezone(clone, start, icaltime_null_time(), 1)
        if let tz = icalcomponent_get_first_property(clone, ICAL_TZID_PROPERTY) {
            icalproperty_set_tzid(tz, tzid)
        }
        for location in properties(clone, ICAL_X_PROPERTY) where String(cString: icalproperty_get_x_name(location)) == "X-LIC-LOCATION" {
            icalcomponent_remove_property(clone, location) // detaches only
            icalproperty_free(location)
        }
        return Template(pointer: clone)
    }()

    /// A fresh copy of the compact VTIMEZONE for one calendar.
    static func vtimezone() -> ICalComponent {
        ICalComponent(owning: icalcomponent_new_clone(compactVTimezone.pointer))
    }

    /// An instant as UTC (`…Z`), for DTSTAMP and LAST-MODIFIED.
    static func utcTime(_ date: Date) -> icaltimetype {
        icaltime_from_timet_with_zone(time_t(date.timeIntervalSince1970.rounded(.down)), 0, utc.pointer)
    }

    /// A calendar date, written as `VALUE=DATE` (an all-day event).
    static func date(_ day: LocalDate) -> icaltimetype {
        var t = icaltime_null_date()
        t.year = Int32(day.year); t.month = Int32(day.month); t.day = Int32(day.day)
        return t
    }

    /// An instant as Europe/London wall-clock time, written with a `TZID=Europe/London` parameter.
    static func londonTime(_ date: Date) -> icaltimetype {
        var t = icaltime_from_timet_with_zone(time_t(date.timeIntervalSince1970.rounded(.down)), 0, london.pointer)
        t.zone = nil // serialise as local time; the TZID parameter says which zone
        return t
    }
}

/// Builtin (tzdata) zones by name, each fetched and loaded once under a lock: libical's first load of
/// a zone is not safe to run on two threads at once.
final class BuiltinZones: @unchecked Sendable {
    // @unchecked Sendable: `zones` is only read or written while holding `lock`.
    static let shared = BuiltinZones()

    private let lock = NSLock()
    private var zones: [String: LibICal.Zone?] = [:]

    /// The builtin zone called `name`, loaded, or nil when libical does not know it.
    func zone(_ name: String) -> LibICal.Zone? {
        lock.lock()
        defer { lock.unlock() }
        if let known = zones[name] { return known }
        var found: LibICal.Zone?
        if let z = name.withCString({ icaltimezone_get_builtin_timezone($0) }) {
            _ = icaltimezone_get_component(z) // forces the zone's data to load now, inside the lock
            found = LibICal.Zone(pointer: z)
        }
        if found != nil { zones[name] = found } // not unknown names: a file could make up millions
        return found
    }
}
