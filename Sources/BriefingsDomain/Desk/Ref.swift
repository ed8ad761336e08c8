import Foundation

/// Short human-readable ids: `RQ-0007`, `BR-0002`, `OF-0011`, `SE-0003`.
public enum Ref {
    public static func format(_ prefix: String, _ id: Int64) -> String { Reference.format(prefix, id) }

    /// An id as the service writes it (`BR-0007`) from any form `parse` takes (`br-7`, `7`): what the command
    /// line sends to the service, which takes ids only in that form.
    public static func canonical(_ text: String, _ prefix: String) throws -> String {
        format(prefix, try parse(text, prefix))
    }

    /// An id exactly as the service writes it: the prefix, a hyphen and at least four digits (`BR-0007`), as
    /// `openapi.yaml` describes the API's ids; anything else is refused as `parse` refuses it.
    public static func exact(_ text: String, _ prefix: String) throws -> String {
        let digits = text.utf8.dropFirst(prefix.utf8.count + 1)
        guard text.hasPrefix(prefix + "-"), digits.count >= 4, digits.allSatisfy({ (48...57).contains($0) }) else {
            throw DeskError(.invalid, "'\(text)' is not a \(prefix) id", fix: "Write it like \(prefix)-0001.")
        }
        _ = try parse(text, prefix)
        return text
    }

    /// Parses `BR-0007`, `br-7` or `7` for the given prefix.
    public static func parse(_ text: String, _ prefix: String) throws -> Int64 {
        // The form the desk itself writes (`RQ-0007`), as every step gets it, read without trimming and uppercasing.
        let digits = text.utf8.dropFirst(prefix.utf8.count + 1)
        if text.hasPrefix(prefix + "-"), !digits.isEmpty, digits.allSatisfy({ (48...57).contains($0) }),
           let n = Int64(Substring(digits)), n > 0 {
            return n
        }
        var t = text.trimmingCharacters(in: .whitespaces).uppercased()
        if t.hasPrefix(prefix + "-") { t.removeFirst(prefix.count + 1) }
        guard let n = Int64(t), n > 0 else {
            throw DeskError(.invalid, "'\(text)' is not a \(prefix) id", fix: "Write it like \(prefix)-0001.")
        }
        return n
    }
}
