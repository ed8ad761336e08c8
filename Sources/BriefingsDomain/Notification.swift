/// A message the desk sends about a workflow step. Every recipient is named on it (`no-silent-copies`).
public struct Notification: Sendable, Hashable, Codable {
    public var subject: String
    public var body: String
    /// Roster ids of everyone it goes to, all visible to each other.
    public var to: [String]
    /// Hidden recipients: always refused.
    public var blindCopies: [String]

    public init(subject: String, body: String, to: [String], blindCopies: [String] = []) {
        self.subject = subject; self.body = body; self.to = to; self.blindCopies = blindCopies
    }

    /// The `no-silent-copies` verdict (`002` "Correspondence", `003 §17.1`).
    public func verdict(_ profile: PolicyProfile) -> Verdict {
        var problems: [String] = []
        if !blindCopies.isEmpty { problems.append("\(blindCopies.count) recipient(s) would be copied silently") }
        if to.isEmpty { problems.append("the notification names no recipient") }
        return Verdict(rule: .noSilentCopies, passed: problems.isEmpty, severity: profile.severity(.noSilentCopies),
                       clauses: profile.clauses(.noSilentCopies),
                       message: problems.isEmpty ? "every recipient is named" : problems.joined(separator: "; "),
                       fix: problems.isEmpty ? "" : "Name every recipient in the To line.")
    }
}

/// Checks briefing material against `advice-limits` (`001 §4.11`, `001 §4.16`, `004 §10.3`).
public enum AdviceLimits {
    static let words = ["we recommend", "i recommend", "the group should", "recommendation to the group",
                        "political implications", "politically", "vote for", "vote against", "electoral", "our party"]

    /// `file`: a PDF or Word file attached with it, which the rule cannot read: it fails (the approver reads it before
    /// any group does, issue 23 item 8) unless the text already does.
    public static func verdict(material: String, file: MaterialFile? = nil, profile: PolicyProfile) -> Verdict {
        let hits = RuleEngine.found(words, in: material)
        if hits.isEmpty, let file {
            return Verdict(rule: .adviceLimits, passed: false, severity: profile.severity(.adviceLimits), clauses: profile.clauses(.adviceLimits),
                           message: "the material is a \(file.kind.label) (\(file.name)), which the rule cannot read for recommendations or political advice",
                           fix: "The approver reads it before any group does; or attach the material as text.")
        }
        return Verdict(rule: .adviceLimits, passed: hits.isEmpty, severity: profile.severity(.adviceLimits),
                       clauses: profile.clauses(.adviceLimits),
                       message: hits.isEmpty ? "material facts and options only"
                           : "the material contains \(hits.map { "\"\($0)\"" }.joined(separator: ", ")), which reads as a recommendation or political advice",
                       fix: hits.isEmpty ? "" : "Limit the material to facts, options and their merits for the authority; remove recommendations and political implications.")
    }
}
