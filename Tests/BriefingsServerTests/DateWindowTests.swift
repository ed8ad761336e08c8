import BriefingsDomain
import BriefingsStore
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 27, item 4: a start of `9999-12-31T23:00` was taken (201), and the feeds then carried
/// `DTSTART;TZID=Europe/London:00000000T000000`, which strict parsers refuse as a whole calendar. Times and dates are
/// taken only from 2000-01-01T00:00 to 2099-12-31T23:59 (what openapi.yaml's patterns say), on every route.
@Suite("Dates a calendar can hold: 2000 to 2099, at the door")
struct DateWindowTests {
    static let farTimes = ["9999-12-31T23:00", "2100-01-01T00:00", "1999-12-31T23:59", "0000-01-01T00:00", "2600-06-01T10:00"]
    static let farDates = ["9999-12-31", "2100-01-01", "1999-12-31"]
    static let request = #"{"group":"LAB","matter":"Far future","area":"planning","meeting":"Cabinet","officers":["o-dce"],"session":{"start":"2026-12-21T10:00","room":"cr1","attendees":["m-patel"]}}"#

    /// Every JSON route that takes a time or a date, each with one outside the window: (uri, who, body, the field named).
    static var apiCases: [(String, String, String, String)] {
        var cases: [(String, String, String, String)] = []
        for t in farTimes {
            cases += [
                ("/api/requests", "m-patel", request.replacingOccurrences(of: "2026-12-21T10:00", with: t), "start"),
                ("/api/requests", "m-patel", request.replacingOccurrences(of: #""room""#, with: #""segmentStart":"\#(t)","room""#), "segment start"),
                ("/api/offers/OF-0002/accept", "m-hughes", #"{"session":{"start":"\#(t)","room":"cr2","attendees":["m-hughes"]}}"#, "start"),
                ("/api/sessions/SE-0001/reschedule", "m-patel", #"{"reason":"Moved","session":{"start":"\#(t)"}}"#, "start"),
                ("/api/sessions/SE-0001/propose", "o-dir-place", #"{"reason":"Clash","session":{"start":"\#(t)"}}"#, "start"),
            ]
        }
        for d in farDates {
            cases += [
                ("/api/requests", "m-patel", request.replacingOccurrences(of: #""area""#, with: #""meetingDate":"\#(d)","area""#), "meeting date"),
                ("/api/requests", "m-patel", request.replacingOccurrences(of: #""area""#, with: #""decisionDate":"\#(d)","area""#), "decision date"),
                ("/api/requests", "m-patel", request.replacingOccurrences(of: #""area""#, with: #""embargoUntil":"\#(d)","area""#), "embargo date"),
                ("/api/requests", "m-patel", #"{"group":"LAB","matter":"Far future","area":"planning","officers":["o-dce"],"writtenReport":true,"reportDue":"\#(d)"}"#, "report due date"),
                ("/api/approver/absences", "o-ceo", #"{"from":"2026-12-01","until":"\#(d)"}"#, "until"),
                ("/api/approver/absences", "o-ceo", #"{"from":"\#(d)","until":"2026-12-24"}"#, "from"),
            ]
        }
        // A start inside the window whose meeting would end after it.
        cases.append(("/api/requests", "m-patel", request.replacingOccurrences(of: "2026-12-21T10:00", with: "2099-12-31T23:00"), "duration"))
        return cases
    }

    @Test("the JSON API refuses a time or date outside 2000-2099 on every route that takes one: 400 naming the field and the window, nothing changed")
    func api() async throws {
        let f = try await Fixture.make()
        let before = try f.snapshot()
        try await f.app.test(.router) { client in
            for (uri, person, payload, field) in Self.apiCases {
                try await client.execute(uri: uri, method: .post, headers: f.headers(person), body: body(payload)) { r in
                    let message = json(r)["message"] as? String ?? "", fix = json(r)["fix"] as? String ?? ""
                    #expect(r.status == .badRequest, "\(uri) \(payload): \(r.status) \(String(buffer: r.body).prefix(300))")
                    #expect(message.hasPrefix(field + ":"), "\(uri) \(payload): names the field: \(message)")
                    #expect((message + fix).contains("2000-01-01") && (message + fix).contains("2099-12-31"), "\(uri) \(payload): names the window: \(message) \(fix)")
                }
            }
        }
        #expect(try f.snapshot() == before)
    }

    @Test("the desk's request and offer forms refuse a start outside 2000-2099 with the window on the page, and change nothing")
    func desk() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client), hughes = DeskBrowser(client)
            try await b.signIn("m-patel", desk: f.desk)
            try await hughes.signIn("m-hughes", desk: f.desk)
            let before = try f.snapshot()
            let page = try await b.get("/desk/requests/new")
            let attendee = try #require(DeskFormTests.name(of: "attendee-m-patel", in: page.body))
            let officer = try #require(DeskFormTests.name(of: "officer-o-dir-place", in: page.body))
            for start in Self.farTimes {
                let fields: [(String, String)] = [("matter", "Far future"), ("area", "planning"), ("meeting", "Cabinet"), (officer, "o-dir-place"),
                                                  ("start", start), ("duration", "2h"), ("segment", "45m"), ("venue", "room"), ("room", "cr2"),
                                                  (attendee, "m-patel")]
                let sent = try await b.post("/desk/requests", fields)
                #expect(sent.status == 400 && sent.body.contains("2099-12-31T23:59"), "\(start): \(sent.status) \(sent.body.prefix(300))")
            }
            let offers = try await hughes.get("/desk/offers")
            let them = try #require(DeskFormTests.name(of: "accept-OF-0002-attendee-m-hughes", in: offers.body))
            let accept = try await hughes.post("/desk/offers/OF-0002/accept", [("mode", "own"), ("start", "9999-12-31T23:00"), ("venue", "room"),
                                                                               ("room", "chamber"), (them, "m-hughes")])
            // The desk words the window in its one date-time format ("Thu 31 Dec 2099, 23:59").
            #expect(accept.status == 400 && accept.body.contains("31 Dec 2099, 23:59"),
                    "\(accept.status) \(accept.body.range(of: "govuk-error-summary").map { accept.body[$0.lowerBound...].prefix(1500) } ?? accept.body.suffix(1500))")
            #expect(try f.snapshot() == before)
        }
    }

    /// The `DTSTART` and `DTEND` lines of a feed's events whose year is not 20xx (the time zone's rules start in 1981).
    static func outside(_ ics: String) -> [String] {
        var inEvent = false, found: [String] = []
        for line in ics.split(separator: "\r\n").map(String.init) {
            if line == "BEGIN:VEVENT" { inEvent = true } else if line == "END:VEVENT" { inEvent = false }
            guard inEvent, line.hasPrefix("DTSTART") || line.hasPrefix("DTEND") else { continue }
            if !(line.split(separator: ":").last.map { $0.hasPrefix("20") && $0.count >= 15 } ?? false) { found.append(line) }
        }
        return found
    }

    @Test("no feed carries a time outside 2000-2099: not after every route refused one, nor from a session or request a database written before the door refused them holds")
    func feeds() async throws {
        let f = try await Fixture.make()
        let feeds = [try await f.desk.issueFeedSecret(.overview, for: "o-ceo"), try await f.desk.issueFeedSecret(.group("LAB"), for: "m-okafor"),
                     try await f.desk.issueFeedSecret(.officer("o-dir-place"), for: "o-dir-place")]
        try await f.app.test(.router) { client in
            for (uri, person, payload, _) in Self.apiCases {
                try await client.execute(uri: uri, method: .post, headers: f.headers(person), body: body(payload)) { _ in }
            }
            for secret in feeds {
                try await client.execute(uri: "/feeds/\(secret).ics", method: .get) { r in
                    #expect(r.status == .ok)
                    #expect(Self.outside(String(buffer: r.body)).isEmpty, "\(Self.outside(String(buffer: r.body)))")
                }
            }
        }
        // What an older database may hold: SE-0001 and the pending RQ-0002 moved to 9999-12-31T23:00 behind the door's back.
        let far = 253_402_297_200   // 9999-12-31T23:00 UTC (and London, in winter)
        try await f.desk.database.writer.write { db in
            try db.execute(sql: "UPDATE session SET meeting_start = ?, meeting_end = ?, segment_start = ?, segment_end = ? WHERE id = 1",
                           arguments: [far, far + 7200, far, far + 2700])
            try db.execute(sql: """
                UPDATE request SET proposal = json_set(proposal, '$.meetingStart', ?, '$.meetingEnd', ?, '$.segmentStart', ?, '$.segmentEnd', ?) WHERE id = 2
                """, arguments: [far, far + 7200, far, far + 2700])
        }
        try await f.app.test(.router) { client in
            for secret in feeds {
                try await client.execute(uri: "/feeds/\(secret).ics", method: .get) { r in
                    let ics = String(buffer: r.body)
                    #expect(r.status == .ok && ics.hasPrefix("BEGIN:VCALENDAR") && ics.contains("END:VCALENDAR"))
                    #expect(Self.outside(ics).isEmpty, "\(Self.outside(ics))")
                    #expect(!ics.contains("UID:session-1@briefings") && !ics.contains("UID:request-2@briefings"), "the events outside the window are left out")
                }
            }
        }
    }
}
