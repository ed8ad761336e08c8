import BriefingsDomain
import Foundation

/// What a calendar feed's events say beyond their title and time.
public enum FeedText {
    /// An open offer in the group's feed, as an all-day note on the day it must be answered by.
    public static func openOfferTitle(_ title: String) -> String { "Offer to answer by today: \(title)" }

    /// Whose briefing it is, how to answer it and by when; a joint session it may join, with its time.
    public static func openOffer(_ ref: String, officers: [String], due: LocalDate, jointSessions: [(ref: String, start: Date)]) -> String {
        "\(ref): the briefing by \(Wording.list(officers)) offered to every group. Answer it on the briefings desk, under Offers, by \(Wording.longDay(due)); "
            + "an offer not answered by then lapses."
            + jointSessions.map { " You may join the joint session \($0.ref) at \(LondonTime.formatLong($0.start))." }.joined()
    }
}
