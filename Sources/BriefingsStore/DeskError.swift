import BriefingsDomain
import BriefingsMessages

/// The store's refusals as `DeskError`s, worded for the command line (`BriefingsMessages`).
extension DeskError {
    /// A domain step's refusal, its remedy worded for the command line (as every error's `fix` is; the desk rewords it).
    public init(_ refusal: Refusal) {
        self.init(refusal.kind, rule: refusal.rule, clauses: refusal.clauses, refusal.message, fix: CommandLineText.fix(refusal.remedy),
                  verdicts: refusal.verdicts)
    }

    /// A refusal built from rule verdicts: the first failing one names the rule (`Refusal.refused`).
    static func refused(_ verdicts: [Verdict], failing: [Verdict], what: String) -> DeskError {
        DeskError(Refusal.refused(verdicts, failing: failing, what: what))
    }
}
