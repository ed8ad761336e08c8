import BriefingsStore
import Hummingbird

/// Marks when each request arrived, so a write it makes waits for the database's lock at most the busy timeout from
/// then (`AppDatabase.arrival`, `AppDatabase.step`), however many writers were queued ahead of it: one deadline per
/// request, not one per place in the queue (issue 27, item 5).
struct WriteArrivalMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await AppDatabase.$arrival.withValue(.now) { try await next(request, context) }
    }
}
