import Dispatch
import Foundation
import HTTPTypes
import Logging
import Metrics
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Answers a calendar's poll of a feed that is cached and unchanged on the connection's own event loop, before the
/// request reaches Hummingbird's router; every other request, and every poll the cache cannot answer at once, goes on
/// to the router as before.
///
/// Why: subscribers poll all day, and a cached poll is a dictionary lookup, yet going through the framework (the hop
/// from the event loop to a task and back, the router, the context, three middlewares) cost more than twice what
/// nginx spends sending the same bytes (`benchmarks/service.sh`). What the poll gets is exactly what the route gives:
/// the same `FeedCache` (so SQLite is asked whether anything committed first, and a revoked secret or a change is seen
/// by the very next poll), the same 200/304 decision (`FeedController.notModified`), the same headers with `Date` and
/// `Server`, counted in the same metric series as the route (`/feeds/:secret`) and logged in the same line.
///
/// The commit check runs on the event loop: one prepared `PRAGMA data_version` on a read-only connection of its own
/// (`CommitWatcher`, a few microseconds). In WAL mode a reader waits for nobody; SQLite would make it wait only to
/// rebuild the WAL index after every connection to the file closed uncleanly, which cannot happen while the service
/// holds its own connections open.
///
/// Only a GET of `/feeds/SECRET.ics` as sent by calendar apps (no query, no body, not closing the connection, the
/// secret's feed rendered since the last commit) is answered here. While a request passed on to the router is still
/// being answered, everything is passed on, so responses on a connection leave in the order their requests came.
final class FeedPollHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The feed route as Hummingbird names it (the label its `MetricsMiddleware` records), and as logs show it.
    static let pattern = "/feeds/{file}", route = ProcessMetrics.route(matched: pattern)

    private let cache: FeedCache
    private let serverName: String?
    private let logger: Logger
    /// Requests passed on to the router whose responses have not been written in full.
    private var passedOn = 0
    /// A feed poll's head and when it arrived, held until its end shows it has no body.
    private var held: (request: HTTPRequest, secret: String, start: UInt64)?

    init(cache: FeedCache, serverName: String?, logger: Logger) {
        self.cache = cache
        self.serverName = serverName
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            if passedOn == 0, held == nil, let secret = Self.pollSecret(request) {
                held = (request, secret, DispatchTime.now().uptimeNanoseconds)
                return
            }
            passOn(context, .head(request))
        case .body(let chunk):
            releaseHeld(context)
            context.fireChannelRead(wrapInboundOut(.body(chunk)))
        case .end(let trailers):
            if let poll = held {
                held = nil
                if let entry = cache.ready(secret: poll.secret) {
                    answer(context, poll.request, entry, start: poll.start)
                    return
                }
                passOn(context, .head(poll.request))
            }
            context.fireChannelRead(wrapInboundOut(.end(trailers)))
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), passedOn > 0 { passedOn -= 1 }
        context.write(data, promise: promise)
    }

    /// The secret of a plain feed poll (`GET /feeds/SECRET.ics`, nothing else in the path, not asking to close or
    /// upgrade the connection); nil for anything the router should see.
    static func pollSecret(_ request: HTTPRequest) -> String? {
        guard request.method == .get, request.headerFields[.connection].map(keepsConnection) ?? true, let path = request.path,
              path.hasPrefix("/feeds/"), path.hasSuffix(".ics") else { return nil }
        let secret = path.utf8.dropFirst(7).dropLast(4)
        guard !secret.isEmpty, !secret.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "%") })
        else { return nil }
        return String(Substring(secret))
    }

    /// A `Connection` header that neither closes nor upgrades the connection (`keep-alive`, say).
    private static func keepsConnection(_ value: String) -> Bool {
        let v = value.lowercased()
        return !v.contains("close") && !v.contains("upgrade")
    }

    private func passOn(_ context: ChannelHandlerContext, _ part: HTTPRequestPart) {
        if case .head = part { passedOn += 1 }
        context.fireChannelRead(wrapInboundOut(part))
    }

    /// A held head whose request turned out not to be a plain poll goes on to the router after all.
    private func releaseHeld(_ context: ChannelHandlerContext) {
        guard let poll = held else { return }
        held = nil
        passOn(context, .head(poll.request))
    }

    private func answer(_ context: ChannelHandlerContext, _ request: HTTPRequest, _ entry: FeedCache.Entry, start: UInt64) {
        let notModified = FeedController.notModified(request.headerFields, entry)
        var headers = entry.headers
        if !notModified { headers[.contentLength] = String(entry.body.readableBytes) }
        headers[.date] = HTTPDate.now()
        if let serverName { headers[.server] = serverName }
        let status: HTTPResponse.Status = notModified ? .notModified : .ok
        context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: headers))), promise: nil)
        if !notModified { context.write(wrapOutboundOut(.body(entry.body)), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        FeedPollMetrics.shared.record(status: status, nanoseconds: elapsed)
        RequestLog.record(logger, method: .get, route: Self.route, status: status, nanoseconds: Int64(clamping: elapsed))
    }
}

/// The series Hummingbird's `MetricsMiddleware` records a request of the feed route in (its labels, which
/// `ProcessMetrics` publishes as `route="/feeds/:secret"`), made once rather than looked up per poll.
final class FeedPollMetrics: Sendable {
    static let shared = FeedPollMetrics()

    private let ok: (Counter, Metrics.Timer)
    private let notModified: (Counter, Metrics.Timer)

    private init() {
        func series(_ status: HTTPResponse.Status) -> (Counter, Metrics.Timer) {
            let dimensions = [("http.route", FeedPollHandler.pattern), ("http.request.method", "GET"), ("http.response.status_code", status.code.description)]
            return (Counter(label: "hb.requests", dimensions: dimensions),
                    Metrics.Timer(label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds))
        }
        _ = ProcessMetrics.registry  // the backend first
        ok = series(.ok)
        notModified = series(.notModified)
    }

    func record(status: HTTPResponse.Status, nanoseconds: UInt64) {
        let (counter, timer) = status == .ok ? ok : notModified
        counter.increment()
        timer.recordNanoseconds(Int64(clamping: nanoseconds))
    }
}

/// The `Date` header's text, made once a second rather than per response.
enum HTTPDate {
    private static let cache = Mutex<(second: Int, text: String)>((-1, ""))

    static func now() -> String {
        let date = Date()
        let second = Int(date.timeIntervalSince1970)
        if let text = cache.withLock({ $0.second == second ? $0.text : nil }) { return text }
        let text = FeedController.httpDate(date)
        cache.withLock { $0 = (second, text) }
        return text
    }
}
