/// Every user-facing step and read of the briefing desk. `BriefingDesk` (the store) is the one implementation
/// that judges rules and writes; the command line's client for a remote service (`BriefingsRemote.RemoteDesk`) is the
/// other, and there `actor` is ignored: the server knows who is acting from the bearer token. Refusals are `DeskError`s.
public protocol DeskService: Sendable {
    func rules() async throws -> Desk.RulesView
    func submitRequest(_ form: RequestForm, as actor: String) async throws -> Desk.Receipt
    func request(_ ref: String, as actor: String) async throws -> Desk.RequestView
    func requests(as actor: String, page: Desk.PageRequest) async throws -> Desk.Page<Desk.RequestLine>
    func acknowledge(_ ref: String, as actor: String, message: String, replyBy: LocalDate?, reason: String?) async throws
    func flagRequest(_ ref: String, as actor: String, reason: String) async throws
    func queue(as actor: String, page: Desk.PageRequest) async throws -> Desk.Page<Desk.QueueItem>
    func approve(_ ref: String, as actor: String, overrides: [RuleID: String], explainDelay: String?, judged: Set<RuleID>) async throws -> Desk.Approval
    func decline(_ ref: String, as actor: String, reason: String, explainDelay: String?) async throws
    func offers(as actor: String, page: Desk.PageRequest) async throws -> Desk.Page<Desk.OfferView>
    func suggestSlots(offer ref: String, as actor: String) async throws -> Desk.OfferSlots
    func acceptOffer(_ ref: String, as actor: String, onBehalfOf: String?, join: String?, session: SessionForm?,
                     attendees: [String], guests: [String]) async throws -> Desk.Receipt
    func declineOffer(_ ref: String, as actor: String, onBehalfOf: String?, reason: String) async throws
    func lapseOffer(_ ref: String, as actor: String, reason: String) async throws
    func briefings(as actor: String) async throws -> [Desk.BriefingLine]
    func briefing(_ ref: String, as actor: String) async throws -> Desk.BriefingView
    /// `group`: a budget briefing's group whose own discussion the material is for (`003 §7.13`); nil for any other.
    /// The receipt: the briefing (`attached`), or the approver's queue item (`RQ-…`, `held`) where a rule warns about it.
    /// `file`: a text, Markdown, PDF or Word file (`MaterialFile.read`): a text file is the material's text; a PDF or
    /// Word file is kept whole beside `text` (which may then be empty).
    func attachMaterial(_ ref: String, as actor: String, text: String, group: String?, file: Desk.Upload?) async throws -> Desk.Receipt
    func closeBriefing(_ ref: String, as actor: String) async throws
    func releaseBriefing(_ ref: String, as actor: String) async throws
    func respond(_ ref: String, as actor: String, _ answer: Desk.OfficerAnswer) async throws -> [Verdict]
    func sessions(as actor: String, page: Desk.PageRequest) async throws -> Desk.Page<Desk.SessionView>
    func session(_ ref: String, as actor: String) async throws -> Desk.SessionView
    func reschedule(_ ref: String, as actor: String, to form: SessionForm, reason: String, overrides: [RuleID: String]) async throws -> Desk.Receipt
    func cancel(_ ref: String, as actor: String, reason: String) async throws
    func withdraw(_ ref: String, as actor: String, onBehalfOf: String?, reason: String) async throws
    func proposeTime(_ ref: String, as actor: String, to form: SessionForm, reason: String) async throws -> Desk.TimeProposalView
    func answerProposal(_ ref: String, as actor: String, take: Bool, reason: String?) async throws -> Desk.ProposalAnswer
    func recordAbsence(from: LocalDate, until: LocalDate, as actor: String) async throws
    func absences(as actor: String) async throws -> [Desk.AbsenceView]
    func audit(as actor: String?, page: Desk.PageRequest) async throws -> Desk.Page<Desk.AuditEntry>
    func verifyAudit(as actor: String?) async throws -> Desk.AuditReport
    func parity(as actor: String?) async throws -> [Desk.ParityRow]
    func notifications(for actor: String, page: Desk.PageRequest) async throws -> Desk.Page<Desk.NotificationView>
    func addNote(_ session: String, as actor: String, text: String) async throws -> Desk.NoteView
    func verifyNote(_ ref: String, as actor: String, correction: String?) async throws -> Desk.NoteView
    func finaliseNote(_ ref: String, as actor: String, unverifiedReason: String?) async throws -> Desk.NoteView
    func notes(as actor: String) async throws -> [Desk.NoteView]
    /// A new secret for a feed the person may see (replacing their earlier one for it).
    func issueFeedSecret(_ subject: Desk.FeedSubject, for person: String) async throws -> String
    /// Withdraws the person's feed secrets: one feed's, or all of theirs.
    func revokeFeedSecrets(for person: String, subject: Desk.FeedSubject?) async throws -> Int
}

/// The lists whole, read page by page (`Desk.everything`): what the command line prints.
extension DeskService {
    public func attachMaterial(_ ref: String, as actor: String, text: String, group: String?) async throws -> Desk.Receipt {
        try await attachMaterial(ref, as: actor, text: text, group: group, file: nil)
    }
    public func requests(as actor: String) async throws -> [Desk.RequestLine] { try await Desk.everything("requests") { try await requests(as: actor, page: $0) } }
    public func queue(as actor: String) async throws -> [Desk.QueueItem] { try await Desk.everything("queue") { try await queue(as: actor, page: $0) } }
    public func offers(as actor: String) async throws -> [Desk.OfferView] { try await Desk.everything("offers") { try await offers(as: actor, page: $0) } }
    public func sessions(as actor: String) async throws -> [Desk.SessionView] { try await Desk.everything("sessions") { try await sessions(as: actor, page: $0) } }
    public func audit(as actor: String?) async throws -> [Desk.AuditEntry] { try await Desk.everything("audit") { try await audit(as: actor, page: $0) } }
    public func notifications(for actor: String) async throws -> [Desk.NotificationView] {
        try await Desk.everything("notifications") { try await notifications(for: actor, page: $0) }
    }
}

extension Desk.OfficerAnswer: Codable {
    enum CodingKeys: String, CodingKey { case answer, reason, representative, nominee }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .answer) {
        case "confirm": self = .confirm
        case "decline": self = .decline(reason: try c.decode(String.self, forKey: .reason))
        case "nominate": self = .nominate(representative: try c.decode(String.self, forKey: .representative), reason: try c.decode(String.self, forKey: .reason))
        case "endorse": self = .endorse(nominee: try c.decode(String.self, forKey: .nominee))
        case "refuse-nominee": self = .refuseNominee(nominee: try c.decode(String.self, forKey: .nominee), reason: try c.decode(String.self, forKey: .reason))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .answer, in: c, debugDescription: "answer '\(other)' is not confirm, decline, nominate, endorse or refuse-nominee")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .confirm: try c.encode("confirm", forKey: .answer)
        case .decline(let reason): try c.encode("decline", forKey: .answer); try c.encode(reason, forKey: .reason)
        case .nominate(let rep, let reason):
            try c.encode("nominate", forKey: .answer); try c.encode(rep, forKey: .representative); try c.encode(reason, forKey: .reason)
        case .endorse(let nominee): try c.encode("endorse", forKey: .answer); try c.encode(nominee, forKey: .nominee)
        case .refuseNominee(let nominee, let reason):
            try c.encode("refuse-nominee", forKey: .answer); try c.encode(nominee, forKey: .nominee); try c.encode(reason, forKey: .reason)
        }
    }
}
