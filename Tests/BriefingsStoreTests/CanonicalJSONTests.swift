import BriefingsDomain
@testable import BriefingsStore
import Foundation
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
}
