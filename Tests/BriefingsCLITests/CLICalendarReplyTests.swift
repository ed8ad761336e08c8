import BriefingsCLI
import BriefingsDomain
import Foundation
import GRDB
import Testing

/// Answers from an officer's own calendar through `briefings mail receive` (issue 24): replies shaped as Outlook, Google
/// Calendar and Apple Calendar send them (`Tests/fixtures/replies/`, their token, UID and SEQUENCE made those of the
/// invitation the desk sent), each wrapped in the MIME message that calendar mails, change the officer's state on the desk;
/// every refusal case leaves the database exactly as it was.
@Suite("Calendar replies by mail")
struct CLICalendarReplyTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../fixtures/replies").standardized
    static let nadia = "nadia.rahman@example.gov.uk"

    /// A council with SE-0001 booked for Labour with the Director of Place (Nadia Rahman), her invitation sent.
    static func council() async throws -> Council {
        let c = try await Council()
        try #require(await c.request().code == 0)
        try #require(await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo").code == 0)
        return c
    }

    /// The reply address of the last invitation to `email`, and the session and SEQUENCE it was for (from the outbox).
    static func invitation(_ c: Council, to email: String = nadia, uid: String? = nil) throws -> (replyTo: String, uid: String, sequence: Int) {
        let messages = try DatabaseQueue(path: c.path).read { db in try String.fetchAll(db, sql: "SELECT message FROM outbox ORDER BY id DESC") }
        for text in messages {
            let m = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            guard let to = m["to"] as? [[String: Any]], to.count == 1, (to[0]["email"] as? String)?.lowercased() == email,
                  let reply = (m["replyTo"] as? [String: Any])?["email"] as? String,
                  let event = (m["invitation"] as? [String: Any])?["event"] as? [String: Any],
                  uid == nil || event["uid"] as? String == uid else { continue }
            return (reply, try #require(event["uid"] as? String), try #require(event["sequence"] as? Int))
        }
        Issue.record("no invitation with a reply address to \(email)")
        throw CancellationError()
    }

    /// A fixture made the answer to that invitation: its ORGANIZER the reply address, its UID and SEQUENCE the invitation's.
    static func calendar(_ name: String, _ inv: (replyTo: String, uid: String, sequence: Int), sequence: Int? = nil) throws -> String {
        var text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        text = text.replacingOccurrences(of: "briefings+Zq3xT0k3n@example.gov.uk", with: inv.replyTo)
            .replacingOccurrences(of: "session-1@briefings", with: inv.uid)
            .replacingOccurrences(of: "SEQUENCE:2", with: "SEQUENCE:\(sequence ?? inv.sequence)")
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
    }

    enum Shape { case outlook, google, apple, plain }

    /// The calendar part in the message each client sends: Outlook multipart/alternative with the part in base64; Google
    /// multipart/mixed holding an alternative with the part as it is, plus an application/ics attachment; Apple the part
    /// quoted-printable. `plain`: a text reply with no calendar part.
    static func mail(_ shape: Shape, calendar: String, method: String = "REPLY", from: String = nadia, to: String,
                     headers: [String] = []) -> String {
        let head = ["From: Nadia Rahman <\(from)>", "To: Demo District Council <\(to)>", "Subject: Accepted: Briefing",
                    "Date: Mon, 02 Nov 2026 10:00:00 +0000", "Message-ID: <reply-\(UUID().uuidString)@example.gov.uk>", "MIME-Version: 1.0"] + headers
        let b64 = Data(calendar.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let lines: [String]
        switch shape {
        case .outlook:
            lines = head + ["Content-Type: multipart/alternative; boundary=\"_000_outlook_\"", "", "--_000_outlook_",
                            "Content-Type: text/plain; charset=\"us-ascii\"", "", "", "--_000_outlook_",
                            "Content-Type: text/calendar; charset=\"utf-8\"; method=\(method)", "Content-Transfer-Encoding: base64", "", b64,
                            "", "--_000_outlook_--", ""]
        case .google:
            lines = head + ["Content-Type: multipart/mixed; boundary=\"000000000000outer\"", "", "--000000000000outer",
                            "Content-Type: multipart/alternative; boundary=\"000000000000inner\"", "", "--000000000000inner",
                            "Content-Type: text/plain; charset=\"UTF-8\"; format=flowed; delsp=yes", "", "Nadia Rahman has declined this invitation.",
                            "", "--000000000000inner", "Content-Type: text/calendar; charset=\"UTF-8\"; method=\(method)",
                            "Content-Transfer-Encoding: 7bit", "", calendar, "--000000000000inner--", "--000000000000outer",
                            "Content-Type: application/ics; name=\"invite.ics\"", "Content-Disposition: attachment; filename=\"invite.ics\"",
                            "Content-Transfer-Encoding: base64", "", b64, "--000000000000outer--", ""]
        case .apple:
            let qp = calendar.replacingOccurrences(of: "=", with: "=3D").replacingOccurrences(of: "\r\n", with: "=0D\r\n")
            lines = head + ["Content-Type: multipart/alternative; boundary=\"Apple-Mail=_1\"", "", "--Apple-Mail=_1",
                            "Content-Transfer-Encoding: 7bit", "Content-Type: text/plain; charset=us-ascii", "", "", "--Apple-Mail=_1",
                            "Content-Transfer-Encoding: quoted-printable", "Content-Type: text/calendar; method=\(method); charset=utf-8", "", qp,
                            "--Apple-Mail=_1--", ""]
        case .plain:
            lines = head + ["Content-Type: text/plain; charset=utf-8", "", "Thanks, I will be there.", ""]
        }
        return lines.joined(separator: "\r\n")
    }

    /// `mail receive` fed this message (from a file, as standard input would be).
    static func receive(_ c: Council, _ message: String, _ extra: [String] = []) async throws -> (code: Int32, out: String, err: String) {
        let file = c.path + ".eml"
        try Data(message.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        return await c.run(["mail", "receive", "--file", file] + extra)
    }

    /// The response of the session's one officer as the desk shows it (`session show --json`).
    static func officer(_ c: Council, _ session: String = "SE-0001") async throws -> String? {
        let r = await c.run("session", "show", session, "--as", "o-ceo", "--json")
        let s = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any], "\(r)")
        let officers = try #require(s["officers"] as? [[String: Any]], "\(s)")
        #expect(officers.count == 1, "\(officers)")
        return officers.first?["response"] as? String
    }

    @Test("Outlook's Accept confirms the officer's attendance; the same reply again is refused (used token) and changes nothing",
          arguments: [(Shape.outlook, "outlook-accepted.ics"), (.apple, "apple-accepted.ics")])
    func accept(shape: Shape, fixture: String) async throws {
        let c = try await Self.council()
        let inv = try Self.invitation(c)
        #expect(inv.replyTo.hasPrefix("briefings+") && inv.replyTo.hasSuffix("@example.gov.uk"), "\(inv.replyTo)")
        #expect(try await Self.officer(c) == "invited")
        let message = Self.mail(shape, calendar: try Self.calendar(fixture, inv), to: inv.replyTo)
        var r = try await Self.receive(c, message)
        #expect(r.code == 0 && r.out.contains("applied") && r.out.contains("confirmed SE-0001"), "\(r)")
        #expect(try await Self.officer(c) == "confirmed")
        let audit = await c.run("audit", "--as", "o-mo", "--json")
        #expect(audit.out.contains("calendar reply"), "the audit entry says it came from the calendar")
        let before = try c.snapshot()
        r = try await Self.receive(c, message)
        #expect(r.code == 0 && r.out.contains("ignored") && r.out.contains("already used"), "\(r)")
        #expect(try c.snapshot() == before)
    }

    @Test("Google Calendar's Decline declines the officer's attendance with her note as the reason")
    func decline() async throws {
        let c = try await Self.council()
        let inv = try Self.invitation(c)
        let r = try await Self.receive(c, Self.mail(.google, calendar: try Self.calendar("google-declined.ics", inv), to: inv.replyTo))
        #expect(r.code == 0 && r.out.contains("applied") && r.out.contains("On leave"), "\(r)")
        #expect(try await Self.officer(c) == "declined")
    }

    @Test("Outlook's Propose New Time becomes the officer's proposed time, for the group to take or refuse")
    func counter() async throws {
        let c = try await Self.council()
        let inv = try Self.invitation(c)
        let r = try await Self.receive(c, Self.mail(.outlook, calendar: try Self.calendar("outlook-counter.ics", inv), method: "COUNTER", to: inv.replyTo))
        #expect(r.code == 0 && r.out.contains("applied") && r.out.contains("TP-0001") && r.out.contains("2026-12-09T10:00"), "\(r)")
        let shown = await c.run("session", "show", "SE-0001", "--as", "m-patel")
        #expect(shown.out.contains("TP-0001") && shown.out.contains("Site visit"), "\(shown)")
        #expect(try await Self.officer(c) == "invited")
    }

    @Test("refused, nothing changed: unknown token, another sender, stale SEQUENCE, a cancelled session, no calendar part, no token")
    func refusals() async throws {
        let c = try await Self.council()
        let inv = try Self.invitation(c)
        let accepted = try Self.calendar("outlook-accepted.ics", inv)
        func refused(_ message: String, _ reason: String, _ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let before = try c.snapshot()
            let r = try await Self.receive(c, message, extra)
            #expect(r.code == 0 && r.out.contains("ignored") && r.out.contains(reason), "\(r)", sourceLocation: sourceLocation)
            #expect(try c.snapshot() == before, "the database changed", sourceLocation: sourceLocation)
        }
        let unknown = "briefings+aaaaaaaaaaaaaaaaaaaaaaaaaa@example.gov.uk"
        try await refused(Self.mail(.outlook, calendar: accepted.replacingOccurrences(of: inv.replyTo, with: unknown), to: unknown), "unknown reply token")
        try await refused(Self.mail(.outlook, calendar: accepted, from: "someone.else@example.org", to: inv.replyTo), "not by the invitation's recipient")
        try await refused(Self.mail(.plain, calendar: "", to: inv.replyTo), "malformed")
        try await refused(Self.mail(.outlook, calendar: accepted, to: "briefings@example.gov.uk"), "no reply token")
        // The token is read from the address the mail server delivered to, when it says so.
        try await refused(Self.mail(.outlook, calendar: accepted, to: inv.replyTo), "no reply token", ["--recipient", "briefings@example.gov.uk"])
        try await refused(Self.mail(.outlook, calendar: try Self.calendar("outlook-accepted.ics", inv, sequence: inv.sequence - 1), to: inv.replyTo),
                          "stale SEQUENCE")
        #expect(await c.run("session", "cancel", "SE-0001", "--as", "m-patel", "--reason", "Group meeting cancelled").code == 0)
        try await refused(Self.mail(.outlook, calendar: accepted, to: inv.replyTo), "was cancelled")
        #expect(try await Self.officer(c) == "invited")
    }

    @Test("a decline officer-consistency refuses changes nothing on the desk, and tells the officer why and what to do; never in answer to an Auto-Submitted message")
    func declineRefused() async throws {
        let c = try await Self.council()
        #expect(await c.run("offer", "accept", "OF-0004", "--as", "m-nowak", "--start", "2027-01-12T10:00", "--duration", "90m", "--segment", "30m",
                            "--virtual", "https://meet.example.gov.uk/grn", "--attendee", "m-nowak").code == 0)
        #expect(await c.run("officer", "confirm", "SE-0001", "--as", "o-dir-place").code == 0)
        let inv = try Self.invitation(c, uid: "session-2@briefings")
        let declined = try Self.calendar("google-declined.ics", inv)
        let outbox = { try GRDBSupport.ints(c.path, "SELECT count(*) FROM outbox")[0] }
        // Automatic: nothing at all changes, not even a message.
        let before = try c.snapshot()
        var r = try await Self.receive(c, Self.mail(.google, calendar: declined, to: inv.replyTo, headers: ["Auto-Submitted: auto-replied"]))
        #expect(r.code == 0 && r.out.contains("refused") && r.out.contains("not answered"), "\(r)")
        #expect(try c.snapshot() == before)
        // From the officer: the desk stands, and she is told.
        let messages = try outbox()
        r = try await Self.receive(c, Self.mail(.google, calendar: declined, to: inv.replyTo, headers: ["Auto-Submitted: no"]))
        #expect(r.code == 0 && r.out.contains("refused") && r.out.contains("was told"), "\(r)")
        #expect(try await Self.officer(c, "SE-0002") == "invited")
        #expect(try outbox() == messages + 1)
        let told = try await DatabaseQueue(path: c.path).read { db in try String.fetchOne(db, sql: "SELECT message FROM outbox ORDER BY id DESC LIMIT 1") } ?? ""
        #expect(told.contains(Self.nadia) && told.contains("officer-consistency"), "\(told)")
        // Her token is not spent: she may still nominate on the desk, or answer differently from the calendar.
        r = try await Self.receive(c, Self.mail(.outlook, calendar: try Self.calendar("outlook-accepted.ics", inv), to: inv.replyTo))
        #expect(r.code == 0 && r.out.contains("applied"), "\(r)")
        #expect(try await Self.officer(c, "SE-0002") == "confirmed")
    }

    @Test("temporary failures exit 75 (EX_TEMPFAIL) so the mail server keeps the message: no database, a council without a desk address")
    func temporaryFailures() async throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-none-\(UUID().uuidString).sqlite").path
        let file = missing + ".eml"
        try Data(Self.mail(.plain, calendar: "", to: "briefings+x@example.gov.uk").utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        var r = await CLI.capture(["mail", "receive", "--file", file, "--database", missing], now: Council.now)
        #expect(r.code == 75 && r.err.contains("temporary failure"), "\(r)")
        let c = try await Council(roster: "examples/roster.json")
        try await DatabaseQueue(path: c.path).write { db in try db.execute(sql: "UPDATE council SET email = NULL") }
        r = await c.run("mail", "receive", "--file", file)
        #expect(r.code == 75 && r.err.contains("council.email"), "\(r)")
    }
}
