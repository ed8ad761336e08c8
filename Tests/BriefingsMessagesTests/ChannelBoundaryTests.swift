import Foundation
import Testing

/// Issue 22: no command or option name in the Domain or the Store: the command line words its own remedies
/// (`CommandLineText`), the desk its own (`DeskText`), and messages are worded in `BriefingsMessages`. Doc comments
/// may name commands and options.
@Suite("Channel boundary")
struct ChannelBoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// `file:line` of every line of a target's code (comments left out) that `matches`.
    static func codeLines(in target: String, _ matches: (Substring) -> Bool) throws -> [String] {
        let dir = Self.sources.appendingPathComponent(target)
        let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" }
        #expect(!files.isEmpty)
        var found: [String] = []
        for file in files {
            for (n, line) in try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") && matches(line) {
                found.append("\(file.lastPathComponent):\(n + 1)")
            }
        }
        return found
    }

    @Test("no `briefings …` command in the Domain's or the Store's code", arguments: ["BriefingsDomain", "BriefingsStore"])
    func noCommands(target: String) throws {
        let found = try Self.codeLines(in: target) { $0.contains("`briefings ") }
        #expect(found.isEmpty, "commands in \(target): \(found.joined(separator: ", "))")
    }

    @Test("no command-line option (`--matter`, `--report-due`) in the Domain's or the Store's code", arguments: ["BriefingsDomain", "BriefingsStore"])
    func noOptions(target: String) throws {
        let found = try Self.codeLines(in: target) { $0.range(of: #"(^|[\s(\\"])--[a-z]"#, options: .regularExpression) != nil }
        #expect(found.isEmpty, "options in \(target): \(found.joined(separator: ", "))")
    }
}
