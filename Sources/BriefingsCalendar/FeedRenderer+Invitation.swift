import BriefingsCLibical
import BriefingsDomain
import Foundation

extension FeedRenderer {
    /// The calendar part of an invitation email (iMIP, RFC 6047): an iTIP message (RFC 5546) whose METHOD is the
    /// invitation's (REQUEST, or CANCEL), the compact `Europe/London` VTIMEZONE, and the session's event rendered by the
    /// very `vevent` the feeds use (same UID, SEQUENCE, DTSTAMP, times, status), with the message's reply address (else its
    /// From) as ORGANIZER and each of its To as an ATTENDEE, asked for a reply (`RSVP=TRUE`) when there is a reply address. Nil for a message that is not an invitation. CRLF, folded at 75 octets.
    public static func invitation(_ message: OutgoingMessage) -> [UInt8]? {
        guard let invitation = message.invitation else { return nil }
        _ = LibICal.london
        let calendar = ICalComponent(ICAL_VCALENDAR_COMPONENT)
        calendar.add(icalproperty_new_prodid(productID))
        calendar.add(icalproperty_new_version("2.0"))
        calendar.add(icalproperty_new_calscale("GREGORIAN"))
        calendar.add(icalproperty_new_method(invitation.method == .cancel ? ICAL_METHOD_CANCEL : ICAL_METHOD_REQUEST))
        calendar.add(LibICal.vtimezone())
        let event = vevent(invitation.event)
        let organiser = message.replyTo ?? message.from
        let organizer = icalproperty_new_organizer("mailto:" + cleanURI(organiser.email))
        icalproperty_add_parameter(organizer, icalparameter_new_cn(parameterText(organiser.name)))
        event.add(organizer)
        for person in message.to {
            let attendee = icalproperty_new_attendee("mailto:" + cleanURI(person.email))
            icalproperty_add_parameter(attendee, icalparameter_new_cn(parameterText(person.name)))
            icalproperty_add_parameter(attendee, icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL))
            icalproperty_add_parameter(attendee, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT))
            icalproperty_add_parameter(attendee, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION))
            // An officer's invitation carries its own reply address (a token): their calendar's Accept, Decline or Propose
            // New Time comes back to `briefings mail receive`. Others answer on the desk.
            icalproperty_add_parameter(attendee, icalparameter_new_rsvp(message.replyTo == nil || invitation.method == .cancel ? ICAL_RSVP_FALSE : ICAL_RSVP_TRUE))
            event.add(attendee)
        }
        calendar.add(event)
        return calendar.withSerialized { libical in
            var out: [UInt8] = []
            out.reserveCapacity(libical.count + libical.count / 50 + 8)
            fold(libical, into: &out)
            return out
        }
    }

    /// A name as a parameter value (`CN=`): one line, no double quote (a parameter value cannot hold one; libical
    /// quotes values holding `,`, `;` or `:`).
    static func parameterText(_ text: String) -> String {
        String(String.UnicodeScalarView(clean(text).unicodeScalars.map { $0 == "\"" ? "'" : $0 == "\n" ? " " : $0 }))
    }
}
