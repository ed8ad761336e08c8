import Foundation

/// What a calendar feed shows of one session or pending item, in domain terms.
/// `BriefingsCalendar` turns a `Feed` into iCalendar bytes; nothing here knows about iCalendar.
public struct FeedEvent: Hashable, Sendable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case confirmed, tentative, cancelled
    }

    /// Stable across reschedules: subscribers match updates by it.
    public var uid: String
    public var title: String
    public var description: String
    /// Room name or virtual meeting link.
    public var location: String?
    public var start: Date
    public var end: Date
    /// An all-day note on this date (an open offer's answer-by day), shown as free time; nil for a timed event, which
    /// `start` and `end` give. A note's `start` and `end` are the day's bounds.
    public var day: LocalDate?
    public var status: Status
    /// Goes up on every change and is never lowered.
    public var sequence: Int
    /// When this item last changed; also the `DTSTAMP`, so the same data renders the same bytes.
    public var lastModified: Date
    public var url: String?

    public init(uid: String, title: String, description: String, location: String?, start: Date, end: Date, day: LocalDate? = nil,
                status: Status, sequence: Int, lastModified: Date, url: String? = nil) {
        self.uid = uid
        self.title = title
        self.description = description
        self.location = location
        self.start = start
        self.end = end
        self.day = day
        self.status = status
        self.sequence = sequence
        self.lastModified = lastModified
        self.url = url
    }
}

/// A whole subscribable calendar: a name, a polling hint, and its events.
public struct Feed: Hashable, Sendable {
    public var name: String
    public var description: String
    /// How often subscribers should poll (`REFRESH-INTERVAL`, `X-PUBLISHED-TTL`).
    public var refreshMinutes: Int
    public var events: [FeedEvent]

    public init(name: String, description: String, refreshMinutes: Int = 60, events: [FeedEvent]) {
        self.name = name
        self.description = description
        self.refreshMinutes = refreshMinutes
        self.events = events
    }
}

/// A stretch of time an officer is already committed elsewhere, imported from their own calendar.
public struct BusyInterval: Hashable, Sendable, Codable {
    public var start: Date
    public var end: Date
    public var summary: String

    public init(start: Date, end: Date, summary: String) {
        self.start = start
        self.end = end
        self.summary = summary
    }
}

/// A public holiday that is not a working day (England and Wales).
public struct BankHoliday: Hashable, Sendable, Codable {
    public var date: LocalDate
    public var title: String

    public init(date: LocalDate, title: String) {
        self.date = date
        self.title = title
    }
}
