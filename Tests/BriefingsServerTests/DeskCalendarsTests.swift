import BriefingsDomain
import BriefingsServer
import BriefingsStore
import Foundation
import HummingbirdTesting
import Testing

/// Issue 26, item 3 on the desk: an officer sees when their published calendar was last read and any error, an
/// administrator every officer's; the address only as its host.
@Suite("Desk: officers' calendar addresses")
struct DeskCalendarsTests {
    static let secret = "S3cr3t-calendar-key-77"

    @Test("the officer sees their own calendar's last read and error, the administrator every officer's, and nobody the whole address")
    func officerAndAdministratorSeeTheStatus() async throws {
        let f = try await Fixture.make()
        _ = try await f.desk.setBusyCalendar(officer: "o-dir-place", url: "https://outlook.office365.com/owa/calendar/\(Self.secret)/calendar.ics")
        _ = try await f.desk.setBusyCalendar(officer: "o-hos-housing", url: "https://calendar.google.com/calendar/ical/\(Self.secret)/basic.ics")
        let due = try await f.desk.busyCalendarsToRead(all: true)
        try await f.desk.recordBusyCalendarRead(due[0], .failed("https://outlook.office365.com/… answered 404 Not Found: nothing is published at this address any more. Publish the calendar again"), nextIn: 3600)
        try await f.desk.recordBusyCalendarRead(due[1], .imported([BusyInterval(start: try LondonTime.parse("2026-11-10T10:00"), end: try LondonTime.parse("2026-11-10T11:00"), summary: "x")],
                                                                   etag: "\"a\"", lastModified: nil, digest: "d", window: f.clock.now ..< f.clock.now.addingTimeInterval(86_400 * 30)),
                                                 nextIn: 3600)
        try await f.app.test(.router) { client in
            let officer = DeskBrowser(client)
            try await officer.signIn("o-dir-place", desk: f.desk)
            #expect(officer.lastBody.contains("href=\"/desk/calendars\""))
            let own = try await officer.get("/desk/calendars")
            #expect(own.status == 200)
            #expect(own.body.contains("Your calendar") && own.body.contains("https://outlook.office365.com/…"))
            #expect(own.body.contains("Could not be read") && own.body.contains("What went wrong"))
            #expect(own.body.contains("404 Not Found: nothing is published at this address any more. Publish the calendar again."), "\(own.body)")
            #expect(own.body.contains("Last read</dt><dd>never"))
            #expect(!own.body.contains("calendar.google.com"))   // another officer's

            let admin = DeskBrowser(client)
            try await admin.signIn("ds-admin", desk: f.desk)
            let all = try await admin.get("/desk/calendars")
            #expect(all.body.contains("Officers&#39; calendars") || all.body.contains("Officers' calendars"))
            #expect(all.body.contains("https://outlook.office365.com/…") && all.body.contains("https://calendar.google.com/…"))
            #expect(all.body.contains("Read; busy times imported") && all.body.contains("1 (the next 365 days)"), "\(all.body)")
            for page in [own.body, all.body] { #expect(!page.contains(Self.secret)) }
            // One date-time format on every desk page (Mon 2 Nov 2026, 09:00): never GMT or BST.
            #expect(all.body.contains("Read; busy times imported Mon 2 Nov 2026, 09:00"), "\(all.body)")
            for page in [own.body, all.body] { #expect(!page.contains(" GMT") && !page.contains(" BST"), "\(page)") }

            let unset = DeskBrowser(client)
            try await unset.signIn("o-dce", desk: f.desk)
            #expect(try await unset.get("/desk/calendars").body.contains("Ask democratic services to set it"))

            let member = DeskBrowser(client)
            try await member.signIn("m-patel", desk: f.desk)
            let refused = try await member.get("/desk/calendars")
            #expect(refused.status == 403 && refused.body.contains("Only officers (their own) and administrators see calendar addresses"))
        }
    }
}
