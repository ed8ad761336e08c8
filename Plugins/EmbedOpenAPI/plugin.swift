import Foundation
import PackagePlugin

/// Compiles `Sources/BriefingsAPI/openapi.yaml` (the repository root's `openapi.yaml` links to it) into the Server target, so the service serves that file byte for byte
/// from wherever its binary is copied. `openapi.yaml` stays the only copy of the API's description.
@main
struct EmbedOpenAPI: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let document = context.package.directoryURL.appending(path: "Sources/BriefingsAPI/openapi.yaml")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedOpenAPI.swift")
        return [
            .buildCommand(
                displayName: "Embedding openapi.yaml",
                executable: try context.tool(named: "schema-embed").url,
                arguments: ["--document", "EmbeddedOpenAPI", output.path, document.path],
                inputFiles: [document],
                outputFiles: [output]
            )
        ]
    }
}
