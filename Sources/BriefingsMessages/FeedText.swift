import BriefingsDomain

/// What a calendar feed's events say beyond their title and time.
public enum FeedText {
    /// An open offer in the group's feed: whose briefing it is, how to answer it and by when.
    public static func openOffer(_ ref: String, officers: [String], due: LocalDate, jointSessions: [String]) -> String {
        "\(ref): the briefing by \(officers.joined(separator: ", ")) offered to every group. Answer with `briefings offer accept \(ref)` or `briefings offer decline \(ref)` by \(due)."
            + (jointSessions.isEmpty ? "" : " You may join joint session \(jointSessions.joined(separator: ", ")) at this time.")
    }
}
