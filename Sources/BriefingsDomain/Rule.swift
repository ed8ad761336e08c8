/// The rules the scheduler enforces, one per row of RULES.md.
public enum RuleID: String, CaseIterable, Sendable, Codable, Hashable {
    case requester
    case approval
    case seniorOfficer = "senior-officer"
    case equalOffer = "equal-offer"
    case officerConsistency = "officer-consistency"
    case membersOnly = "members-only"
    case venue
    case councilBusiness = "council-business"
    case noIndividualMatter = "no-individual-matter"
    case professionalRemit = "professional-remit"
    case briefingBeforePolitics = "briefing-before-politics"
    case workingHours = "working-hours"
    case noDoubleBooking = "no-double-booking"
    case officerMayDecline = "officer-may-decline"
    case responseTime = "response-time"
    case confidentiality
    case adviceLimits = "advice-limits"
    case recordVerification = "record-verification"
    case noSilentCopies = "no-silent-copies"
}

/// How a failed rule is treated under a council's policy profile.
public enum Severity: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    /// Procedural rule: recorded and shown, never refuses anything by itself.
    case info
    /// Shown to the approver beside the request; no override needed.
    case warn
    /// Waits for the approver, who must record a reason to override it.
    case refer
    /// The action is refused.
    case block

    private var rank: Int {
        switch self {
        case .info: 0
        case .warn: 1
        case .refer: 2
        case .block: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One row of the rule catalogue: what the rule says and where the protocols say it.
public struct RuleDefinition: Sendable, Hashable {
    public var id: RuleID
    public var summary: String
    public var clauses: [String]
    public var defaultSeverity: Severity

    public init(id: RuleID, summary: String, clauses: [String], defaultSeverity: Severity) {
        self.id = id
        self.summary = summary
        self.clauses = clauses
        self.defaultSeverity = defaultSeverity
    }
}
