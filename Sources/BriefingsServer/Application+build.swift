import BriefingsAPI
import BriefingsMail
import BriefingsStore
import Foundation
import Hummingbird
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
}

extension AppArguments {
    public var sendmail: SendmailCommand? { nil }
    public var publicURL: String? { nil }
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
    let feeds = FeedCache(desk: desk)
    let serverName = "briefings", pollLogger = logger
    // Cached feed polls are answered on the event loop by `FeedPollHandler`, from the same cache as the feed route.
    return Application(router: buildRouter(desk: desk, registry: registry, publicURL: args.publicURL, feeds: feeds),
                       server: .http1(configuration: .init(additionalChannelHandlers: [FeedPollHandler(cache: feeds, serverName: serverName,
                                                                                                       logger: pollLogger)])),
                       configuration: .init(address: .hostname(args.host, port: args.port), serverName: serverName),
                       services: services, logger: logger)
}

/// Every route and middleware: observability and errors outermost, then `/health`, `/metrics`, `/openapi.yaml`,
/// the feeds, the token-protected JSON API under `/api`, and the web desk's pages under `/desk` (signed in with a
/// session cookie); last, 405 with `Allow` for a path it holds asked with a method it does not serve. `openapi.yaml`
/// describes exactly the routes outside the desk (a test holds the two together; the desk's pages have their own
/// authorisation matrix).
public func buildRouter(desk: BriefingDesk, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
                        publicURL: String? = nil) -> Router<BriefingsContext> {
    buildRouter(desk: desk, registry: registry, publicURL: publicURL, feeds: FeedCache(desk: desk))
}

/// `buildRouter` with the feed cache the application's `FeedPollHandler` shares.
func buildRouter(desk: BriefingDesk, registry: PrometheusCollectorRegistry, publicURL: String?, feeds: FeedCache) -> Router<BriefingsContext> {
    let router = Router(context: BriefingsContext.self)
    _ = ProcessMetrics.registry  // swift-metrics' backend, bootstrapped once per process before the first request
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: ErrorMiddleware())
    OpsController(desk: desk, registry: registry).addRoutes(to: router)
    FeedController(cache: feeds).addRoutes(to: router)
    // The token is checked before the signed-in context (whose person is never nil) is made; the operations are
    // generated from openapi.yaml, and APIRoutes registers the /api ones here.
    let api = router.group().add(middleware: AuthMiddleware(desk: desk))
        .group(context: APIContext.self).add(middleware: SignedInMiddleware())
    // `try!`: APIRoutes.register throws nothing; the protocol's signature only allows it.
    try! APIController(desk: desk).registerHandlers(on: APIRoutes(group: api),
                                                    configuration: .init(jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes]))
    DeskController(desk: desk, publicURL: publicURL).addRoutes(to: router)
    // Added after every route, so it wraps only the responder for requests no route matched.
    router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes))
    return router
}

/// Whether the service stopped because its address and port were taken by another program (`EADDRINUSE`).
public func isAddressInUse(_ error: any Error) -> Bool {
    if let io = error as? IOError { return io.errnoCode == EADDRINUSE }
    return "\(error)".contains("Address already in use")
}
