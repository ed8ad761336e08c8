@testable import BriefingsStore
import BriefingsDomain
import Testing

@Suite("Short ids")
struct RefTests {
    @Test("ids parse in the desk's own form (read directly) and in every looser form, and bad ones are refused")
    func parse() throws {
        for (text, n) in [("RQ-0007", 7), ("RQ-12345", 12345), ("rq-7", 7), (" RQ-0007 ", 7), ("7", 7), ("RQ-+7", 7), ("0007", 7)] {
            #expect(try Ref.parse(text, "RQ") == Int64(n), "\(text)")
        }
        for text in ["RQ-0000", "RQ-", "RQ--1", "BR-0007", "RQ-99999999999999999999", "RQ-7x", "", "RQ-٣"] {
            #expect(throws: DeskError.self, "\(text)") { try Ref.parse(text, "RQ") }
        }
    }
}
