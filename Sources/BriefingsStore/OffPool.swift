import Dispatch

/// Runs blocking work (bcrypt, a sendmail process) on a Dispatch thread, off Swift's cooperative threads (one per
/// core), so feed polls, `/health` and `/metrics` never wait behind it. Database work needs none of this: GRDB's
/// async `read` and `write` already run on its own queues.
public enum OffPool {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
