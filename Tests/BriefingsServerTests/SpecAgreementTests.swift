import BriefingsDomain
import BriefingsServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 27, item 9: openapi.yaml and the service must take the same texts. The spec's own patterns (read from the
/// document the service serves) are compared with the service's readers over texts built to sit on every edge: a
/// pattern that admits what the service refuses, or the service taking what the pattern forbids, fails here.
@Suite("openapi.yaml says exactly what the service takes")
struct SpecAgreementTests {
    /// The `pattern` of a component schema, as the served document writes it (a YAML single-quoted scalar).
    static func pattern(_ schema: String) throws -> NSRegularExpression {
        let lines = OpenAPIDocument.file.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "    \(schema):"), "no schema \(schema)")
        let line = try #require(lines[(start + 1)...].prefix(while: { $0.hasPrefix("      ") }).first { $0.hasPrefix("      pattern: '") })
        let quoted = line.dropFirst("      pattern: '".count).dropLast()
        return try NSRegularExpression(pattern: quoted.replacingOccurrences(of: "''", with: "'"))
    }

    static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Texts around a good one: each character replaced, removed or doubled, and a few characters put before or after.
    static func mutations(of good: [String], alphabet: [Character]) -> [String] {
        var out = Set(good)
        for g in good {
            let chars = Array(g)
            for i in chars.indices {
                for a in alphabet { var c = chars; c[i] = a; out.insert(String(c)) }
                var removed = chars; removed.remove(at: i); out.insert(String(removed))
                var doubled = chars; doubled.insert(chars[i], at: i); out.insert(String(doubled))
            }
            for a in alphabet { out.insert(String(a) + g); out.insert(g + String(a)) }
        }
        return out.sorted()
    }

    @Test("LocalTime: the pattern matches a text exactly when the service reads it as a time")
    func localTime() throws {
        let regex = try Self.pattern("LocalTime")
        var texts = ["2027-01-11T10:00:00", " 2027-01-11T10:00", "2027-01-11 10:00", "9999-12-31T23:00", "1999-12-31T23:59", "2100-01-01T00:00",
                     "2000-01-01T00:00", "2099-12-31T23:59", "2027-02-29T10:00", "2100-02-29T10:00", "2026-10-25T01:30"]
        for year in 2000...2099 {
            texts.append("\(year)-02-29T12:00")
            for day in 25...31 { for time in ["00:59", "01:00", "01:59", "02:00"] { texts.append("\(year)-03-\(day)T\(time)") } }
        }
        texts += Self.mutations(of: ["2027-01-11T10:00", "2028-02-29T23:59", "2026-03-29T02:00", "2099-12-31T23:59"],
                                alphabet: ["0", "1", "2", "3", "5", "9", "-", "T", "t", ":", " ", "Z", "+", "\u{0662}"])
        for text in texts {
            let served = (try? LondonTime.parse(text)) != nil
            #expect(Self.matches(regex, text) == served, "'\(text)': the pattern says \(Self.matches(regex, text)), the service \(served)")
        }
    }

    @Test("LocalDate: the pattern matches a text exactly when the service reads it as a date")
    func localDate() throws {
        let regex = try Self.pattern("LocalDate")
        var texts = ["9999-12-31", "1999-12-31", "2100-01-01", "0000-01-01", "2000-01-01", "2099-12-31", "2026-02-30", "2026-1-01", "2026-+1-01"]
        for year in 2000...2099 { texts.append("\(year)-02-29") }
        texts += Self.mutations(of: ["2026-12-21", "2028-02-29", "2027-04-30"], alphabet: ["0", "1", "2", "3", "9", "-", " ", "+", "\u{0662}"])
        for text in texts {
            let served = (try? LocalDate.parse(text)) != nil
            #expect(Self.matches(regex, text) == served, "'\(text)': the pattern says \(Self.matches(regex, text)), the service \(served)")
        }
    }

    @Test("Length and a meeting's length: the pattern matches a text exactly when the service reads it (a meeting at most 12h)")
    func lengths() throws {
        let length = try Self.pattern("Length"), meeting = try Self.pattern("OptionalMeetingLength")
        var texts = ["1h1h", "01h", "1H", "2h0m", "2h ", " 2h", "0", "0m", "0h", "00", "24h", "24h1m", "23h59m", "23h60m", "12h", "12h1m", "720", "721", ""]
        for n in 0...1500 { texts += ["\(n)", "\(n)m", "\(n)h"] }
        for h in 0...25 { for m in [0, 1, 9, 10, 30, 59, 60, 99] { texts += ["\(h)h\(m)m", "\(h)h0\(m)m"] } }
        texts += Self.mutations(of: ["1h30m", "90", "45m", "2h"], alphabet: ["0", "1", "6", "h", "m", "H", "M", " ", "-", "\u{0663}"])
        for text in texts {
            let minutes = try? Minutes.parse(text).value
            #expect(Self.matches(length, text) == (minutes != nil), "'\(text)': Length says \(Self.matches(length, text)), the service \(String(describing: minutes))")
            let asMeeting = minutes.map { $0 <= 12 * 60 } ?? false
            #expect(Self.matches(meeting, text) == asMeeting, "'\(text)': OptionalMeetingLength says \(Self.matches(meeting, text)), the service \(String(describing: minutes))")
        }
    }

    @Test("Text, NonBlankLine and Id: every character the service refuses, the pattern refuses")
    func texts() throws {
        let text = try Self.pattern("Text"), line = try Self.pattern("NonBlankLine"), id = try Self.pattern("Id")
        var scalars = (0...0x3100).compactMap(Unicode.Scalar.init)
        scalars += [Unicode.Scalar(0xFEFF)!, Unicode.Scalar(0x1F600)!]
        for s in scalars {
            let sample = "a\(Character(s))b"
            #expect(Self.matches(text, sample) == (TextInput.problem(sample) == nil), "U+\(String(s.value, radix: 16)) in Text")
            #expect(Self.matches(line, sample) == (TextInput.lineProblem(sample) == nil), "U+\(String(s.value, radix: 16)) in NonBlankLine")
            if !Self.matches(id, sample) { #expect(TextInput.problem(sample) != nil || s == "\t" || s == "\n", "U+\(String(s.value, radix: 16)) in Id") }
        }
        for crlf in ["a\r\nb", "a\nb", "a\rb", "\r\n"] {
            #expect(!Self.matches(line, crlf) && !Self.matches(id, crlf), "\(crlf.debugDescription) is refused in one-line fields by both")
        }
        #expect(Self.matches(text, "a\r\nb") && !Self.matches(text, "a\rb"))
    }

    @Test("over HTTP, what the issue found the service took though the spec forbids it is refused with 400; CR, LF and tab in one-line fields too")
    func http() async throws {
        let f = try await Fixture.make()
        let good = #"{"group":"LAB","matter":"Spec","area":"planning","meeting":"Cabinet","officers":["o-dce"],"session":{"start":"2026-12-21T10:00","duration":"2h","room":"cr1","attendees":["m-patel"]}}"#
        var bodies: [(String, String)] = []
        for start in ["2027-01-11T10:00:00", " 2027-01-11T10:00", "2027-01-11 10:00", "9999-12-31T23:00"] {
            bodies.append((good.replacingOccurrences(of: "2026-12-21T10:00", with: start), "start"))
        }
        for duration in ["1h1h", "01h", "1H", "2h0m", "2h ", "13h"] {
            bodies.append((good.replacingOccurrences(of: #""duration":"2h""#, with: #""duration":"\#(duration)""#), duration == "13h" ? "12 hours" : "duration"))
        }
        bodies += [
            (good.replacingOccurrences(of: #""matter":"Spec""#, with: #""matter":"Spec\nApproved""#), "matter"),
            (good.replacingOccurrences(of: #""meeting":"Cabinet""#, with: #""meeting":"Cabinet\r\nFull Council""#), "meeting"),
            (good.replacingOccurrences(of: #""room":"cr1""#, with: #""virtual":"https://meet.example\r\n""#), "virtual link"),
            (good.replacingOccurrences(of: #""officers":["o-dce"]"#, with: #""officers":["o-dce"],"nominees":["o-dce==o-ceo"]"#), "nominee"),
        ]
        let before = try f.snapshot(), cases = bodies
        try await f.app.test(.router) { client in
            for (payload, says) in cases {
                try await client.execute(uri: "/api/requests", method: .post, headers: f.headers("m-patel"), body: body(payload)) { r in
                    #expect(r.status == .badRequest && String(buffer: r.body).contains(says), "\(payload): \(r.status) \(String(buffer: r.body).prefix(300))")
                }
            }
            // A schema-valid request from someone who may not ask is a role refusal (403), not a malformed one (400).
            try await client.execute(uri: "/api/requests", method: .post, headers: f.headers("o-ceo"),
                                     body: body(good.replacingOccurrences(of: #""group":"LAB","#, with: ""))) { r in
                #expect(r.status == .forbidden && json(r)["rule"] as? String == "requester", "\(r.status) \(String(buffer: r.body).prefix(300))")
            }
        }
        #expect(try f.snapshot() == before)
    }
}
