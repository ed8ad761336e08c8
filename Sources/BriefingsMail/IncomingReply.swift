import BriefingsCalendar
import BriefingsDomain
import Foundation

/// One message a mail server delivers to the desk's address (`briefings mail receive`), read as an officer's answer from
/// their calendar (issue 24): its `From`, its `Auto-Submitted` (RFC 3834), the reply token in the address it was sent to
/// (the desk's address plus-addressed, `briefings+TOKEN@…`), and its iMIP calendar part (RFC 6047: a `text/calendar`
/// part, whichever MIME part holds it, base64 or quoted-printable) read by `ReplyReader`. Untrusted text: whatever is
/// missing or unreadable is left nil, for `CalendarReply.decide` to name as the reason nothing is done.
public enum IncomingReply {
    /// The most a message may be; a larger one is not read (a calendar reply is a few kilobytes).
    public static let largest = 10 * 1024 * 1024

    /// `raw`: the message as the mail server pipes it. `recipient`: the address it was delivered to, as the mail server
    /// says (Postfix `${original_recipient}`, Exim `$local_part$local_part_suffix@$domain`); without it the token is looked
    /// for in `X-Original-To`, `Delivered-To`, `To` and `Cc`. `desk`: the council's desk address.
    public static func read(_ raw: [UInt8], recipient: String?, desk: String) -> CalendarReply.Message {
        let (headers, body) = split(String(decoding: raw, as: UTF8.self))
        let sender = addresses(header(headers, "From") ?? "").first ?? ""
        let auto = header(headers, "Auto-Submitted").map { value in
            value.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } != "no"
        } ?? false
        var candidates = recipient.map { [$0] } ?? []
        if recipient == nil {
            for name in ["X-Original-To", "Delivered-To", "To", "Cc"] {
                for value in all(headers, name) { candidates += addresses(value) }
            }
        }
        let token = candidates.lazy.compactMap { EmailAddress.token(in: $0, desk: desk) }.first
        var message = CalendarReply.Message(sender: sender, autoSubmitted: auto, token: token, method: nil, uid: nil, sequence: nil,
                                            attendee: nil, answer: nil)
        guard let text = calendarPart(headers, body, depth: 0), let part = try? ReplyReader.read(text) else { return message }
        let (attendee, answer) = part.answer(for: sender)
        message.method = part.method; message.uid = part.uid; message.sequence = part.sequence
        message.attendee = attendee; message.answer = answer
        return message
    }

    /// The headers (unfolded, in order) and the body of a message or MIME part.
    static func split(_ text: String) -> (headers: [(String, String)], body: String) {
        // A String holds CRLF as one Character: split at it and at a bare LF alike.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        var headers: [(String, String)] = [], i = 0
        while i < lines.count, !lines[i].isEmpty {
            let line = lines[i]
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]).trimmingCharacters(in: .whitespaces), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
            i += 1
        }
        return (headers, lines.dropFirst(min(i + 1, lines.count)).joined(separator: "\n"))
    }

    static func header(_ headers: [(String, String)], _ name: String) -> String? { all(headers, name).first }

    static func all(_ headers: [(String, String)], _ name: String) -> [String] {
        headers.filter { $0.0.caseInsensitiveCompare(name) == .orderedSame }.map(\.1)
    }

    /// The addresses in an address header: each `<…>`, else each comma-separated word holding an `@`.
    static func addresses(_ value: String) -> [String] {
        var out: [String] = [], rest = Substring(value)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            out.append(String(rest[rest.index(after: open)..<close]).trimmingCharacters(in: .whitespaces))
            rest = rest[rest.index(after: close)...]
        }
        if out.isEmpty {
            out = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.contains("@") && !$0.contains(" ") }
        }
        return out
    }

    /// A header's value and its parameters (`text/calendar; method=REPLY; charset="utf-8"`), names in lower case.
    static func parameters(_ value: String) -> (value: String, parameters: [String: String]) {
        let pieces = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            guard let eq = piece.firstIndex(of: "=") else { continue }
            var v = piece[piece.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if v.count >= 2, v.hasPrefix("\""), v.hasSuffix("\"") { v = String(v.dropFirst().dropLast()) }
            parameters[piece[..<eq].trimmingCharacters(in: .whitespaces).lowercased()] = v
        }
        return ((pieces.first ?? "").lowercased(), parameters)
    }

    /// The first calendar part (`text/calendar`, or `application/ics` as some send it) of a message or part, decoded.
    static func calendarPart(_ headers: [(String, String)], _ body: String, depth: Int) -> String? {
        guard depth < 8 else { return nil }
        let (type, params) = parameters(header(headers, "Content-Type") ?? "text/plain")
        if type.hasPrefix("multipart/"), let boundary = params["boundary"], !boundary.isEmpty {
            for part in body.components(separatedBy: "--" + boundary).dropFirst() {
                if part.hasPrefix("--") { break }
                // The delimiter line's own line break belongs to the boundary (RFC 2046 §5.1.1).
                let inner = part.hasPrefix("\r\n") ? String(part.dropFirst(2)) : part.hasPrefix("\n") ? String(part.dropFirst()) : part
                let (h, b) = split(inner)
                if let found = calendarPart(h, b, depth: depth + 1) { return found }
            }
            return nil
        }
        guard type == "text/calendar" || type == "application/ics" else { return nil }
        switch (header(headers, "Content-Transfer-Encoding") ?? "7bit").lowercased() {
        case "base64":
            let clean = body.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }
            return Data(base64Encoded: String(String.UnicodeScalarView(clean))).map { String(decoding: $0, as: UTF8.self) }
        case "quoted-printable":
            return String(decoding: quotedPrintableDecoded(body), as: UTF8.self)
        default:
            return body
        }
    }

    /// RFC 2045 quoted-printable decoded: `=XX` octets, soft line breaks (`=` at a line's end) removed.
    static func quotedPrintableDecoded(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = [], i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 48...57: return b - 48
            case 65...70: return b - 55
            case 97...102: return b - 87
            default: return nil
            }
        }
        while i < bytes.count {
            if bytes[i] == 61 {   // =
                if i + 1 < bytes.count, bytes[i + 1] == 10 { i += 2; continue }
                if i + 2 < bytes.count, bytes[i + 1] == 13, bytes[i + 2] == 10 { i += 3; continue }
                if i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) { out.append(h << 4 | l); i += 3; continue }
            }
            out.append(bytes[i]); i += 1
        }
        return out
    }
}
