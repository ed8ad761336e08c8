import BriefingsCalendar
import BriefingsDomain
import BriefingsStore
import Crypto
import Foundation

/// Reads officers' published calendars (issue 26, item 3): each address due, with a conditional GET under the file
/// import's limits (`WebFetch.Limits.calendar`), through the same reader as `briefings busy import`
/// (`CalendarImport.busyIntervals`, over the officer's horizon), and records the outcome: new busy times replace the
/// officer's, a 304 (or the same copy again) costs no import, a failure keeps what was imported before and says why.
/// `briefings serve` runs it every minute for the addresses due; `briefings busy address refresh` runs it at once.
public struct BusyCalendarReader: Sendable {
    public let desk: BriefingDesk
    public var fetch: WebFetch
    /// How long after a read the address is due again.
    public var interval: TimeInterval

    /// Every hour, by default.
    public static let defaultInterval: TimeInterval = 3_600

    public init(desk: BriefingDesk, fetch: WebFetch = WebFetch(), interval: TimeInterval = Self.defaultInterval) {
        self.desk = desk
        self.fetch = fetch
        self.interval = interval
    }

    /// Reads the addresses due now (or one officer's, or all of them), one after another; each outcome as recorded.
    public func read(officer: String? = nil, all: Bool = false) async throws -> [BriefingDesk.BusyCalendar] {
        var out: [BriefingDesk.BusyCalendar] = []
        for f in try await desk.busyCalendarsToRead(officer: officer, all: all) {
            if let recorded = try await read(f) { out.append(recorded) }
        }
        return out
    }

    /// Reads one address and records what came of it.
    public func read(_ f: BriefingDesk.BusyCalendarFetch) async throws -> BriefingDesk.BusyCalendar? {
        let outcome: BriefingDesk.BusyCalendarRead
        do {
            switch try await fetch.get(f.url, etag: f.etag, lastModified: f.lastModified, accept: "text/calendar, */*;q=0.5") {
            case .notModified:
                outcome = .unchanged
            case .document(let data, let etag, let lastModified):
                let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
                if digest == f.digest {
                    outcome = .sameCopy(etag: etag, lastModified: lastModified)
                } else {
                    let from = desk.now(), to = from.addingTimeInterval(Double(f.horizonDays) * 86_400)
                    // libical parses on a thread of its own, off the threads that answer requests.
                    let intervals = try await OffPool.run { try CalendarImport.busyIntervals(fromICS: data, from: from, to: to) }
                    outcome = .imported(intervals, etag: etag, lastModified: lastModified, digest: digest, window: from ..< to)
                }
            }
        } catch let failure as WebFetch.Failure {
            outcome = .failed(failure.description)
        } catch let refused as CalendarImportError {
            outcome = .failed("the calendar could not be read, so nothing was imported: " + refused.description)
        }
        return try await desk.recordBusyCalendarRead(f, outcome, nextIn: interval)
    }
}
