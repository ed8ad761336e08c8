import AsyncHTTPClient
import BriefingsCalendar
import BriefingsStore
import Foundation
import NIOCore
import NIOHTTP1

/// One GET of another system's document (a published calendar, ModernGov's web service) with AsyncHTTPClient, under
/// the limits a file import has: at most `maximumBytes` (an answer that goes on past it is cut off there), and the
/// whole answer within `timeout` (a server that stalls, or trickles without end, is cut off then). Conditional: the
/// validators of the copy held are sent back (`If-None-Match`, `If-Modified-Since`) and a 304 is an answer of its own.
/// Its failures never quote the address beyond its scheme and host: a published calendar's address is its key.
public struct WebFetch: Sendable {
    public struct Limits: Sendable {
        public var maximumBytes: Int
        public var timeout: Duration

        public init(maximumBytes: Int, timeout: Duration) {
            self.maximumBytes = maximumBytes
            self.timeout = timeout
        }

        /// A calendar: the file import's 10 MB, within a minute.
        public static let calendar = Limits(maximumBytes: CalendarImport.maximumBytes, timeout: .seconds(60))
    }

    /// What the server answered.
    public enum Answer: Sendable {
        /// 304: the copy held is current.
        case notModified
        /// The document, and its validators for the next conditional GET.
        case document(Data, etag: String?, lastModified: String?)
    }

    /// Why nothing usable came back: what happened, and what to do.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var fix: String
        public var description: String { message + ". " + fix }
    }

    public var limits: Limits
    public var client: HTTPClient

    public init(limits: Limits = .calendar, client: HTTPClient = .shared) {
        self.limits = limits
        self.client = client
    }

    /// GETs `url`, sending back the validators of the copy held; throws a `Failure` saying what went wrong.
    public func get(_ url: String, etag: String? = nil, lastModified: String? = nil, accept: String) async throws -> Answer {
        let limits = limits, client = client
        let shown = CalendarAddress.shown(url)
        do {
            return try await withThrowingTaskGroup(of: Answer.self) { group in
                group.addTask {
                    try await Self.read(url, etag: etag, lastModified: lastModified, accept: accept, limits: limits, client: client)
                }
                group.addTask {
                    try await Task.sleep(for: limits.timeout)
                    throw Self.timedOut(limits, shown)
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Self.failure(error, limits: limits, url: url)
        }
    }

    static func read(_ url: String, etag: String?, lastModified: String?, accept: String, limits: Limits, client: HTTPClient) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "Accept", value: accept)
        request.headers.add(name: "User-Agent", value: "briefings")
        if let etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let lastModified { request.headers.add(name: "If-Modified-Since", value: lastModified) }
        let response = try await client.execute(request, deadline: .now() + .nanoseconds(limits.timeout.nanoseconds))
        let shown = CalendarAddress.shown(url)
        switch response.status.code {
        case 304 where etag != nil || lastModified != nil:
            return .notModified
        case 200..<300:
            let big = Self.tooLarge(limits, shown)
            if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > limits.maximumBytes { throw big }
            var buffer = ByteBuffer()
            for try await chunk in response.body {
                guard buffer.readableBytes + chunk.readableBytes <= limits.maximumBytes else { throw big }
                buffer.writeImmutableBuffer(chunk)
            }
            return .document(Data(buffer.readableBytesView), etag: response.headers.first(name: "etag"),
                             lastModified: response.headers.first(name: "last-modified"))
        default:
            throw Self.status(response.status, shown)
        }
    }

    static func timedOut(_ limits: Limits, _ shown: String) -> Failure {
        Failure(message: "\(shown) did not send its whole answer within \(limits.timeout.seconds) seconds, so it was cut off (the server stalled, or sent without end)",
                fix: "Check that the address still opens in a browser; it is tried again at the next refresh")
    }

    static func tooLarge(_ limits: Limits, _ shown: String) -> Failure {
        Failure(message: "\(shown) sent more than \(limits.maximumBytes / 1_048_576 > 0 ? "\(limits.maximumBytes / 1_048_576) MB" : "\(limits.maximumBytes) bytes"), so the answer was cut off there and nothing was imported",
                fix: "Publish a shorter date range of the calendar, or check that the address is the calendar's own (ICS) address")
    }

    static func status(_ status: HTTPResponseStatus, _ shown: String) -> Failure {
        let answered = "\(shown) answered \(status.code) \(status.reasonPhrase)"
        switch status.code {
        case 404, 410:
            return Failure(message: answered + ": nothing is published at this address any more",
                           fix: "Publish the calendar again (a new publication has a new address) and set the new address")
        case 401, 403:
            return Failure(message: answered + ": the address does not allow reading without signing in",
                           fix: "Give the calendar's published (ICS) address, or Google's secret address in iCal format, not the address of the calendar's web page")
        case 300..<400:
            return Failure(message: answered + " without a usable redirect", fix: "Check the address in a browser and set the one it ends at")
        case 304:
            return Failure(message: answered + " although no copy was asked after", fix: "It is tried again at the next refresh; if it persists, the server is misconfigured")
        default:
            return Failure(message: answered, fix: "It is tried again at the next refresh; if it persists, check the address in a browser")
        }
    }

    static func failure(_ error: any Error, limits: Limits, url: String) -> Failure {
        let shown = CalendarAddress.shown(url)
        if let e = error as? HTTPClientError {
            switch e {
            case .deadlineExceeded, .readTimeout: return timedOut(limits, shown)
            case .connectTimeout: return Failure(message: "could not connect to \(shown) within the time limit", fix: "Check that the address's host is reachable from the server; it is tried again at the next refresh")
            case .invalidURL, .emptyHost, .emptyScheme: return Failure(message: "the address is not a web address", fix: "Set the calendar's address again")
            case .redirectLimitReached, .redirectCycleDetected: return Failure(message: "\(shown) redirected too many times", fix: "Check the address in a browser and set the one it ends at")
            default: break
            }
        }
        if error is NIOTooManyBytesError { return tooLarge(limits, shown) }
        let said = CalendarAddress.scrubbed(String(describing: error), url)
        return Failure(message: "could not read \(shown): \(said)", fix: "Check that the address's host is reachable from the server; it is tried again at the next refresh")
    }
}

extension Duration {
    var seconds: String {
        let s = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return s == s.rounded() ? "\(Int(s))" : String(format: "%.1f", s)
    }

    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
