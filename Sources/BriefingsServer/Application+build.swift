import BriefingsAPI
import BriefingsMail
import BriefingsStore
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle

/// What the service needs to start.
public protocol AppArguments {
    var host: String { get }
    var port: Int { get }
    var logLevel: Logger.Level { get }
    /// The sendmail command to deliver the outbox with in the background; nil delivers nothing (`outbox deliver` may).
    var sendmail: SendmailCommand? { get }
    /// The address people reach the service at (behind its reverse proxy): the web desk's cookies are `Secure` when it
    /// is https, and its feed links start with it. Nil: the address each request was sent to.
    var publicURL: String? { get }
    /// Single sign-on with the council's identity provider (needs `publicURL`); nil: passwords and sign-in links only.
    var singleSignOn: SingleSignOn? { get }
    /// Seconds a connection may send nothing before it is closed: idle between requests, a request's head not yet
    /// complete, or its body stalled (Hummingbird's `HTTP1Channel` idle timeout).
    var idleTimeout: TimeInterval { get }
    /// Connections served at once; past it the service stops accepting until one closes (the rest wait in the kernel's
    /// queue), so idle connections cannot use up its file descriptors.
    var maxConnections: Int { get }
    /// How often to read other systems' calendars (officers' calendar addresses); nil reads none.
    var imports: ImportSchedule? { get }
}

extension AppArguments {
    public var sendmail: SendmailCommand? { nil }
    public var publicURL: String? { nil }
    public var singleSignOn: SingleSignOn? { nil }
    public var idleTimeout: TimeInterval { ServiceLimits.idleTimeout }
    public var maxConnections: Int { ServiceLimits.maxConnections }
    public var imports: ImportSchedule? { nil }
}

/// The service's defaults for its connections (issue 27, item 3), each changed by `serve` (`BRIEFINGS_IDLE_TIMEOUT`,
/// `BRIEFINGS_MAX_CONNECTIONS`). With systemd's default of 1,024 descriptors, 512 connections leave room for the
/// database's files, the sendmail processes and the log; the unit in docs/operations.md raises `LimitNOFILE`.
public enum ServiceLimits {
    public static let idleTimeout: TimeInterval = 30
    public static let idleTimeouts: ClosedRange<TimeInterval> = 1...3600
    public static let maxConnections = 512
    public static let connections: ClosedRange<Int> = 16...1_000_000
}

/// Wires the service: `buildRouter`'s routes, served on the arguments' address with structured logs.
/// Tests call this with an in-memory desk.
public func buildApplication(desk: BriefingDesk, _ args: some AppArguments) -> some ApplicationProtocol {
    var logger = Logger(label: "briefings") { LazyMetadataLogHandler(label: $0) }
    logger.logLevel = args.logLevel
    let registry = PrometheusCollectorRegistry()
    var services: [any Service] = []
    if let command = args.sendmail {
        services.append(OutboxService(deliverer: OutboxDeliverer(desk: desk, command: command, publicURL: args.publicURL), metrics: OutboxMetrics(registry: registry),
                                      logger: logger))
    }
    if let schedule = args.imports { services.append(ImportService(desk: desk, schedule: schedule, logger: logger)) }
    services.append(DeadlineService(desk: desk, logger: logger))
    let feeds = FeedCache(desk: desk)
    let serverName = "briefings", pollLogger = logger
    // Cached feed polls are answered on the event loop by `FeedPollHandler`, from the same cache as the feed route.
    // An idle connection is closed after `idleTimeout`, and at most `maxConnections` are accepted at once; accepting is
    // also backed off by SwiftNIO itself (`AcceptBackoffHandler`, on every server channel) when accept fails for want of
    // descriptors, rather than retried in a loop.
    return Application(router: buildRouter(desk: desk, registry: registry, publicURL: args.publicURL, singleSignOn: args.singleSignOn, feeds: feeds),
                       server: .http1(configuration: .init(additionalChannelHandlers: [FeedPollHandler(cache: feeds, serverName: serverName,
                                                                                                       logger: pollLogger)],
                                                           idleTimeout: .milliseconds(Int64(args.idleTimeout * 1000)))),
                       configuration: .init(address: .hostname(args.host, port: args.port), serverName: serverName,
                                            availableConnectionsDelegate: MaximumAvailableConnections(args.maxConnections, logger: logger)),
                       services: services, logger: logger)
}

/// Every route and middleware: observability and errors outermost, then `/health`, `/metrics`, `/openapi.yaml`,
/// the feeds, the token-protected JSON API under `/api`, and the web desk's pages under `/desk` (signed in with a
/// session cookie); last, 405 with `Allow` for a path it holds asked with a method it does not serve. `openapi.yaml`
/// describes exactly the routes outside the desk (a test holds the two together; the desk's pages have their own
/// authorisation matrix).
public func buildRouter(desk: BriefingDesk, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
                        publicURL: String? = nil, singleSignOn: SingleSignOn? = nil) -> Router<BriefingsContext> {
    buildRouter(desk: desk, registry: registry, publicURL: publicURL, singleSignOn: singleSignOn, feeds: FeedCache(desk: desk))
}

/// `buildRouter` with the feed cache the application's `FeedPollHandler` shares.
func buildRouter(desk: BriefingDesk, registry: PrometheusCollectorRegistry, publicURL: String?, singleSignOn: SingleSignOn?,
                 feeds: FeedCache) -> Router<BriefingsContext> {
    let router = Router(context: BriefingsContext.self)
    _ = ProcessMetrics.registry  // swift-metrics' backend, bootstrapped once per process before the first request
    router.add(middleware: WriteArrivalMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: ErrorMiddleware())
    OpsController(desk: desk, registry: registry).addRoutes(to: router)
    FeedController(cache: feeds).addRoutes(to: router)
    // The token is checked before the signed-in context (whose person is never nil) is made; the operations are
    // generated from openapi.yaml, and APIRoutes registers the /api ones here.
    let api = router.group().add(middleware: AuthMiddleware(desk: desk))
        .group(context: APIContext.self).add(middleware: SignedInMiddleware(materialFileLimit: desk.materialFileLimit))
    // `try!`: APIRoutes.register throws nothing; the protocol's signature only allows it.
    try! APIController(desk: desk).registerHandlers(on: APIRoutes(group: api),
                                                    configuration: .init(jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes]))
    let pages = DeskController(desk: desk, publicURL: publicURL, singleSignOn: singleSignOn)
    pages.addRoutes(to: router)
    // Added after every route, so they wrap only the responder for requests no route matched: the desk's own 404 and
    // 405 pages under /desk, then 405 with `Allow` for the rest.
    let methods = MethodNotAllowedMiddleware(routes: router.routes)
    router.add(middleware: DeskFallbackPages(controller: pages, methods: methods))
    router.add(middleware: methods)
    return router
}

/// Whether the service stopped because its address and port were taken by another program (`EADDRINUSE`).
public func isAddressInUse(_ error: any Error) -> Bool {
    if let io = error as? IOError { return io.errnoCode == EADDRINUSE }
    return "\(error)".contains("Address already in use")
}
