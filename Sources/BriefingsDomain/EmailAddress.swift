/// An email address as the roster takes it: `local@domain`, the everyday form of RFC 5322's addr-spec (no quoted
/// local parts, no address literals, no international addresses), so that it can stand on a To line as it is.
public enum EmailAddress {
    /// Characters a local part may hold besides letters and digits (RFC 5322 `atext`), and dots between them.
    static let localSymbols = Set("!#$%&'*+-/=?^_`{|}~".unicodeScalars)

    /// What is wrong with an address, or nil when it can be used.
    public static func problem(_ text: String) -> String? {
        let example = "write it like jane.smith@council.gov.uk"
        guard text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
            return "'\(text)' is not an email address: only ASCII letters, digits and punctuation, no spaces; \(example)"
        }
        guard text.utf8.count <= 254 else { return "'\(text)' is longer than an email address may be (254 characters)" }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return "'\(text)' is not an email address (it needs exactly one @); \(example)" }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64,
              local.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ part in
                  !part.isEmpty && part.unicodeScalars.allSatisfy { isAlphanumeric($0) || localSymbols.contains($0) }
              }) else {
            return "'\(text)': the part before the @ is not a plain mailbox name (letters, digits, . _ + - and no two dots together); \(example)"
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2,
              labels.allSatisfy({ l in
                  (1...63).contains(l.utf8.count) && l.first != "-" && l.last != "-"
                      && l.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "-" }
              }),
              let top = labels.last, top.unicodeScalars.allSatisfy({ isLetter($0) }) else {
            return "'\(text)': '\(domain)' is not a mail domain like council.gov.uk; \(example)"
        }
        return nil
    }

    /// The domain of a valid address (`council.gov.uk`).
    public static func domain(of address: String) -> String {
        address.lastIndex(of: "@").map { String(address[address.index(after: $0)...]) } ?? address
    }

    /// The desk's address plus-addressed with a reply token (`briefings+TOKEN@council.gov.uk`, RFC 5233 subaddressing):
    /// where one invitation's answers come back (issue 24).
    public static func plus(_ desk: String, _ token: String) -> String {
        guard let at = desk.lastIndex(of: "@") else { return desk }
        return String(desk[..<at]) + "+" + token + String(desk[at...])
    }

    /// The token of an address plus-addressed on the desk's (`plus` read back, the local part and domain compared without
    /// case): nil when `address` is not the desk's address with a `+token`.
    public static func token(in address: String, desk: String) -> String? {
        let a = address.lowercased(), d = desk.lowercased()
        guard let at = a.lastIndex(of: "@"), let deskAt = d.lastIndex(of: "@"), a[at...] == d[deskAt...] else { return nil }
        let prefix = d[..<deskAt] + "+"
        let local = a[..<at]
        guard local.hasPrefix(prefix) else { return nil }
        let token = local.dropFirst(prefix.count)
        return token.isEmpty ? nil : String(token)
    }

    static func isLetter(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) }
    static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool { isLetter(s) || ("0"..."9").contains(s) }
}
