import BriefingsStore
import Hummingbird

/// Resolves `Authorization: Bearer TOKEN` to a roster person; refuses a missing, unknown or revoked
/// token with 401 and a one-line message saying what to do.
struct AuthMiddleware: RouterMiddleware {
    let desk: BriefingDesk

    func handle(_ request: Request, context: BriefingsContext, next: (Request, BriefingsContext) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw APIError(status: .unauthorized, error: "unauthenticated", message: "no bearer token was sent",
                           fix: "Send Authorization: Bearer TOKEN; an administrator issues tokens with `briefings token issue --person ID`.")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", let person = try await desk.authenticate(token: String(parts[1])) else {
            throw APIError(status: .unauthorized, error: "unauthenticated", message: "the bearer token is not valid (unknown, revoked, or its person left the roster)",
                           fix: "Ask an administrator for a new token (`briefings token issue --person ID`).")
        }
        var context = context
        context.person = person
        return try await next(request, context)
    }
}
