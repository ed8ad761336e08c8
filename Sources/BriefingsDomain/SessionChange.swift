import Foundation

/// What changed about a session, for the people in it (`DeskEvent.sessionChanged`): its officers and each group's own
/// attendees get the session's calendar event again; an officer or group leaving it gets a cancellation of their own.
public enum SessionChange: Sendable, Hashable {
    /// A group took up an offer with a session every rule passes, booked under the briefing's approval.
    case takenUp(group: String, briefing: String, agreement: String)
    /// A group joined a joint session under the briefing's approval; `groups`: every group it now serves.
    case joined(group: String, agreement: String, groups: [String])
    /// The approver agreed it and every officer has confirmed.
    case confirmed
    /// The host group (or the approver) moved it; `confirmAgain`: the officers' part has a new time, which every officer
    /// confirms again (their earlier confirmations were for the old time).
    case rescheduled(from: Date, to: Date, reason: String, confirmAgain: Bool)
    /// Cancelled by the host group or the approver.
    case cancelled(by: String, reason: String)
    /// A joined group withdrew: its attendees (`left`) get a cancellation, the rest the session as it stands.
    case withdrawn(group: String, offer: String, reason: String, left: [String], remaining: [String])
    /// An invited officer declined (a first invitation on the matter); `tell`: the groups' leaders and the approver.
    /// `matter` and `start` (the officers' part) name the session for those told.
    case officerDeclined(officer: String, matter: String, start: Date, reason: String, tell: [String])
    /// A senior officer sent a representative in their place; `start`: when the group's meeting starts; `waitingFor`: the
    /// queued change when a rule referred the representative (their hours), who is invited once the approver agrees it.
    case represented(officer: String, representative: String, matter: String, start: Date, reason: String, waitingFor: String?,
                     tell: [String])
    /// The senior officer a group named confirmed or refused the group's nominee; `message`: the verdict's words.
    case nomination(senior: String, nominee: String, matter: String, start: Date, confirmed: Bool, message: String, tell: [String])
}
