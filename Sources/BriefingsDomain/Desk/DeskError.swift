/// Why the briefing desk refused an action: what was wrong, which rule and clause, and what to change. What every
/// `DeskService` throws: the store from a step's `Refusal`, the remote client from the service's error body.
/// The remedy is said without any channel's words; `fix` and `description` (in `BriefingsMessages`) word it for
/// the command line. An error read back from the service carries the service's own wording as `.advice(text)`.
public typealias DeskError = Refusal

extension Refusal {
    /// A step that waited past SQLite's busy timeout: nothing was written.
    public static let busy = Refusal(.busy, "the database is busy: another writer (an import, a backup or another command) held it past the wait, and nothing was changed",
                                     remedy: .advice("Try again in a few seconds."))

    /// An error whose remedy is advice in words every channel can show as it is.
    public init(_ kind: Kind, rule: RuleID? = nil, clauses: [String] = [], _ message: String, fix: String, verdicts: [Verdict] = []) {
        self.init(kind, rule: rule, clauses: clauses, message, remedy: .advice(fix), verdicts: verdicts)
    }
}
