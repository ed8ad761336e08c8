import BriefingsCLI
import BriefingsDomain
import BriefingsStore
import Crypto
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// A council database driven through the `briefings` command line, as an administrator on the server would.
final class CouncilFile: Sendable {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-imports-\(UUID().uuidString).sqlite").path
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    /// Monday 2 November 2026, 09:00 in London: every test's today.
    static let now = try! LondonTime.parse("2026-11-02T09:00")

    init() async throws {
        let initialised = await run("init", "--profile", "model").code
        let imported = await run("roster", "import", Self.root.appendingPathComponent("examples/roster.json").path).code
        precondition(initialised == 0 && imported == 0)
    }

    deinit { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }

    @discardableResult
    func run(_ args: String...) async -> (code: Int32, out: String, err: String) { await run(args) }

    func run(_ args: [String], now: Date = CouncilFile.now) async -> (code: Int32, out: String, err: String) {
        await CLI.capture(args + ["--database", path], now: now)
    }

    /// The desk over the same file, at `now`.
    func desk(now: Date = CouncilFile.now) throws -> BriefingDesk {
        BriefingDesk(database: try AppDatabase.open(path: path), now: { now })
    }

    func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
        try DatabaseQueue(path: path).read { db in try Row.fetchAll(db, sql: sql, arguments: arguments) }
    }

    /// An officer's imported busy times: (start, end, label), in order.
    func busy(_ officer: String) throws -> [String] {
        try rows("SELECT start, end, label FROM booking WHERE resource = ? AND session_id IS NULL ORDER BY start", ["officer:\(officer)"]).map {
            "\(LondonTime.format(Date(timeIntervalSince1970: Double($0["start"] as Int))))–\(LondonTime.format(Date(timeIntervalSince1970: Double($0["end"] as Int))).suffix(5)) \($0["label"] as String)"
        }
    }

    /// Every row of every table: compared before and after a refused command.
    func snapshot() throws -> String {
        try DatabaseQueue(path: path).read { db in
            var out = ""
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid") { out += "\(table) \(row)\n" }
            }
            return out
        }
    }

    /// Every stored text a person or a log could see: the audit trail, notifications and the outbox.
    func auditText() throws -> String {
        try rows("SELECT action, subject, details FROM audit ORDER BY seq").map { "\($0["action"] as String) \($0["subject"] as String) \($0["details"] as String)" }
            .joined(separator: "\n")
    }
}

/// A web server on 127.0.0.1 (a free port) publishing documents a test changes between reads, and answering as the
/// test says: conditionally (ETag and Last-Modified, 304 on a match), without validators, too much, without end, late,
/// or with an error status. It counts what it was asked.
final class PublishingHost: Sendable {
    enum Mode: Sendable {
        case normal
        /// 200 with the whole document every time, no ETag or Last-Modified (a server that ignores conditional GETs).
        case noValidators
        /// This many bytes of calendar-looking text, with a Content-Length.
        case oversized(Int)
        /// Chunks of calendar-looking text, fast, without end (no Content-Length).
        case endless
        /// Waits before answering until the test lets it go (`release`), or a minute.
        case stall
        /// One small chunk every 100 ms without end.
        case trickle
        case status(Int)
    }

    struct State {
        var documents: [String: String] = [:]
        var mode: Mode = .normal
        /// Every request's path and its If-None-Match, in order.
        var requests: [(path: String, ifNoneMatch: String?, ifModifiedSince: String?)] = []
        /// Answers with a whole document (status 200).
        var full = 0
        var notModified = 0
        /// Stalled answers may go.
        var released = false
        /// Every request's path and query, in order.
        var queries: [String] = []
    }

    let state = Mutex(State())

    func publish(_ path: String, _ text: String) { state.withLock { $0.documents[path] = text } }
    func set(_ mode: Mode) { state.withLock { $0.mode = mode } }
    /// Lets stalled answers go (so the host stops at once when the test ends).
    func release() { state.withLock { $0.released = true } }
    var full: Int { state.withLock { $0.full } }
    var notModified: Int { state.withLock { $0.notModified } }
    var queries: [String] { state.withLock { $0.queries } }
    var requests: [(path: String, ifNoneMatch: String?, ifModifiedSince: String?)] { state.withLock { $0.requests } }

    static func etag(_ text: String) -> String { "\"" + SHA256.hash(data: Data(text.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined() + "\"" }
    static let lastModified = "Mon, 02 Nov 2026 08:00:00 GMT"

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("**") { request, _ -> Response in
            let path = request.uri.path
            let (mode, text) = self.state.withLock { s -> (Mode, String?) in
                s.requests.append((path, request.headers[.ifNoneMatch], request.headers[.ifModifiedSince]))
                s.queries.append(request.uri.query.map { path + "?" + $0 } ?? path)
                // A document published under its path and query (a web service's answer) first, else under its path.
                return (s.mode, request.uri.query.flatMap { s.documents[path + "?" + $0] } ?? s.documents[path])
            }
            let filler = ByteBuffer(string: String(repeating: "BEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\n", count: 1_000))
            switch mode {
            case .status(let code):
                return Response(status: .init(code: code))
            case .oversized(let n):
                self.state.withLock { $0.full += 1 }
                return Response(status: .ok, headers: [.contentType: "text/calendar"],
                                body: ResponseBody(contentLength: n) { writer in
                                    var left = n
                                    while left > 0 {
                                        let piece = min(left, filler.readableBytes)
                                        try await writer.write(filler.getSlice(at: 0, length: piece)!)
                                        left -= piece
                                    }
                                    try await writer.finish(nil)
                                })
            case .endless:
                self.state.withLock { $0.full += 1 }
                return Response(status: .ok, headers: [.contentType: "text/calendar"], body: ResponseBody { writer in
                    while true { try await writer.write(filler) }
                })
            case .trickle:
                return Response(status: .ok, headers: [.contentType: "text/calendar"], body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "BEGIN:VCALENDAR\r\n"))
                    while true {
                        try await Task.sleep(for: .milliseconds(100))
                        try await writer.write(ByteBuffer(string: "X-WAIT:1\r\n"))
                    }
                })
            case .stall:
                for _ in 0..<600 where !self.state.withLock({ $0.released }) { try await Task.sleep(for: .milliseconds(100)) }
                fallthrough
            case .normal, .noValidators:
                guard let text else { return Response(status: .notFound) }
                var headers: HTTPFields = [.contentType: "text/calendar; charset=utf-8"]
                if case .noValidators = mode {} else {
                    let etag = Self.etag(text)
                    headers[.eTag] = etag
                    headers[.lastModified] = Self.lastModified
                    if request.headers[.ifNoneMatch] == etag {
                        self.state.withLock { $0.notModified += 1 }
                        return Response(status: .notModified, headers: [.eTag: etag])
                    }
                }
                self.state.withLock { $0.full += 1 }
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
            }
        }
        return router
    }

    /// Runs the host for `body`, which gets its address (`http://127.0.0.1:PORT`); stops it after.
    func serving<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let app = Application(router: router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in try await body("http://127.0.0.1:\(client.port!)") }
    }
}

/// A published calendar of busy times (Europe/London), CRLF lines.
func calendar(_ events: [(start: String, end: String, summary: String)]) -> String {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Outlook-like//EN"]
    for (i, e) in events.enumerated() {
        lines += ["BEGIN:VEVENT", "UID:busy-\(i)@example.org", "DTSTAMP:20261101T000000Z", "DTSTART;TZID=Europe/London:\(e.start)",
                  "DTEND;TZID=Europe/London:\(e.end)", "SUMMARY:\(e.summary)", "END:VEVENT"]
    }
    return (lines + ["END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n"
}

/// Log lines, as `key=value` metadata after the message, for checking what a service logs.
final class LogLines: Sendable {
    let lines = Mutex<[String]>([])
    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    func handler() -> some LogHandler { Handler(sink: self) }

    struct Handler: LogHandler {
        let sink: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            let all = self.metadata.merging(metadata ?? [:]) { $1 }
            let line = "\(level) \(message) " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            sink.lines.withLock { $0.append(line) }
        }
    }
}

/// Runs a background service until `done` holds (at most a minute: the machine may be busy), then cancels it.
func runUntil(_ service: some Service, _ done: @Sendable () async throws -> Bool) async throws {
    let task = Task { try await service.run() }
    defer { task.cancel() }
    let deadline = Date().addingTimeInterval(60)
    while try await !done() {
        guard Date() < deadline else { Issue.record("the service did not get there within a minute"); return }
        try await Task.sleep(for: .milliseconds(50))
    }
}
