import BriefingsDomain

/// The canonical JSON of the values every workflow step stores and hashes (verdict lists, audit details,
/// recipient lists), written directly: byte for byte what `AuditTrail.encoder` (sorted keys, slashes
/// unescaped) writes, which tests check, at a fraction of its cost. Anything else still goes through
/// `AuditTrail.encoder`.
enum CanonicalJSON {
    static func verdicts(_ verdicts: [Verdict]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(verdicts.count * 320)
        out.append(UInt8(ascii: "["))
        for (i, v) in verdicts.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            // Keys in sorted order: clauses, fix, message, passed, rule, severity.
            out.append(contentsOf: #"{"clauses":"#.utf8)
            strings(v.clauses, into: &out)
            out.append(contentsOf: #","fix":"#.utf8)
            string(v.fix, into: &out)
            out.append(contentsOf: #","message":"#.utf8)
            string(v.message, into: &out)
            out.append(contentsOf: #","passed":"#.utf8)
            out.append(contentsOf: (v.passed ? "true" : "false").utf8)
            out.append(contentsOf: #","rule":"#.utf8)
            string(v.rule.rawValue, into: &out)
            out.append(contentsOf: #","severity":"#.utf8)
            string(v.severity.rawValue, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// A string-to-string object, keys in code-point order as `.sortedKeys` writes them.
    static func object(_ fields: [String: String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (i, key) in fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            string(key, into: &out)
            out.append(UInt8(ascii: ":"))
            string(fields[key]!, into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    static func list(_ items: [String]) -> String {
        var out: [UInt8] = []
        strings(items, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func strings(_ items: [String], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            string(item, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A JSON string: `"` and `\` escaped, control characters as `\n`-style or `\u00XX` escapes,
    /// everything else (slashes, DEL, non-ASCII) as its UTF-8 bytes.
    private static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
