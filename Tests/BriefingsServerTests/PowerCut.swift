import Foundation

/// A simulated power cut for the drills: `Tests/drills/powercut.c`, compiled for this run into a folder of its own.
///
/// Processes started with `environment(_:)` run under its `LD_PRELOAD` shim, which journals every write to a file in
/// `data` that no fsync has yet covered; `cut()`, once those processes are dead, undoes those writes and drops
/// SQLite's `-shm` files: the files are left as a power cut would leave them. See the C file for what is modelled.
struct PowerCut {
    /// Whether fsync reaches the disk, or is swallowed (answers success and syncs nothing: what SQLite's
    /// `synchronous=OFF` amounts to, without changing the product).
    enum Sync: String, Sendable, CustomStringConvertible {
        case honoured, swallowed
        var description: String { "fsync \(rawValue)" }
    }

    /// The folder the drill keeps its database files in: the shim journals the files directly in it.
    let data: String
    let journal: String
    let library: String
    let tool: String
    let base: URL

    static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../drills/powercut.c").standardized.path

    /// The C compiler to build the shim with: `cc`, `clang` (every Swift toolchain has one) or `gcc` on PATH.
    static let compiler: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["cc", "clang", "gcc"] {
            for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }()

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Compiles the shim and the replay tool into a new temporary folder, with empty `data` and `journal` folders.
    static func make() throws -> PowerCut {
        guard let compiler else { throw Failure(description: "no C compiler (cc, clang or gcc) on PATH") }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-powercut-\(UUID().uuidString)")
        for sub in ["data", "journal"] {
            try FileManager.default.createDirectory(at: base.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let cut = PowerCut(data: base.appendingPathComponent("data").path, journal: base.appendingPathComponent("journal").path,
                           library: base.appendingPathComponent("libpowercut.so").path, tool: base.appendingPathComponent("powercut").path,
                           base: base)
        for arguments in [["-shared", "-fPIC", "-o", cut.library, source, "-ldl", "-lpthread"], ["-DPOWERCUT_REPLAY", "-o", cut.tool, source]] {
            let (code, output) = try run(compiler, ["-O1", "-Wall"] + arguments)
            guard code == 0 else { throw Failure(description: "\(compiler) \(arguments.joined(separator: " ")) failed (\(code)):\n\(output)") }
        }
        return cut
    }

    /// The environment that puts a process under the shim.
    func environment(_ sync: Sync) -> [String: String] {
        ["LD_PRELOAD": library, "POWERCUT_DIR": data, "POWERCUT_JOURNAL": journal, "POWERCUT_NOSYNC": sync == .swallowed ? "1" : "0"]
    }

    /// The power cut, once every process under the shim has died: returns how many unsynced writes it undid and
    /// the replay's report (a line per file).
    func cut() throws -> (undone: Int, report: String) {
        let (code, output) = try Self.run(tool, ["replay", journal, data])
        guard code == 0, let last = output.split(separator: "\n").last,
              let undone = Int(last.replacingOccurrences(of: "powercut: ", with: "").split(separator: " ").first ?? "") else {
            throw Failure(description: "powercut replay failed (\(code)):\n\(output)")
        }
        return (undone, output)
    }

    func remove() { try? FileManager.default.removeItem(at: base) }

    /// Runs a program to its end; its exit code and its output and errors together.
    static func run(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        if let environment { p.environment = environment }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
