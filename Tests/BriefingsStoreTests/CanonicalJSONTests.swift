import BriefingsDomain
@testable import BriefingsStore
import Foundation
import GRDB
import Testing

@Suite("Canonical JSON written directly is what JSONEncoder writes")
struct CanonicalJSONTests {
    typealias S = Support

    static func foundation<T: Encodable>(_ value: T) -> String {
        String(decoding: try! AuditTrail.encoder.encode(value), as: UTF8.self)
    }

    static let awkward = ["", "plain", "quote \" and backslash \\ and slash /", "line\nbreak\r\ttab\u{8}\u{C}",
                          "nul \u{0} unit \u{1F} del \u{7F}", "£ é € 😀 \u{2028}", "{\"json\": [1]}"]

    @Test("verdicts from a real refused request, and verdicts with awkward text")
    func verdicts() async throws {
        let desk = try await S.desk()
        var p = S.request(title: "Election leaflet about planning application 24/0001")
        p.attendees.append(.guest("Party agent \"Sam\""))
        let real = try await desk.check(p)
        #expect(real.count == RuleEngine.proposalRules.count)
        #expect(real.contains { !$0.passed })
        #expect(CanonicalJSON.verdicts(real) == Self.foundation(real))
        let odd = Self.awkward.map { Verdict(rule: .venue, passed: $0.isEmpty, severity: .refer, clauses: [$0, "000 §17.16.5"], message: $0, fix: $0) }
        #expect(CanonicalJSON.verdicts(odd) == Self.foundation(odd))
        #expect(CanonicalJSON.verdicts([]) == Self.foundation([Verdict]()))
        // And what is written reads back as the same verdicts.
        let back = try JSONDecoder().decode([Verdict].self, from: Data(CanonicalJSON.verdicts(real + odd).utf8))
        #expect(back == real + odd)
    }

    @Test("string objects sort their keys as .sortedKeys does; string lists")
    func objectsAndLists() {
        let keys = ["b", "B", "a10", "a2", "_x", "é", "Z", "onBehalfOf", "officers", "a/b", ""]
        var fields: [String: String] = [:]
        for (i, k) in keys.enumerated() { fields[k] = Self.awkward[i % Self.awkward.count] }
        #expect(CanonicalJSON.object(fields) == Self.foundation(fields))
        #expect(CanonicalJSON.object([:]) == Self.foundation([String: String]()))
        #expect(CanonicalJSON.list(Self.awkward) == Self.foundation(Self.awkward))
        #expect(CanonicalJSON.list([]) == Self.foundation([String]()))
    }

    @Test("outbox messages: plain and with invitations, nil fields, awkward text, whole and fractional dates")
    func messages() {
        let dates = [Date(timeIntervalSince1970: 1_798_000_000), Date(timeIntervalSince1970: 1_764_172_800.123456),
                     Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1.25), Date(timeIntervalSince1970: 1e16),
                     Date(), Date(timeIntervalSinceReferenceDate: 0.1)]
        var messages: [OutgoingMessage] = []
        for (i, text) in Self.awkward.enumerated() {
            let date = dates[i % dates.count]
            let to = (0..<(i % 3)).map { OutgoingMessage.Address(name: "\(text) \($0)", email: "p\($0)@example.gov.uk") }
            messages.append(OutgoingMessage(messageID: "n\(i).\(text)@example.gov.uk", date: date, from: .init(name: text, email: "desk/\(text)"),
                                            to: to, subject: text, body: "body \(text)\n\n-- \nfooter"))
            for status in [FeedEvent.Status.confirmed, .tentative, .cancelled] {
                let event = FeedEvent(uid: "session-\(i)@briefings", title: text, description: "d \(text)",
                                      location: i % 2 == 0 ? nil : text, start: date, end: dates[(i + 1) % dates.count],
                                      status: status, sequence: i - 1, lastModified: dates[(i + 2) % dates.count],
                                      url: i % 3 == 0 ? nil : "https://example.gov.uk/\(text)")
                for method in [OutgoingMessage.Method.request, .cancel] {
                    messages.append(OutgoingMessage(messageID: "m\(i)", date: date, from: .init(name: "Council", email: "briefings@example.gov.uk"),
                                                    to: to, subject: text, body: text, invitation: .init(method: method, event: event)))
                }
                // A letter (issue 24), and an all-day event.
                var day = event
                day.day = LocalDate("2026-12-21")
                let letter = Letter(news: i % 2 == 0 ? [] : [text, "news \(text)"], facts: (0..<(i % 3)).map { .init("\(text) \($0)", text) },
                                    asked: text, links: (0..<(i % 3)).map { .init(text, "/desk/\($0)#\(text)") }, footer: [text])
                messages.append(OutgoingMessage(messageID: "l\(i)", date: date, from: .init(name: "Council", email: "briefings@example.gov.uk"),
                                                to: to, subject: text, letter: letter, invitation: i % 2 == 0 ? nil : .init(method: .request, event: day)))
            }
        }
        for m in messages {
            #expect(CanonicalJSON.message(m) == Self.foundation(m))
            // And what is written reads back as the same message (dates to within their encoding's rounding).
            let back = try? AuditTrail.decoder().decode(OutgoingMessage.self, from: Data(CanonicalJSON.message(m).utf8))
            #expect(back?.body == m.body && back?.to == m.to && back?.invitation?.event.title == m.invitation?.event.title)
            #expect(back?.letter == m.letter && back?.invitation?.event.day == m.invitation?.event.day)
        }
    }

    @Test("the outbox messages a real request and approval write are what JSONEncoder writes")
    func storedMessages() async throws {
        let desk = try await S.desk()
        let r = try await desk.submitRequest(S.request())
        _ = try await desk.approve(r.ref, as: "o-ceo")
        let stored = try await desk.database.writer.read { db in try String.fetchAll(db, sql: "SELECT message FROM outbox ORDER BY id") }
        #expect(stored.count > 3)
        #expect(stored.contains { $0.contains("\"invitation\"") })
        for text in stored {
            let m = try AuditTrail.decoder().decode(OutgoingMessage.self, from: Data(text.utf8))
            #expect(text == Self.foundation(m))
            #expect(CanonicalJSON.message(m) == text)
        }
    }

    @Test("proposals, venues, officer and attendee lists: every kind, nil and set optional fields, awkward text, whole and fractional dates")
    func proposals() throws {
        let venues: [Venue] = [.room("cr1"), .virtual("https://teams.example/\"x\""), .external(description: "Party HQ", party: true),
                               .external(description: "Library", party: false), .writtenReport]
        let days = [LocalDate("2026-12-07")!, LocalDate("1999-01-31")!]
        var proposals: [SessionProposal] = []
        for (i, text) in Self.awkward.enumerated() {
            var p = Support.request(title: "title \(text)")
            p.matter = Matter(title: text, details: "details \(text)", area: "planning", linkedMeeting: i % 2 == 0 ? nil : text,
                              decisionDate: i % 3 == 0 ? nil : days[i % 2], embargoUntil: i % 2 == 0 ? days[0] : nil,
                              budget: [nil, true, false][i % 3], meetingDate: i % 4 == 0 ? nil : days[1])
            p.venue = venues[i % venues.count]
            p.attendees = [.person("m-\(text)"), .guest(text)].suffix(i % 3)
            p.officers = [OfficerAttendance(officer: "o-\(text)"), OfficerAttendance(officer: "o-planner", nominatedBy: i % 2 == 0 ? text : nil)]
            p.onBehalfOf = i % 2 == 0 ? nil : text
            p.groups = ["LAB", text].prefix(1 + i % 2).map { $0 }
            p.jointWish = i % 2 == 1
            p.writtenReport = [nil, true, false][i % 3]
            p.meetingStart = Date(timeIntervalSince1970: 1_764_172_800.123456 + Double(i))
            proposals.append(p)
        }
        proposals.append(Support.request())
        for p in proposals {
            #expect(CanonicalJSON.proposal(p) == Self.foundation(p))
            #expect(CanonicalJSON.venue(p.venue) == Self.foundation(p.venue))
            #expect(CanonicalJSON.officers(p.officers) == Self.foundation(p.officers))
            #expect(CanonicalJSON.attendees(p.attendees) == Self.foundation(p.attendees))
            // And what is written reads back as GRDB reads the column (dates to within their encoding's rounding), and
            // as `readProposal` reads it.
            let back = try AuditTrail.decoder().decode(SessionProposal.self, from: Data(CanonicalJSON.proposal(p).utf8))
            #expect(back.matter == p.matter && back.venue == p.venue && back.attendees == p.attendees && back.officers == p.officers)
            #expect(CanonicalJSON.readProposal(CanonicalJSON.proposal(p)) == back)
        }
    }

    @Test("readProposal reads what JSONDecoder reads (escapes, surrogate pairs, spacing, nulls), and nothing it would refuse")
    func readingProposals() throws {
        let decoder = AuditTrail.decoder()
        let written = CanonicalJSON.proposal(Support.request())
        let spaced = #"""
            { "attendees" : [ {"guest": {"_0": "Sam \"the\" agent \ud83d\ude00 \u00e9\/ \b\f\n\r\t"}} ], "groups": ["LAB"], "jointWish": false,
              "matter": {"area": "planning", "details": "", "title": "T", "budget": null, "linkedMeeting": null},
              "meetingEnd": 1798007200.5, "meetingStart": 1.798e9, "officers": [{"officer": "o-ceo", "nominatedBy": null}],
              "onBehalfOf": null, "requester": "m-patel", "segmentEnd": 1798002700, "segmentStart": -1.25,
              "venue": {"external": {"party": false, "description": "Library"}}, "unknown": [1, {"x": true}] }
            """#
        for text in [written, spaced] {
            let expected = try decoder.decode(SessionProposal.self, from: Data(text.utf8))
            #expect(CanonicalJSON.readProposal(text) == expected)
        }
        // Whatever JSONDecoder refuses, readProposal gives nil for (and the caller lets JSONDecoder say why).
        let refused = ["", "{}", "[]", "null", String(written.dropLast()), written.replacingOccurrences(of: #""requester":"m-patel""#, with: #""requester":1"#),
                       written.replacingOccurrences(of: #""jointWish":false"#, with: #""jointWish":null"#),
                       written.replacingOccurrences(of: #"{"room":{"_0":"cr1"}}"#, with: #"{"hall":{"_0":"cr1"}}"#),
                       written.replacingOccurrences(of: "Local Plan", with: #"Local\qPlan"#), written + " x",
                       written.replacingOccurrences(of: "Local Plan", with: #"Local\ud83dPlan"#)]
        for text in refused {
            #expect(CanonicalJSON.readProposal(text) == nil, "\(text)")
            #expect((try? decoder.decode(SessionProposal.self, from: Data(text.utf8))) == nil, "\(text)")
        }
    }

    @Test("message ids: random version-4 UUIDs in lower case, each one new")
    func messageIDs() {
        let ids = (0..<200).map { _ in BriefingDesk.randomUUID() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(UUID(uuidString: id)?.uuidString.lowercased() == id)
            let hex = Array(id.utf8)
            #expect(hex.count == 36 && hex[14] == UInt8(ascii: "4") && "89ab".utf8.contains(hex[19]))
        }
    }

    /// Each stored row of `table` has, column for column, the values GRDB's record insert or update writes for the
    /// record it reads back as: what the steps' cached statements write must be what the records wrote.
    static func rowsMatchRecords<R: FetchableRecord & EncodableRecord>(_ db: Database, _ type: R.Type, _ table: String) throws -> Int {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid")
        for row in rows {
            let written = try R(row: row).databaseDictionary
            for (column, value) in written { #expect(row[column] as DatabaseValue == value, "\(table).\(column)") }
        }
        return rows.count
    }

    @Test("rows a request, an approval and a decline write with cached statements are the rows GRDB's records write")
    func cachedInserts() async throws {
        let desk = try await S.desk()
        let approved = try await desk.submitRequest(S.request())
        _ = try await desk.approve(approved.ref, as: "o-ceo")
        let declined = try await desk.submitRequest(S.request(day: "2026-12-08"))
        try await desk.decline(declined.ref, as: "o-ceo", reason: "Not \"now\" / later")
        let counts = try await desk.database.writer.read { db in
            [try Self.rowsMatchRecords(db, RequestRecord.self, "request"), try Self.rowsMatchRecords(db, OfferRecord.self, "offer"),
             try Self.rowsMatchRecords(db, SessionRecord.self, "session"), try Self.rowsMatchRecords(db, SessionGroupRecord.self, "session_group"),
             try Self.rowsMatchRecords(db, SessionOfficerRecord.self, "session_officer")]
        }
        #expect(counts == [2, 5, 1, 1, 1])   // five groups on the example roster: five offers
        let overrides = try await desk.database.writer.read { db in try String.fetchOne(db, sql: "SELECT overrides FROM request WHERE id = 1") }
        #expect(overrides == "{}")
    }
}
