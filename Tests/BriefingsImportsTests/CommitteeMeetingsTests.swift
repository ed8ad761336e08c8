import BriefingsCLI
import BriefingsDomain
import BriefingsImports
@testable import BriefingsServer
import BriefingsStore
import Foundation
import Logging
import Testing

/// Issue 26, item 2: the committee calendar, imported from a web server on 127.0.0.1 answering as ModernGov's web
/// service does (`mgWebService.asmx`: GetCommittees, then GetMeetings for each committee with a DD/MM/YYYY date range),
/// and from an iCalendar file; requests link to its meetings and follow them when they move or are cancelled.
@Suite("Committee calendar")
struct CommitteeMeetingsTests {
    static let service = "/moderngov/mgWebService.asmx"
    /// Today is 2 November 2026: ModernGov is asked for the meetings from then to a year ahead.
    static let range = "sFromDate=02/11/2026&sToDate=02/11/2027"

    static let committees = """
        <?xml version="1.0" encoding="utf-8"?>
        <committees>
          <committee><committeeid>12</committeeid><committeetitle>Planning Committee</committeetitle>
            <committeeexpired>False</committeeexpired><committeedeleted>False</committeedeleted></committee>
          <committee><committeeid>7</committeeid><committeetitle>Cabinet</committeetitle>
            <committeeexpired>False</committeeexpired><committeedeleted>False</committeedeleted></committee>
          <committee><committeeid>3</committeeid><committeetitle>Old Regeneration Board</committeetitle>
            <committeeexpired>True</committeeexpired><committeedeleted>False</committeedeleted></committee>
        </committees>
        """

    /// A committee's meetings as GetMeetings answers: (id, DD/MM/YYYY, time, status).
    static func meetings(_ committee: String, _ list: [(String, String, String, String)]) -> String {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<getmeetings><committeeid>\(committee)</committeeid>"
            + list.map { "<meeting><meetingid>\($0.0)</meetingid><meetingdate>\($0.1)</meetingdate><meetingtime>\($0.2)</meetingtime><meetingstatus>\($0.3)</meetingstatus></meeting>" }.joined()
            + "</getmeetings>"
    }

    static func publish(_ host: PublishingHost, planning: [(String, String, String, String)], cabinet: [(String, String, String, String)]) {
        host.publish(service + "/GetCommittees", committees)
        host.publish(service + "/GetMeetings?lCommitteeId=12&" + range, meetings("12", planning))
        host.publish(service + "/GetMeetings?lCommitteeId=7&" + range, meetings("7", cabinet))
    }

    static let planning = [("501", "15/12/2026", "18:30", "Confirmed"), ("499", "01/11/2026", "18:30", "Confirmed")]
    static let cabinet = [("610", "20/01/2027", "10:00", "Confirmed")]

    /// A council, and ModernGov's web service on 127.0.0.1.
    static func moderngov(_ body: @Sendable (CouncilFile, PublishingHost, String) async throws -> Void) async throws {
        let council = try await CouncilFile()
        let host = PublishingHost()
        publish(host, planning: planning, cabinet: cabinet)
        try await host.serving { base in try await body(council, host, base + Self.service) }
    }

    /// A request for the Labour group linked to `meeting` (a committee meeting's id, or a name).
    static func request(_ council: CouncilFile, meeting: String, _ extra: [String] = []) async -> (code: Int32, out: String, err: String) {
        await council.run(["request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Local Plan review", "--area", "planning",
                           "--meeting", meeting, "--officer", "o-dir-place", "--start", "2026-12-07T14:00", "--room", "cr1",
                           "--attendee", "m-patel"] + extra)
    }

    static func proposal(_ council: CouncilFile, _ id: Int) throws -> SessionProposal {
        let json = try council.rows("SELECT proposal FROM request WHERE id = ?", [id])[0]["proposal"] as String
        return try JSONDecoder().decode(SessionProposal.self, from: Data(json.utf8))
    }

    @Test("ModernGov's committees and their forthcoming meetings are imported (expired committees and past meetings left out), listed, and a request links to one by its id")
    func importsFromModernGov() async throws {
        try await Self.moderngov { council, host, service in
            let imported = await council.run("meetings", "import", "--moderngov", service)
            #expect(imported.code == 0, "\(imported)")
            #expect(imported.out.contains("Imported 2 forthcoming meeting(s)") && imported.out.contains("2 new (CM-0001, CM-0002)"), "\(imported.out)")
            // Asked as ModernGov is: its committees, then each current committee's meetings over a year, never the expired one's.
            #expect(host.queries.contains(Self.service + "/GetCommittees?lDummy=0"), "\(host.queries)")
            #expect(host.queries.contains(Self.service + "/GetMeetings?lCommitteeId=12&" + Self.range), "\(host.queries)")
            #expect(!host.queries.contains { $0.contains("lCommitteeId=3&") })

            let list = await council.run("meetings", "list")
            #expect(list.out.contains("CM-0001  2026-12-15 18:30  Planning Committee"), "\(list.out)")
            #expect(list.out.contains("CM-0002  2027-01-20 10:00  Cabinet"), "\(list.out)")
            #expect(list.out.contains("Source: ModernGov http://127.0.0.1:"), "\(list.out)")
            #expect(!list.out.contains("2026-11-01"))
            #expect(try council.auditText().contains("meetings.import"))

            let asked = await Self.request(council, meeting: "CM-0001")
            #expect(asked.code == 0, "\(asked)")
            let p = try Self.proposal(council, 1)
            #expect(p.matter.meetingID == "CM-0001" && p.matter.linkedMeeting == "Planning Committee" && p.matter.meetingDate?.description == "2026-12-15")
            // The free-text way still works.
            #expect(await Self.request(council, meeting: "Full Council", ["--meeting-date", "2026-12-09"]).code == 0)
            #expect(try Self.proposal(council, 2).matter.meetingID == nil)
        }
    }

    @Test("only the committees asked for are read; an unknown committee id is refused naming the ones there are, and imports nothing")
    func chosenCommittees() async throws {
        try await Self.moderngov { council, host, service in
            let one = await council.run("meetings", "import", "--moderngov", service, "--committee", "7")
            #expect(one.code == 0 && one.out.contains("Imported 1 forthcoming meeting(s)"), "\(one)")
            #expect(!host.queries.contains { $0.contains("lCommitteeId=12&") })
            let before = try council.snapshot()
            let unknown = await council.run("meetings", "import", "--moderngov", service, "--committee", "99")
            #expect(unknown.code == 1, "\(unknown)")
            #expect(unknown.err.contains("has no committee 99") && unknown.err.contains("12 Planning Committee"), "\(unknown.err)")
            #expect(try council.snapshot() == before)

            // Cabinet's meeting disappears from ModernGov: reading only the Planning Committee cancels nothing for its absence;
            // reading every committee does.
            Self.publish(host, planning: Self.planning, cabinet: [])
            #expect(await council.run("meetings", "import", "--moderngov", service, "--committee", "12").code == 0)
            #expect(await !council.run("meetings", "list").out.contains("CANCELLED"))
            let all = await council.run("meetings", "import", "--moderngov", service)
            #expect(all.code == 0 && all.out.contains("Cancelled: CM-0001"), "\(all)")
            #expect(await council.run("meetings", "list").out.contains("CM-0001  2027-01-20 10:00  Cabinet  CANCELLED"))
        }
    }

    @Test("a meeting that moves keeps its id and the requests linked to it take its new date; a cancelled one is marked, and its request is referred")
    func movedAndCancelled() async throws {
        try await Self.moderngov { council, host, service in
            #expect(await council.run("meetings", "import", "--moderngov", service).code == 0)
            #expect(await Self.request(council, meeting: "CM-0001").code == 0)
            #expect(await Self.request(council, meeting: "cm-2").code == 0)

            Self.publish(host, planning: [("501", "17/12/2026", "18:30", "Confirmed")], cabinet: [("610", "20/01/2027", "10:00", "Cancelled")])
            let again = await council.run("meetings", "import", "--moderngov", service)
            #expect(again.code == 0, "\(again)")
            #expect(again.out.contains("CM-0001 Planning Committee moved from 2026-12-15 to 2026-12-17"), "\(again.out)")
            #expect(again.out.contains("Cancelled: CM-0002") && again.out.contains("Requests following their meeting: RQ-0001, RQ-0002"), "\(again.out)")
            // Matched on ModernGov's meeting id: updated, never duplicated.
            let count: Int = try council.rows("SELECT COUNT(*) AS n FROM committee_meeting")[0]["n"]
            #expect(count == 2)
            let list = await council.run("meetings", "list")
            #expect(list.out.contains("CM-0001  2026-12-17 18:30  Planning Committee  (moved from 2026-12-15)"), "\(list.out)")
            #expect(list.out.contains("CM-0002  2027-01-20 10:00  Cabinet  CANCELLED"), "\(list.out)")

            #expect(try Self.proposal(council, 1).matter.meetingDate?.description == "2026-12-17")
            #expect(try Self.proposal(council, 2).matter.meetingCancelled == true)
            let shown = await council.run("request", "show", "RQ-0002", "--as", "m-patel")
            #expect(shown.out.contains("for Cabinet on 2027-01-20 (CM-0002): that meeting was cancelled"), "\(shown.out)")
            #expect(await council.run("request", "show", "RQ-0001", "--as", "m-patel").out.contains("for Planning Committee on 2026-12-17 (CM-0001)"))
            // The approver sees the cancellation as a council-business referral.
            let queue = await council.run("queue", "--as", "o-ceo")
            #expect(queue.out.contains("was cancelled, so there is no meeting left for it to inform"), "\(queue.out)")
            let audit = try council.auditText()
            #expect(audit.contains("CM-0001 2026-12-15 → 2026-12-17") && audit.contains("requests following"), "\(audit)")
            // The requesting side is told of each, by email and among its notifications, in words with no command.
            let told = await council.run("notifications", "--as", "m-patel").out
            #expect(told.contains("Meeting moved: Local Plan review, now Thu 17 Dec (RQ-0001)"), "\(told)")
            #expect(told.contains("The Planning Committee meeting of Tue 15 Dec 2026 (CM-0001), which your request is to inform, has moved to Thu 17 Dec 2026"), "\(told)")
            #expect(told.contains("Meeting cancelled: Local Plan review, Cabinet of Wed 20 Jan (RQ-0002)"), "\(told)")
            #expect(told.contains("no meeting left for it to inform (council-business)"), "\(told)")
            #expect(!told.contains("`") && !told.contains("--"), "\(told)")

            // A cancelled meeting cannot be linked to again.
            let before = try council.snapshot()
            let refused = await Self.request(council, meeting: "CM-0002")
            #expect(refused.code == CLI.ExitCode.conflict.rawValue, "\(refused)")
            #expect(refused.err.contains("CM-0002") && refused.err.contains("was cancelled") && refused.err.contains("Choose another meeting"), "\(refused.err)")
            #expect(try council.snapshot() == before)
        }
    }

    @Test("an approved briefing's meeting date follows its meeting, so offers' suggested times end before the new date")
    func briefingFollows() async throws {
        try await Self.moderngov { council, host, service in
            #expect(await council.run("meetings", "import", "--moderngov", service).code == 0)
            #expect(await Self.request(council, meeting: "CM-0001").code == 0)
            let approved = await council.run("approve", "RQ-0001", "--as", "o-ceo", "--judged", "council-business,no-individual-matter")
            #expect(approved.code == 0, "\(approved)")
            Self.publish(host, planning: [("501", "20/11/2026", "18:30", "Confirmed")], cabinet: Self.cabinet)
            #expect(await council.run("meetings", "import", "--moderngov", service).code == 0)
            let followed: String = try council.rows("SELECT meeting_date FROM briefing")[0]["meeting_date"]
            #expect(followed == "2026-11-20")
            let slots = await council.run("offer", "slots", "OF-0002", "--as", "m-hughes", "--json")
            #expect(slots.out.contains("\"until\" : \"2026-11-19\""), "\(slots)")
            // The group and the briefing's officer hear; the group's session now comes after the meeting, so it is asked to move it.
            for person in ["m-patel", "o-dir-place"] {
                let told = await council.run("notifications", "--as", person).out
                #expect(told.contains("Meeting moved: Local Plan review, now Fri 20 Nov (BR-0001)"), "\(person): \(told)")
                #expect(told.contains("The Labour Group's session SE-0001 (Mon 7 Dec 14:00) now comes after it"), "\(person): \(told)")
            }
            // Another group offered the briefing is not told of the Labour Group's session.
            #expect(!(await council.run("notifications", "--as", "m-hughes").out.contains("Meeting moved")))
        }
    }

    @Test("another group's take-up of a briefing whose committee meeting was cancelled waits for the approver, referred under council-business")
    func takeUpAfterCancellation() async throws {
        try await Self.moderngov { council, host, service in
            #expect(await council.run("meetings", "import", "--moderngov", service).code == 0)
            #expect(await Self.request(council, meeting: "CM-0002").code == 0)
            #expect(await council.run("approve", "RQ-0001", "--as", "o-ceo", "--judged", "council-business,no-individual-matter").code == 0)
            Self.publish(host, planning: Self.planning, cabinet: [("610", "20/01/2027", "10:00", "Cancelled")])
            let cancelled = await council.run("meetings", "import", "--moderngov", service)
            #expect(cancelled.code == 0 && cancelled.out.contains("Cancelled: CM-0002"), "\(cancelled)")
            let taken = await council.run("offer", "accept", "OF-0002", "--as", "m-hughes", "--start", "2026-12-09T10:00", "--room", "cr2",
                                          "--attendee", "m-hughes")
            #expect(taken.code == 0 && taken.out.contains("RQ-0002"), "\(taken)")
            let queue = await council.run("queue", "--as", "o-ceo")
            #expect(queue.out.contains("RQ-0002") && queue.out.contains("[refer] council-business")
                    && queue.out.contains("was cancelled, so there is no meeting left for it to inform"), "\(queue.out)")
        }
    }

    @Test("an unknown meeting id on a request is refused naming it and what to do, and changes nothing")
    func unknownMeeting() async throws {
        try await Self.moderngov { council, _, service in
            #expect(await council.run("meetings", "import", "--moderngov", service).code == 0)
            let before = try council.snapshot()
            let r = await Self.request(council, meeting: "CM-0042")
            #expect(r.code == CLI.ExitCode.notFound.rawValue, "\(r)")
            #expect(r.err.contains("CM-0042") && r.err.contains("no such meeting in the council's committee calendar"), "\(r.err)")
            #expect(r.err.contains("forthcoming meetings in the committee calendar"), "\(r.err)")
            #expect(try council.snapshot() == before)
        }
    }

    @Test("a web service that does not answer in time is cut off, reported with what to do, and imports nothing")
    func timeout() async throws {
        try await Self.moderngov { council, host, service in
            #expect(await council.run("meetings", "import", "--moderngov", service).code == 0)
            let before = try council.snapshot()
            host.set(.stall)
            defer { host.release() }
            let started = Date()
            let r = await council.run("meetings", "import", "--moderngov", service, "--timeout", "1")
            #expect(Date().timeIntervalSince(started) < 30)
            #expect(r.code == 1, "\(r)")
            #expect(r.err.contains("the committee meetings were not imported") && r.err.contains("did not send its whole answer within 1 seconds"), "\(r.err)")
            #expect(r.err.contains("Check that the address still opens in a browser"), "\(r.err)")
            #expect(try council.snapshot() == before)
        }
    }

    @Test("an answer that is not well-formed XML is refused naming where it breaks, and the meetings imported before stay",
          arguments: ["<getmeetings><meeting><meetingid>501</meetingid><meetingdate>15/12/2026</meetingdate></getmeetings>",
                      "<html><body>Service Unavailable<br></body></html>"])
    func malformedXML(answer: String) async throws {
        try await Self.moderngov { council, host, service in
            #expect(await council.run("meetings", "import", "--moderngov", service).code == 0)
            let before = try council.snapshot()
            host.publish(Self.service + "/GetMeetings?lCommitteeId=12&" + Self.range, answer)
            let r = await council.run("meetings", "import", "--moderngov", service)
            #expect(r.code == 1, "\(r)")
            #expect(r.err.contains("ModernGov's answer to GetMeetings for committee 12 is not well-formed XML (line"), "\(r.err)")
            #expect(r.err.contains("mgWebService.asmx") && r.err.contains("the meetings imported before stay"), "\(r.err)")
            #expect(try council.snapshot() == before)
        }
    }

    @Test("serve's daily read: the kept source is read again when due, and a failure is recorded on it while the meetings stay")
    func dailyRefresh() async throws {
        try await Self.moderngov { council, host, service in
            #expect(await council.run("meetings", "import", "--moderngov", service).code == 0)
            #expect(try await MeetingImporter(desk: council.desk()).refreshDue() == nil)
            let tomorrow = CouncilFile.now.addingTimeInterval(86_400 + 60)
            Self.publish(host, planning: [("501", "16/12/2026", "18:30", "Confirmed")], cabinet: Self.cabinet)
            host.publish(Self.service + "/GetMeetings?lCommitteeId=12&sFromDate=03/11/2026&sToDate=03/11/2027", Self.meetings("12", [("501", "16/12/2026", "18:30", "Confirmed")]))
            host.publish(Self.service + "/GetMeetings?lCommitteeId=7&sFromDate=03/11/2026&sToDate=03/11/2027", Self.meetings("7", Self.cabinet))
            let logs = LogLines()
            let service = ImportService(desk: try council.desk(now: tomorrow), schedule: ImportSchedule(tick: .milliseconds(50)),
                                        logger: Logger(label: "test") { _ in logs.handler() })
            try await runUntil(service) { logs.text.contains("the committee meetings were read") }
            #expect(logs.text.contains("moved=1"), "\(logs.text)")
            let moved: String = try council.rows("SELECT date FROM committee_meeting WHERE id = 1")[0]["date"]
            #expect(moved == "2026-12-16")

            host.set(.status(503))
            let later = tomorrow.addingTimeInterval(86_400 + 60)
            let failed = try await MeetingImporter(desk: council.desk(now: later)).refreshDue()
            guard case .failure(let f)? = failed else { Issue.record("expected a failure, got \(String(describing: failed))"); return }
            #expect(f.message.contains("503") && f.fix.contains("ModernGov web service (it ends mgWebService.asmx)"), "\(f)")
            let list = await council.run(["meetings", "list"], now: later)
            #expect(list.out.contains("FAILED") && list.out.contains("503") && list.out.contains("the meetings below stay"), "\(list.out)")
            #expect(list.out.contains("CM-0001  2026-12-16"), "\(list.out)")
        }
    }

    static func ics(_ events: [(uid: String, start: String, title: String, cancelled: Bool)]) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Committee meetings//EN"]
        for e in events {
            lines += ["BEGIN:VEVENT", "UID:\(e.uid)", "DTSTAMP:20261101T000000Z", "DTSTART;TZID=Europe/London:\(e.start)",
                      "SUMMARY:\(e.title)", "LOCATION:Council Chamber"] + (e.cancelled ? ["STATUS:CANCELLED"] : []) + ["END:VEVENT"]
        }
        return (lines + ["END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n"
    }

    @Test("an iCalendar file of meetings is imported once (not kept as a source); a moved and a cancelled event follow on the next import")
    func importsFromICS() async throws {
        let council = try await CouncilFile()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("meetings-\(UUID().uuidString).ics").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Self.ics([("m1@council.example", "20261210T190000", "Full Council", false),
                      ("m2@council.example", "20261203T180000", "Licensing Committee", false)]).write(toFile: file, atomically: true, encoding: .utf8)
        let r = await council.run("meetings", "import", "--ics", file)
        #expect(r.code == 0 && r.out.contains("Imported 2 forthcoming meeting(s)"), "\(r)")
        let sources: Int = try council.rows("SELECT COUNT(*) AS n FROM meeting_source")[0]["n"]
        #expect(sources == 0)
        let list = await council.run("meetings", "list")
        #expect(list.out.contains("2026-12-03 18:00  Licensing Committee, Council Chamber") && list.out.contains("2026-12-10 19:00  Full Council"), "\(list.out)")
        #expect(await Self.request(council, meeting: "CM-0001").code == 0)

        try Self.ics([("m1@council.example", "20261211T190000", "Full Council", false),
                      ("m2@council.example", "20261203T180000", "Licensing Committee", true)]).write(toFile: file, atomically: true, encoding: .utf8)
        let again = await council.run("meetings", "import", "--ics", file)
        #expect(again.out.contains("CM-0001 Full Council moved from 2026-12-10 to 2026-12-11") && again.out.contains("Cancelled: CM-0002"), "\(again.out)")
        #expect(try Self.proposal(council, 1).matter.meetingDate?.description == "2026-12-11")

        // A meeting no longer in the feed at all is cancelled too (the whole feed was read).
        try Self.ics([("m1@council.example", "20261211T190000", "Full Council", false)]).write(toFile: file, atomically: true, encoding: .utf8)
        #expect(await council.run("meetings", "import", "--ics", file).code == 0)
        try Self.ics([]).write(toFile: file, atomically: true, encoding: .utf8)
        let emptied = try council.snapshot()
        let none = await council.run("meetings", "import", "--ics", file)
        #expect(none.code == 1 && none.err.contains("published no forthcoming meeting at all, although 1 imported from it before"), "\(none)")
        #expect(try council.snapshot() == emptied, "an empty feed is refused rather than taken to cancel every meeting")
        try Self.ics([("m3@council.example", "20261214T190000", "Audit Committee", false)]).write(toFile: file, atomically: true, encoding: .utf8)
        let replaced = await council.run("meetings", "import", "--ics", file)
        #expect(replaced.out.contains("Cancelled: CM-0001"), "\(replaced.out)")
        #expect(try Self.proposal(council, 1).matter.meetingCancelled == true)

        // A file that is not a calendar is refused and changes nothing.
        let before = try council.snapshot()
        try "<html>not a calendar</html>".write(toFile: file, atomically: true, encoding: .utf8)
        let bad = await council.run("meetings", "import", "--ics", file)
        #expect(bad.code == 1 && bad.err.contains("the meetings calendar could not be read"), "\(bad)")
        #expect(try council.snapshot() == before)
    }
}
