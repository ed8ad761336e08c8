/// Why the briefing desk refused an action: what was wrong, which rule and clause, and what to change. What every
/// `DeskService` throws: the store from a step's `Refusal`, the remote client from the service's error body.
/// The remedy is said without any channel's words; `fix` and `description` (in `BriefingsMessages`) word it for
/// the command line. An error read back from the service carries the service's own wording as `.advice(text)`.
public struct DeskError: Error, Sendable {
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
    /// Every verdict seen, when rules refused the action.
    public var verdicts: [Verdict]

    public init(_ kind: Kind, rule: RuleID? = nil, clauses: [String] = [], _ message: String, fix: String, verdicts: [Verdict] = []) {
        self.init(kind, rule: rule, clauses: clauses, message, remedy: .advice(fix), verdicts: verdicts)
    }

    public init(_ kind: Kind, rule: RuleID? = nil, clauses: [String] = [], _ message: String, remedy: Remedy, verdicts: [Verdict] = []) {
        self.kind = kind; self.rule = rule; self.clauses = clauses; self.message = message; self.remedy = remedy; self.verdicts = verdicts
    }

    /// A domain step's refusal, its remedy kept as it is (the command line words it, as every error's `fix`).
    public init(_ refusal: Refusal) {
        self.init(refusal.kind, rule: refusal.rule, clauses: refusal.clauses, refusal.message, remedy: refusal.remedy, verdicts: refusal.verdicts)
    }
}
