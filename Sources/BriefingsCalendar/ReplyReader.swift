import BriefingsCLibical
import BriefingsDomain
import Foundation

/// Reads the calendar part of an officer's answer to an invitation (iMIP, RFC 6047): the `REPLY` Outlook, Google Calendar
/// and Apple Calendar send when Accept or Decline is pressed, or a `COUNTER` proposing a new time. Untrusted text, read
/// with libical and the same checks as an import (`ICalParser`); what it says is `CalendarReply`'s to judge.
public enum ReplyReader {
    /// One `ATTENDEE` of the answer: its address (`mailto:` removed) and `PARTSTAT`, as written (nil when absent).
    public struct Attendee: Sendable, Hashable {
        public var address: String
        public var partstat: String?

        public init(address: String, partstat: String?) { self.address = address; self.partstat = partstat }
    }

    /// What the calendar part says: its `METHOD`, its event's `UID` and `SEQUENCE`, who answers and how, and for a
    /// `COUNTER` the time proposed; `COMMENT`, the words the officer typed, if any.
    public struct Part: Sendable, Hashable {
        public var method: String?
        public var uid: String?
        public var sequence: Int?
        public var attendees: [Attendee]
        public var start: Date?
        public var end: Date?
        public var comment: String?

        /// The answer of the attendee at `address` (else of the only attendee), for `CalendarReply`: a `COUNTER` with a
        /// time is a proposal; a `REPLY`'s `ACCEPTED` or `DECLINED` an answer; anything else is named as it is.
        public func answer(for address: String) -> (attendee: String?, answer: CalendarReply.Answer?) {
            let mine = attendees.first { $0.address.lowercased() == address.lowercased() } ?? (attendees.count == 1 ? attendees[0] : nil)
            switch method?.uppercased() {
            case "COUNTER":
                guard let start, let end else { return (mine?.address, nil) }
                return (mine?.address, .counter(start: start, end: end, comment: comment))
            case "REPLY":
                guard let mine else { return (nil, nil) }
                switch mine.partstat?.uppercased() {
                case "ACCEPTED": return (mine.address, .accepted)
                case "DECLINED": return (mine.address, .declined(comment: comment))
                case let other: return (mine.address, .other(other ?? "a reply without PARTSTAT"))
                }
            default:
                return (mine?.address, nil)
            }
        }
    }

    /// The answer in `text`, or why it cannot be read (not iCalendar, no event, a time that does not exist…).
    public static func read(_ text: String) throws(CalendarImportError) -> Part {
        let calendar = try ICalParser.parse(Data(text.utf8))
        guard let event = calendar.children(ICAL_VEVENT_COMPONENT).first else {
            throw CalendarImportError("the calendar part holds no event (VEVENT)", fix: "Answer the invitation from the calendar again")
        }
        let method = properties(calendar.pointer, ICAL_METHOD_PROPERTY).first.flatMap { icalproperty_get_value_as_string($0) }.map { String(cString: $0) }
        let attendees = properties(event, ICAL_ATTENDEE_PROPERTY).compactMap { p -> Attendee? in
            guard let raw = icalproperty_get_attendee(p) else { return nil }
            var address = String(cString: raw).trimmingCharacters(in: .whitespaces)
            if address.lowercased().hasPrefix("mailto:") { address.removeFirst("mailto:".count) }
            let partstat = icalproperty_get_first_parameter(p, ICAL_PARTSTAT_PARAMETER).flatMap { parameter -> String? in
                let value = icalparameter_get_partstat(parameter)
                if value == ICAL_PARTSTAT_X { return icalparameter_get_xvalue(parameter).map { String(cString: $0) } }
                return icalparameter_enum_to_string(Int32(value.rawValue)).map { String(cString: $0) }
            }
            return Attendee(address: address, partstat: partstat)
        }
        let zones = ZoneResolver(calendar: calendar.pointer)
        var start: Date?, end: Date?
        if let p = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY) {
            start = Date(timeIntervalSince1970: try zones.seconds(icalcomponent_get_dtstart(event), property: p))
            if let e = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY) {
                end = Date(timeIntervalSince1970: try zones.seconds(icalcomponent_get_dtend(event), property: e))
            } else if let d = icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY), let start {
                end = start.addingTimeInterval(seconds(icalproperty_get_duration(d)))
            }
        }
        let hasSequence = icalcomponent_get_first_property(event, ICAL_SEQUENCE_PROPERTY) != nil
        return Part(method: method, uid: icalcomponent_get_uid(event).map { String(cString: $0) },
                    sequence: hasSequence ? Int(icalcomponent_get_sequence(event)) : nil, attendees: attendees, start: start, end: end,
                    comment: icalcomponent_get_comment(event).map { String(cString: $0) })
    }
}
