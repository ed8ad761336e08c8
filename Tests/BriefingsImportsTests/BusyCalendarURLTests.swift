import BriefingsDomain
import BriefingsImports
@testable import BriefingsServer
import BriefingsStore
import Foundation
import Logging
import Testing

/// Issue 26, item 3: an officer's published calendar address, stored once and read with conditional GETs under the
/// file import's limits, from a web server on 127.0.0.1 whose calendar changes between reads.
@Suite("Officers' calendars by address")
struct BusyCalendarURLTests {
    static let secret = "Zq7rT2-the-secret-part-9f3c"
    static let path = "/owa/calendar/\(secret)/reachcalendar.ics"
    static let first = calendar([("20261110T100000", "20261110T113000", "Planning committee")])
    static let second = calendar([("20261111T140000", "20261111T150000", "Budget board"), ("20261112T090000", "20261112T100000", "Team")])

    /// A council, and a host on 127.0.0.1 publishing `first` at `path`; `body` gets both and the host's address.
    static func published(_ body: @Sendable (CouncilFile, PublishingHost, String) async throws -> Void) async throws {
        let council = try await CouncilFile()
        let host = PublishingHost()
        host.publish(path, first)
        try await host.serving { base in try await body(council, host, base) }
    }

    @Test("busy times follow the published calendar; a 304 imports nothing; the address is shown only as its host, never stored in the audit trail")
    func followsTheCalendar() async throws {
        try await Self.published { council, host, base in
            let set = await council.run("busy", "url", "set", "--officer", "o-dir-place", base + Self.path)
            #expect(set.code == 0, "\(set.err)")
            #expect(set.out.contains("\(base)/…") && !set.out.contains(Self.secret), "\(set.out)")

            let read = await council.run("busy", "url", "refresh", "--officer", "o-dir-place")
            #expect(read.code == 0, "\(read.out) \(read.err)")
            #expect(read.out.contains("1 busy time(s) imported"), "\(read.out)")
            #expect(try council.busy("o-dir-place") == ["2026-11-10T10:00–11:30 busy: Planning committee"])

            // The calendar changes: the next read replaces the busy times with the new ones.
            host.publish(Self.path, Self.second)
            #expect(await council.run("busy", "url", "refresh").code == 0)
            #expect(try council.busy("o-dir-place") == ["2026-11-11T14:00–15:00 busy: Budget board", "2026-11-12T09:00–10:00 busy: Team"])
            #expect(host.full == 2)

            // Unchanged: the read is conditional, the server answers 304, and nothing is imported or written but the time.
            let bookings = try council.rows("SELECT * FROM booking ORDER BY id").map(\.description)
            let audit = try council.auditText()
            let again = await council.run("busy", "url", "refresh", "--officer", "o-dir-place")
            #expect(again.code == 0 && again.out.contains("unchanged since"), "\(again.out)")
            #expect(host.notModified == 1 && host.full == 2)
            #expect(host.requests.last?.ifNoneMatch == PublishingHost.etag(Self.second))
            #expect(host.requests.last?.ifModifiedSince == PublishingHost.lastModified)
            #expect(try council.rows("SELECT * FROM booking ORDER BY id").map(\.description) == bookings)
            #expect(try council.auditText() == audit)

            // The administrator's list: the host only, when it was read, what it holds; the secret nowhere.
            let list = await council.run("busy", "url", "list")
            #expect(list.out.contains("o-dir-place: \(base)/…") && list.out.contains("2 busy time(s)"), "\(list.out)")
            let json = await council.run("busy", "url", "list", "--json")
            #expect(json.out.contains("\"status\" : \"unchanged\""), "\(json.out)")
            for text in [list.out, json.out, try council.auditText()] { #expect(!text.contains(Self.secret)) }
            #expect(try council.auditText().contains("busy.address.set o-dir-place"))
        }
    }

    @Test("a server that ignores the validators and sends the same calendar again costs no import")
    func sameCopyAgain() async throws {
        try await Self.published { council, host, base in
            host.set(.noValidators)
            #expect(await council.run("busy", "url", "set", "--officer", "o-dir-place", base + Self.path).code == 0)
            #expect(await council.run("busy", "url", "refresh").code == 0)
            let audit = try council.auditText(), bookings = try council.rows("SELECT * FROM booking ORDER BY id").map(\.description)
            let again = await council.run("busy", "url", "refresh")
            #expect(again.out.contains("unchanged"), "\(again.out)")
            #expect(host.full == 2)
            #expect(try council.auditText() == audit)
            #expect(try council.rows("SELECT * FROM booking ORDER BY id").map(\.description) == bookings)
        }
    }

    @Test("an oversized or endless answer is cut off at 10 MB with a clear status, and the busy times read before stay",
          arguments: ["oversized", "endless"])
    func cutOffAtTheSizeLimit(kind: String) async throws {
        try await Self.published { council, host, base in
            #expect(await council.run("busy", "url", "set", "--officer", "o-dir-place", base + Self.path).code == 0)
            #expect(await council.run("busy", "url", "refresh").code == 0)
            host.set(kind == "oversized" ? .oversized(11 * 1_048_576) : .endless)
            let started = Date()
            let cut = await council.run("busy", "url", "refresh")
            #expect(Date().timeIntervalSince(started) < 120)   // cut off: the endless answer would never end
            #expect(cut.code == 1)
            #expect(cut.out.contains("FAILED") && cut.out.contains("sent more than 10 MB, so the answer was cut off there and nothing was imported"), "\(cut.out)")
            #expect(cut.out.contains("Publish a shorter date range"))
            #expect(cut.err.contains("1 calendar address(es) could not be read"), "\(cut.err)")
            let kept = try council.busy("o-dir-place")
            #expect(kept == ["2026-11-10T10:00–11:30 busy: Planning committee"])
            let list = await council.run("busy", "url", "list", "--officer", "o-dir-place")
            #expect(list.out.contains("cut off") && list.out.contains("its busy times stay"), "\(list.out)")
            #expect(!cut.out.contains(Self.secret) && !list.out.contains(Self.secret))
        }
    }

    @Test("a server that stalls, or trickles without end, is cut off at the time limit and the timeout reported",
          arguments: ["stall", "trickle"])
    func timeoutIsReported(kind: String) async throws {
        try await Self.published { council, host, base in
            host.set(kind == "stall" ? .stall : .trickle)
            defer { host.release() }
            let desk = try council.desk()
            _ = try await desk.setBusyCalendar(officer: "o-dir-place", url: base + Self.path)
            let reader = BusyCalendarReader(desk: desk, fetch: WebFetch(limits: .init(maximumBytes: 1_048_576, timeout: .seconds(1))))
            let started = Date()
            let read = try await reader.read(officer: "o-dir-place")
            // Cut off after a second (the host would stall for a minute, or trickle for ever); slow only on a busy machine.
            #expect(Date().timeIntervalSince(started) < 30)
            #expect(read.first?.status == .failed)
            #expect(read.first?.error?.contains("did not send its whole answer within 1 seconds, so it was cut off") == true, "\(read)")
            #expect(read.first?.error?.contains(Self.secret) == false)
            #expect(try council.busy("o-dir-place").isEmpty)
        }
    }

    @Test("an address that answers 404, or a web page instead of a calendar, is a failed read that says what to do")
    func notACalendar() async throws {
        try await Self.published { council, host, base in
            host.publish(Self.path, "<html><body>Sign in to Outlook</body></html>")
            let desk = try council.desk()
            _ = try await desk.setBusyCalendar(officer: "o-dir-place", url: base + Self.path)
            let reader = BusyCalendarReader(desk: desk)
            let page = try await reader.read(officer: "o-dir-place")
            #expect(page.first?.status == .failed)
            #expect(page.first?.error?.hasPrefix("the calendar could not be read, so nothing was imported:") == true, "\(page)")
            host.set(.status(404))
            let gone = try await reader.read(officer: "o-dir-place")
            #expect(gone.first?.error?.contains("answered 404 Not Found: nothing is published at this address any more") == true, "\(gone)")
            #expect(gone.first?.error?.contains("set the new address") == true)
            #expect(gone.first?.failures == 2)
            #expect(gone.first?.error?.contains(Self.secret) == false)
        }
    }

    @Test("a bad address, an unknown officer or horizon is refused naming what is wrong and what to do; nothing is written")
    func refusals() async throws {
        let council = try await CouncilFile()
        let before = try council.snapshot()
        let ftp = await council.run("busy", "url", "set", "--officer", "o-dir-place", "ftp://files.example.org/cal.ics")
        #expect(ftp.code == 7 && ftp.err.contains("starts ftp://; it must be an https:// (or webcal://) address"), "\(ftp.err)")
        let text = await council.run("busy", "url", "set", "--officer", "o-dir-place", "my outlook calendar")
        #expect(text.code == 7 && text.err.contains("is not a web address") && text.err.contains("Publish a calendar"), "\(text.err)")
        let who = await council.run("busy", "url", "set", "--officer", "o-nobody", "https://calendar.example.org/x.ics")
        #expect(who.code == 4 && who.err.contains("no officer 'o-nobody' on the roster"), "\(who.err)")
        let horizon = await council.run("busy", "url", "set", "--officer", "o-dir-place", "--horizon", "0", "https://calendar.example.org/x.ics")
        #expect(horizon.code == 7 && horizon.err.contains("--horizon"), "\(horizon.err)")
        let remove = await council.run("busy", "url", "remove", "--officer", "o-dir-place")
        #expect(remove.code == 4 && remove.err.contains("has no calendar address"), "\(remove.err)")
        #expect(try council.snapshot() == before)
        // webcal:// is read over https; an address given on standard input works the same way (not tested: stdin).
        let webcal = await council.run("busy", "url", "set", "--officer", "o-dir-place", "webcal://p.example.org/cal/\(Self.secret).ics")
        #expect(webcal.code == 0 && webcal.out.contains("https://p.example.org/…"), "\(webcal.out)")
        #expect(try council.rows("SELECT url FROM busy_calendar").first?["url"] == "https://p.example.org/cal/\(Self.secret).ics")
    }

    @Test("serve reads the addresses that are due in the background, and logs the officer and outcome, never the address")
    func serveReadsDueAddresses() async throws {
        try await Self.published { council, host, base in
            let desk = try council.desk()
            _ = try await desk.setBusyCalendar(officer: "o-dir-place", url: base + Self.path)
            let lines = LogLines()
            let service = ImportService(desk: desk, schedule: ImportSchedule(tick: .milliseconds(100)), logger: Logger(label: "test") { _ in lines.handler() })
            try await runUntil(service) { try await desk.busyCalendar(officer: "o-dir-place")?.status == .imported }
            #expect(try council.busy("o-dir-place") == ["2026-11-10T10:00–11:30 busy: Planning committee"])
            #expect(lines.text.contains("officer=o-dir-place") && lines.text.contains("outcome=imported"), "\(lines.text)")
            #expect(!lines.text.contains(Self.secret))
        }
    }
}
