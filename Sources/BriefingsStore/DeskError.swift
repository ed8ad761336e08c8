import BriefingsDomain
import BriefingsMessages

/// Why the briefing desk refused an action: what was wrong, which rule and clause, and what to change.
public struct DeskError: Error, Sendable, CustomStringConvertible {
    public typealias Kind = FailureKind

    /// A step that waited past SQLite's busy timeout: nothing was written.
    public static let busy = DeskError(.busy, "the database is busy: another writer (an import, a backup or another command) held it past the wait, and nothing was changed",
                                       fix: "Try again in a few seconds.")

    public var kind: Kind
    public var rule: RuleID?
    public var clauses: [String]
    public var message: String
    /// What to change, said without any channel's words; `fix` is how the command line words it.
    public var remedy: Remedy
    public var fix: String { CommandLineText.fix(remedy) }
    /// Every verdict seen, when rules refused the action.
    public var verdicts: [Verdict]

    public init(_ kind: Kind, rule: RuleID? = nil, clauses: [String] = [], _ message: String, fix: String, verdicts: [Verdict] = []) {
        self.init(kind, rule: rule, clauses: clauses, message, remedy: .advice(fix), verdicts: verdicts)
    }

    public init(_ kind: Kind, rule: RuleID? = nil, clauses: [String] = [], _ message: String, remedy: Remedy, verdicts: [Verdict] = []) {
        self.kind = kind; self.rule = rule; self.clauses = clauses; self.message = message; self.remedy = remedy; self.verdicts = verdicts
    }

    /// A domain step's refusal, its remedy worded for the command line (as every error's `fix` is; the desk rewords it).
    public init(_ refusal: Refusal) {
        self.init(refusal.kind, rule: refusal.rule, clauses: refusal.clauses, refusal.message, remedy: refusal.remedy, verdicts: refusal.verdicts)
    }

    /// A refusal built from rule verdicts: the first failing one names the rule (`Refusal.refused`).
    static func refused(_ verdicts: [Verdict], failing: [Verdict], what: String) -> DeskError {
        DeskError(Refusal.refused(verdicts, failing: failing, what: what))
    }

    public var description: String {
        var s = message
        if let rule { s = "[\(rule.rawValue)\(clauses.isEmpty ? "" : " " + clauses.joined(separator: ", "))] " + s }
        if !fix.isEmpty { s += "\nWhat to do: \(fix)" }
        return s
    }
}
