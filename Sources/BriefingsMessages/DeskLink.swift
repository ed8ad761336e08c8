import BriefingsDomain

/// The desk's pages a message links to, in one place: where a reader acts on, or reads about, each thing. Paths only;
/// the council's public address goes in front when the email is sent. A thing without a page of its own yet is linked
/// to the list that shows it, at its entry (`#h-OF-0007`, the entry's heading).
public enum DeskLink {
    /// The approver's queue at a request: where it is acknowledged, agreed or declined.
    public static func queue(_ request: String) -> String { "/desk/queue#h-\(request)" }
    /// The queue itself.
    public static let queue = "/desk/queue"
    /// A request's own page: where it stands, its verdicts, and where a named officer flags it.
    public static func request(_ request: String) -> String { "/desk/requests/\(request)" }
    /// The requests a person may see (a written report is listed by its request).
    public static let requests = "/desk/requests"
    /// The form to ask for a briefing.
    public static let newRequest = "/desk/requests/new"
    /// A group's offers at one: where it is taken up, joined or declined.
    public static func offer(_ offer: String) -> String { "/desk/offers#h-\(offer)" }
    /// A session's own page: where an officer confirms, declines, nominates or proposes a time, the host group or the
    /// approver moves or cancels it, a joined group withdraws, the host group takes or refuses a proposed time, and
    /// everyone reads its officers, times and proposed times.
    public static func session(_ session: String) -> String { "/desk/sessions/\(session)" }
    /// The sessions a person may see (an officer's invitations among them).
    public static let sessions = "/desk/sessions"
    /// A briefing's own page: its matter, offers and sessions, its material or written report (for those entitled to read
    /// it), and where its officers attach it and the approver closes it.
    public static func briefing(_ briefing: String) -> String { "/desk/briefings/\(briefing)" }
    /// The briefings a person may see.
    public static let briefings = "/desk/briefings"
}
