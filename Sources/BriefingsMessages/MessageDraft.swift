/// A message as a channel words it for its readers, before the store records it (and queues its email).
public enum MessageDraft: Sendable, Hashable {
    /// A notification: its subject, its body, and every recipient by roster id (all named, `no-silent-copies`).
    case note(subject: String, body: String, to: [String])
    /// A session's calendar invitation, one message to its officers and one to each group's own attendees, made by the
    /// store from the session as stored; here what it says happened and what each reader may do. `officers` nil: the
    /// officers get none; `groups` nil: every group's attendees, else only those groups'; `only`: these officers alone
    /// (nil: every officer who holds an invitation, `Session.invitees`).
    case invitation(session: String, headline: String, news: String, officers: String?, attendees: String, groups: [String]? = nil,
                    only: [String]? = nil)
    /// The session's event cancelled for some of its people only (an officer who declined or sent a representative, a
    /// group that withdrew): `officerView` gives them the officers' part, else the whole meeting.
    case cancellation(session: String, officerView: Bool, headline: String, news: String, may: String, to: [String])
}
