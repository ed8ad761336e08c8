import Foundation

/// Where to look for free times to take an offer up (issue 10, "Offers that are easy to take up"): sessions shaped like
/// the briefing's own (the meeting's length, and the officers' part's offset and length in it), starting on the half hour
/// of Europe/London wall-clock time, on working days (weekends and bank holidays excluded) from the next one, until the
/// day before the linked meeting or decision date and never more than `workingDaysAhead` working days ahead, in the
/// council's rooms with the briefing's own room first.
///
/// It judges nothing itself: `search` keeps, on each day, the first candidate the caller accepts, and the caller judges
/// each with the rule engine as a take-up is judged. A suggestion is only a suggestion: taking it up is judged again.
public struct SlotSearch: Sendable {
    /// Minutes between candidate starts.
    public static let step = 30
    /// How far ahead it looks when no linked meeting or decision comes sooner: four weeks of working days.
    public static let workingDaysAhead = 20
    /// How many times it suggests, each on a different working day, so the group has a real choice.
    public static let limit = 3

    /// The session every candidate copies, times and venue apart.
    public var template: SessionProposal
    /// The first and last day searched (`from` is after `until` when no working day is left before the meeting).
    public var from: LocalDate
    public var until: LocalDate
    /// The working days searched, in order.
    public var days: [LocalDate]
    /// Council room ids, in the order they are tried: the template's own room first.
    public var rooms: [String]

    /// `now`: the current time (the search starts the day after it); `rooms`: the council's rooms in roster order.
    public init(template: SessionProposal, now: Date, workingDays: WorkingDays, rooms: [String]) {
        self.template = template
        let today = LocalDate(now)
        from = today.adding(days: 1)
        var last = workingDays.adding(Self.workingDaysAhead, to: now)
        // "Currently or shortly" before the council (000 §17.16.4): only days before the meeting or decision it informs.
        if let bound = [template.matter.meetingDate, template.matter.decisionDate].compactMap({ $0 }).min() {
            last = min(last, bound.adding(days: -1))
        }
        until = last
        var days: [LocalDate] = []
        var day = from
        while day <= last {
            if workingDays.isWorkingDay(day) { days.append(day) }
            day = day.adding(days: 1)
        }
        self.days = days
        let own = template.venue.roomID
        self.rooms = rooms.filter { $0 == own } + rooms.filter { $0 != own }
    }

    /// The template at another start (the same lengths, the officers' part as far into the meeting) in another room.
    public func candidate(at start: Date, room: String) -> SessionProposal {
        var p = template
        p.meetingStart = start
        p.meetingEnd = start.addingTimeInterval(template.meetingEnd.timeIntervalSince(template.meetingStart))
        p.segmentStart = start.addingTimeInterval(template.segmentStart.timeIntervalSince(template.meetingStart))
        p.segmentEnd = p.segmentStart.addingTimeInterval(template.segmentEnd.timeIntervalSince(template.segmentStart))
        p.venue = .room(room)
        return p
    }

    /// The starts on a day's grid: every `step` minutes of its wall-clock time, skipping the hour the clocks skip (an hour
    /// that repeats is taken once, as `LondonTime.parse` reads it).
    public func starts(on day: LocalDate) -> [Date] {
        stride(from: 0, to: 24 * 60, by: Self.step).compactMap { LondonTime.instant(on: day, minute: $0) }
    }

    /// Up to `limit` candidates, at most one a day: on each working day in turn, the earliest start that `officersFit`
    /// accepts (judged in the first room; what the officers' side decides does not depend on the room) with the first
    /// room, in order, that `roomFits` accepts.
    public func search(officersFit: (SessionProposal) -> Bool, roomFits: (SessionProposal) -> Bool) -> [SessionProposal] {
        guard let firstRoom = rooms.first else { return [] }
        var found: [SessionProposal] = []
        for day in days where found.count < Self.limit {
            search: for start in starts(on: day) where officersFit(candidate(at: start, room: firstRoom)) {
                for room in rooms {
                    let p = candidate(at: start, room: room)
                    if roomFits(p) { found.append(p); break search }
                }
            }
        }
        return found
    }
}
