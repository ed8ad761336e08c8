import BriefingsCLI
import Foundation
import Testing

/// The command line shows what needs attention and one line for the rules that pass; `--verbose` lists every verdict.
@Suite("Verdicts on the command line")
struct CLIVerdictTests {
    @Test("a referred rule in full, first; the passes on one line; --verbose lists each")
    func grouped() async throws {
        let c = try await Council()
        let r = await c.request(start: "2027-01-11T18:30")
        #expect(r.code == 0, "\(r)")
        let lines = r.out.split(separator: "\n").map(String.init)
        let refer = try #require(lines.firstIndex { $0.hasPrefix("  [refer] working-hours (") })
        let passes = try #require(lines.firstIndex { $0.hasPrefix("  [pass] 10 rules: requester, senior-officer, members-only") })
        #expect(refer < passes && lines[passes].hasSuffix("(--verbose shows each)"))
        #expect(!r.out.contains("[pass] members-only ("))
        let verbose = await c.run(["queue", "--as", "o-ceo", "--verbose"])
        #expect(verbose.out.contains("[pass] members-only (000 §17.16.6") && verbose.out.contains("[refer] working-hours"), "\(verbose)")
    }

    @Test("a refusal shows the refusing rule first and one line for the passes")
    func refusal() async throws {
        let c = try await Council()
        let r = await c.request(["--guest", "Chris Day (party agent)"])
        #expect(r.code == CLI.ExitCode.refused.rawValue)
        #expect(r.err.contains("Refused. The verdicts:\n  [block] members-only"), "\(r)")
        #expect(r.err.contains("  [pass] 10 rules: requester, senior-officer, confidentiality"), "\(r)")
    }
}
