import Foundation

// Writes a Swift file holding each migration's name and SQL: schema-embed OUTPUT FILE.sql…
let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: schema-embed OUTPUT.swift MIGRATION.sql…\n".utf8))
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
