import Foundation

/// Where a group's offer of a briefing stands (`equal-offer`, RULES.md "Offers").
public enum OfferStatus: String, Sendable, Hashable, Codable {
    /// The requesting group's own line: it asked, so nothing was offered.
    case requested
    case open
    /// Taken up or joined, waiting for the approver.
    case pending
    case accepted, declined, lapsed
}

/// A briefing offered to one group, as a step reads it.
public struct Offer: Sendable, Hashable {
    /// `OF-0007`.
    public var ref: String
    /// `BR-0002`.
    public var briefing: String
    public var group: String
    /// As stored: an open offer past its answer-by date reads `open` here until recorded as lapsed (see `status(on:)`).
    public var status: OfferStatus
    /// The last day to answer it; nil for the requesting group's own line.
    public var answerBy: LocalDate?

    public init(ref: String, briefing: String, group: String, status: OfferStatus, answerBy: LocalDate?) {
        self.ref = ref; self.briefing = briefing; self.group = group; self.status = status; self.answerBy = answerBy
    }

    /// Its status as of `day`: an open offer past its answer-by date has lapsed on its own, recorded or not.
    public func status(on day: LocalDate) -> OfferStatus {
        if status == .open, let last = answerBy, day > last { return .lapsed }
        return status
    }
}
