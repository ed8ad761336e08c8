import Foundation

/// Counts working days: weekends and bank holidays excluded (`004 §6.5.8`, `000 §17.8.2`).
public struct WorkingDays: Sendable {
    public var holidays: Set<LocalDate>

    public init(holidays: some Sequence<LocalDate>) { self.holidays = Set(holidays) }

    public func isWorkingDay(_ d: LocalDate) -> Bool {
        d.isoWeekday <= 5 && !holidays.contains(d)
    }

    /// Whole working days after `from`'s date up to and including `to`'s date.
    public func between(_ from: Date, and to: Date) -> Int {
        var d = LocalDate(from)
        let end = LocalDate(to)
        var count = 0
        while d < end {
            d = d.adding(days: 1)
            if isWorkingDay(d) { count += 1 }
        }
        return count
    }

    /// The date `n` working days after `from`'s date.
    public func adding(_ n: Int, to from: Date) -> LocalDate {
        var d = LocalDate(from)
        var left = n
        while left > 0 {
            d = d.adding(days: 1)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }
}

/// Where a request stands against the council's acknowledgement and response times.
public struct ResponseClock: Sendable, Hashable, Codable {
    public var workingDaysWaiting: Int
    public var acknowledgeBy: LocalDate
    public var respondBy: LocalDate
    public var acknowledgementOverdue: Bool
    public var responseOverdue: Bool

    /// A clock as read back from its fields (the command line's remote client, from the service's answer).
    public init(workingDaysWaiting: Int, acknowledgeBy: LocalDate, respondBy: LocalDate, acknowledgementOverdue: Bool, responseOverdue: Bool) {
        self.workingDaysWaiting = workingDaysWaiting; self.acknowledgeBy = acknowledgeBy; self.respondBy = respondBy
        self.acknowledgementOverdue = acknowledgementOverdue; self.responseOverdue = responseOverdue
    }

    /// `acknowledgedAt`: when the explanatory acknowledgement was sent; where the council counts one sent in time as
    /// meeting the deadline (`000 §17.8.2`), the response is then not overdue.
    public init(submitted: Date, acknowledged: Bool, now: Date, profile: PolicyProfile, days: WorkingDays, acknowledgedAt: Date? = nil) {
        workingDaysWaiting = days.between(submitted, and: now)
        acknowledgeBy = days.adding(profile.acknowledgeWorkingDays, to: submitted)
        respondBy = days.adding(profile.respondWorkingDays, to: submitted)
        acknowledgementOverdue = !acknowledged && workingDaysWaiting > profile.acknowledgeWorkingDays
        let ackDue = acknowledgeBy
        let explainedInTime = profile.acknowledgementMeetsDeadline && acknowledgedAt.map { LocalDate($0) <= ackDue } == true
        responseOverdue = workingDaysWaiting > profile.respondWorkingDays && !explainedInTime
    }

    /// The `response-time` verdict for this request.
    public func verdict(_ profile: PolicyProfile) -> Verdict {
        var problems: [String] = []
        if responseOverdue { problems.append("waiting \(workingDaysWaiting) working days; a decision was due by \(respondBy)") }
        else if acknowledgementOverdue { problems.append("not acknowledged within \(profile.acknowledgeWorkingDays) working days (due \(acknowledgeBy))") }
        return Verdict(rule: .responseTime, passed: problems.isEmpty, severity: profile.severity(.responseTime),
                       clauses: profile.clauses(.responseTime),
                       message: problems.isEmpty ? "waiting \(workingDaysWaiting) of \(profile.respondWorkingDays) working days; answer by \(respondBy)" : problems.joined(separator: "; "),
                       fix: problems.isEmpty ? "" : "Approve or decline the request with reasons now.")
    }
}
