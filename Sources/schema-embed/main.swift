import Foundation

// Writes a Swift file holding text from the repository, compiled into a target by a build plugin:
//   schema-embed OUTPUT.swift MIGRATION.sql…            each migration's name and SQL (EmbedSchema: `EmbeddedSchema.migrations`)
//   schema-embed --document NAME OUTPUT.swift FILE      one file's bytes as text (EmbedOpenAPI: `EmbeddedOpenAPI.text`)
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = "usage: schema-embed OUTPUT.swift MIGRATION.sql… | schema-embed --document NAME OUTPUT.swift FILE\n"
/// The `--document` mode; returns the exit status. A function, so everything it read is released before the
/// process ends (the AddressSanitizer build runs this tool under LeakSanitizer).
func embedDocument(_ arguments: [String]) throws -> Int32 {
    guard arguments.count == 4 else {
        FileHandle.standardError.write(Data(usage.utf8))
        return 2
    }
    let (name, output, path) = (arguments[1], arguments[2], arguments[3])
    // Read as bytes and refuse what is not UTF-8, so the embedded text is the file exactly.
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard let text = String(data: data, encoding: .utf8), Data(text.utf8) == data else {
        FileHandle.standardError.write(Data("schema-embed: \(path) is not UTF-8 text\n".utf8))
        return 1
    }
    var swift = "// Generated from \(URL(fileURLWithPath: path).lastPathComponent) by schema-embed. Do not edit.\n"
    swift += "enum \(name) {\n    static let text: String = \(String(reflecting: text))\n}\n"
    try swift.write(to: URL(fileURLWithPath: output), atomically: true, encoding: .utf8)
    return 0
}

if arguments.first == "--document" {
    let status = try embedDocument(arguments)
    if status != 0 { exit(status) }
} else {
    guard let output = arguments.first else {
        FileHandle.standardError.write(Data(usage.utf8))
        exit(2)
    }
    var swift = "// Generated from Schema/*.sql by the EmbedSchema plugin. Do not edit.\n"
    swift += "enum EmbeddedSchema {\n    static let migrations: [(name: String, sql: String)] = [\n"
    for path in arguments.dropFirst() {
        let url = URL(fileURLWithPath: path)
        let sql = try String(contentsOf: url, encoding: .utf8)
        let name = url.deletingPathExtension().lastPathComponent
        swift += "        (\(String(reflecting: name)), \(String(reflecting: sql))),\n"
    }
    swift += "    ]\n}\n"
    try swift.write(to: URL(fileURLWithPath: output), atomically: true, encoding: .utf8)
}
