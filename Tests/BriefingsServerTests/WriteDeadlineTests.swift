import BriefingsDomain
import BriefingsStore
import Foundation
import GRDB
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Issue 27, item 5: the lock wait started again at each place in the writers' queue. With the database locked for 40 s,
/// four simultaneous writes answered 503 at 15 s, 503 at 30 s, then 201 at 39.9 s, and behind a proxy with a 60-second
/// timeout clients saw 504 for writes that still committed. A write's wait counts from the request's arrival: however
/// many writers are ahead of it, it answers within its wait, and a write that answered 503 never commits.
@Suite("A write waits no longer than its wait", .serialized)
struct WriteDeadlineTests {
    @Test("the real service, its database held locked by another writer: four simultaneous writes all answer 503 within the wait, and none commits later")
    func deadlineFromArrival() async throws {
        let path = LiveServiceTests.temporaryPath()
        defer { LiveServiceTests.remove(path) }
        let token = try await Fixture.make(path: path).tokens["m-patel"]!
        let wait = 2.0
        let (server, port) = try await DrillTests.start(path, environment: ["BRIEFINGS_BUSY_TIMEOUT": "\(wait)"])
        defer { server.terminate(); server.waitUntilExit() }
        let before = try Self.count(path, "SELECT COUNT(*) FROM request")
        // Another writer (an import, a backup) takes the lock and keeps it for four waits.
        let held = wait * 4
        let lock = try WriteLockHolder(path, atMost: held)
        defer { lock.release() }
        let config = URLSessionConfiguration.ephemeral
        config.httpMaximumConnectionsPerHost = 8
        config.timeoutIntervalForRequest = 60
        let session = URLSession(configuration: config)
        let answers = try await withThrowingTaskGroup(of: (Int, Double).self) { group in
            for i in 0..<4 {
                group.addTask {
                    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/requests")!)
                    request.httpMethod = "POST"
                    request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
                    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                    request.httpBody = Data(#"{"group":"LAB","matter":"Queued \#(i)","area":"planning","meeting":"Cabinet","officers":["o-dce"],"session":{"start":"2026-12-21T1\#(i):00","room":"cr1","attendees":["m-patel"]}}"#.utf8)
                    let sent = ContinuousClock.now
                    let (_, response) = try await session.data(for: request)
                    let took = ContinuousClock.now - sent
                    return ((response as! HTTPURLResponse).statusCode, Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        print("writes behind a held lock (wait \(wait) s, held \(held) s): \(answers.map { "\($0.0) after \(String(format: "%.1f", $0.1)) s" })")
        #expect(answers.allSatisfy { $0.0 == 503 }, "every write gave up: \(answers)")
        #expect(answers.allSatisfy { $0.1 < wait + 1.5 }, "each within its own wait (\(wait) s) from arrival, not one wait per writer ahead: \(answers)")
        lock.release()
        // Once the lock is free, nothing that answered 503 commits after all.
        try await Task.sleep(for: .seconds(wait))
        #expect(try Self.count(path, "SELECT COUNT(*) FROM request") == before)
        // And the service writes again.
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/requests")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"group":"LAB","matter":"After","area":"planning","meeting":"Cabinet","officers":["o-dce"],"session":{"start":"2026-12-22T10:00","room":"cr1","attendees":["m-patel"]}}"#.utf8)
        let (_, after) = try await session.data(for: request)
        #expect((after as! HTTPURLResponse).statusCode == 201)
    }
}

extension WriteDeadlineTests {
    static func count(_ path: String, _ sql: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }
}
