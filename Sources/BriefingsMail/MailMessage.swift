import BriefingsCalendar
import BriefingsDomain
import BriefingsMessages
import Foundation

/// Renders an outbox message as the text the sendmail command reads (RFC 5322 with MIME): UTF-8 headers encoded as
/// RFC 2047 words, every recipient on the To line and no Bcc, a stable `Message-ID`, and a `multipart/alternative` body:
/// the plain text and the HTML of its letter (`EmailLayout`, links under the council's public address), quoted-printable,
/// and for an invitation the iMIP `text/calendar; method=…` (RFC 6047) made by `FeedRenderer`. A message queued before
/// letters (issue 24) is its plain text alone, as then. The same message renders the same bytes on every attempt.
public enum MailMessage {
    /// The setting that gives the desk's public address to `outbox deliver` and `serve` (as their `--public-url` does).
    public static let publicURLVariable = "BRIEFINGS_PUBLIC_URL"

    /// A message that links to the desk, rendered without the desk's public address: it cannot be sent yet.
    public struct MissingPublicURL: Error, CustomStringConvertible {
        public var messageID: String
        public var path: String
        public var description: String {
            "it links to the desk (\(path)), but the desk's public address is not set: give --public-url https://… (the address people reach the desk at) or set \(MailMessage.publicURLVariable)"
        }
    }

    /// The message's bytes. Lines end in `lineEnding`: LF, as the sendmail interface reads them (the mail system
    /// writes CRLF on the wire; the calendar part keeps its own CRLF inside its base64). `publicURL`: the address the
    /// desk's links hang from; a message that links to the desk is refused without it.
    public static func render(_ m: OutgoingMessage, publicURL: String?, lineEnding: String = "\n") throws(MissingPublicURL) -> [UInt8] {
        var headers: [(String, String)] = [
            ("Date", date(m.date)),
            ("From", mailbox(m.from)),
            ("To", m.to.map(mailbox).joined(separator: ", ")),
            ("Subject", encodedText(m.subject)),
            ("Message-ID", "<\(m.messageID)>"),
            ("MIME-Version", "1.0"),
            // RFC 3834: an automatic message; out-of-office replies should not answer it.
            ("Auto-Submitted", "auto-generated"),
        ]
        // An officer's invitation: a plain reply goes where the calendar's answer goes (its token), not to the desk.
        if let replyTo = m.replyTo { headers.insert(("Reply-To", mailbox(replyTo)), at: 3) }
        // The parts, each its headers and its body: the plain text, the HTML, the calendar invitation.
        var parts: [(headers: [String], body: String)] = []
        if let letter = m.letter {
            if let link = letter.links.first, publicURL == nil { throw MissingPublicURL(messageID: m.messageID, path: link.path) }
            let base = publicURL ?? ""
            parts.append((["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"],
                          quotedPrintable(EmailLayout.text(letter, base: base), lineEnding: lineEnding)))
            parts.append((["Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"],
                          quotedPrintable(EmailLayout.html(letter, subject: m.subject, base: base), lineEnding: lineEnding)))
        } else {
            parts.append((["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"],
                          quotedPrintable(m.body, lineEnding: lineEnding)))
        }
        if let calendar = FeedRenderer.invitation(m), let method = m.invitation?.method.rawValue {
            parts.append((["Content-Type: text/calendar; charset=utf-8; method=\(method)", "Content-Transfer-Encoding: base64"],
                          Data(calendar).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
                              .replacingOccurrences(of: "\n", with: lineEnding)))
        }
        var body: String
        if parts.count == 1 {
            headers += parts[0].headers.map { line in
                let colon = line.firstIndex(of: ":")!
                return (String(line[..<colon]), String(line[line.index(colon, offsetBy: 2)...]))
            }
            body = parts[0].body + lineEnding
        } else {
            let boundary = "=_briefings_" + String(m.messageID.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.prefix(40).map(Character.init))
            headers.append(("Content-Type", "multipart/alternative; boundary=\"\(boundary)\""))
            var lines = ["This is a message in MIME format" + (m.invitation == nil ? "." : ", with a calendar invitation."), ""]
            for part in parts { lines += ["--\(boundary)"] + part.headers + ["", part.body] }
            body = (lines + ["--\(boundary)--", ""]).joined(separator: lineEnding)
        }
        let head = headers.map { fold("\($0.0): \($0.1)", lineEnding: lineEnding) }.joined(separator: lineEnding)
        return Array((head + lineEnding + lineEnding + body).utf8)
    }

    /// `Mon, 07 Dec 2026 18:00:00 +0000`, in Europe/London time.
    static func date(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Europe/London") ?? TimeZone(secondsFromGMT: 0)
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return f.string(from: Date(timeIntervalSince1970: d.timeIntervalSince1970.rounded(.down)))
    }

    /// `Name <address>`: the name as it is when it is plain ASCII words, quoted when it holds specials, as RFC 2047
    /// words when it is not ASCII or has a word too long to fold.
    static func mailbox(_ a: OutgoingMessage.Address) -> String {
        let name = a.name.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : String($0) }.joined()
        if name.isEmpty { return "<\(a.email)>" }
        if !foldsAsItIs(name) { return "\(encodedWords(name)) <\(a.email)>" }
        let specials = Set("()<>[]:;@\\,.\"".unicodeScalars)
        if !name.unicodeScalars.contains(where: { specials.contains($0) }) { return "\(name) <\(a.email)>" }
        return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\" <\(a.email)>"
    }

    /// Unstructured header text (a Subject): as it is when it is ASCII words short enough to fold, else RFC 2047 words.
    static func encodedText(_ text: String) -> String {
        let clean = text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : String($0) }.joined()
        return foldsAsItIs(clean) ? clean : encodedWords(clean)
    }

    /// The longest word (a run without a space) a header may carry as it is: `fold` breaks lines only at spaces, so a
    /// longer one (a 3,000-character matter with no space in it) would stand on one line past RFC 5322's limits (78
    /// octets should, 998 must). With `Subject: ` before it a word of this length still makes a line of at most 78.
    static let longestPlainWord = 60

    /// Whether text can go into a header as it is: ASCII, and no word longer than `longestPlainWord`. Otherwise it goes
    /// as RFC 2047 words, which split anywhere between characters and fold between one another.
    static func foldsAsItIs(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(\.isASCII) && !text.utf8.split(separator: UInt8(ascii: " ")).contains { $0.count > longestPlainWord }
    }

    /// RFC 2047 `=?UTF-8?B?…?=` words of at most 64 characters, each holding whole characters, separated by spaces
    /// (where a header folds; the space between two encoded words is not part of the text).
    static func encodedWords(_ text: String) -> String {
        var words: [String] = [], chunk: [UInt8] = []
        for ch in text {
            let bytes = Array(String(ch).utf8)
            if chunk.count + bytes.count > 39 {   // 39 octets are 52 base64 characters: 12 more make 64, after `Subject: ` 73
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: " ")
    }

    /// Folds a header line at spaces so that no line is longer than 78 characters where a space allows.
    static func fold(_ line: String, lineEnding: String) -> String {
        guard line.utf8.count > 78 else { return line }
        var out = "", current = "", first = true
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            // Never right after the field's name: its value starts on its first line.
            if !first && current.utf8.count + 1 + word.utf8.count > 78 {
                out += current + lineEnding
                current = " " + word
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
            if !current.hasSuffix(":") { first = false }
        }
        return out + current
    }

    /// RFC 2045 quoted-printable of UTF-8 text: lines of at most 76 characters (soft breaks `=`), `=` and every
    /// non-ASCII or control octet as `=XX`, a space or tab at a line's end encoded; line breaks kept as breaks.
    static func quotedPrintable(_ text: String, lineEnding: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var lines: [String] = []
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var out: [UInt8] = [], column = 0
            for (i, b) in bytes.enumerated() {
                let last = i == bytes.count - 1
                let literal = (b >= 33 && b <= 126 && b != 61) || ((b == 32 || b == 9) && !last)
                let piece: [UInt8] = literal ? [b] : [61, hex[Int(b >> 4)], hex[Int(b & 15)]]
                // Keep room for the soft break's `=`: a line never exceeds 76 characters.
                if column + piece.count > (last ? 76 : 75) {
                    out += Array("=".utf8) + Array(lineEnding.utf8)
                    column = 0
                }
                out += piece
                column += piece.count
            }
            lines.append(String(decoding: out, as: UTF8.self))
        }
        return lines.joined(separator: lineEnding)
    }
}
