import Foundation

/// What a person fills in to ask for a session, as text: the same form for the command line and the
/// JSON API, turned into a `SessionProposal` in one place. Times are Europe/London local times.
public struct SessionForm: Codable, Sendable, Hashable {
    /// When the group meeting starts: `2026-12-07T18:00`.
    public var start: String
    /// How long the meeting lasts: `2h`, `90m`.
    public var duration: String?
    /// When the officers' part starts (a local time, or `HH:MM` that day); defaults to the start.
    public var segmentStart: String?
    /// How long the officers' part lasts.
    public var segment: String?
    /// Exactly one of room, virtual or premises (not needed when rescheduling in place).
    public var room: String?
    public var virtual: String?
    public var premises: String?
    /// Required with `premises`: whether they are a political party's (never allowed) or other non-council premises.
    public var partyPremises: Bool?
    public var attendees: [String]?
    public var guests: [String]?

    public init(start: String, duration: String? = nil, segmentStart: String? = nil, segment: String? = nil, room: String? = nil,
                virtual: String? = nil, premises: String? = nil, partyPremises: Bool? = nil, attendees: [String]? = nil, guests: [String]? = nil) {
        self.start = start; self.duration = duration; self.segmentStart = segmentStart; self.segment = segment; self.room = room
        self.virtual = virtual; self.premises = premises; self.partyPremises = partyPremises; self.attendees = attendees; self.guests = guests
    }
}

/// A request for a briefing, as text.
public struct RequestForm: Codable, Sendable, Hashable {
    /// The requesting group; nil: the requester's own (a councillor without a group requests for themself).
    public var group: String?
    public var onBehalfOf: String?
    public var matter: String
    public var details: String?
    public var area: String
    public var meeting: String?
    /// The linked meeting's date, YYYY-MM-DD.
    public var meetingDate: String?
    /// A committee meeting from the council's calendar (`CM-0007`), instead of `meeting` and `meetingDate`: its name and
    /// date are taken from the calendar, and the date follows the meeting when it moves.
    public var meetingId: String?
    public var decisionDate: String?
    public var embargoUntil: String?
    /// A budget briefing (`003 §7.13`): other groups get confidential discussions of their own, not this one.
    public var budget: Bool?
    public var officers: [String]
    /// Non-senior officers with the senior officer nominating each: `OFFICER=SENIOR`.
    public var nominees: [String]?
    public var joint: Bool?
    /// The meeting the officers attend; absent for a written report.
    public var session: SessionForm?
    /// A written report instead of officers attending (`001 §4.10`): no session, no venue.
    public var writtenReport: Bool?
    /// The day a written report is wanted by, YYYY-MM-DD.
    public var reportDue: String?

    public init(group: String?, onBehalfOf: String? = nil, matter: String, details: String? = nil, area: String, meeting: String? = nil,
                decisionDate: String? = nil, embargoUntil: String? = nil, officers: [String], nominees: [String]? = nil, joint: Bool? = nil,
                budget: Bool? = nil, meetingDate: String? = nil, session: SessionForm?, writtenReport: Bool? = nil, reportDue: String? = nil,
                meetingId: String? = nil) {
        self.writtenReport = writtenReport; self.reportDue = reportDue
        self.meetingId = meetingId
        self.meetingDate = meetingDate
        self.budget = budget
        self.group = group; self.onBehalfOf = onBehalfOf; self.matter = matter; self.details = details; self.area = area
        self.meeting = meeting; self.decisionDate = decisionDate; self.embargoUntil = embargoUntil; self.officers = officers
        self.nominees = nominees; self.joint = joint; self.session = session
    }
}
