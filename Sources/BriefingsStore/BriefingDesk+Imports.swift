import BriefingsDomain
import Foundation
import GRDB

extension BriefingDesk {
    /// The longest horizon a busy import may cover (the CLI's `--horizon` allows 1 to 3660 days).
    public static let maximumBusyHorizon: TimeInterval = 3_660 * 86_400

    /// Replaces an officer's imported busy times in one transaction (all or nothing). They are bookings
    /// like sessions, so `no-double-booking` sees them; each is clipped to `horizon` (by default from now
    /// for `maximumBusyHorizon`), so an interval ending in 9999 cannot write millions of rows, and split
    /// into pieces of at most a day so overlap queries stay bounded (`replaceBusy`, which a calendar address's
    /// reads share).
    public func importBusy(officer id: String, _ intervals: [BusyInterval], source: String, within horizon: Range<Date>? = nil) async throws -> Int {
        let at = now()
        let window = horizon ?? at ..< at.addingTimeInterval(Self.maximumBusyHorizon)
        guard window.upperBound.timeIntervalSince(window.lowerBound) <= Self.maximumBusyHorizon else {
            throw DeskError(.invalid, "a busy import may cover at most 3660 days", fix: "Import a shorter horizon.")
        }
        return try await database.step { db in
            let c = try council(db)
            guard c.roster.officer(id) != nil else {
                throw DeskError(.notFound, "no officer '\(id)' on the roster", remedy: .useRosterID(.officer, known: []))
            }
            let pieces = try Self.replaceBusy(db, officer: id, intervals, within: window)
            try AuditTrail.append(db, at: at, actor: "system", role: Role.administrator.auditName, action: "busy.import", subject: id,
                                  details: ["source": source, "intervals": "\(intervals.count)"])
            return pieces
        }
    }

    /// Replaces the bank holidays used for working days (shipped: England and Wales through 2028).
    public func importHolidays(_ holidays: [BankHoliday], source: String) async throws -> Int {
        let at = now()
        guard !holidays.isEmpty else {
            throw DeskError(.invalid, "the calendar holds no holidays", fix: "Import the gov.uk England and Wales bank holidays calendar.")
        }
        return try await database.step { db in
            _ = try council(db)
            try db.run(sql: "DELETE FROM bank_holiday")
            for h in Set(holidays) {
                try db.run(sql: "INSERT OR REPLACE INTO bank_holiday (date, title) VALUES (?, ?)", arguments: [h.date.description, h.title])
            }
            let count = try db.value(Int.self, sql: "SELECT COUNT(*) FROM bank_holiday") ?? 0
            try AuditTrail.append(db, at: at, actor: "system", role: Role.administrator.auditName, action: "holidays.import", subject: "bank holidays",
                                  details: ["source": source, "dates": "\(count)"])
            return count
        }
    }

    /// The bank holidays in force.
    public func holidays() async throws -> [BankHoliday] {
        try await database.read { db in
            try BankHolidayRecord.order(Column("date")).fetchAll(db).compactMap { r in LocalDate(r.date).map { BankHoliday(date: $0, title: r.title) } }
        }
    }
}
