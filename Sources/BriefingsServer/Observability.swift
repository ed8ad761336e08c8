import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Prometheus
import Synchronization

/// Request counts and latencies for `/metrics`, and one structured log line per request with feed
/// secrets and ids kept out of the path (`/feeds/:secret`).
struct ObservabilityMiddleware<Context: RequestContext>: RouterMiddleware {
    let registry: PrometheusCollectorRegistry
    let instruments = Instruments()

    /// Counters and histograms by label, made once: the registry's lookup is not free on every request.
    /// One lock per request finds both, keyed by values rather than by a formatted string.
    final class Instruments: Sendable {
        struct Key: Hashable { let method: HTTPRequest.Method; let route: String; let status: Int }
        private struct State {
            var counters: [Key: Counter] = [:]
            var histograms: [String: DurationHistogram] = [:]
        }
        private let state = Mutex(State())

        func pair(_ key: Key, counter: () -> Counter, histogram: () -> DurationHistogram) -> (Counter, DurationHistogram) {
            state.withLock { s in
                let c: Counter
                if let hit = s.counters[key] { c = hit } else { c = counter(); s.counters[key] = c }
                let h: DurationHistogram
                if let hit = s.histograms[key.route] { h = hit } else { h = histogram(); s.histograms[key.route] = h }
                return (c, h)
            }
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        // The route the router matched, never the path as sent: `//feeds/SECRET.ics` is the feed route too, and a
        // path that matches nothing (`/feed/SECRET.ics`) is only "unmatched", so no secret reaches a log or a label.
        let route = Self.route(matched: context.endpointPath)
        let elapsed = ContinuousClock.now - start
        let method = request.method, status = response.status.code
        let (counter, histogram) = instruments.pair(.init(method: method, route: route, status: status)) {
            registry.makeCounter(descriptor: .init(metricName: "briefings_http_requests", unitName: "total", helpText: "HTTP requests handled"),
                                 labels: [("method", method.rawValue), ("route", route), ("status", String(status))])
        } histogram: {
            registry.makeDurationHistogram(descriptor: .init(metricName: "briefings_http_request_duration", unitName: "seconds",
                                                             helpText: "HTTP request latency"),
                                           labels: [("route", route)],
                                           buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2)])
        }
        counter.increment()
        histogram.recordNanoseconds(elapsed.nanoseconds)
        context.logger.info("request", metadata: ["method": "\(method.rawValue)", "route": "\(route)",
                                                  "status": "\(status)", "ms": "\(elapsed.nanoseconds / 1_000_000)"])
        return response
    }

    /// A metric label and log field for a matched route pattern: its parameters as the router names them, the
    /// feed's as `:secret`; nil (nothing matched) is `unmatched`. Made-up paths cannot grow the registry.
    static func route(matched pattern: String?) -> String {
        guard let pattern, pattern != "NotFound" else { return "unmatched" }
        // Hummingbird describes a capture as `{name}`; the labels have always said `:name`.
        let route = "/" + pattern.split(separator: "/").map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
        return route == "/feeds/:file" ? "/feeds/:secret" : route
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
                            body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        router.get("openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.file)))
        }
    }
}
