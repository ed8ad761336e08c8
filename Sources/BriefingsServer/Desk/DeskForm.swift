import BriefingsDomain
import Foundation
import Hummingbird

/// An HTML form's fields as a browser sends them (`application/x-www-form-urlencoded`): every value in order, a list of
/// checkboxes repeating its name. Line ends arrive as CRLF from a textarea and are kept as LF.
struct FormData: Sendable {
    var fields: [(name: String, value: String)] = []

    /// The first value sent under the name, trimmed; nil when absent or blank.
    subscript(_ name: String) -> String? {
        fields.first { $0.name == name }.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every non-blank value sent under the name.
    func all(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Values of fields named `prefix[KEY]`, by key: the approver's reason for each rule (`override[working-hours]`).
    func keyed(_ prefix: String) -> [String: String] {
        var result: [String: String] = [:]
        for (name, _) in fields where name.hasPrefix(prefix + "[") && name.hasSuffix("]") {
            let key = String(name.dropFirst(prefix.count + 1).dropLast())
            if let value = self[name] { result[key] = value }
        }
        return result
    }

    init() {}

    init(parsing body: String) throws {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) throws -> String {
                guard let text = s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw DeskPageError.badForm("the form's data is not properly encoded")
                }
                return text.replacingOccurrences(of: "\r\n", with: "\n")
            }
            let name = try decode(parts[0]), value = parts.count > 1 ? try decode(parts[1]) : ""
            // The same check as the JSON API and the command line: no control characters in any field (`TextInput`).
            if let problem = TextInput.problem(value) { throw DeskPageError.badForm("\(name): \(problem)") }
            fields.append((name, value))
        }
    }

    /// Reads a POST's body: refused unless it is an ordinary form of at most the context's upload limit.
    static func read(_ request: Request, _ context: DeskContext) async throws -> FormData {
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            throw DeskPageError.badForm("the desk's forms are sent as application/x-www-form-urlencoded, and this was \(type.isEmpty ? "sent without a type" : type)")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return try FormData(parsing: String(buffer: buffer))
    }
}
