import Foundation
import Testing

/// Issue 22: no command or option name in the Domain or the Store: the command line words its own remedies
/// (`CommandLineText`), and messages are worded in `BriefingsMessages`. Doc comments may name commands.
@Suite("Channel boundary")
struct ChannelBoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    @Test("no `briefings …` command in the Domain's or the Store's code", arguments: ["BriefingsDomain", "BriefingsStore"])
    func noCommands(target: String) throws {
        let dir = Self.sources.appendingPathComponent(target)
        let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" }
        #expect(!files.isEmpty)
        var found: [String] = []
        for file in files {
            for (n, line) in try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") && line.contains("`briefings ") {
                found.append("\(file.lastPathComponent):\(n + 1)")
            }
        }
        #expect(found.isEmpty, "commands in \(target): \(found.joined(separator: ", "))")
    }
}
