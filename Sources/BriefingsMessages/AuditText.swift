/// The audit trail's steps in words the Monitoring Officer reads (issue 23 item 9): the desk's audit page and its CSV
/// show these, never the stored codes (`request.approve`), which stay in the trail itself and its hash.
public enum AuditText {
    /// Every step the desk records, in the order the filter lists them.
    public static let steps: [(action: String, words: String)] = [
        ("request.submit", "Request made"),
        ("request.acknowledge", "Request acknowledged"),
        ("request.past-due", "Requester told the date to hear by has passed"),
        ("request.flag", "Request flagged by an officer"),
        ("request.approve", "Request or change agreed"),
        ("request.decline", "Request or change declined"),
        ("offer.accept", "Offer taken up"),
        ("offer.join", "Joint session joined"),
        ("offer.decline", "Offer declined"),
        ("offer.lapse", "Offer recorded as lapsed"),
        ("offer.propose", "Take-up waiting for agreement"),
        ("session.reschedule", "Session moved"),
        ("session.propose-move", "Move waiting for agreement"),
        ("session.cancel", "Session cancelled"),
        ("session.withdraw", "Group withdrew from a joint session"),
        ("officer.confirm", "Officer confirmed"),
        ("officer.decline", "Officer declined"),
        ("officer.nominate", "Officer sent a representative"),
        ("officer.propose", "Officer proposed another time"),
        ("officer.endorse", "Senior officer confirmed a nominee"),
        ("officer.refuse-nominee", "Senior officer refused a nominee"),
        ("proposal.take", "Proposed time taken"),
        ("proposal.refuse", "Proposed time refused"),
        ("briefing.material", "Material attached"),
        ("briefing.release", "Budget briefing released"),
        ("briefing.close", "Briefing closed"),
        ("note.add", "Group's record written"),
        ("note.verify", "Record verified by an officer"),
        ("note.finalise", "Record made final"),
        ("approver.away", "Approver's absence recorded"),
        ("roster.import", "Roster imported"),
        ("holidays.import", "Bank holidays imported"),
        ("busy.import", "Busy times imported"),
        ("busy.address.set", "Calendar address set"),
        ("busy.address.remove", "Calendar address removed"),
        ("meetings.import", "Committee meetings imported"),
        ("person.signin-link", "Sign-in link issued"),
        ("person.password", "Password set"),
        ("person.password.remove", "Password removed"),
        ("person.signout", "Signed out everywhere"),
        ("token.issue", "API token issued"),
        ("token.revoke", "API token revoked"),
        ("feed.issue", "Calendar feed address issued"),
        ("feed.revoke", "Calendar feed address revoked"),
        ("signin", "Signed in"),
        ("signin.failed", "Sign-in failed"),
        ("init", "Database created"),
    ]

    static let words = Dictionary(steps.map { ($0.action, $0.words) }, uniquingKeysWith: { a, _ in a })

    /// A step in words; a code the desk does not know yet is shown as it is stored.
    public static func step(_ action: String) -> String { words[action] ?? action }
}
