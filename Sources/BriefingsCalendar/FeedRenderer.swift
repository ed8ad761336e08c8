import BriefingsCLibical
import BriefingsDomain
import Foundation

/// Renders a `Feed` as an iCalendar subscription feed that Outlook, Google and Apple accept:
/// no METHOD, a compact `Europe/London` VTIMEZONE, stable UIDs, SEQUENCE and LAST-MODIFIED from the
/// store, DTSTAMP from the last change (same feed, same bytes), escaped TEXT, CRLF, folded at 75 octets.
public enum FeedRenderer {
    public static let productID = "-//briefings//Council Briefings//EN"

    /// The feed as UTF-8 bytes.
    public static func render(_ feed: Feed) -> [UInt8] {
        _ = LibICal.london
        let calendar = ICalComponent(ICAL_VCALENDAR_COMPONENT)
        calendar.add(icalproperty_new_version("2.0"))
        calendar.add(icalproperty_new_prodid(productID))
        calendar.add(icalproperty_new_calscale("GREGORIAN"))
        calendar.add(icalproperty_new_name(clean(feed.name)))
        calendar.add(icalproperty_new_description(clean(feed.description)))
        calendar.add(xProperty("X-WR-TIMEZONE", LibICal.tzid))
        let minutes = max(1, min(feed.refreshMinutes, 7 * 24 * 60))
        calendar.add(icalproperty_new_refreshinterval(icaldurationtype_from_int(Int32(minutes * 60))))
        calendar.add(xProperty("X-PUBLISHED-TTL", "PT\(minutes)M"))
        calendar.add(LibICal.vtimezone())
        for event in feed.events where fits(event) { calendar.add(vevent(event)) }
        // libical escapes only `\\` and newlines in X- properties (their type is unknown to it), so the two
        // free-text ones are written here, fully escaped as TEXT, straight after BEGIN:VCALENDAR.
        let own = Array(("X-WR-CALNAME:" + escapeText(clean(feed.name)) + "\n"
            + "X-WR-CALDESC:" + escapeText(clean(feed.description)) + "\n").utf8)
        return calendar.withSerialized { libical in
            var out: [UInt8] = []
            out.reserveCapacity(libical.count + libical.count / 50 + own.count + 8)
            let header = firstLineEnd(libical)
            fold(UnsafeBufferPointer(rebasing: libical[..<header]), into: &out)
            own.withUnsafeBufferPointer { fold($0, into: &out) }
            fold(UnsafeBufferPointer(rebasing: libical[header...]), into: &out)
            return out
        }
    }

    /// The feed as a string.
    public static func renderString(_ feed: Feed) -> String {
        String(decoding: render(feed), as: UTF8.self)
    }

    /// Whether an event's times are within `LondonTime.window`. The door refuses any other time, but a database written
    /// before it did may hold one; one event in year 9999 (written `00000000T000000`) makes strict parsers refuse the
    /// whole feed, so such an event is left out of it rather than break every subscriber's calendar.
    static func fits(_ e: FeedEvent) -> Bool {
        LondonTime.window.contains(e.start) && LondonTime.window.contains(e.end)
    }

    static func vevent(_ e: FeedEvent) -> ICalComponent {
        let v = ICalComponent(ICAL_VEVENT_COMPONENT)
        v.add(icalproperty_new_uid(clean(e.uid)))
        v.add(icalproperty_new_dtstamp(LibICal.utcTime(e.lastModified)))
        v.add(icalproperty_new_lastmodified(LibICal.utcTime(e.lastModified)))
        v.add(icalproperty_new_sequence(Int32(clamping: e.sequence)))
        if let day = e.day {
            // An all-day note: DTSTART;VALUE=DATE and the next day as its DTEND (RFC 5545 §3.6.1), free time.
            v.add(icalproperty_new_dtstart(LibICal.date(day)))
            v.add(icalproperty_new_dtend(LibICal.date(day.adding(days: 1))))
        } else {
            let start = icalproperty_new_dtstart(LibICal.londonTime(e.start))
            icalproperty_add_parameter(start, icalparameter_new_tzid(LibICal.tzid))
            v.add(start)
            let end = icalproperty_new_dtend(LibICal.londonTime(e.end))
            icalproperty_add_parameter(end, icalparameter_new_tzid(LibICal.tzid))
            v.add(end)
        }
        // Outlook may show a cancelled event as normal, so the title says so too.
        v.add(icalproperty_new_summary(clean(e.status == .cancelled ? "Cancelled: " + e.title : e.title)))
        if !e.description.isEmpty { v.add(icalproperty_new_description(clean(e.description))) }
        if let location = e.location, !location.isEmpty { v.add(icalproperty_new_location(clean(location))) }
        // A URI is not escaped by libical: a line break in it would start a new property, so drop controls.
        if let url = e.url.map(cleanURI), !url.isEmpty { v.add(icalproperty_new_url(url)) }
        v.add(icalproperty_new_status(status(e.status)))
        v.add(icalproperty_new_transp(e.status == .cancelled || e.day != nil ? ICAL_TRANSP_TRANSPARENT : ICAL_TRANSP_OPAQUE))
        return v
    }

    static func status(_ s: FeedEvent.Status) -> icalproperty_status {
        switch s {
        case .confirmed: ICAL_STATUS_CONFIRMED
        case .tentative: ICAL_STATUS_TENTATIVE
        case .cancelled: ICAL_STATUS_CANCELLED
        }
    }

    static func xProperty(_ name: String, _ value: String) -> OpaquePointer? {
        let p = icalproperty_new_x(value)
        icalproperty_set_x_name(p, name)
        return p
    }

    /// Text as libical should see it: line breaks as LF (a lone CR would reach the output raw),
    /// no other control characters, no NUL.
    static func clean(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return text }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r": out.append("\n"); previousCR = true; continue
            case "\n": if !previousCR { out.append("\n") }
            case "\t": out.append(" ")
            default: if scalar.value >= 0x20 && scalar.value != 0x7F { out.append(scalar) }
            }
            previousCR = false
        }
        return String(out)
    }

    /// A URI with every control character and space removed (they cannot appear in one, RFC 3986).
    static func cleanURI(_ uri: String) -> String {
        String(String.UnicodeScalarView(uri.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
    }

    /// RFC 5545 §3.3.11 TEXT escaping, for text libical does not escape: `\\`, `;`, `,` and newlines.
    static func escapeText(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for ch in text.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// The index just past libical's first line (`BEGIN:VCALENDAR` and its line end).
    static func firstLineEnd(_ input: UnsafeBufferPointer<UInt8>) -> Int {
        guard var i = input.firstIndex(of: 0x0A) else { return input.count }
        i += 1
        return i
    }

    /// Unfolds libical's output and folds it again at 75 octets without splitting a UTF-8 sequence,
    /// with CRLF after every line (RFC 5545 §3.1), appending to `out`. One pass, no per-line allocation.
    /// `input` must hold whole lines.
    static func fold(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var column = 0
        var i = 0
        let n = input.count
        while i < n {
            let b = input[i]
            if b == 0x0D || b == 0x0A {
                var next = i + 1
                if b == 0x0D, next < n, input[next] == 0x0A { next += 1 }
                if next < n, input[next] == 0x20 || input[next] == 0x09 {
                    i = next + 1 // a fold: the logical line goes on
                    continue
                }
                if column > 0 { out.append(0x0D); out.append(0x0A) }
                column = 0
                i = next
                continue
            }
            // A character's octets: 1 for ASCII, else from the lead byte; continuation bytes never start one.
            let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            if column + length > 75 {
                out.append(0x0D); out.append(0x0A); out.append(0x20)
                column = 1
            }
            let end = min(i + length, n)
            while i < end { out.append(input[i]); i += 1 }
            column += length
        }
        if column > 0 { out.append(0x0D); out.append(0x0A) }
    }
}
