import BriefingsDomain
import BriefingsMessages
import Foundation
import Testing

/// The conformance statements (issue 25, problem 16): `docs/conformance/NNN.md` is what the code states for that
/// council's profile, every test a statement names exists, and every clause the rules cite is stated.
@Suite("Conformance statements")
struct ConformanceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    /// Every `@Test("…")` display name under Tests/.
    static let testNames: Set<String> = {
        var names = Set<String>()
        let pattern = try! Regex(#"@Test\(\s*"((?:[^"\\]|\\.)*)""#)
        let tests = root.appendingPathComponent("Tests")
        for case let url as URL in FileManager.default.enumerator(at: tests, includingPropertiesForKeys: nil)!
        where url.pathExtension == "swift" {
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            for m in text.matches(of: pattern) {
                names.insert(String(m.output[1].substring ?? "").replacingOccurrences(of: #"\""#, with: "\""))
            }
        }
        return names
    }()

    @Test("docs/conformance/NNN.md is what `briefings conformance --profile NNN` states, for each of the five protocols")
    func documentsMatchTheCode() throws {
        for council in Conformance.councils {
            let profile = try #require(PolicyProfile.named(council))
            let file = Self.root.appendingPathComponent("docs/conformance/\(council).md")
            let written = try String(contentsOf: file, encoding: .utf8)
            #expect(written == ConformanceText.markdown(Desk.RulesView(profile)),
                    "docs/conformance/\(council).md differs from the code: run `swift run briefings conformance --profile \(council) > docs/conformance/\(council).md`")
        }
    }

    @Test("every test a conformance statement names exists, and every enforced or judged clause names at least one")
    func namedTestsExist() {
        #expect(Self.testNames.count > 100)
        for c in Conformance.all {
            for name in c.tests { #expect(Self.testNames.contains(name), "\(c.citation) names a test that does not exist: \"\(name)\"") }
            if c.handling != .outOfReach { #expect(!c.tests.isEmpty, "\(c.citation) is \(c.handling.rawValue) but names no test that proves it") }
            #expect(!c.how.isEmpty && !c.says.isEmpty, "\(c.citation) says nothing of what the clause says or how it is held")
            if c.handling == .enforced { #expect(!c.rules.isEmpty || !c.steps.isEmpty, "\(c.citation) is enforced by no rule or step") }
        }
    }

    @Test("every clause a rule, a profile's approver or a profile's override cites is in the conformance statements")
    func everyCitedClauseIsStated() {
        let stated = Set(Conformance.all.map(\.citation))
        var cited = Set(RuleCatalogue.all.flatMap(\.clauses))
        for p in PolicyProfile.all {
            cited.formUnion(p.approverClauses)
            cited.formUnion(p.clauseOverrides.values.joined())
        }
        // 002 has no numbered clauses: the rules cite it by a quoted phrase (`002 ("same rights")`), the statement by its
        // heading and a tag (`002 "Councillors" (same rights)`).
        let unnumbered = Conformance.clauses(of: "002").map { $0.clause.lowercased() }
        // A profile may annotate a citation (`000 §17.16.3 ("usually")`); a clause stated in parts covers its citation
        // (`003 §7.13(a)`, `003 §7.13(b)` for `003 §7.13`).
        for annotated in cited {
            let citation = annotated.hasPrefix("002 (") ? annotated : String(annotated.split(separator: " (").first ?? "")
            if citation.hasPrefix("002 ("), let phrase = citation.split(separator: "\"").dropFirst().first {
                #expect(unnumbered.contains { $0.contains(phrase.lowercased()) }, "\(citation) is cited by the rules but not in the conformance statements")
            } else if citation.contains(" §"), Conformance.councils.contains(where: { citation.hasPrefix($0 + " ") }) {
                #expect(stated.contains(citation) || stated.contains { $0.hasPrefix(citation + "(") },
                        "\(citation) is cited by the rules but not in the conformance statements")
            }
        }
    }

    @Test("each clause (or each part of a clause held differently) is stated once, under a protocol of the five")
    func clausesAreUnique() {
        var seen = Set<String>()
        for c in Conformance.all {
            #expect(Conformance.councils.contains(c.council), "\(c.citation)")
            #expect(seen.insert(c.citation + "\n" + c.says).inserted, "\(c.citation) is stated twice")
        }
    }
}
