import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import Prometheus

/// The process's swift-metrics backend: Prometheus, into one registry. Hummingbird's `MetricsMiddleware` records every
/// request through swift-metrics, which takes one backend per process, so every app built in a process (one in `serve`,
/// many in the tests) counts its requests here; `/metrics` shows these beside the app's own gauges (queue depth, outbox).
/// The framework's labels are its route patterns (`/feeds/{file}`, or `NotFound`/`Unknown` when nothing matched), so a
/// made-up path can never add a series; the names are mapped to the ones the service has always published.
enum ProcessMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [.milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100),
                                                   .milliseconds(500), .seconds(2)]
        factory.nameAndLabelSanitizer = { name, labels in (published(name), labels.map(label).sorted { order($0.0) < order($1.0) }) }
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// The published name of a metric the framework records.
    static func published(_ name: String) -> String {
        switch name {
        case "hb.requests": "briefings_http_requests_total"
        case "hb.request.errors": "briefings_http_request_errors_total"
        case "http.server.request.duration": "briefings_http_request_duration_seconds"
        case "http.server.active_requests": "briefings_http_active_requests"
        default: name.replacingOccurrences(of: ".", with: "_")
        }
    }

    /// The framework's dimension as the service labels it: `method`, `route` (`:name` parameters, the feed's as
    /// `:secret`, anything unmatched as `unmatched`) and `status`.
    static func label(_ dimension: (String, String)) -> (String, String) {
        switch dimension.0 {
        case "http.route": ("route", route(matched: dimension.1))
        case "http.request.method": ("method", dimension.1)
        case "http.response.status_code", "error.type": ("status", dimension.1)
        default: (dimension.0.replacingOccurrences(of: ".", with: "_"), dimension.1)
        }
    }

    private static func order(_ name: String) -> Int { ["method": 0, "route": 1, "status": 2][name] ?? 3 }

    /// A metric label and log field for a matched route pattern: its parameters as the router names them, the
    /// feed's as `:secret`; nil or the framework's `NotFound`/`Unknown` (nothing matched) is `unmatched`.
    static func route(matched pattern: String?) -> String {
        guard let pattern, pattern != "NotFound", pattern != "Unknown" else { return "unmatched" }
        // Hummingbird describes a capture as `{name}`; the labels have always said `:name`.
        let route = "/" + pattern.split(separator: "/").map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
        return route == "/feeds/:file" ? "/feeds/:secret" : route
    }
}

/// One structured log line per request: method, the route it matched (never the path as sent), status and
/// milliseconds. Not Hummingbird's `LogRequestsMiddleware`: that logs the URI as sent, and two of the service's paths
/// carry secrets (`/feeds/SECRET.ics`, the web desk's one-time `/desk/signin/link/SECRET`), which must never reach
/// a log; `//feeds/SECRET.ics` is the feed route too, and a path that matches nothing is only `unmatched`.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        RequestLog.record(context.logger, method: request.method, route: ProcessMetrics.route(matched: context.endpointPath),
                          status: response.status, nanoseconds: elapsed.nanoseconds)
        return response
    }
}

/// The request log line, written by `RequestLogMiddleware` and, for the polls it answers, `FeedPollHandler`.
enum RequestLog {
    static func record(_ logger: Logger, method: HTTPRequest.Method, route: String, status: HTTPResponse.Status, nanoseconds: Int64) {
        logger.info("request", metadata: ["method": "\(method.rawValue)", "route": "\(route)", "status": "\(status.code)",
                                          "ms": "\(nanoseconds / 1_000_000)"])
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// `/health` and `/metrics` (Prometheus text, with the approval queue's depth read at scrape time).
struct OpsController {
    let desk: BriefingDesk
    /// This app's own gauges; the requests it served are counted in `ProcessMetrics.registry`.
    let registry: PrometheusCollectorRegistry

    func addRoutes(to router: Router<BriefingsContext>) {
        router.get("health") { _, _ in
            let ok = (try? await desk.changeStamp()) != nil
            return try JSONBody.response(["status": ok ? "ok" : "database unavailable"], status: ok ? .ok : .serviceUnavailable)
        }
        router.get("metrics") { _, _ in
            registry.makeGauge(descriptor: .init(metricName: "briefings_queue_depth", unitName: "requests", helpText: "Requests waiting for the approver"))
                .set(Double(try await desk.pendingCount()))
            OutboxMetrics.record(try await desk.outboxCounts(), in: registry)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer() + ProcessMetrics.registry.emitToBuffer())))
        }
        router.get("openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.file)))
        }
    }
}
