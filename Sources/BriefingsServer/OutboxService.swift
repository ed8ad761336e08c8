import BriefingsMail
import BriefingsStore
import Logging
import Prometheus
import ServiceLifecycle

/// Delivers the outbox in the background while the service runs (issue 12): every few seconds, when a message is
/// due, one `OutboxDeliverer` run (SQLite on GRDB's queues, the sendmail command on a thread of its own, so never on
/// the threads that answer feed polls). Each outcome is logged (the message's id and the error, never its text) and
/// counted for `/metrics`. On SIGTERM it finishes the message in hand and stops.
struct OutboxService: Service {
    let deliverer: OutboxDeliverer
    let metrics: OutboxMetrics
    let logger: Logger
    var interval: Duration = .seconds(5)

    func run() async {
        logger.info("delivering the outbox", metadata: ["sendmail": "\(deliverer.command)"])
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await deliverDue()
                try? await Task.sleep(for: interval)
            }
        }
    }

    func deliverDue() async {
        do {
            guard try await deliverer.desk.outboxDue() else { return }
            // A round of its own, not cancelled with the service: on SIGTERM the message in hand is sent and recorded.
            let (deliverer, metrics, logger) = (deliverer, metrics, logger)
            let report = try await Task {
                try await deliverer.deliverDue { id, failure in
                    if let failure {
                        metrics.failures.increment()
                        logger.warning("message not sent; it stays in the outbox", metadata: ["message": "\(id)", "error": "\(failure)"])
                    } else {
                        metrics.sent.increment()
                        logger.info("message sent", metadata: ["message": "\(id)"])
                    }
                }
            }.value
            if report.failed.count > 0 {
                logger.warning("messages could not be sent (each one's error is logged above); `briefings outbox list --failed` shows them waiting",
                               metadata: ["failed": "\(report.failed.count)", "sent": "\(report.sent.count)"])
            }
        } catch is CancellationError {
            return   // the service is stopping
        } catch {
            // The database busy past the wait, or unavailable: nothing was lost; the next round tries again.
            logger.warning("the outbox could not be read or updated; trying again shortly", metadata: ["error": "\(error)"])
        }
    }
}

/// The outbox's counters (this process's attempts) and, read at each scrape, its gauges (what the database holds).
struct OutboxMetrics: Sendable {
    let sent: Counter
    let failures: Counter

    init(registry: PrometheusCollectorRegistry) {
        sent = registry.makeCounter(descriptor: .init(metricName: "briefings_outbox_sent", unitName: "total",
                                                      helpText: "Messages this service handed to the sendmail command"))
        failures = registry.makeCounter(descriptor: .init(metricName: "briefings_outbox_failures", unitName: "total",
                                                          helpText: "Delivery attempts of this service that failed (each message stays in the outbox)"))
    }

    /// Sets the gauges from the outbox as it stands.
    static func record(_ counts: BriefingDesk.OutboxCounts, in registry: PrometheusCollectorRegistry) {
        func gauge(_ name: String, _ help: String) -> Gauge {
            registry.makeGauge(descriptor: .init(metricName: name, unitName: "messages", helpText: help))
        }
        gauge("briefings_outbox_depth", "Messages waiting to be sent: due, retrying or being sent").set(Double(counts.pending + counts.sending))
        gauge("briefings_outbox_retrying", "Messages waiting to be sent again after a failed attempt").set(Double(counts.retrying))
        gauge("briefings_outbox_failed", "Messages given up after every attempt failed, until `briefings outbox retry`").set(Double(counts.failed))
        gauge("briefings_outbox_sent", "Messages handed to the sendmail command, by any deliverer").set(Double(counts.sent))
    }
}
