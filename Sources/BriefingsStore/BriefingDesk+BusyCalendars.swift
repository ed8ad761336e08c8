import BriefingsDomain
import Foundation
import GRDB

/// An officer's published calendar address (Outlook's "publish calendar" ICS link, Google's secret address), stored once
/// and read on a schedule (issue 26, item 3). Reading it is `BriefingsImports.BusyCalendarReader`'s work; the desk keeps
/// the address, hands it out when due, and records each read: an import replaces the officer's busy times exactly as a
/// file import does (`replaceBusy`), a 304 only notes the time, a failure keeps the busy times read before.
/// The address is a secret: no view, audit entry or message carries more of it than `CalendarAddress.shown`.
extension BriefingDesk {
    /// An officer's calendar address as the officer and the administrator see it.
    public struct BusyCalendar: Sendable, Equatable, Encodable {
        public var officer: String
        /// Scheme and host only, then "…" (`CalendarAddress.shown`).
        public var address: String
        public var horizonDays: Int
        public var status: BusyCalendarStatus
        /// What went wrong at the last attempt.
        public var error: String?
        /// Failed attempts since the last good read.
        public var failures: Int
        /// Busy times the last imported calendar held within the horizon.
        public var busyTimes: Int?
        public var attempted: Date?
        /// The last time the calendar was read (imported, or unchanged).
        public var read: Date?
        /// The last time its busy times replaced the officer's.
        public var imported: Date?
        public var next: Date
    }

    /// What a reader needs to read one officer's calendar: the address and the validators of the copy last imported.
    public struct BusyCalendarFetch: Sendable {
        public var officer: String
        /// The secret address.
        public var url: String
        public var etag: String?
        public var lastModified: String?
        /// SHA-256 (hex) of the copy last imported.
        public var digest: String?
        public var horizonDays: Int
    }

    /// What reading a calendar came to.
    public enum BusyCalendarRead: Sendable {
        /// 304 Not Modified: nothing to import.
        case unchanged
        /// The same copy as last time (the same digest) from a server that ignored the validators: nothing to import,
        /// but its validators are kept for the next conditional GET.
        case sameCopy(etag: String?, lastModified: String?)
        /// A new copy, its busy times within `window`, its validators for the next conditional GET and its digest.
        case imported([BusyInterval], etag: String?, lastModified: String?, digest: String, window: Range<Date>)
        /// Nothing usable: what went wrong, never the address.
        case failed(String)
    }

    /// Stores (or replaces) an officer's calendar address, due to be read at once; a new address forgets the old one's
    /// validators and status. Refused, changing nothing, for an unknown officer, an address that is not http(s) or
    /// webcal, or a horizon outside 1 to 3660 days.
    public func setBusyCalendar(officer id: String, url text: String, horizonDays: Int = 365) async throws -> BusyCalendar {
        let url = try CalendarAddress.normalised(text)
        guard (1...3660).contains(horizonDays) else {
            throw DeskError(.invalid, "the planning horizon must be 1 to 3660 days, not \(horizonDays)", fix: "Give a horizon of 1 to 3660 days (365 is usual).")
        }
        let at = now()
        return try await database.step { db in
            let c = try council(db)
            guard c.roster.officer(id) != nil else {
                throw DeskError(.notFound, "no officer '\(id)' on the roster", remedy: .useRosterID(.officer, known: []))
            }
            let record = BusyCalendarRecord(officerID: id, url: url, horizonDays: horizonDays, status: .waiting, failures: 0,
                                            createdAt: at.unix, nextAt: at.unix)
            try record.save(db)
            try AuditTrail.append(db, at: at, actor: "system", role: Role.administrator.auditName, action: "busy.address.set", subject: id,
                                  details: ["address": CalendarAddress.shown(url), "horizon": "\(horizonDays) days"])
            return record.view
        }
    }

    /// Stops reading an officer's calendar address and forgets it. The busy times it imported stay until the next
    /// import replaces them. Refused when the officer has none.
    public func removeBusyCalendar(officer id: String) async throws {
        let at = now()
        try await database.step { db in
            guard let record = try BusyCalendarRecord.fetchOne(db, key: id) else {
                throw DeskError(.notFound, "officer '\(id)' has no calendar address", fix: "List the officers with a calendar address, and remove one of theirs.")
            }
            try record.delete(db)
            try AuditTrail.append(db, at: at, actor: "system", role: Role.administrator.auditName, action: "busy.address.remove", subject: id,
                                  details: ["address": CalendarAddress.shown(record.url)])
        }
    }

    /// Every officer's calendar address and its last read, by officer.
    public func busyCalendars() async throws -> [BusyCalendar] {
        try await database.read { db in try BusyCalendarRecord.order(BusyCalendarRecord.Columns.officerID).fetchAll(db).map(\.view) }
    }

    /// The calendar addresses `person` may see: every officer's for an administrator, an officer's own, else refused.
    public func busyCalendars(as person: String) async throws -> [BusyCalendar] {
        let roles = try await council().roster.roles(of: person)
        if roles.contains(.administrator) { return try await busyCalendars() }
        guard roles.contains(.officer) else {
            throw DeskError(.forbidden, "only officers (their own) and administrators see calendar addresses",
                            fix: "Ask democratic services about an officer's calendar address.")
        }
        return try await busyCalendar(officer: person).map { [$0] } ?? []
    }

    /// One officer's calendar address and its last read, if they have one.
    public func busyCalendar(officer id: String) async throws -> BusyCalendar? {
        try await database.read { db in try BusyCalendarRecord.fetchOne(db, key: id)?.view }
    }

    /// The addresses due to be read now (all of them with `all`, or one officer's), with their validators.
    public func busyCalendarsToRead(officer: String? = nil, all: Bool = false) async throws -> [BusyCalendarFetch] {
        let at = now()
        return try await database.read { db in
            let records: [BusyCalendarRecord]
            if let officer {
                guard let one = try BusyCalendarRecord.fetchOne(db, key: officer) else {
                    throw DeskError(.notFound, "officer '\(officer)' has no calendar address", fix: "Set the officer's calendar address first.")
                }
                records = [one]
            } else {
                records = try (all ? BusyCalendarRecord.order(BusyCalendarRecord.Columns.officerID) : BusyCalendarRecord.due(at: at)).fetchAll(db)
            }
            return records.map {
                BusyCalendarFetch(officer: $0.officerID, url: $0.url, etag: $0.etag, lastModified: $0.lastModified, digest: $0.digest,
                                  horizonDays: $0.horizonDays)
            }
        }
    }

    /// Records one read of an officer's calendar, due again `interval` seconds on, in one transaction: an import
    /// replaces the officer's busy times (as a file import does) and keeps the new validators; a 304 only notes the
    /// time; a failure keeps the busy times and validators read before and says why. Nil, recording nothing, when the
    /// address was changed or removed while it was being read.
    @discardableResult
    public func recordBusyCalendarRead(_ fetch: BusyCalendarFetch, _ read: BusyCalendarRead, nextIn interval: TimeInterval) async throws -> BusyCalendar? {
        let at = now()
        return try await database.step { db in
            guard var record = try BusyCalendarRecord.fetchOne(db, key: fetch.officer), record.url == fetch.url else { return nil }
            record.attemptedAt = at.unix
            record.nextAt = at.addingTimeInterval(interval).unix
            switch read {
            case .unchanged:
                record.status = .unchanged; record.error = nil; record.failures = 0; record.readAt = at.unix
            case .sameCopy(let etag, let lastModified):
                record.status = .unchanged; record.error = nil; record.failures = 0; record.readAt = at.unix
                record.etag = etag; record.lastModified = lastModified
            case .imported(let intervals, let etag, let lastModified, let digest, let window):
                try Self.replaceBusy(db, officer: fetch.officer, intervals, within: window)
                try AuditTrail.append(db, at: at, actor: "system", role: Role.administrator.auditName, action: "busy.import", subject: fetch.officer,
                                      details: ["source": "calendar address " + CalendarAddress.shown(fetch.url), "intervals": "\(intervals.count)"])
                record.status = .imported; record.error = nil; record.failures = 0; record.readAt = at.unix; record.importedAt = at.unix
                record.etag = etag; record.lastModified = lastModified; record.digest = digest; record.busyTimes = intervals.count
            case .failed(let message):
                let said = CalendarAddress.scrubbed(message, fetch.url)
                record.status = .failed; record.error = said.hasSuffix(".") ? said : said + "."; record.failures += 1
            }
            try record.update(db)
            return record.view
        }
    }

    /// Replaces an officer's imported busy times (bookings with no session) with `intervals`, each clipped to `window`
    /// and split into pieces of at most a day so overlap queries stay bounded; the number of booking rows written.
    @discardableResult
    static func replaceBusy(_ db: Database, officer id: String, _ intervals: [BusyInterval], within window: Range<Date>) throws -> Int {
        try db.run(sql: "DELETE FROM booking WHERE resource = ? AND session_id IS NULL", arguments: ["officer:\(id)"])
        var pieces = 0
        for b in intervals where b.end > b.start && b.end > window.lowerBound && b.start < window.upperBound {
            var start = max(b.start, window.lowerBound)
            let last = min(b.end, window.upperBound)
            while start < last {
                let end = min(last, start.addingTimeInterval(86_400))
                try db.run(sql: "INSERT INTO booking (resource, start, end, session_id, label) VALUES (?, ?, ?, NULL, ?)",
                           arguments: ["officer:\(id)", start.unix, max(end.unix, start.unix + 1), "busy: \(b.summary.isEmpty ? "busy" : b.summary)"])
                pieces += 1
                start = end
            }
        }
        return pieces
    }
}

extension BusyCalendarRecord {
    var view: BriefingDesk.BusyCalendar {
        BriefingDesk.BusyCalendar(officer: officerID, address: CalendarAddress.shown(url), horizonDays: horizonDays, status: status, error: error,
                                  failures: failures, busyTimes: busyTimes, attempted: attemptedAt.map(Date.init(unix:)),
                                  read: readAt.map(Date.init(unix:)), imported: importedAt.map(Date.init(unix:)), next: Date(unix: nextAt))
    }
}

/// A calendar's address from outside: checked and normalised when stored, and shown only as its scheme and host, since
/// a published calendar's address is its only key (anyone who has it reads the calendar).
public enum CalendarAddress {
    /// The address to read: an http:// or https:// URL with a host, or a webcal:// (webcals://) one read over https.
    /// Refused otherwise, quoting only what is safe to show.
    public static func normalised(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= 4096, let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
              let host = url.host, !host.isEmpty else {
            throw DeskError(.invalid, "the calendar address is not a web address (it should start https://)",
                            fix: "Copy the calendar's published ICS address again: in Outlook, Settings, Calendar, Shared calendars, Publish a calendar (the ICS link); in Google Calendar, the calendar's settings, Secret address in iCal format.")
        }
        switch scheme {
        case "https", "http": return trimmed
        case "webcal", "webcals": return "https" + trimmed.drop(while: { $0 != ":" })
        default:
            throw DeskError(.invalid, "the calendar address starts \(scheme)://; it must be an https:// (or webcal://) address",
                            fix: "Give the calendar's published ICS address, which starts https:// or webcal://.")
        }
    }

    /// What may be shown of an address: `https://outlook.office365.com/…`.
    public static func shown(_ url: String) -> String {
        guard let u = URL(string: url), let scheme = u.scheme, let host = u.host else { return "…" }
        return "\(scheme)://\(host)\(u.port.map { ":\($0)" } ?? "")/…"
    }

    /// `message` with any part of the address beyond its host replaced by its shown form.
    public static func scrubbed(_ message: String, _ url: String) -> String {
        var out = message.replacingOccurrences(of: url, with: shown(url))
        if let u = URL(string: url) {
            let secret = u.path + (u.query.map { "?" + $0 } ?? "")
            if secret.count > 1 { out = out.replacingOccurrences(of: secret, with: "/…") }
        }
        return out
    }
}
