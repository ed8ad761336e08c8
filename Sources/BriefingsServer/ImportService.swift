import BriefingsImports
import BriefingsStore
import Foundation
import Logging
import ServiceLifecycle

/// How often `serve` reads other systems' calendars (issue 26): each officer's published calendar address every
/// `busyInterval`, and the committee meetings' source (ModernGov or a meetings feed) every `meetingInterval` (checked
/// every `tick` for the ones due).
public struct ImportSchedule: Sendable {
    public var busyInterval: TimeInterval
    public var meetingInterval: TimeInterval
    public var tick: Duration

    public init(busyInterval: TimeInterval = BusyCalendarReader.defaultInterval, meetingInterval: TimeInterval = MeetingImporter.defaultInterval,
                tick: Duration = .seconds(60)) {
        self.busyInterval = busyInterval
        self.meetingInterval = meetingInterval
        self.tick = tick
    }
}

/// Reads the officers' calendar addresses that are due, in the background while the service runs. Each read is logged
/// with the officer and its outcome, never the address (a published calendar's address is its key). On SIGTERM it
/// stops between reads.
struct ImportService: Service {
    let desk: BriefingDesk
    let schedule: ImportSchedule
    let logger: Logger

    func run() async {
        logger.info("reading officers' calendar addresses when due", metadata: ["every": "\(Int(schedule.busyInterval)) s"])
        let busy = BusyCalendarReader(desk: desk, interval: schedule.busyInterval)
        let meetings = MeetingImporter(desk: desk, interval: schedule.meetingInterval)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await readDue(busy)
                await readDue(meetings)
                try? await Task.sleep(for: schedule.tick)
            }
        }
    }

    func readDue(_ busy: BusyCalendarReader) async {
        do {
            for read in try await busy.read() {
                if read.status == .failed {
                    logger.warning("an officer's calendar could not be read; their busy times stay as last imported",
                                   metadata: ["officer": "\(read.officer)", "error": "\(read.error ?? "")"])
                } else {
                    logger.info("an officer's calendar was read", metadata: ["officer": "\(read.officer)", "outcome": "\(read.status.rawValue)"])
                }
            }
        } catch is CancellationError {
            return
        } catch {
            logger.warning("the officers' calendar addresses could not be read or recorded; trying again shortly", metadata: ["error": "\(error)"])
        }
    }

    /// The committee meetings' source, when it is kept and due (once a day): what it changed, or why it could not be read.
    func readDue(_ meetings: MeetingImporter) async {
        do {
            switch try await meetings.refreshDue() {
            case nil: return
            case .success(let s)?:
                logger.info("the committee meetings were read", metadata: ["source": "\(s.source)", "meetings": "\(s.meetings)", "added": "\(s.added.count)",
                                                                       "moved": "\(s.moved.count)", "cancelled": "\(s.cancelled.count)"])
            case .failure(let f)?:
                logger.warning("the committee meetings could not be read; the meetings imported before stay", metadata: ["error": "\(f.message)"])
            }
        } catch is CancellationError {
            return
        } catch {
            logger.warning("the committee meetings could not be read or recorded; trying again shortly", metadata: ["error": "\(error)"])
        }
    }
}
