import BriefingsStore
import Logging
import ServiceLifecycle

/// Tells requesters whose request has passed the date they were to hear by (`BriefingDesk.tellPastDue`,
/// `004 §6.5.8`): every `interval` while the service runs, the first after one interval (a restart never sends a burst
/// before the desk is answering). Each notice is logged by request; its message goes out with the outbox.
struct DeadlineService: Service {
    let desk: BriefingDesk
    let logger: Logger
    var interval: Duration = .seconds(600)

    func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled else { return }
                do {
                    for ref in try await desk.tellPastDue() {
                        logger.info("a requester was told their request has passed its date to hear by", metadata: ["request": "\(ref)"])
                    }
                } catch {
                    logger.warning("the requests past their dates could not be read or recorded; trying again later", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
