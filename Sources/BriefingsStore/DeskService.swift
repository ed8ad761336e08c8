import BriefingsDomain

/// Every user-facing step and read of the briefing desk. `BriefingDesk` is the one implementation
/// that judges rules and writes; the command line's client for a remote service is the other, and
/// there `actor` is ignored: the server knows who is acting from the bearer token.
public protocol DeskService: Sendable {
    func rules() throws -> BriefingDesk.RulesView
    func submitRequest(_ form: RequestForm, as actor: String) throws -> BriefingDesk.Receipt
    func request(_ ref: String, as actor: String) throws -> BriefingDesk.RequestView
    func requests(as actor: String) throws -> [BriefingDesk.RequestLine]
    func acknowledge(_ ref: String, as actor: String, message: String) throws
    func flagRequest(_ ref: String, as actor: String, reason: String) throws
    func queue(as actor: String) throws -> [BriefingDesk.QueueItem]
    func approve(_ ref: String, as actor: String, overrides: [RuleID: String], explainDelay: String?) throws -> BriefingDesk.Approval
    func decline(_ ref: String, as actor: String, reason: String, explainDelay: String?) throws
    func offers(as actor: String) throws -> [BriefingDesk.OfferView]
    func suggestSlots(offer ref: String, as actor: String) throws -> BriefingDesk.OfferSlots
    func acceptOffer(_ ref: String, as actor: String, onBehalfOf: String?, join: String?, session: SessionForm?,
                     attendees: [String], guests: [String]) throws -> BriefingDesk.Receipt
    func declineOffer(_ ref: String, as actor: String, onBehalfOf: String?, reason: String) throws
    func lapseOffer(_ ref: String, as actor: String, reason: String) throws
    func briefings(as actor: String) throws -> [BriefingDesk.BriefingLine]
    func briefing(_ ref: String, as actor: String) throws -> BriefingDesk.BriefingView
    func attachMaterial(_ ref: String, as actor: String, text: String) throws -> Verdict
    func closeBriefing(_ ref: String, as actor: String) throws
    func releaseBriefing(_ ref: String, as actor: String) throws
    func respond(_ ref: String, as actor: String, _ answer: BriefingDesk.OfficerAnswer) throws -> [Verdict]
    func sessions(as actor: String) throws -> [BriefingDesk.SessionView]
    func session(_ ref: String, as actor: String) throws -> BriefingDesk.SessionView
    func reschedule(_ ref: String, as actor: String, to form: SessionForm, reason: String, overrides: [RuleID: String]) throws -> BriefingDesk.Receipt
    func cancel(_ ref: String, as actor: String, reason: String) throws
    func withdraw(_ ref: String, as actor: String, onBehalfOf: String?, reason: String) throws
    func proposeTime(_ ref: String, as actor: String, to form: SessionForm, reason: String) throws -> BriefingDesk.TimeProposalView
    func answerProposal(_ ref: String, as actor: String, take: Bool, reason: String?) throws -> BriefingDesk.ProposalAnswer
    func recordAbsence(from: LocalDate, until: LocalDate, as actor: String) throws
    func absences(as actor: String) throws -> [BriefingDesk.AbsenceView]
    func audit(as actor: String?) throws -> [AuditTrail.Entry]
    func verifyAudit(as actor: String?) throws -> AuditTrail.Report
    func parity(as actor: String?) throws -> [BriefingDesk.ParityRow]
    func notifications(for actor: String) throws -> [BriefingDesk.NotificationView]
    func addNote(_ session: String, as actor: String, text: String) throws -> BriefingDesk.NoteView
    func verifyNote(_ ref: String, as actor: String, correction: String?) throws -> BriefingDesk.NoteView
    func finaliseNote(_ ref: String, as actor: String, unverifiedReason: String?) throws -> BriefingDesk.NoteView
    func notes(as actor: String) throws -> [BriefingDesk.NoteView]
    /// A new secret for a feed the person may see (replacing their earlier one for it).
    func issueFeedSecret(_ subject: BriefingDesk.FeedSubject, for person: String) throws -> String
    /// Withdraws the person's feed secrets: one feed's, or all of theirs.
    func revokeFeedSecrets(for person: String, subject: BriefingDesk.FeedSubject?) throws -> Int
}

extension BriefingDesk: DeskService {
    public func verifyAudit(as actor: String?) throws -> AuditTrail.Report {
        if let actor { try database.read { db in try requireOversight(actor, council(db), what: "verify the audit trail") } }
        return try verifyAudit()
    }
}

extension BriefingDesk.OfficerAnswer: Codable {
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
