import Foundation

/// One of the council's forthcoming committee meetings, as imported from ModernGov's web service or an iCalendar feed
/// (issue 26, item 2). A request may link to it (`Matter.meetingID`): its date is then the meeting's, and follows it
/// when a later import moves it; a cancelled meeting leaves its requests with no meeting to inform.
public struct CommitteeMeeting: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case scheduled, cancelled
    }

    /// `CM-0007`: what a request names.
    public var ref: String
    /// Where it came from and its id there: `moderngov:17355`, `ics:<UID>`; a re-import matches on it.
    public var sourceKey: String
    /// The committee (or the event's title, from a calendar).
    public var committee: String
    public var date: LocalDate
    /// The start time as the source gives it (`19:00`), if any.
    public var time: String?
    public var location: String?
    public var status: Status
    /// The date before the latest move, when an import moved it.
    public var previousDate: LocalDate?

    public init(ref: String, sourceKey: String, committee: String, date: LocalDate, time: String? = nil, location: String? = nil,
                status: Status = .scheduled, previousDate: LocalDate? = nil) {
        self.ref = ref; self.sourceKey = sourceKey; self.committee = committee; self.date = date; self.time = time
        self.location = location; self.status = status; self.previousDate = previousDate
    }

    /// What a request's linked meeting says: "Planning Committee, 2026-12-15".
    public var label: String { "\(committee), \(date)" }
}

/// A meeting as a source publishes it, before it is stored (no ref yet).
public struct PublishedMeeting: Sendable, Hashable {
    public var sourceKey: String
    public var committee: String
    public var date: LocalDate
    public var time: String?
    public var location: String?
    public var cancelled: Bool

    public init(sourceKey: String, committee: String, date: LocalDate, time: String? = nil, location: String? = nil, cancelled: Bool = false) {
        self.sourceKey = sourceKey; self.committee = committee; self.date = date; self.time = time; self.location = location
        self.cancelled = cancelled
    }
}
