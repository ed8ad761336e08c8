import BriefingsCalendar
import BriefingsDomain
import Foundation

/// Renders an outbox message as the text the sendmail command reads (RFC 5322 with MIME): UTF-8 headers encoded as
/// RFC 2047 words, every recipient on the To line and no Bcc, a stable `Message-ID`, a quoted-printable plain-text
/// body, and for an invitation a `multipart/alternative` whose second part is the iMIP `text/calendar; method=…`
/// (RFC 6047) made by `FeedRenderer`. The same message renders the same bytes on every attempt.
public enum MailMessage {
    /// The message's bytes. Lines end in `lineEnding`: LF, as the sendmail interface reads them (the mail system
    /// writes CRLF on the wire; the calendar part keeps its own CRLF inside its base64).
    public static func render(_ m: OutgoingMessage, lineEnding: String = "\n") -> [UInt8] {
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
        let text = quotedPrintable(m.body, lineEnding: lineEnding)
        var body: String
        if let calendar = FeedRenderer.invitation(m), let method = m.invitation?.method.rawValue {
            let boundary = "=_briefings_" + String(m.messageID.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.prefix(40).map(Character.init))
            headers.append(("Content-Type", "multipart/alternative; boundary=\"\(boundary)\""))
            let calendarBase64 = Data(calendar).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
                .replacingOccurrences(of: "\n", with: lineEnding)
            body = ["This is a message in MIME format: a text and a calendar invitation.", "",
                    "--\(boundary)",
                    "Content-Type: text/plain; charset=utf-8",
                    "Content-Transfer-Encoding: quoted-printable", "",
                    text,
                    "--\(boundary)",
                    "Content-Type: text/calendar; charset=utf-8; method=\(method)",
                    "Content-Transfer-Encoding: base64", "",
                    calendarBase64,
                    "--\(boundary)--", ""].joined(separator: lineEnding)
        } else {
            headers.append(("Content-Type", "text/plain; charset=utf-8"))
            headers.append(("Content-Transfer-Encoding", "quoted-printable"))
            body = text + lineEnding
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
