/// One rule's finding on one action: whether it passed, how serious a failure is, and what to change.
public struct Verdict: Sendable, Hashable, Codable {
    public var rule: RuleID
    public var passed: Bool
    /// The severity under the active profile (what a failure means).
    public var severity: Severity
    public var clauses: [String]
    /// What was found.
    public var message: String
    /// What to change so the rule passes; empty when it passed.
    public var fix: String

    public init(rule: RuleID, passed: Bool, severity: Severity, clauses: [String], message: String, fix: String = "") {
        self.rule = rule; self.passed = passed; self.severity = severity
        self.clauses = clauses; self.message = message; self.fix = fix
    }

    /// The verdict's effect: `pass`, or the severity of the failure.
    public var outcome: String { passed ? "pass" : severity.rawValue }

    /// One line for people: `[block] members-only (000 §17.16.6): … Change: …`.
    public var line: String {
        var s = "[\(outcome)] \(rule.rawValue) (\(clauses.joined(separator: ", "))): \(message)"
        if !passed, !fix.isEmpty { s += ". To fix: \(fix)" }
        return s
    }
}

extension Array where Element == Verdict {
    public var blocking: [Verdict] { filter { !$0.passed && $0.severity == .block } }
    public var referred: [Verdict] { filter { !$0.passed && $0.severity == .refer } }
    public var warnings: [Verdict] { filter { !$0.passed && $0.severity == .warn } }
}
