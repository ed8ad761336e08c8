import Hummingbird
import NIOPosix

/// Where the JSON API's handlers run: threads of their own. Every desk call is synchronous SQLite work,
/// and a write waits for the database lock and an fsync (`synchronous=FULL`); run on Swift's shared
/// cooperative threads (one per core) a few concurrent writes would hold them all, and feed polls,
/// `/health` and `/metrics` would wait behind them.
final class DeskExecutor: TaskExecutor {
    /// One pool for the process: apps built in tests share it; its threads live as long as the process.
    static let shared = DeskExecutor(threads: 8)

    private let pool: NIOThreadPool

    private init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        // The pool is never shut down, so every job submitted runs.
        pool.submit { _ in job.runSynchronously(on: executor) }
    }
}

/// Runs everything after it (authentication and the API handlers) on the `DeskExecutor`.
struct DeskExecutorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await withTaskExecutorPreference(DeskExecutor.shared) {
            try await next(request, context)
        }
    }
}
