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
    /// The date the approver's acknowledgement said the requester will hear by, and whether it has passed.
    public var replyBy: LocalDate?
    public var replyByMissed: Bool

    /// A clock as read back from its fields (the command line's remote client, from the service's answer).
    public init(workingDaysWaiting: Int, acknowledgeBy: LocalDate, respondBy: LocalDate, acknowledgementOverdue: Bool, responseOverdue: Bool,
                replyBy: LocalDate? = nil, replyByMissed: Bool = false) {
        self.workingDaysWaiting = workingDaysWaiting; self.acknowledgeBy = acknowledgeBy; self.respondBy = respondBy
        self.acknowledgementOverdue = acknowledgementOverdue; self.responseOverdue = responseOverdue
        self.replyBy = replyBy; self.replyByMissed = replyByMissed
    }

    /// `acknowledgedAt`: when the explanatory acknowledgement was sent; where the council counts one sent in time as
    /// meeting the deadline (`000 §17.8.2`), the response is not overdue until the date it promised (`replyBy`)
    /// passes. `delayExplained`: the acknowledgement gave a later date with the reason (`004 §6.5.8`), so the
    /// response date passing is explained until that date. A missed reply-by date is always overdue.
    public init(submitted: Date, acknowledged: Bool, now: Date, profile: PolicyProfile, days: WorkingDays, acknowledgedAt: Date? = nil,
                replyBy: LocalDate? = nil, delayExplained: Bool = false) {
        workingDaysWaiting = days.between(submitted, and: now)
        acknowledgeBy = days.adding(profile.acknowledgeWorkingDays, to: submitted)
        respondBy = days.adding(profile.respondWorkingDays, to: submitted)
        acknowledgementOverdue = !acknowledged && workingDaysWaiting > profile.acknowledgeWorkingDays
        self.replyBy = replyBy
        replyByMissed = replyBy.map { LocalDate(now) > $0 } ?? false
        let ackDue = acknowledgeBy
        let explainedInTime = profile.acknowledgementMeetsDeadline && acknowledgedAt.map { LocalDate($0) <= ackDue } == true
        responseOverdue = replyByMissed || (workingDaysWaiting > profile.respondWorkingDays && !explainedInTime && !delayExplained)
    }

    /// The date the requester was last told they would hear by: the acknowledgement's, else the council's response date.
    public var promised: LocalDate { replyBy ?? respondBy }

    /// The `response-time` verdict for this request.
    public func verdict(_ profile: PolicyProfile) -> Verdict {
        var problems: [String] = []
        if replyByMissed, let replyBy { problems.append("waiting \(workingDaysWaiting) working days; the requester was told they would hear by \(replyBy)") }
        else if responseOverdue { problems.append("waiting \(workingDaysWaiting) working days; a decision was due by \(respondBy)") }
        else if acknowledgementOverdue { problems.append("not acknowledged within \(profile.acknowledgeWorkingDays) working days (due \(acknowledgeBy))") }
        return Verdict(rule: .responseTime, passed: problems.isEmpty, severity: profile.severity(.responseTime),
                       clauses: profile.clauses(.responseTime),
                       message: problems.isEmpty ? "waiting \(workingDaysWaiting) of \(profile.respondWorkingDays) working days; answer by \(respondBy)" : problems.joined(separator: "; "),
                       fix: problems.isEmpty ? "" : "Approve or decline the request with reasons now.")
    }
}
