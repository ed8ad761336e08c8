import BriefingsDomain
import BriefingsMail
import BriefingsStore
import Foundation
import Testing

@Suite("Email: delivering the outbox")
struct DeliveryTests {
    static let publicURL = "https://briefings.example.gov.uk"
    static let roster = try! Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/roster.json"))

    /// A desk on a file database (deliverers and steps in separate transactions, as in production) with one request.
    static func desk() async throws -> (BriefingDesk, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let desk = BriefingDesk(database: try AppDatabase.open(path: dir.appendingPathComponent("b.sqlite").path),
                                now: { try! LondonTime.parse("2026-11-02T09:00") })
        _ = try await desk.initialise(profile: "model")
        _ = try await desk.importRoster(roster)
        let start = try LondonTime.parse("2026-12-07T14:00")
        _ = try await desk.submitRequest(SessionProposal(requester: "m-patel", groups: ["LAB"],
                                                   matter: Matter(title: "Local Plan review", area: "planning", linkedMeeting: "Cabinet"),
                                                   officers: [OfficerAttendance(officer: "o-dir-place")], meetingStart: start,
                                                   meetingEnd: start + 7200, segmentStart: start, segmentEnd: start + 2700,
                                                   venue: .room("cr1"), attendees: [.person("m-patel"), .person("m-okafor")]))
        _ = try await desk.approve("RQ-0001", as: "o-ceo", judged: Set(BriefingsDomain.Approval.judgedRules))
        return (desk, dir)
    }

    @Test("a broken transport leaves every message pending with its error; the steps stand; a working one then sends them all")
    func brokenThenWorking() async throws {
        let (desk, dir) = try await Self.desk()
        defer { try? FileManager.default.removeItem(at: dir) }
        let total = try await desk.outbox().count
        #expect(total >= 5)
        let missing = OutboxDeliverer(desk: desk, command: try SendmailCommand("/usr/sbin/no-such-sendmail -t -i"), publicURL: Self.publicURL)
        let r1 = try await missing.deliverDue()
        #expect(r1.sent.isEmpty && r1.failed.count == 3, "three failures in a row stop the run")
        #expect(r1.failed.allSatisfy { $0.willRetry && $0.error.contains("does not exist") })
        let failing = try await desk.outbox(failedOnly: true)
        #expect(failing.count == 3 && failing.allSatisfy { $0.status == "pending" && $0.lastError?.contains("no-such-sendmail") == true })
        #expect(try await desk.request("RQ-0001", as: "o-ceo").status == "approved", "the step stands")
        // Their backoff has them wait; a fresh run with a working command sends the rest now, and them once retried.
        let sink = dir.appendingPathComponent("sent")
        try FileManager.default.createDirectory(at: sink, withIntermediateDirectories: true)
        let working = OutboxDeliverer(desk: desk, command: try SendmailCommand("sh -c 'cat > \"$0/$$.eml\"' \(sink.path)"), publicURL: Self.publicURL)
        let r2 = try await working.deliverDue()
        #expect(r2.sent.count == total - 3 && r2.failed.isEmpty)
        for item in failing { _ = try await desk.retryMessage(item.id) }
        #expect(try await working.deliverDue().sent.count == 3)
        let counts = try await desk.outboxCounts()
        #expect(counts.sent == total && counts.pending == 0 && counts.failed == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: sink.path)
        #expect(files.count == total)
        // What reached the command: no Bcc anywhere; every message's To line as stored.
        for f in files {
            let text = try String(contentsOf: sink.appendingPathComponent(f), encoding: .utf8)
            #expect(!text.lowercased().contains("\nbcc:") && text.contains("\nMessage-ID: <n"))
            #expect(text.contains("https://briefings.example.gov.uk/desk/"), "every message links to the desk under the public address")
        }
        #expect(try await working.deliverDue().sent.isEmpty, "nothing twice")
    }

    @Test("a command exiting non-zero: the message stays pending with the status and what the command said")
    func nonZero() async throws {
        let (desk, dir) = try await Self.desk()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try await OutboxDeliverer(desk: desk, command: try SendmailCommand("sh -c 'cat >/dev/null; echo \"451 try later\" >&2; exit 75'"), publicURL: Self.publicURL)
            .deliverDue(stopAfterFailures: 1)
        #expect(r.failed.count == 1 && r.failed[0].error.contains("exited with status 75: 451 try later"))
        #expect(try await desk.outbox(failedOnly: true).first?.lastError?.contains("451 try later") == true)
    }

    @Test("without the desk's public address a message that links to the desk is not sent: it waits, its error naming the setting, and goes once the address is given")
    func noPublicURL() async throws {
        let (desk, dir) = try await Self.desk()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sink = dir.appendingPathComponent("sent")
        try FileManager.default.createDirectory(at: sink, withIntermediateDirectories: true)
        let command = try SendmailCommand("sh -c 'cat > \"$0/$$.eml\"' \(sink.path)")
        let r = try await OutboxDeliverer(desk: desk, command: command, publicURL: nil).deliverDue()
        #expect(r.sent.isEmpty && r.failed.count == 3 && r.failed.allSatisfy { $0.willRetry && $0.error.contains("BRIEFINGS_PUBLIC_URL") && $0.error.contains("--public-url") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: sink.path).isEmpty, "nothing reached the command")
        for item in try await desk.outbox(failedOnly: true) { _ = try await desk.retryMessage(item.id) }
        let total = try await desk.outbox().count
        #expect(try await OutboxDeliverer(desk: desk, command: command, publicURL: Self.publicURL).deliverDue().sent.count == total)
    }
}
