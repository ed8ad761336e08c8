import BriefingsDomain

/// Why the briefing desk refused an action: what was wrong, which rule and clause, and what to change.
public struct DeskError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// Unknown person, group, room, request, session…
        case notFound = "not-found"
        /// Malformed input: a bad date, a missing reason.
        case invalid
        /// The actor's role does not allow this.
        case forbidden
        /// The action clashes with the current state: already decided, double booked.
        case conflict
        /// A rule verdict of severity `block` (or an un-overridden `refer`) refuses it.
        case refused
        /// The database has not been created yet.
        case notInitialised = "not-initialised"
        /// Another writer (an import, a backup, another process) held the database past the wait.
        case busy
    }

    /// A step that waited past SQLite's busy timeout: nothing was written.
    public static let busy = DeskError(.busy, "the database is busy: another writer (an import, a backup or another command) held it past the wait, and nothing was changed",
                                       fix: "Try again in a few seconds.")

    public var kind: Kind
    public var rule: RuleID?
    public var clauses: [String]
    public var message: String
    public var fix: String
    /// Every verdict seen, when rules refused the action.
    public var verdicts: [Verdict]

    public init(_ kind: Kind, rule: RuleID? = nil, clauses: [String] = [], _ message: String, fix: String, verdicts: [Verdict] = []) {
        self.kind = kind; self.rule = rule; self.clauses = clauses; self.message = message; self.fix = fix; self.verdicts = verdicts
    }

    /// A refusal built from rule verdicts: the first blocking (or referred) one names the rule.
    static func refused(_ verdicts: [Verdict], failing: [Verdict], what: String) -> DeskError {
        let first = failing[0]
        if failing.count == 1 {
            return DeskError(.refused, rule: first.rule, clauses: first.clauses, "\(what) is refused: \(first.message)",
                             fix: first.fix, verdicts: verdicts)
        }
        let lines = failing.map { "\($0.rule.rawValue) (\($0.clauses.joined(separator: ", "))): \($0.message)" }
        return DeskError(.refused, rule: first.rule, clauses: first.clauses,
                         "\(what) is refused by \(failing.count) rules: " + lines.joined(separator: "; "),
                         fix: failing.map(\.fix).joined(separator: " "), verdicts: verdicts)
    }

    public var description: String {
        var s = message
        if let rule { s = "[\(rule.rawValue)\(clauses.isEmpty ? "" : " " + clauses.joined(separator: ", "))] " + s }
        if !fix.isEmpty { s += "\nWhat to do: \(fix)" }
        return s
    }
}
