import BriefingsDomain

/// `DeskError` is declared in `BriefingsDomain`, which has no channel's words; the command line's wording of its
/// remedy is here.
extension DeskError: CustomStringConvertible {
    /// The remedy as the command line words it (`CommandLineText.fix`).
    public var fix: String { CommandLineText.fix(remedy) }

    public var description: String {
        var s = message
        if let rule { s = "[\(rule.rawValue)\(clauses.isEmpty ? "" : " " + clauses.joined(separator: ", "))] " + s }
        if !fix.isEmpty { s += "\nWhat to do: \(fix)" }
        return s
    }
}
