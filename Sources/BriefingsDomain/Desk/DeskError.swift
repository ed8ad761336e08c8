/// Why the briefing desk refused an action: what was wrong, which rule and clause, and what to change. What every
/// `DeskService` throws: the store from a step's `Refusal` (with the command line's wording), the remote client from
/// the service's error body.
public struct DeskError: Error, Sendable, CustomStringConvertible {
    public typealias Kind = FailureKind

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

    public var description: String {
        var s = message
        if let rule { s = "[\(rule.rawValue)\(clauses.isEmpty ? "" : " " + clauses.joined(separator: ", "))] " + s }
        if !fix.isEmpty { s += "\nWhat to do: \(fix)" }
        return s
    }
}
