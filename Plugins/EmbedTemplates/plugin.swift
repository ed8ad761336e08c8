import Foundation
import PackagePlugin

/// Compiles the web desk's templates and stylesheet in `Templates/` into the Server target, and the email's templates in
/// `Templates/email/` into the Messages target, so the service renders its pages and messages from wherever its binary is
/// copied (as `Schema/` and `openapi.yaml` are compiled in). `Templates/` stays the only copy.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "Templates")
        let folder = target.name == "BriefingsMessages" ? templates.appending(path: "email") : templates
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { ["mustache", "css", "js"].contains($0.pathExtension) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) template(s)",
                executable: try context.tool(named: "schema-embed").url,
                arguments: ["--files", "EmbeddedTemplates", output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
