import BriefingsCalendar
import BriefingsDomain
import BriefingsStore
import Foundation
import GRDB

// Benchmarks for the briefing desk. Prints ratios measured in this one run, never bare rates on their own:
//  1. durable workflow transactions (submit a request, approve it; rules, audit, WAL, synchronous=FULL)
//     against raw single-row SQLite transactions with the same pragmas (target ≥ 0.3×);
//  2. the cost of validating one request with 1,000, 10,000 and 100,000 existing sessions
//     (target ≤ 1.5× per tenfold growth: indexed overlap queries, no full scans).

let args = CommandLine.arguments
if args.count > 1, args[1].hasPrefix("calendar-") { try calendarBenchmark(args); exit(0) }
let pairs = args.count > 1 ? Int(args[1]) ?? 200 : 200
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-bench-\(getpid())")
// A folder left by an earlier run with the same process id (killed before it cleaned up) is not this run's.
try? FileManager.default.removeItem(at: directory)
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
/// Removes this run's databases and ends the process (`exit` runs no `defer`).
func finish() -> Never {
    try? FileManager.default.removeItem(at: directory)
    exit(0)
}

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try await body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let rosterURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../examples/roster.json")
// The benchmark books sessions round the clock (working hours would only add overrides), and one leader makes
// thousands of requests in a day, far past a council's daily limit.
let roster = String(decoding: try Data(contentsOf: rosterURL), as: UTF8.self).replacingOccurrences(
    of: "\"roomBufferMinutes\": 15",
    with: "\"roomBufferMinutes\": 15, \"severity.working-hours\": \"warn\", \"requestsPerPersonPerDay\": 100000, \"pendingRequestsPerGroup\": 100000")
let clock = Date(timeIntervalSince1970: 1_798_000_000) // Jan 2027
func desk(_ name: String) async throws -> BriefingDesk {
    let d = BriefingDesk(database: try AppDatabase.open(path: directory.appendingPathComponent(name).path), now: { clock })
    _ = try await d.initialise(profile: "model")
    _ = try await d.importRoster(Data(roster.utf8))
    return d
}

func proposal(_ i: Int) -> SessionProposal {
    let start = clock.addingTimeInterval(86_400 * 7 + Double(i) * 4 * 3600)
    return SessionProposal(requester: "m-patel", groups: ["LAB"],
                           matter: Matter(title: "Benchmark matter \(i)", area: "planning", linkedMeeting: "Cabinet"),
                           officers: [OfficerAttendance(officer: "o-dir-place")],
                           meetingStart: start, meetingEnd: start.addingTimeInterval(7200),
                           segmentStart: start, segmentEnd: start.addingTimeInterval(2700),
                           venue: .room("cr1"), attendees: [.person("m-patel"), .person("m-okafor")])
}

if args.count > 3, args[1] == "populate" {
    // populate PATH N: a council whose Labour group has N approved sessions (for benchmarks/service.sh).
    let desk = BriefingDesk(database: try AppDatabase.open(path: args[2]), now: { clock })
    // Setting up, not measuring: no fsync per step while the sessions are written.
    try desk.database.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = OFF") }
    _ = try await desk.initialise(profile: "model")
    _ = try await desk.importRoster(Data(roster.utf8))
    for i in 0..<(Int(args[3]) ?? 120) {
        let r = try await desk.submitRequest(proposal(i))
        _ = try await desk.approve(r.ref, as: "o-ceo", judged: Set(BriefingsDomain.Approval.judgedRules))
    }
    print(try await desk.issueFeedSecret(.group("LAB"), for: "m-okafor"))
    finish()
}

if args.count > 3, args[1] == "populate-queue" {
    // populate-queue PATH N: a council with N requests waiting in the approver's queue (for benchmarks/pages.sh);
    // prints a one-time sign-in link's secret and a bearer token for the Chief Executive, one a line.
    let desk = BriefingDesk(database: try AppDatabase.open(path: args[2]), now: { clock })
    try desk.database.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = OFF") }
    _ = try await desk.initialise(profile: "model")
    _ = try await desk.importRoster(Data(roster.utf8))
    for i in 0..<(Int(args[3]) ?? 1000) { _ = try await desk.submitRequest(proposal(i)) }
    print(try await desk.issueSignInLink(for: "o-ceo").secret)
    print(try await desk.issueToken(for: "o-ceo", label: "bench").token)
    finish()
}

// 1. Raw single-row transactions with the same pragmas.
// GRDB sets a pool's writer to synchronous=NORMAL when it enables WAL; both sides are set to FULL
// after opening, and checked, so each commit is an fsync on both sides.
let raw = try DatabasePool(path: directory.appendingPathComponent("raw.sqlite").path)
try raw.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
try raw.write { try $0.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)") }
let rawLevel = try raw.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
let rawCount = pairs * 2
let workflow = try await desk("desk.sqlite")
let deskLevel = try workflow.database.synchronousLevel()
guard rawLevel == 2, deskLevel == 2 else {
    fatalError("both databases must run with synchronous=FULL (2): raw \(rawLevel ?? -1), desk \(deskLevel)")
}
// The two sides take turns in ten rounds, so a change in the machine's load while the benchmark runs (another build,
// another process's fsyncs) falls on both rather than on whichever side ran then.
let rounds = max(1, min(10, pairs))
var rawTime = 0.0, deskTime = 0.0, rawDone = 0, pairsDone = 0
for round in 1...rounds {
    let rawUntil = rawCount * round / rounds, pairsUntil = pairs * round / rounds
    rawTime += try await seconds {
        for i in rawDone..<rawUntil {
            try raw.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.execute(sql: "INSERT INTO t (v) VALUES (?)", arguments: ["row \(i)"])
                    return .commit
                }
            }
        }
    }
    deskTime += try await seconds {
        for i in pairsDone..<pairsUntil {
            let r = try await workflow.submitRequest(proposal(i))
            _ = try await workflow.approve(r.ref, as: "o-ceo", judged: Set(BriefingsDomain.Approval.judgedRules))
        }
    }
    rawDone = rawUntil; pairsDone = pairsUntil
}
guard try await workflow.verifyAudit().intact else { fatalError("audit chain broken") }
let rawRate = Double(rawCount) / rawTime, deskRate = Double(pairs * 2) / deskTime
print("Durable steps (WAL, synchronous=FULL on both): \(pairs) requests submitted and approved (\(pairs * 2) workflow transactions) vs \(rawCount) raw single-row transactions")
print(String(format: "  workflow transactions per second / raw transactions per second = %.2f×  (target ≥ 0.30×)", deskRate / rawRate))

// 2. Validation cost as existing sessions grow tenfold.
if args.count > 2 && args[2] == "steps-only" { finish() }
let scaling = try await desk("scale.sqlite")
let officers = ["o-ceo", "o-dce", "o-dir-place", "o-ad-finance", "o-hos-housing", "o-mgr-planning", "o-planner", "o-mo"]
let rooms = ["cr1", "cr2", "chamber"]
let probe = proposal(1)
var perCheck: [Int: Double] = [:]
func grow(from existing: Int, to n: Int) throws {
    try scaling.database.writer.write { db in
        try db.execute(sql: """
            INSERT INTO request (kind, status, group_id, requester, proposal, verdicts, submitted_at)
            SELECT 'request', 'approved', 'LAB', 'm-patel', '{}', '[]', 0 WHERE NOT EXISTS (SELECT 1 FROM request WHERE id = 1)
            """)
        try db.execute(sql: """
            INSERT OR IGNORE INTO briefing (id, request_id, title, details, area, officers, status, created_at)
            VALUES (1, 1, 'Bench', '', 'planning', '[]', 'open', 0)
            """)
        let session = try db.makeStatement(sql: """
            INSERT INTO session (briefing_id, status, meeting_start, meeting_end, segment_start, segment_end, venue, attendees, updated_at, created_at)
            VALUES (1, 'scheduled', ?, ?, ?, ?, '{}', '[]', 0, 0)
            """)
        let booking = try db.makeStatement(sql: "INSERT INTO booking (resource, start, end, session_id, label) VALUES (?, ?, ?, ?, 'bench')")
        // Half-hour slots spreading outwards from the probe's time, both ways, cycling officers and rooms:
        // every size puts the same bookings near the probe, so only the size of the tables grows.
        let centre = Int(probe.meetingStart.timeIntervalSince1970)
        for i in existing..<n {
            let start = centre + (i % 2 == 0 ? 1 : -1) * (i / 2 + i % 2) * 1800
            try session.execute(arguments: [start, start + 3600, start, start + 2700])
            let id = db.lastInsertedRowID
            try booking.execute(arguments: ["officer:\(officers[i % officers.count])", start, start + 2700, id])
            try booking.execute(arguments: ["room:\(rooms[i % rooms.count])", start, start + 3600, id])
        }
    }
}
var existing = 0
for n in [1_000, 10_000, 100_000] {
    try grow(from: existing, to: n)
    existing = n
    // Warm the cache, and make sure the overlap query is exercised: the probe clashes at every size.
    let clash = try await scaling.check(probe).first { $0.rule == .noDoubleBooking }
    guard let clash, !clash.passed else { fatalError("the probe should clash with the bookings round it") }
    let reps = 2_000
    let t = try await seconds { for _ in 0..<reps { _ = try await scaling.check(probe) } }
    perCheck[n] = t / Double(reps)
}
print("Validation of one request (all rules, overlap queries) as existing sessions grow:")
print(String(format: "  10,000 vs 1,000 sessions: %.2f×   100,000 vs 10,000 sessions: %.2f×  (target ≤ 1.5× per tenfold growth)",
             perCheck[10_000]! / perCheck[1_000]!, perCheck[100_000]! / perCheck[10_000]!))
finish()
