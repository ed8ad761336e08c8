import Hummingbird

/// 405 with `Allow` for a path the router holds asked with a method it does not serve (TRACE, PUT on a GET
/// route, …); a path it does not hold stays 404. Added after every route, so it sits only in front of the
/// router's not-found responder and costs a matched request nothing.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Each route pattern with the methods it serves, as the router holds them.
    let routes: [(path: RouterPath, methods: [HTTPRequest.Method])]

    init(routes: [Router<Context>.RouteDescription]) {
        var table: [(path: RouterPath, methods: [HTTPRequest.Method])] = []
        for route in routes {
            if let i = table.firstIndex(where: { $0.path.description == route.path.description }) {
                table[i].methods.append(route.method)
            } else {
                table.append((route.path, [route.method]))
            }
        }
        self.routes = table
    }

    /// The route pattern a request path matches and the methods served there, or nil when none matches it
    /// (segments as the router splits them: empty ones dropped).
    func allowed(_ path: String) -> (pattern: String, methods: [HTTPRequest.Method])? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let matching = routes.filter { route in
            route.path.components.count == segments.count && zip(route.path.components, segments).allSatisfy { $0 ~= $1 }
        }
        guard let first = matching.first else { return nil }
        return (first.path.description, matching.flatMap(\.methods))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let (pattern, methods) = allowed(request.uri.path) else { return try await next(request, context) }
        let allow = Set(methods.map(\.rawValue)).sorted().joined(separator: ", ")
        // The pattern, never the path as sent: a feed's secret stays out of the body as it stays out of the logs.
        var response = try APIError(status: .methodNotAllowed, error: "method-not-allowed",
                                    message: "\(pattern) does not answer \(request.method.rawValue); it answers \(allow)",
                                    fix: "Send \(allow) instead; /openapi.yaml lists every route and its methods.")
            .response(from: request, context: context)
        response.headers[.allow] = allow
        return response
    }
}
