import BriefingsDomain

/// The conformance statement (`Conformance`) for a profile, as Markdown: what `briefings conformance` prints, what
/// `docs/conformance/NNN.md` holds (the desk has no page for it yet). Severities are the profile's as the
/// council has set them (`RulesView`), so a council that changed a severity sees its own statement.
public enum ConformanceText {
    public static func markdown(_ view: Desk.RulesView) -> String {
        let severity = Dictionary(uniqueKeysWithValues: view.rules.map { ($0.id, $0.severity) })
        let councils = Conformance.councils(for: view.profile)
        let clauses = councils.flatMap(Conformance.clauses(of:))
        var out = "# Conformance statement: profile \(view.profile)\n\n"
        out += "\(view.description). Approver: \(view.approver) (\(view.approverClauses.joined(separator: ", "))). "
        out += "Protocol\(councils.count == 1 ? "" : "s") read: \(councils.map { "`\($0)`" }.joined(separator: ", ")) "
        out += "(the texts in `protocols/`).\n\n"
        out += "Every operative clause on officers briefing political groups, and how this scheduler holds it: **enforced** by the "
        out += "rules and steps named (with each rule's severity under this profile: `block` refuses, `refer` waits for the "
        out += "approver's recorded reason, `warn` is shown to the approver, `info` is recorded), **judged** by a person (the rules "
        out += "recognise what they can and the approver's decision records the judgement), or **out of reach** of any scheduler "
        out += "(with why). The tests named prove it.\n\n"
        let counts = ProtocolClause.Handling.allCases.map { h in "\(clauses.filter { $0.handling == h }.count) \(label(h))" }
        out += "\(clauses.count) clauses: \(counts.joined(separator: ", ")).\n"
        for c in clauses {
            out += "\n## \(c.citation): \(label(c.handling))\n\n"
            out += "> \(c.says)\n\n"
            if !c.rules.isEmpty {
                out += "- Rules: " + c.rules.map { "`\($0.rawValue)` (\(severity[$0.rawValue] ?? "not judged"))" }.joined(separator: ", ") + "\n"
            }
            if !c.steps.isEmpty { out += "- Steps: " + c.steps.joined(separator: ", ") + "\n" }
            out += "- \(c.handling == .outOfReach ? "Why" : "How"): \(c.how)\n"
            if !c.tests.isEmpty {
                out += "- Tests:\n" + c.tests.map { "  - \"\($0)\"\n" }.joined()
            }
        }
        return out
    }

    static func label(_ h: ProtocolClause.Handling) -> String {
        switch h {
        case .enforced: "enforced"
        case .judged: "judged by a person"
        case .outOfReach: "out of a scheduler's reach"
        }
    }
}
