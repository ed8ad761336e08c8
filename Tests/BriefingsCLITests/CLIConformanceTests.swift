import BriefingsDomain
import Foundation
import Testing

/// `briefings conformance` (issue 25, problem 16): the statement for the council's profile, or a named one.
@Suite("briefings conformance")
struct CLIConformanceTests {
    @Test("conformance states the database's profile clause by clause, with its severities; --profile names another; a wrong name lists the right ones")
    func statesTheProfile() async throws {
        let council = try await Council()   // the example roster sets the model profile
        let own = await council.run("conformance")
        #expect(own.code == 0, "\(own)")
        #expect(own.out.hasPrefix("# Conformance statement: profile model\n"), "\(own.out.prefix(200))")
        for protocolName in Conformance.councils { #expect(own.out.contains("\n## \(protocolName) "), "the model profile reads all five protocols") }
        let other = await council.run("conformance", "--profile", "003")
        #expect(other.out.hasPrefix("# Conformance statement: profile 003\n"), "\(other.out.prefix(200))")
        #expect(other.out.contains("## 003 §7.13(a): enforced") && other.out.contains("`confidentiality` (block)"), "\(other.out)")
        #expect(other.out.contains("`members-only` (refer)"), "003 §7.6: a non-member is referred under 003, not blocked")
        #expect(!other.out.contains("## 000 §"), "a 003 statement reads only its own protocol")
        let wrong = await council.run("conformance", "--profile", "005")
        #expect(wrong.code != 0 && wrong.err.contains("no profile '005'") && wrong.err.contains("model, 000, 001, 002, 003, 004"), "\(wrong)")
    }
}
