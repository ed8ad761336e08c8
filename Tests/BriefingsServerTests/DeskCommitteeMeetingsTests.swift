import BriefingsCLI
import BriefingsDomain
import BriefingsServer
import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 26, item 2, on the web desk: the request form offers the committee calendar's forthcoming meetings, a request
/// links to one, and its page and the approver's show when the meeting moves or is cancelled.
@Suite("Web desk: committee calendar")
struct DeskCommitteeMeetingsTests {
    static let source = BriefingDesk.MeetingSourceFetch(kind: .moderngov, url: "https://democracy.example.gov.uk/mgWebService.asmx")

    static func publish(_ desk: BriefingDesk, planning: String, cabinetCancelled: Bool = false) async throws {
        _ = try await desk.importMeetings([
            PublishedMeeting(sourceKey: "moderngov:501", committee: "Planning Committee", date: LocalDate(planning)!, time: "18:30"),
            PublishedMeeting(sourceKey: "moderngov:610", committee: "Cabinet", date: LocalDate("2027-01-20")!, time: "10:00", cancelled: cabinetCancelled),
        ], from: source, shown: "https://democracy.example.gov.uk/…", keepSource: true, nextIn: 86_400)
    }

    @Test("the request form offers the forthcoming meetings only when there are any; a request sent with one takes its name and date")
    func chooseAMeeting() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-patel", desk: f.desk)
            #expect(try await !b.get("/desk/requests/new").body.contains("id=\"meetingId\""))
            try await Self.publish(f.desk, planning: "2026-12-15")
            let page = try await b.get("/desk/requests/new")
            #expect(page.body.contains("<select id=\"meetingId\" name=\"meetingId\""), "\(page.body.prefix(300))")
            #expect(page.body.contains("<option value=\"CM-0001\">Planning Committee, Tue 15 Dec 2026, 18:30</option>"), "\(page.body)")
            let fields: [(String, String)] = [
                ("matter", "Town centre car parks"), ("area", "planning"), ("meetingId", "CM-0001"), ("officer", "o-dir-place"),
                ("start", "2026-12-07T18:30"), ("duration", "2h"), ("segment", "45m"), ("venue", "room"), ("room", "cr2"), ("attendee", "m-patel"),
            ]
            let sent = try await b.post("/desk/requests", fields)
            #expect(sent.status == 303 && sent.location == "/desk/requests/RQ-0003", "\(sent.status) \(sent.body.prefix(600))")
            let p = try await f.desk.request("RQ-0003", as: "m-patel").proposal
            #expect(p.matter.meetingID == "CM-0001" && p.matter.linkedMeeting == "Planning Committee" && p.matter.meetingDate == LocalDate("2026-12-15"))
            let shown = try await b.get("/desk/requests/RQ-0003")
            #expect(shown.body.contains("<dd>Planning Committee (Tue 15 Dec 2026)</dd>"), "\(shown.body)")

            // An unknown meeting is refused at its box, saying what to do, and nothing is saved.
            let refused = try await b.post("/desk/requests", fields.map { $0.0 == "meetingId" ? ($0.0, "CM-0099") : $0 })
            #expect(refused.status == 404, "\(refused.status)")
            #expect(refused.body.contains("id=\"meetingId-error\"") && refused.body.contains("no such meeting in the council"), "\(refused.body)")
            #expect(!refused.body.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression).contains("--"),
                    "no command-line words in what the page says (the random form token, in a tag, may hold \"--\")")
            await #expect(throws: DeskError.self) { try await f.desk.request("RQ-0004", as: "m-patel") }
        }
    }

    @Test("a moved meeting shows its new date on the request's page, a cancelled one shows as cancelled in the approver's queue")
    func movedAndCancelled() async throws {
        let f = try await Fixture.make()
        try await Self.publish(f.desk, planning: "2026-12-15")
        for meeting in ["CM-0001", "CM-0002"] {
            var form = Fixture.form(group: "LAB", start: "2026-12-08T14:00")
            form.meeting = nil; form.meetingId = meeting
            _ = try await f.desk.submitRequest(form, as: "m-patel")
        }
        try await Self.publish(f.desk, planning: "2026-12-17", cabinetCancelled: true)
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("m-patel", desk: f.desk)
            let moved = try await b.get("/desk/requests/RQ-0003")
            #expect(moved.body.contains("Planning Committee: meeting moved to Thu 17 Dec 2026 (was Tue 15 Dec 2026)"), "\(moved.body)")
            let approver = DeskBrowser(client)
            try await approver.signIn("o-ceo", desk: f.desk)
            let cancelled = try await approver.get("/desk/queue/RQ-0004")
            #expect(cancelled.body.contains("Cabinet, Wed 20 Jan 2027: meeting cancelled"), "\(cancelled.body)")
            #expect(cancelled.body.contains("was cancelled, so there is no meeting left for it to inform"), "the council-business verdict says so")
            // The Monitoring Officer reads each import in the audit trail, in words.
            let mo = DeskBrowser(client)
            try await mo.signIn("o-mo", desk: f.desk)
            let audit = try await mo.get("/desk/audit")
            #expect(audit.body.contains("Committee meetings imported"), "\(audit.body.prefix(2000))")
        }
    }

    @Test("the JSON API takes a committee meeting's id as meetingId; an unknown one is 404 naming it and what to do, and changes nothing")
    func api() async throws {
        let f = try await Fixture.make()
        try await Self.publish(f.desk, planning: "2026-12-15")
        try await f.app.test(.router) { client in
            let linked = #"{"group":"LAB","matter":"Car parks","area":"planning","meetingId":"CM-0001","officers":["o-dir-place"],"session":{"start":"2026-12-07T18:30","room":"cr2","attendees":["m-patel"]}}"#
            try await client.execute(uri: "/api/requests", method: .post, headers: f.headers("m-patel"), body: body(linked)) { r in
                #expect(r.status == .created, "\(String(buffer: r.body))")
            }
            let p = try await f.desk.request("RQ-0003", as: "m-patel").proposal
            #expect(p.matter.meetingID == "CM-0001" && p.matter.meetingDate == LocalDate("2026-12-15"))
            let before = try f.snapshot()
            let unknown = linked.replacingOccurrences(of: "CM-0001", with: "CM-0099")
            try await client.execute(uri: "/api/requests", method: .post, headers: f.headers("m-patel"), body: body(unknown)) { r in
                #expect(r.status == .notFound, "\(String(buffer: r.body))")
                #expect((json(r)["message"] as? String ?? "").contains("committee meeting CM-0099"), "\(String(buffer: r.body))")
                #expect((json(r)["fix"] as? String ?? "").contains("committee calendar"))
            }
            #expect(try f.snapshot() == before)
        }
    }

    @Test("the command line links a request to a committee meeting the same way against the service as on the database; an unknown one is refused alike")
    func commandLineRemote() async throws {
        let path = LiveServiceTests.temporaryPath()
        defer { LiveServiceTests.remove(path) }
        let f = try await Fixture.make(path: path)
        try await Self.publish(f.desk, planning: "2026-12-15")
        try await f.app.test(.live) { client in
            let server = "http://127.0.0.1:\(client.port!)"
            let ask = ["request", "create", "--group", "LAB", "--matter", "Parks", "--area", "planning", "--officer", "o-dce",
                       "--start", "2026-12-08T10:00", "--room", "cr2", "--attendee", "m-patel", "--meeting"]
            let remote = ["--server", server, "--token", f.tokens["m-patel"]!], local = ["--database", path, "--as", "m-patel"]
            let l = await LiveServiceTests.cli(ask + ["CM-0099"] + local), r = await LiveServiceTests.cli(ask + ["CM-0099"] + remote)
            #expect(l.code == CLI.ExitCode.notFound.rawValue && l.code == r.code && l.err == r.err, "\(l) \(r)")
            #expect(l.err.contains("committee meeting CM-0099"), "\(l.err)")
            let made = await LiveServiceTests.cli(ask + ["cm-1"] + remote)
            #expect(made.code == 0 && made.out.contains("RQ-0003"), "\(made)")
            let p = try await f.desk.request("RQ-0003", as: "m-patel").proposal
            #expect(p.matter.meetingID == "CM-0001" && p.matter.meetingDate == LocalDate("2026-12-15") && p.matter.linkedMeeting == "Planning Committee")
        }
    }

    @Test("a request takes its meeting's name and date as they are when it is saved, whatever the form read before; an unknown one is refused there too")
    func linkedWhenSaved() async throws {
        let f = try await Fixture.make()
        try await Self.publish(f.desk, planning: "2026-12-15")
        var form = Fixture.form(group: "LAB", start: "2026-12-08T14:00")
        form.meeting = nil; form.meetingId = "CM-0001"; form.meetingDate = "2026-12-10"
        let stale = try form.proposal(requester: "m-patel")   // read before an import moved the meeting
        try await Self.publish(f.desk, planning: "2026-12-17")
        _ = try await f.desk.submitRequest(stale)
        let p = try await f.desk.request("RQ-0003", as: "m-patel").proposal
        #expect(p.matter.meetingDate == LocalDate("2026-12-17") && p.matter.linkedMeeting == "Planning Committee")
        var unknown = stale
        unknown.matter.meetingID = "CM-0099"
        await #expect(throws: DeskError.self) { try await f.desk.submitRequest(unknown) }
    }
    @Test("the administrator's page shows where the committee calendar comes from, how its last read went, and the meetings to come")
    func adminSeesTheCalendar() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("ds-admin", desk: f.desk)
            var page = try await b.get("/desk/admin")
            #expect(page.body.contains("<h2 id=\"committee-calendar\">The committee calendar</h2>") && page.body.contains("No committee calendar is kept"),
                    "\(page.body)")
            try await Self.publish(f.desk, planning: "2026-12-15")
            try await Self.publish(f.desk, planning: "2026-12-17", cabinetCancelled: true)
            page = try await b.get("/desk/admin")
            let text = page.body.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
                .replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
            for shown in ["ModernGov", "https://democracy.example.gov.uk", "Every current committee", "Read without error",
                          "CM-0001 Thu 17 Dec 2026, 18:30 Planning Committee moved from Tue 15 Dec 2026", "CM-0002 Wed 20 Jan 2027, 10:00 Cabinet cancelled"] {
                #expect(text.contains(shown), "\(shown): \(text)")
            }
            #expect(!text.contains("--") && !text.contains("briefings meetings"), "no command-line words on the page")
            _ = try await f.desk.recordMeetingSourceFailure(Self.source, "the web service did not answer within 30 seconds", nextIn: 86_400)
            page = try await b.get("/desk/admin")
            #expect(page.body.contains("The last read failed (1 time). The web service did not answer within 30 seconds."), "\(page.body)")
        }
    }
}
