import BriefingsDomain
import BriefingsMail
import BriefingsStore
import Foundation
import Testing

@Suite("Email: rendering, the sendmail command, delivery")
struct MailTests {
    static let event = FeedEvent(uid: "session-7@briefings", title: "Briefing: Local Plan review (Labour Group)",
                                 description: "SE-0007, briefing BR-0003.", location: "Committee Room 1, Civic Centre",
                                 start: try! LondonTime.parse("2026-12-07T18:00"), end: try! LondonTime.parse("2026-12-07T18:45"),
                                 status: .tentative, sequence: 3, lastModified: try! LondonTime.parse("2026-11-02T09:00"))

    static func message(subject: String = "Invitation: Briefing: Local Plan review", body: String = "What happened.\n\nWhat you may do: `briefings officer confirm SE-0007`.",
                        invitation: OutgoingMessage.Invitation? = .init(method: .request, event: event)) -> OutgoingMessage {
        OutgoingMessage(messageID: "n7.0b1c@example.gov.uk", date: try! LondonTime.parse("2026-11-02T09:00"),
                        from: .init(name: "Demo District Council", email: "briefings@example.gov.uk"),
                        to: [.init(name: "Nadia Rahman", email: "nadia.rahman@example.gov.uk"),
                             .init(name: "Prof. Helen Clarke (co-opted, Audit Committee)", email: "helen.clarke@example.org"),
                             .init(name: "Zoë Ní Bhriain", email: "zoe@example.org")],
                        subject: subject, body: body, invitation: invitation)
    }

    /// The headers (unfolded) and the body of a rendered message.
    static func split(_ bytes: [UInt8]) -> (headers: [String: String], body: String) {
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.components(separatedBy: "\n\n")
        var headers: [String: String] = [:], last = ""
        for line in parts[0].split(separator: "\n") {
            if line.first == " " { headers[last]! += String(line) } else {
                let kv = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                last = String(kv[0]); headers[last] = String(kv[1].dropFirst())
            }
        }
        return (headers, parts.dropFirst().joined(separator: "\n\n"))
    }

    static func decodeQP(_ text: String) -> String {
        var out: [UInt8] = []
        let bytes = Array(text.replacingOccurrences(of: "=\n", with: "").utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 61, i + 2 < bytes.count, let v = UInt8(String(decoding: bytes[i + 1...i + 2], as: UTF8.self), radix: 16) {
                out.append(v); i += 3
            } else { out.append(bytes[i]); i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test("a message names every recipient on the To line, has no Bcc, a stable Message-ID, and encodes UTF-8 headers (RFC 2047)")
    func headers() throws {
        let m = Self.message(subject: "Invitation: Briefing: Café culture — Zoë's report, Mon 7 Dec 2026 18:00 GMT")
        let bytes = try MailMessage.render(m, publicURL: nil)
        #expect(try bytes == MailMessage.render(m, publicURL: nil), "the same message renders the same bytes on every attempt")
        let (h, _) = Self.split(bytes)
        #expect(h["Bcc"] == nil && h["Cc"] == nil)
        #expect(h["Message-ID"] == "<n7.0b1c@example.gov.uk>")
        #expect(h["From"] == "Demo District Council <briefings@example.gov.uk>")
        let to = try #require(h["To"])
        #expect(to.contains("Nadia Rahman <nadia.rahman@example.gov.uk>"))
        #expect(to.contains("\"Prof. Helen Clarke (co-opted, Audit Committee)\" <helen.clarke@example.org>"))
        #expect(to.contains("=?UTF-8?B?") && to.contains("<zoe@example.org>"))
        let subject = try #require(h["Subject"])
        #expect(subject.hasPrefix("=?UTF-8?B?") && !subject.contains("é"))
        // Every encoded word decodes back to the subject.
        let decoded = subject.split(separator: " ").map { w -> String in
            let b64 = w.dropFirst("=?UTF-8?B?".count).dropLast(2)
            return String(decoding: Data(base64Encoded: String(b64))!, as: UTF8.self)
        }.joined()
        #expect(decoded == m.subject)
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") { #expect(line.utf8.count <= 78 || !line.contains(" "), "\(line)") }
        #expect(h["Date"] == "Mon, 02 Nov 2026 09:00:00 +0000" && h["Auto-Submitted"] == "auto-generated")
    }

    /// An unstructured header's text: its RFC 2047 words decoded (the space between two of them is not text), plain
    /// words as they are.
    static func decodedText(_ header: String) -> String {
        var out = "", lastWasEncoded = false
        for (i, word) in header.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?=") {
                if i > 0 && !lastWasEncoded { out += " " }
                out += String(decoding: Data(base64Encoded: String(word.dropFirst("=?UTF-8?B?".count).dropLast(2)))!, as: UTF8.self)
                lastWasEncoded = true
            } else {
                out += (i > 0 ? " " : "") + word
                lastWasEncoded = false
            }
        }
        return out
    }

    @Test("no header line is over 78 octets, however long a word in the subject or a name is (a 3,000-character matter gave a 3,031-octet Subject line): such text goes as RFC 2047 words, and decodes back to itself")
    func longHeaders() throws {
        let matter = String(repeating: "A", count: 3_000)
        for subject in ["Invitation: Briefing: \(matter)", "Briefing: Zoë's \(matter) report", matter,
                        "Briefing: " + String(repeating: "planning ", count: 400) + "end", "Short and plain"] {
            var m = Self.message(subject: subject)
            m.to.append(.init(name: "Councillor " + String(repeating: "N", count: 1_500), email: "long.name@example.org"))
            m.to.append(.init(name: "Dr. " + String(repeating: "Q", count: 200) + " (co-opted)", email: "quoted@example.org"))
            let bytes = try MailMessage.render(m, publicURL: nil)
            let head = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n\n")[0]
            for line in head.split(separator: "\n") {
                #expect(line.utf8.count <= 78, "a header line of \(line.utf8.count) octets: \(line.prefix(90))…")
            }
            let (h, _) = Self.split(bytes)
            #expect(Self.decodedText(h["Subject"]!) == subject)
            #expect(subject.count > 100 || h["Subject"] == subject, "a short ASCII subject stays as it is")
            let to = try #require(h["To"])
            #expect(to.contains("<long.name@example.org>") && to.contains("<quoted@example.org>") && to.contains("Nadia Rahman <nadia.rahman@example.gov.uk>"))
            // Each recipient's name decodes back to itself.
            let names = to.components(separatedBy: ">, ").map { mailbox in
                Self.decodedText(String(mailbox[..<mailbox.range(of: " <", options: .backwards)!.lowerBound])).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            #expect(names == m.to.map(\.name))
        }
    }

    @Test("the body is quoted-printable UTF-8 that decodes to the text; a plain notice is text/plain alone")
    func body() throws {
        let text = "Reason: the Director’s diary — a line that is long enough to need a soft line break somewhere in the middle of it, surely.\nSecond line = fine \nThird"
        let bytes = try MailMessage.render(Self.message(body: text, invitation: nil), publicURL: nil)
        let (h, body) = Self.split(bytes)
        #expect(h["Content-Type"] == "text/plain; charset=utf-8" && h["Content-Transfer-Encoding"] == "quoted-printable")
        #expect(Self.decodeQP(String(body.dropLast())) == text)
        #expect(body.split(separator: "\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(!bytes.contains { $0 >= 0x80 }, "nothing but ASCII on the wire")
    }

    @Test("an invitation carries a text/calendar part with METHOD, the event's UID and SEQUENCE, ORGANIZER and an ATTENDEE each")
    func invitation() throws {
        for method in [OutgoingMessage.Method.request, .cancel] {
            var e = Self.event
            if method == .cancel { e.status = .cancelled; e.sequence = 4 }
            let (h, body) = Self.split(try MailMessage.render(Self.message(invitation: .init(method: method, event: e)), publicURL: nil))
            #expect(h["Content-Type"]?.hasPrefix("multipart/alternative; boundary=") == true)
            #expect(body.contains("Content-Type: text/calendar; charset=utf-8; method=\(method.rawValue)"))
            let b64 = try #require(body.components(separatedBy: "Content-Transfer-Encoding: base64\n\n").last?.components(separatedBy: "\n--").first)
            let ics = String(decoding: try #require(Data(base64Encoded: b64.replacingOccurrences(of: "\n", with: ""))), as: UTF8.self)
            let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
            #expect(unfolded.contains("METHOD:\(method.rawValue)\r\n") && unfolded.contains("UID:session-7@briefings\r\n"))
            #expect(unfolded.contains("SEQUENCE:\(e.sequence)\r\n") && unfolded.contains("DTSTART;TZID=Europe/London:20261207T180000"))
            #expect(unfolded.contains("ORGANIZER;CN=Demo District Council:mailto:briefings@example.gov.uk"))
            #expect(unfolded.components(separatedBy: "ATTENDEE;").count - 1 == 3)
            #expect(unfolded.contains("CN=\"Prof. Helen Clarke (co-opted, Audit Committee)\""))
            #expect(unfolded.contains("STATUS:\(method == .cancel ? "CANCELLED" : "TENTATIVE")"))
            #expect(!unfolded.contains("X-WR-CALNAME") && !unfolded.contains("REFRESH-INTERVAL"), "a message, not a feed")
            #expect(ics.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        }
    }

    @Test("an officer's invitation asks for her calendar's answer: ORGANIZER and Reply-To the desk's address with her token, RSVP=TRUE (issue 24)")
    func replyAddress() throws {
        var m = Self.message()
        m.to = [m.to[0]]
        let address = EmailAddress.plus("briefings@example.gov.uk", "k3xq7abc")
        #expect(address == "briefings+k3xq7abc@example.gov.uk" && EmailAddress.token(in: "Briefings+K3XQ7ABC@Example.gov.uk", desk: "briefings@example.gov.uk") == "k3xq7abc")
        #expect(EmailAddress.token(in: "briefings@example.gov.uk", desk: "briefings@example.gov.uk") == nil)
        #expect(EmailAddress.token(in: "briefings+x@example.org", desk: "briefings@example.gov.uk") == nil)
        m.replyTo = .init(name: "Demo District Council", email: address)
        let (h, body) = Self.split(try MailMessage.render(m, publicURL: nil))
        #expect(h["Reply-To"] == "Demo District Council <\(address)>" && h["From"] == "Demo District Council <briefings@example.gov.uk>")
        let b64 = try #require(body.components(separatedBy: "Content-Transfer-Encoding: base64\n\n").last?.components(separatedBy: "\n--").first)
        let ics = String(decoding: try #require(Data(base64Encoded: b64.replacingOccurrences(of: "\n", with: ""))), as: UTF8.self)
            .replacingOccurrences(of: "\r\n ", with: "")
        #expect(ics.contains("ORGANIZER;CN=Demo District Council:mailto:\(address)") && ics.contains("RSVP=TRUE") && !ics.contains("RSVP=FALSE"))
        // Without a reply address (a group's attendees), answers are given on the desk.
        let (plain, _) = Self.split(try MailMessage.render(Self.message(), publicURL: nil))
        #expect(plain["Reply-To"] == nil)
    }

    /// A message with a letter, as every step now queues one (issue 24).
    static func letterMessage(invitation: OutgoingMessage.Invitation? = .init(method: .request, event: event)) -> OutgoingMessage {
        var m = message(subject: "Invitation to brief: Local Plan review, Mon 7 Dec 18:00 (SE-0007)", body: "", invitation: invitation)
        m.letter = Letter(news: ["The Chief Executive agreed this briefing (RQ-0001)."], facts: [.init("Where", "Committee Room 1, Civic Centre")],
                          asked: "What is asked of you: confirm on the desk that you will attend.",
                          links: [.init("Answer the invitation", "/desk/sessions#h-SE-0007")],
                          footer: ["Sent by the briefings desk of Demo District Council to Nadia Rahman; nobody else is copied."])
        return m
    }

    /// Each part of a multipart body: its headers and its decoded text.
    static func parts(_ body: String, boundary: String) -> [(type: String, text: String)] {
        body.components(separatedBy: "--\(boundary)").dropFirst().dropLast().map { part in
            let halves = part.components(separatedBy: "\n\n")
            let head = halves[0], content = halves.dropFirst().joined(separator: "\n\n")
            let type = head.split(separator: "\n").first { $0.hasPrefix("Content-Type: ") }.map { String($0.dropFirst(14)) } ?? ""
            let text = head.contains("base64") ? String(decoding: Data(base64Encoded: content.replacingOccurrences(of: "\n", with: "")) ?? Data(), as: UTF8.self)
                : decodeQP(content)
            return (type, text)
        }
    }

    @Test("a letter is sent as plain text and HTML (and the calendar part), its desk links under the public address; without one it is refused, naming the setting")
    func letter() throws {
        let (h, body) = Self.split(try MailMessage.render(Self.letterMessage(), publicURL: "https://briefings.example.gov.uk"))
        let type = try #require(h["Content-Type"])
        #expect(type.hasPrefix("multipart/alternative; boundary="))
        let boundary = String(type.split(separator: "\"")[1])
        let parts = Self.parts(body, boundary: boundary)
        #expect(parts.map(\.type) == ["text/plain; charset=utf-8", "text/html; charset=utf-8", "text/calendar; charset=utf-8; method=REQUEST"])
        #expect(parts[0].text.contains("Answer the invitation:\nhttps://briefings.example.gov.uk/desk/sessions#h-SE-0007"))
        #expect(parts[0].text.contains("\n-- \nSent by the briefings desk of Demo District Council to Nadia Rahman; nobody else is copied."))
        #expect(parts[1].text.contains("<html lang=\"en\">") && parts[1].text.contains("<title>Invitation to brief: Local Plan review, Mon 7 Dec 18:00 (SE-0007)</title>"))
        #expect(parts[1].text.contains("<a href=\"https://briefings.example.gov.uk/desk/sessions#h-SE-0007\""))
        #expect(parts[2].text.contains("UID:session-7@briefings"))
        // A notice without a calendar: the two parts alone.
        let (h2, body2) = Self.split(try MailMessage.render(Self.letterMessage(invitation: nil), publicURL: "https://briefings.example.gov.uk"))
        let boundary2 = String(try #require(h2["Content-Type"]).split(separator: "\"")[1])
        #expect(Self.parts(body2, boundary: boundary2).map(\.type) == ["text/plain; charset=utf-8", "text/html; charset=utf-8"])
        #expect { try MailMessage.render(Self.letterMessage(), publicURL: nil) } throws: {
            let text = "\($0)"
            return text.contains("/desk/sessions#h-SE-0007") && text.contains("--public-url") && text.contains("BRIEFINGS_PUBLIC_URL")
        }
    }

    @Test("the sendmail setting splits like a shell's words; a bad one is refused")
    func command() throws {
        #expect(try SendmailCommand("/usr/sbin/sendmail -t -i").arguments == ["/usr/sbin/sendmail", "-t", "-i"])
        #expect(try SendmailCommand("msmtp -C '/etc/my msmtprc' -t").arguments == ["msmtp", "-C", "/etc/my msmtprc", "-t"])
        #expect(try SendmailCommand(#"sh -c "cat > \"/tmp/x y\"""#).arguments == ["sh", "-c", #"cat > "/tmp/x y""#])
        #expect(throws: SendmailCommand.Invalid.self) { try SendmailCommand("  ") }
        #expect(throws: SendmailCommand.Invalid.self) { try SendmailCommand("msmtp -C 'unclosed") }
    }

    @Test("handing over: the message on standard input; a missing command, a non-zero exit or the time limit is a failure saying so")
    func send() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes = try MailMessage.render(Self.message(), publicURL: nil)
        try SendmailCommand("sh -c 'cat > \"$0\"' \(dir.path)/out.eml").send(bytes)
        #expect(try Data(contentsOf: dir.appendingPathComponent("out.eml")) == Data(bytes))
        #expect { try SendmailCommand("/nonexistent/sendmail -t").send(bytes) } throws: {
            "\($0)".contains("/nonexistent/sendmail' does not exist") && "\($0)".contains("msmtp-mta")
        }
        #expect { try SendmailCommand("sh -c 'echo relay refused >&2; exit 75'").send(bytes) } throws: {
            "\($0)".contains("exited with status 75") && "\($0)".contains("relay refused")
        }
        #expect { try SendmailCommand("sleep 30", timeLimit: 1).send(bytes) } throws: { "\($0)".contains("did not finish within 1 seconds") }
    }
}
