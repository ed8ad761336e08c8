import Foundation

/// Everything the rules look at when a group asks for officers at one of its meetings:
/// a new request, an offer accepted with a group's own session, or a reschedule.
public struct SessionProposal: Sendable, Hashable, Codable {
    /// Who is acting (a roster id).
    public var requester: String
    /// The member on whose behalf a political assistant asks (`001 §4.9`).
    public var onBehalfOf: String?
    /// The groups the session serves; the first is the requesting group.
    public var groups: [String]
    public var matter: Matter
    public var officers: [OfficerAttendance]
    /// The whole group meeting.
    public var meetingStart: Date
    public var meetingEnd: Date
    /// The officers' part of it, which must end before the political discussion.
    public var segmentStart: Date
    public var segmentEnd: Date
    public var venue: Venue
    public var attendees: [Attendee]
    /// The requester agrees the briefing may be delivered jointly to several groups.
    public var jointWish: Bool
    /// A written report instead of officers attending (`001 §4.10`): no meeting, no venue; the times are the day the
    /// report is due by (`Venue.writtenReport`), and only the rules about the request and its matter judge it. Nil: a session.
    public var writtenReport: Bool?

    public var isWrittenReport: Bool { writtenReport == true }

    /// Whether an officer is named in it, to attend or as the senior officer nominating one who attends.
    public func names(officer id: String) -> Bool {
        officers.contains { $0.officer == id || $0.nominatedBy == id }
    }

    public init(requester: String, onBehalfOf: String? = nil, groups: [String], matter: Matter,
                officers: [OfficerAttendance], meetingStart: Date, meetingEnd: Date,
                segmentStart: Date, segmentEnd: Date, venue: Venue, attendees: [Attendee], jointWish: Bool = false,
                writtenReport: Bool? = nil) {
        self.writtenReport = writtenReport
        self.requester = requester; self.onBehalfOf = onBehalfOf; self.groups = groups; self.matter = matter
        self.officers = officers; self.meetingStart = meetingStart; self.meetingEnd = meetingEnd
        self.segmentStart = segmentStart; self.segmentEnd = segmentEnd; self.venue = venue
        self.attendees = attendees; self.jointWish = jointWish
    }
}

/// The council business a briefing is about.
public struct Matter: Sendable, Hashable, Codable {
    public var title: String
    public var details: String
    /// The service area, matched against officers' remits (`000 §17.16.4`).
    public var area: String
    /// A named forthcoming meeting, e.g. "Cabinet 15 December 2026" (`004 §10.1`).
    public var linkedMeeting: String?
    /// The date of the linked meeting: a briefing after it cannot inform it (`council-business`).
    public var meetingDate: LocalDate?
    public var decisionDate: LocalDate?
    /// Until this date even the title is hidden from other groups (`003 §7.13`).
    public var embargoUntil: LocalDate?
    /// A budget briefing: each group's budget discussions are its own (`003 §7.13`); other groups are offered
    /// discussions of their own with the same officers, never this one's title or material. Nil means no.
    public var budget: Bool?
    /// The committee meeting from the council's calendar it is linked to (`CM-0007`, `CommitteeMeeting`): then
    /// `linkedMeeting` and `meetingDate` are that meeting's, and the date follows it when an import moves it.
    public var meetingID: String?
    /// The linked committee meeting was cancelled after the request was made: there is no meeting left to inform.
    public var meetingCancelled: Bool?

    public init(title: String, details: String = "", area: String, linkedMeeting: String? = nil,
                decisionDate: LocalDate? = nil, embargoUntil: LocalDate? = nil, budget: Bool? = nil, meetingDate: LocalDate? = nil,
                meetingID: String? = nil) {
        self.meetingDate = meetingDate
        self.meetingID = meetingID
        self.title = title; self.details = details; self.area = area
        self.linkedMeeting = linkedMeeting; self.decisionDate = decisionDate; self.embargoUntil = embargoUntil
        self.budget = budget
    }
}

/// One officer asked to attend, possibly as a senior officer's nominee (`003 §7.9`).
public struct OfficerAttendance: Sendable, Hashable, Codable {
    public var officer: String
    /// The senior officer who nominated this one, when they are not senior themselves.
    public var nominatedBy: String?
    public init(officer: String, nominatedBy: String? = nil) { self.officer = officer; self.nominatedBy = nominatedBy }
}

/// Where the group meets.
public enum Venue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A listed council room, by id.
    case room(String)
    /// A virtual meeting, by link.
    case virtual(String)
    /// Anywhere else; `party` when it is party premises (never allowed).
    case external(description: String, party: Bool)
    /// No meeting at all: a written report instead of officers attending (`001 §4.10`).
    case writtenReport

    public var description: String {
        switch self {
        case .room(let id): "room \(id)"
        case .virtual(let link): "virtual (\(link))"
        case .external(let d, let party): party ? "party premises: \(d)" : "non-council premises: \(d)"
        case .writtenReport: "a written report (no meeting)"
        }
    }

    public var roomID: String? {
        if case .room(let id) = self { return id }
        return nil
    }
}

/// Someone expected at the meeting: a roster person, or a named guest who is not on the roster.
public enum Attendee: Sendable, Hashable, Codable {
    case person(String)
    case guest(String)
}

/// An existing commitment of one officer or one room that a proposal must not clash with.
public struct Booking: Sendable, Hashable {
    public enum Resource: Sendable, Hashable {
        case officer(String)
        case room(String)
    }

    /// What holds the booking, for people: `SE-0003`, or `busy: Planning Committee`.
    public var reference: String
    public var resource: Resource
    public var start: Date
    public var end: Date

    public init(reference: String, resource: Resource, start: Date, end: Date) {
        self.reference = reference; self.resource = resource; self.start = start; self.end = end
    }
}
