import BriefingsStore
import Foundation
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
    final class Instruments: Sendable {
        private let counters = Mutex<[String: Counter]>([:])
        private let histograms = Mutex<[String: DurationHistogram]>([:])

        func counter(_ key: String, _ make: () -> Counter) -> Counter {
            counters.withLock { if let c = $0[key] { return c }; let c = make(); $0[key] = c; return c }
        }

        func histogram(_ key: String, _ make: () -> DurationHistogram) -> DurationHistogram {
            histograms.withLock { if let h = $0[key] { return h }; let h = make(); $0[key] = h; return h }
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let route = Self.route(request.uri.path)
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let method = request.method.rawValue, status = String(response.status.code)
        instruments.counter("\(method) \(route) \(status)") {
            registry.makeCounter(descriptor: .init(metricName: "briefings_http_requests", unitName: "total", helpText: "HTTP requests handled"),
                                 labels: [("method", method), ("route", route), ("status", status)])
        }.increment()
        instruments.histogram(route) {
            registry.makeDurationHistogram(descriptor: .init(metricName: "briefings_http_request_duration", unitName: "seconds",
                                                             helpText: "HTTP request latency"),
                                           labels: [("route", route)],
                                           buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2)])
        }.recordNanoseconds(elapsed.nanoseconds)
        context.logger.info("request", metadata: ["method": "\(request.method.rawValue)", "route": "\(route)",
                                                  "status": "\(response.status.code)", "ms": "\(elapsed.nanoseconds / 1_000_000)"])
        return response
    }

    /// The path with secrets and ids replaced, so logs and metric labels never carry a feed secret.
    static func route(_ path: String) -> String {
        if path.hasPrefix("/feeds/") { return "/feeds/:secret" }
        return "/" + path.split(separator: "/").map { segment in
            segment.count == 7 && segment.dropFirst(2).first == "-" && segment.suffix(4).allSatisfy(\.isNumber) ? ":ref" : String(segment)
        }.joined(separator: "/")
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
            let ok = (try? desk.changeStamp()) != nil
            return try JSONBody.response(["status": ok ? "ok" : "database unavailable"], status: ok ? .ok : .serviceUnavailable)
        }
        router.get("metrics") { _, _ in
            registry.makeGauge(descriptor: .init(metricName: "briefings_queue_depth", unitName: "requests", helpText: "Requests waiting for the approver"))
                .set(Double(try desk.pendingCount()))
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        router.get("openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
    }
}
