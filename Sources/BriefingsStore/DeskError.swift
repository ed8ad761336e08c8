import BriefingsDomain

extension DeskError {
    /// A refusal built from rule verdicts: the first failing one names the rule (`Refusal.refused`).
    static func refused(_ verdicts: [Verdict], failing: [Verdict], what: String) -> DeskError {
        DeskError(Refusal.refused(verdicts, failing: failing, what: what))
    }
}
