import BriefingsCLI
import BriefingsDomain
import BriefingsServer
import BriefingsStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real service on 127.0.0.1 over a database file: concurrent conflicting requests and approvals,
/// and the command line as its client.
@Suite("Live service on 127.0.0.1")
struct LiveServiceTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("briefings-live-\(UUID().uuidString).sqlite").path
    }

    static func remove(_ path: String) { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }

    /// One HTTP request with URLSession: a real client on its own connection.
    static func call(_ port: Int, _ method: String, _ path: String, token: String, body: String? = nil,
                     session: URLSession = .shared) async throws -> (Int, [String: String]) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let body { request.httpBody = Data(body.utf8); request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await session.data(for: request)
        let object = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        return ((response as! HTTPURLResponse).statusCode, object.compactMapValues { $0 as? String })
    }

    @Test("many concurrent conflicting requests and approvals: one booking, no lost write, no 500, the audit chain verifies")
    func concurrency() async throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let f = try await Fixture.make(path: path)
        // The Chief Executive is away today, so the deputy (o-dce) decides too (RULES.md, "decide").
        try await f.desk.recordAbsence(from: LocalDate("2026-11-02")!, until: LocalDate("2026-11-02")!, as: "o-ceo")
        var issued = f.tokens
        for leader in ["m-evans", "m-nowak"] { issued[leader] = try await f.desk.issueToken(for: leader).token }
        let tokens = issued
        let groups = [("LAB", "m-patel"), ("CON", "m-hughes"), ("LD", "m-evans"), ("GRN", "m-nowak")]
        try await f.app.test(.live) { client in
            let port = client.port!
            // 16 requests for the same officer at the same time, in different rooms, all at once.
            let submitted = try await withThrowingTaskGroup(of: (Int, [String: String]).self) { group in
                for i in 0..<16 {
                    let (g, leader) = groups[i % 4]
                    let room = ["cr1", "cr2", "chamber"][i % 3]
                    let body = #"{"group":"\#(g)","matter":"Flood plan \#(i)","area":"planning","meeting":"Cabinet","officers":["o-dir-place"],"session":{"start":"2026-12-21T10:00","room":"\#(room)","attendees":["\#(leader)"]}}"#
                    group.addTask { try await Self.call(port, "POST", "/api/requests", token: tokens[leader]!, body: body) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(submitted.allSatisfy { $0.0 == 201 }, "\(submitted.map(\.0))")
            let refs = submitted.compactMap { $0.1["ref"] }
            #expect(Set(refs).count == 16, "every request got its own id: no lost write")
            let approvals = try await withThrowingTaskGroup(of: (Int, [String: String]).self) { group in
                for (i, ref) in refs.enumerated() {
                    let approver = i % 2 == 0 ? "o-ceo" : "o-dce"
                    group.addTask { try await Self.call(port, "POST", "/api/requests/\(ref)/approve", token: tokens[approver]!,
                                                    body: #"{"judged":["council-business","no-individual-matter"]}"#) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let codes = approvals.map(\.0)
            #expect(codes.filter { $0 == 200 }.count == 1, "exactly one approval wins: \(codes)")
            #expect(codes.filter { $0 == 422 }.count == 15)
            #expect(approvals.filter { $0.0 == 422 }.allSatisfy { $0.1["rule"] == "no-double-booking" })
            #expect(!codes.contains { $0 >= 500 })
        }
        let db = try AppDatabase.open(path: path)
        let bookings = try await db.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM booking WHERE resource = 'officer:o-dir-place' AND start = ?",
                             arguments: [Int(try LondonTime.parse("2026-12-21T10:00").timeIntervalSince1970)])
        }
        #expect(bookings == 1)
        let requests = try await db.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request") }
        #expect(requests == 18)
        #expect(try await BriefingDesk(database: db).verifyAudit().intact)
    }

    @Test("writers waiting on the database lock hold none of the threads that answer /health and feed polls")
    func waitingWritersDoNotStallPolls() async throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let f = try await Fixture.make(path: path)
        let secret = try await f.desk.issueFeedSecret(.group("LAB"), for: "m-okafor")
        let token = f.tokens["m-patel"]!
        // Another connection takes the write lock and keeps it until told to let go.
        let lock = try WriteLockHolder(path)
        defer { lock.release() }   // also if a call below throws
        // Clients of their own: one connection per writer, and the polls not queued behind the writers.
        let writing = URLSessionConfiguration.ephemeral
        writing.httpMaximumConnectionsPerHost = 32
        let writerSession = URLSession(configuration: writing), pollSession = URLSession(configuration: .ephemeral)
        try await f.app.test(.live) { client in
            let port = client.port!
            // More writers than this machine has cores: each waits for the lock inside its handler.
            let writers = Task {
                await withTaskGroup(of: Int.self) { group in
                    for i in 0..<16 {
                        let body = #"{"group":"LAB","matter":"Waiting \#(i)","area":"planning","meeting":"Cabinet","officers":["o-dce"],"session":{"start":"2026-12-21T10:00","room":"cr1","attendees":["m-patel"]}}"#
                        group.addTask { (try? await Self.call(port, "POST", "/api/requests", token: token, body: body, session: writerSession).0) ?? -1 }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
            }
            try await Task.sleep(for: .milliseconds(500))
            // The lock is still held: these are answered anyway (the writers' busy timeout is 15 seconds).
            let health = try await Self.call(port, "GET", "/health", token: "", session: pollSession).0
            let poll = try await Self.call(port, "GET", "/feeds/\(secret).ics", token: "", session: pollSession).0
            lock.release()
            #expect(health == 200 && poll == 200)
            let codes = await writers.value
            #expect(codes == Array(repeating: 201, count: 16), "every waiting writer got its turn: \(codes)")
        }
    }

    /// Runs a command line as the command-line tests do, with the clock pinned.
    static func cli(_ args: [String]) async -> (code: Int32, out: String, err: String) {
        await CLI.capture(args, now: try! LondonTime.parse("2026-11-02T09:00"))
    }

    @Test("the command line against the service: same output and exit codes as local mode; clear 401 and unreachable errors")
    func cliAsClient() async throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let f = try await Fixture.make(path: path)
        // The Chief Executive is away today, so the deputy (o-dce) decides too (RULES.md, "decide").
        try await f.desk.recordAbsence(from: LocalDate("2026-11-02")!, until: LocalDate("2026-11-02")!, as: "o-ceo")
        try await f.app.test(.live) { client in
            let server = "http://127.0.0.1:\(client.port!)"
            func remote(_ person: String, _ args: [String]) async -> (code: Int32, out: String, err: String) {
                await Self.cli(args + ["--server", server, "--token", f.tokens[person]!])
            }
            func local(_ person: String, _ args: [String]) async -> (code: Int32, out: String, err: String) {
                await Self.cli(args + ["--database", path, "--as", person])
            }
            for (person, args) in [("o-ceo", ["queue"]), ("m-patel", ["session", "list"]), ("m-hughes", ["offer", "list", "--json"]),
                                   ("o-mo", ["parity"]), ("m-okafor", ["request", "show", "RQ-0001"]), ("m-hughes", ["request", "show", "RQ-0001"]),
                                   ("m-hughes", ["offer", "slots", "OF-0002"]), ("m-hughes", ["offer", "slots", "of-2", "--json"]),
                                   ("m-patel", ["offer", "slots", "OF-0002"]), ("m-hughes", ["offer", "slots", "OF-0099"]),
                                   // Every other read of `DeskService`, each mapped field by field on both sides of the wire (`rules`, which takes
                                   // no --as, is compared below).
                                   ("o-ceo", ["request", "list"]), ("m-hughes", ["request", "list", "--json"]), ("o-ceo", ["briefing", "list"]),
                                   ("o-ceo", ["briefing", "show", "BR-0001"]), ("m-patel", ["session", "list", "--json"]),
                                   ("o-ceo", ["session", "show", "SE-0001"]), ("o-mo", ["audit"]), ("o-mo", ["audit", "--verify"]),
                                   ("o-ceo", ["approver", "absences"]), ("m-patel", ["note", "list"]),
                                   ("m-patel", ["approve", "RQ-0002"]), ("o-ceo", ["approve", "RQ-0001"])] {
                let l = await local(person, args), r = await remote(person, args)
                #expect(l.code == r.code, "\(args) as \(person): local \(l.code) remote \(r.code)\n\(l.err)\n\(r.err)")
                #expect(l.out == r.out, "\(args) as \(person)")
                #expect(l.err == r.err, "\(args) as \(person)")
            }
            // The rules in force are the service's council's (here its roster overrides the model's room buffer), not a local file's.
            let roster = String(decoding: Fixture.roster, as: UTF8.self).replacingOccurrences(of: #""roomBufferMinutes": 15"#, with: #""roomBufferMinutes": 20"#)
            _ = try await f.desk.importRoster(Data(roster.utf8))
            let serviceRules = await Self.cli(["rules", "--database", path]), modelRules = await Self.cli(["rules", "--profile", "model"])
            #expect(serviceRules.out.contains("Room buffer: 20 min") && !modelRules.out.contains("Room buffer: 20 min"))
            for args in [["rules"], ["rules", "--json"]] {
                let r = await Self.cli(args + ["--server", server, "--token", f.tokens["o-dir-place"]!, "--database", "/nonexistent/briefings.sqlite"])
                let l = await Self.cli(args + ["--database", path])
                #expect(r.code == 0 && r.out == l.out, "\(args): \(r.err)")
            }
            let made = await remote("m-patel", ["request", "create", "--group", "LAB", "--matter", "Parks", "--area", "planning", "--meeting", "Cabinet",
                                                "--officer", "o-dce", "--start", "2026-12-21T10:00", "--room", "cr2", "--attendee", "m-patel"])
            #expect(made.code == 0 && made.out.contains("RQ-0003 is in the Chief Executive's queue"), "\(made)")
            let approved = await remote("o-dce", ["approve", "RQ-0003", "--judged", "council-business", "--judged", "no-individual-matter"])
            #expect(approved.code == 0 && approved.out.contains("Approved RQ-0003"), "\(approved)")
            // A subscriber gets their own feed URL from the service, addressed at it, and can withdraw it.
            let url = await remote("m-okafor", ["feed", "url", "--group", "LAB"])
            #expect(url.code == 0 && url.out.hasPrefix("\(server)/feeds/") && url.out.contains("webcal://127.0.0.1:\(client.port!)/feeds/"), "\(url)")
            let feedPath = String(url.out.split(separator: "\n").first ?? "").replacingOccurrences(of: server, with: "")
            #expect(try await Self.call(client.port!, "GET", feedPath, token: "").0 == 200)
            let other = await remote("m-okafor", ["feed", "url", "--group", "CON"])
            #expect(other.code == CLI.ExitCode.forbidden.rawValue && other.err.contains("may not subscribe"), "\(other)")
            let forSomeoneElse = await remote("m-okafor", ["feed", "url", "--group", "LAB", "--for", "m-patel"])
            #expect(forSomeoneElse.code == CLI.ExitCode.forbidden.rawValue && forSomeoneElse.err.contains("your own feed URLs"), "\(forSomeoneElse)")
            let revoked = await remote("m-okafor", ["feed", "revoke", "--group", "LAB", "--for", "m-okafor"])
            #expect(revoked.code == 0 && revoked.out.contains("Revoked 1 feed URL(s) of m-okafor"), "\(revoked)")
            try await Task.sleep(for: .milliseconds(1100)) // the feed cache trusts what it knows for a second
            #expect(try await Self.call(client.port!, "GET", feedPath, token: "").0 == 404)
            let refused = await Self.cli(["queue", "--server", server, "--token", "brf_not-a-token"])
            #expect(refused.code == CLI.ExitCode.unauthorised.rawValue && refused.err.contains("refused the token"))
        }
        let unreachable = await Self.cli(["queue", "--server", "http://127.0.0.1:9", "--token", "x"])
        #expect(unreachable.code == CLI.ExitCode.unreachable.rawValue && unreachable.err.contains("cannot reach"))
    }
}
