/// What one person, and one group, may put in the approver's queue: a council's limits on requests and changes, so a
/// runaway script or a shared password cannot bury the queue (`requestsPerPersonPerDay`, `pendingRequestsPerGroup`).
public enum Quota {
    /// What is already there, as the store counts it.
    public struct Usage: Sendable, Equatable {
        /// Requests and changes this person submitted today (London time).
        public var madeToday: Int
        /// Requests and changes of this group waiting for the approver.
        public var pendingForGroup: Int

        public init(madeToday: Int, pendingForGroup: Int) { self.madeToday = madeToday; self.pendingForGroup = pendingForGroup }
    }

    /// Refuses one more request or change when it would pass either limit.
    public static func check(_ usage: Usage, person: String, group: String, in c: Council) throws(Refusal) {
        let p = c.profile
        if usage.madeToday >= p.requestsPerPersonPerDay {
            throw Refusal(.quota, "\(c.name(person)) has made \(usage.madeToday) requests and changes today, the council's limit (setting requestsPerPersonPerDay = \(p.requestsPerPersonPerDay)); nothing was written",
                          remedy: .advice("Ask again tomorrow. If the council really needs more in a day, democratic services can raise requestsPerPersonPerDay in the roster's council settings."))
        }
        if usage.pendingForGroup >= p.pendingRequestsPerGroup {
            throw Refusal(.quota, "\(c.roster.group(group)?.name ?? group) already has \(usage.pendingForGroup) requests and changes waiting for the \(p.approverTitle), the council's limit (setting pendingRequestsPerGroup = \(p.pendingRequestsPerGroup)); nothing was written",
                          remedy: .advice("Wait for the \(p.approverTitle)'s decisions, or withdraw requests the group no longer needs. If the council really needs more waiting at once, democratic services can raise pendingRequestsPerGroup in the roster's council settings."))
        }
    }
}
