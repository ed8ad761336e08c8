import BriefingsDomain
import BriefingsMessages
import Foundation
import GRDB

extension BriefingDesk {
    /// Checks the parts of a proposal that are plain input errors, not rule verdicts:
    /// unknown ids, impossible or past times. Nothing has been written when these throw.
    func checkInput(_ p: SessionProposal, _ c: Council, now: Date) throws {
        let r = c.roster
        for g in p.groups where r.group(g) == nil {
            throw DeskError(.notFound, "no political group '\(g)'", remedy: .useRosterID(.group, known: r.groups.map(\.id)))
        }
        if let m = p.onBehalfOf, r.member(m) == nil {
            throw DeskError(.notFound, "no council member '\(m)' to ask on behalf of", fix: "Name a member of the group by their roster id.")
        }
        for a in p.officers {
            if r.officer(a.officer) == nil {
                throw DeskError(.notFound, "no officer '\(a.officer)' on the roster", remedy: .useRosterID(.officer, known: []))
            }
            if let by = a.nominatedBy, r.officer(by) == nil {
                throw DeskError(.notFound, "no officer '\(by)' to nominate \(a.officer)", fix: "Name the nominating senior officer by roster id.")
            }
        }
        if Set(p.officers.map(\.officer)).count != p.officers.count {
            throw DeskError(.invalid, "an officer is named twice", fix: "Name each officer once.")
        }
        if case .room(let id) = p.venue, r.room(id) == nil {
            throw DeskError(.notFound, "no council room '\(id)'", remedy: .useRosterID(.room, known: r.rooms.map(\.id)))
        }
        for case .person(let id) in p.attendees where r.roles(of: id).isEmpty {
            throw DeskError(.notFound, "no one with id '\(id)' is on the roster",
                            remedy: .attendeesByRosterID)
        }
        if p.matter.title.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DeskError(.invalid, "the matter has no title", remedy: .giveField(.matter))
        }
        if p.meetingEnd <= p.meetingStart {
            throw DeskError(.invalid, "the meeting ends (\(LondonTime.format(p.meetingEnd))) before it starts (\(LondonTime.format(p.meetingStart)))",
                            remedy: .correctField(.duration, .notPositive))
        }
        if p.segmentEnd <= p.segmentStart {
            throw DeskError(.invalid, "the officers' part ends before it starts", remedy: .correctField(.segment, .notPositive))
        }
        if p.meetingStart <= now, p.isWrittenReport {
            throw DeskError(.invalid, "the report would be due on \(LocalDate(p.meetingStart)), which has passed",
                            remedy: .correctField(.reportDue, .past))
        }
        if p.meetingStart <= now {
            throw DeskError(.invalid, "the meeting starts \(LondonTime.format(p.meetingStart)), which is in the past",
                            fix: "Choose a future date and time (Europe/London).")
        }
        if p.meetingEnd.timeIntervalSince(p.meetingStart) > 12 * 3600 {
            throw DeskError(.invalid, "the meeting is longer than 12 hours", remedy: .correctField(.duration, .tooLong))
        }
    }

    /// Bookings of the proposal's officers and room near its times.
    func bookings(_ db: Database, for p: SessionProposal, profile: PolicyProfile, excluding session: Int64? = nil) throws -> [Booking] {
        var result: [Booking] = []
        for a in p.officers {
            result += try bookings(db, of: .officer(a.officer), from: p.segmentStart, to: p.segmentEnd, profile: profile, excluding: session)
        }
        if let room = p.venue.roomID {
            result += try bookings(db, of: .room(room), from: p.meetingStart, to: p.meetingEnd, profile: profile, excluding: session)
        }
        return result
    }

    /// One officer's or room's bookings (sessions, held changes, imported busy times) that reach within the council's room
    /// buffer of `from..<to`: an indexed range scan, bounded because no booking is longer than a day.
    func bookings(_ db: Database, of resource: Booking.Resource, from: Date, to: Date, profile: PolicyProfile,
                  excluding session: Int64? = nil) throws -> [Booking] {
        let key = switch resource {
        case .officer(let id): "officer:\(id)"
        case .room(let id): "room:\(id)"
        }
        let buffer = profile.roomBufferMinutes * 60
        let rows = try BookingRecord.fetchAll(db, sql: """
            SELECT * FROM booking WHERE resource = ? AND start >= ? AND start < ? AND end > ?
            """, arguments: [key, from.unix - 86_400 - buffer, to.unix + buffer, from.unix - buffer])
        return rows.filter { session == nil || $0.sessionID != session }.map {
            Booking(reference: $0.label, resource: resource, start: Date(unix: $0.start), end: Date(unix: $0.end))
        }
    }

    /// The day, if it is a bank holiday: one primary-key lookup, since every step judges `working-hours` (reading and
    /// parsing the whole holiday list each time was a measurable part of a step).
    func bankHolidays(_ db: Database, on day: LocalDate) throws -> Set<LocalDate> {
        try db.value(Bool.self, sql: "SELECT 1 FROM bank_holiday WHERE date = ?", arguments: [day.description]) == true ? [day] : []
    }

    /// Every proposal verdict under the council's profile, against the bookings as they are now; with a transition,
    /// only the rules that judge that step (`Transition.judged`).
    func verdicts(_ db: Database, _ p: SessionProposal, _ c: Council, excluding session: Int64? = nil,
                  as transition: Transition? = nil, approverActing: Bool = false) throws -> [Verdict] {
        var p = p
        // A linked committee meeting cancelled since the briefing was agreed leaves nothing for any session of it to inform
        // (council-business): a take-up, a join or a move of it waits for the approver.
        if p.matter.meetingCancelled != true, let id = p.matter.meetingID.flatMap(Self.committeeMeetingID),
           try CommitteeMeetingRecord.fetchOne(db, key: id)?.status == .cancelled {
            p.matter.meetingCancelled = true
        }
        let context = ValidationContext(roster: c.roster, profile: c.profile,
                                        bookings: try bookings(db, for: p, profile: c.profile, excluding: session),
                                        bankHolidays: try bankHolidays(db, on: LocalDate(p.segmentStart)))
        guard let transition else { return RuleEngine(context).validate(p) }
        return RuleEngine(context).validate(p, as: transition, approverActing: approverActing)
    }

    /// Judges a proposal against the rules and the bookings as they are now, writing nothing.
    public func check(_ p: SessionProposal) async throws -> [Verdict] {
        let at = now()
        return try await database.read { db in try preparedRequest(db, try council(db), p, at: at).1 }
    }

    /// Refuses on any `block`, and on any `refer` without an approver's recorded reason (`Decider.enforce`); where only
    /// the approver could record one, the refusal says the step goes to their queue.
    func enforce(_ verdicts: [Verdict], overrides: [RuleID: String], what: String, approverCanOverride: Bool) throws {
        try refusing { () throws(Refusal) in try Decider.enforce(verdicts, overrides: overrides, what: what, approverCanOverride: approverCanOverride) }
    }

    static func json<T: Encodable>(_ value: T) -> String { AuditTrail.encode(value) }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try AuditTrail.decoder().decode(type, from: Data(text.utf8))
    }
}
