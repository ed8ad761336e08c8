/// The one check at the door for text people send: the command line's arguments, the API's JSON bodies
/// and the roster file all pass through it before anything is parsed further or stored.
///
/// Refused: control characters (NUL, ESC, DEL, the C1 controls, a carriage return not followed by a line
/// feed) and the bidirectional overrides and isolates. A NUL cuts the text SQLite stores (the audit trail
/// then cries tamper), an ESC or bare CR repaints the approver's terminal, and a bidi override shows a
/// name or reason in another order than it is stored. Tab, line feed and CRLF are kept in the fields that run
/// over several lines (details, reasons, notes, material); a one-line field (a matter, a meeting, a room, a name,
/// an id, anything in the roster) refuses a line break too (`lineProblem`).
public enum TextInput {
    /// What is wrong with a text, or nil if it may be stored: the first refused character, named, with its
    /// position (counted in characters from 1).
    public static func problem(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            if s == "\t" || s == "\n" { continue }
            if s == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { continue }
            guard isRefused(s) else { continue }
            return "contains \(name(s)) at character \(i + 1); remove it (control characters and bidirectional overrides are never stored)"
        }
        return nil
    }

    /// What is wrong with the text of a one-line field, or nil: what `problem` refuses, and a line feed or a carriage
    /// return. Such a field is shown on a line of its own (a queue row, a table cell, a feed's SUMMARY or LOCATION,
    /// an audit line), where a line break would start a line that seems to be something else.
    public static func lineProblem(_ text: String) -> String? {
        if let problem = problem(text) { return problem }
        for (i, s) in text.unicodeScalars.enumerated() where s == "\n" || s == "\r" {
            return "contains \(s == "\n" ? "a line feed (U+000A)" : "a carriage return (U+000D)") at character \(i + 1), but is one line: write it without line breaks"
        }
        return nil
    }

    /// The problems of every text inside a value read from JSON (keys included), each prefixed with where it is:
    /// `council.name: contains NUL (U+0000) at character 5; …`. `path` names the value itself ("" for the top).
    /// With `oneLine`, every text is a one-line field (`lineProblem`): the roster's are.
    public static func problems(inJSON value: Any, at path: String = "", oneLine: Bool = false) -> [String] {
        let check = oneLine ? lineProblem : problem
        switch value {
        case let text as String:
            return check(text).map { ["\(path.isEmpty ? "text" : path): \($0)"] } ?? []
        case let list as [Any]:
            return list.enumerated().flatMap { problems(inJSON: $1, at: "\(path)[\($0)]", oneLine: oneLine) }
        case let object as [String: Any]:
            return object.keys.sorted().flatMap { key -> [String] in
                let at = path.isEmpty ? key : "\(path).\(key)"
                return (check(key).map { ["\(at) (the key): \($0)"] } ?? []) + problems(inJSON: object[key]!, at: at, oneLine: oneLine)
            }
        default:
            return []
        }
    }

    static func isRefused(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F: true                 // C0, DEL, C1
        case 0x202A...0x202E, 0x2066...0x2069: true         // bidi embeddings, overrides, isolates
        default: false
        }
    }

    static func name(_ s: Unicode.Scalar) -> String {
        let code = "U+" + String(repeating: "0", count: max(0, 4 - String(s.value, radix: 16).count)) + String(s.value, radix: 16, uppercase: true)
        let names: [UInt32: String] = [0x00: "NUL", 0x07: "BEL", 0x08: "backspace", 0x0D: "a carriage return without a line feed",
                                       0x1B: "ESC", 0x7F: "DEL"]
        if let n = names[s.value] { return "\(n) (\(code))" }
        return s.value >= 0x202A ? "a bidirectional control (\(code))" : "a control character (\(code))"
    }
}
