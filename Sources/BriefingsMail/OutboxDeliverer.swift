import BriefingsDomain
import BriefingsStore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Delivers the outbox through the sendmail command: claims one due message at a time (a transaction of its own,
/// committed first), renders it, hands it over, and records it sent or failed with what the command said. A broken
/// transport never touches a workflow step: the step committed long before, and its messages stay pending, retried
/// with backoff and listed with their error (`briefings outbox list --failed`). Killed mid-send (`kill -9`), a
/// deliverer leaves its claim behind, and the next one sends that message again under the same Message-ID: at least
/// once, never lost. `briefings outbox deliver` runs it once; `briefings serve` runs it in the background.
public struct OutboxDeliverer: Sendable {
    public let desk: BriefingDesk
    public let command: SendmailCommand
    /// The address people reach the desk at, that messages' links hang from (`--public-url`, `BRIEFINGS_PUBLIC_URL`);
    /// without it a message that links to the desk waits in the outbox with an error naming the setting.
    public let publicURL: String?
    /// `host:pid`, written on every claim this deliverer makes.
    public let identity: String

    public init(desk: BriefingDesk, command: SendmailCommand, publicURL: String?) {
        self.desk = desk
        self.command = command
        self.publicURL = publicURL
        identity = "\(Self.hostName):\(getpid())"
    }

    /// What one run did.
    public struct Report: Sendable, Codable {
        public var sent: [Int64] = []
        /// Messages whose attempt failed: their id, what went wrong, and whether they will be tried again.
        public var failed: [Failure] = []

        public struct Failure: Sendable, Codable {
            public var id: Int64
            public var error: String
            public var willRetry: Bool
        }
    }

    /// Delivers due messages one by one until none is due, `limit` have been tried, or the transport has failed
    /// `stopAfterFailures` times in a row (the rest wait for their next attempt rather than fail the same way now).
    /// `each` hears every outcome as it happens (the service counts them for `/metrics`).
    public func deliverDue(limit: Int = .max, stopAfterFailures: Int = 3,
                           each: (_ id: Int64, _ failure: String?) -> Void = { _, _ in }) async throws -> Report {
        var report = Report(), tried = 0, failuresInARow = 0
        let me = identity
        while tried < limit, failuresInARow < stopAfterFailures,
              let claimed = try await desk.claimNextMessage(by: me, isAlive: { Self.isAlive($0) }) {
            tried += 1
            let failure: String
            do {
                // The command is a process to start, write to and wait for: off the cooperative threads.
                let command = command, text = try MailMessage.render(claimed.message, publicURL: publicURL)
                try await OffPool.run { try command.send(text) }
                try await desk.recordSent(claimed.id)
                report.sent.append(claimed.id)
                failuresInARow = 0
                each(claimed.id, nil)
                continue
            } catch let f as SendmailCommand.Failure {
                failure = f.description
            } catch let missing as MailMessage.MissingPublicURL {
                failure = missing.description
            }
            let retry = try await desk.recordFailure(claimed.id, error: failure)
            report.failed.append(.init(id: claimed.id, error: failure, willRetry: retry))
            failuresInARow += 1
            each(claimed.id, failure)
        }
        return report
    }

    /// Whether the deliverer that wrote a claim (`host:pid`) still runs. On another host nobody can tell, so it is
    /// presumed running until its claim goes stale.
    static func isAlive(_ claimer: String) -> Bool {
        guard let colon = claimer.lastIndex(of: ":"), String(claimer[..<colon]) == hostName,
              let pid = pid_t(claimer[claimer.index(after: colon)...]) else { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()
}
