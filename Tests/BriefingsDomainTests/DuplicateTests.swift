import BriefingsDomain
import Foundation
import Testing

/// The duplicate judgement (`Duplicates`), without a database: the same group, matter and officers at an overlapping
/// time repeat an earlier open or agreed request; anything else is a request of its own.
@Suite("Duplicate requests")
struct DuplicateTests {
    static func at(_ local: String) -> Date { try! LondonTime.parse(local) }

    static func request(_ ref: String, group: String = "LAB", matter: String = "Town centre car parks", officers: Set<String> = ["o-dir-place"],
                        start: String = "2026-12-15T18:30", hours: Double = 2, status: RequestStatus = .pending, sent: String = "2026-12-01T09:00") -> Duplicates.Request {
        Duplicates.Request(ref: ref, group: group, matter: matter, officers: officers, start: at(start), end: at(start).addingTimeInterval(hours * 3600),
                           status: status, submitted: at(sent))
    }

    @Test("the same request sent three times: the second and third repeat the first, and only one is counted")
    func threeTimes() {
        let sent = [Self.request("RQ-0001", sent: "2026-12-01T09:00"), Self.request("RQ-0002", matter: "town centre car parks.", start: "2026-12-15T19:00", sent: "2026-12-01T09:05"),
                    Self.request("RQ-0003", sent: "2026-12-01T09:10")]
        #expect(Duplicates.marks(sent) == ["RQ-0002": "RQ-0001", "RQ-0003": "RQ-0001"])
        #expect(Duplicates.distinct(sent).map(\.ref) == ["RQ-0001"])
        // Sent in the same second: the lower reference was sent first; one not yet sent comes after both.
        let together = [Self.request("RQ-0010"), Self.request("RQ-0009")]
        #expect(Duplicates.marks(together) == ["RQ-0010": "RQ-0009"])
        #expect(Duplicates.earlier(Self.request(""), among: together)?.ref == "RQ-0009")
    }

    @Test("another group, matter, officer or a time that does not overlap is a request of its own")
    func different() {
        let first = Self.request("RQ-0001")
        for other in [Self.request("RQ-0002", group: "CON"), Self.request("RQ-0002", matter: "Library opening hours"),
                      Self.request("RQ-0002", officers: ["o-dir-place", "o-cfo"]), Self.request("RQ-0002", start: "2026-12-15T20:30"),
                      Self.request("RQ-0002", start: "2026-12-16T18:30")] {
            #expect(!Duplicates.repeats(other, first), "\(other)")
        }
    }

    @Test("a request asked again after the first was declined or withdrawn is not a duplicate; after it was agreed it is")
    func afterDecision() {
        #expect(!Duplicates.repeats(Self.request("RQ-0002"), Self.request("RQ-0001", status: .declined)))
        #expect(!Duplicates.repeats(Self.request("RQ-0002"), Self.request("RQ-0001", status: .withdrawn)))
        #expect(Duplicates.repeats(Self.request("RQ-0002"), Self.request("RQ-0001", status: .approved)))
    }

    @Test("the warning names the earlier request, where it stands and what to do, and never refuses")
    func warning() {
        let v = Duplicates.warning(Self.request("RQ-0001"), profile: .model, when: LondonTime.format)
        #expect(!v.passed && v.severity == .warn && v.rule == .equalOffer)
        #expect(v.message.contains("repeats RQ-0001") && v.message.contains("2026-12-01T09:00"))
        #expect(v.fix.contains("Do not send it again: RQ-0001 is waiting for the Chief Executive's decision"))
        #expect([v].blocking.isEmpty && [v].referred.isEmpty)
    }
}
