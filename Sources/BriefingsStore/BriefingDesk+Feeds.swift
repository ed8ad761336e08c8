import BriefingsDomain
import BriefingsMessages
import Foundation
import GRDB

extension BriefingDesk {
    /// Builds a feed from the store. Events carry each session's persisted `sequence` and last change, so
    /// the same data always gives the same feed, and a change always raises the sequence.
    public func feed(_ subject: FeedSubject) async throws -> Feed {
        let at = now()
        return try await database.read { db in try feed(db, council(db), subject, at: at) }
    }

    func feed(_ db: Database, _ c: Council, _ subject: FeedSubject, at: Date) throws -> Feed {
        let retention = at.addingTimeInterval(-Double(c.profile.cancelledRetentionDays) * 86_400)
        let council = c.roster.councilName
        switch subject {
        case .officer(let id):
            guard let officer = c.roster.officer(id) else {
                throw DeskError(.notFound, "no officer '\(id)' on the roster", remedy: .useRosterID(.officer, known: []))
            }
            let ids = try db.values(Int64.self, sql: """
                SELECT s.id FROM session s JOIN session_officer so ON so.session_id = s.id
                WHERE so.officer_id = ? AND so.response IN (?, ?) AND so.nomination_confirmed = ? AND (s.status = ? OR s.cancelled_at >= ?)
                ORDER BY s.segment_start, s.id
                """, arguments: [id, Session.Officer.Response.invited, Session.Officer.Response.confirmed, true, Session.Status.scheduled, retention.unix])
            let events = try ids.map { try sessionEvent(db, $0, c, officerView: true) }
            return Feed(name: "Briefings: \(officer.name)", description: "Group briefings \(officer.name) gives (\(council))",
                        refreshMinutes: c.profile.feedRefreshMinutes, events: events)
        case .group(let gid):
            guard c.roster.group(gid) != nil else {
                throw DeskError(.notFound, "no political group '\(gid)'", remedy: .useRosterID(.group, known: []))
            }
            return try groupFeed(db, c, group: gid, offers: true, retention: retention, at: at)
        case .member(let mid):
            guard let m = c.roster.member(mid) else {
                throw DeskError(.notFound, "no council member '\(mid)' on the roster", remedy: .useRosterID(.member, known: []))
            }
            guard let g = m.group else {
                throw DeskError(.notFound, "\(m.name) belongs to no political group, so has no group briefings", fix: "Subscribe to a group's feed instead.")
            }
            var feed = try groupFeed(db, c, group: g, offers: false, retention: retention, at: at)
            feed.name = "Briefings: \(m.name)"
            return feed
        case .overview:
            let ids = try db.values(Int64.self, sql: """
                SELECT id FROM session WHERE status = ? OR cancelled_at >= ? ORDER BY segment_start, id
                """, arguments: [Session.Status.scheduled, retention.unix])
            var events = try ids.map { try sessionEvent(db, $0, c, officerView: false) }
            // A take-up or a representative waiting for the approver is already shown as its tentative session.
            typealias Columns = RequestRecord.Columns
            let waiting = RequestRecord.filter(Columns.status == RequestStatus.pending)
                .filter(!(Columns.kind == RequestKind.acceptance && Columns.sessionID != nil) && Columns.kind != RequestKind.nomination
                        && Columns.kind != RequestKind.material).order(Columns.id)
            for r in try waiting.fetchAll(db) {
                let p = r.proposal, ref = r.ref
                events.append(FeedEvent(
                    uid: "request-\(r.id!)@briefings", title: "Pending: \(p.matter.title) (\(p.groups.map(c.name).joined(separator: ", ")))",
                    description: "\(ref) awaits the \(c.profile.approverTitle)'s agreement. Officers: \(p.officers.map { c.name($0.officer) }.joined(separator: ", ")).",
                    location: location(p.venue, c), start: p.segmentStart, end: p.segmentEnd, status: .tentative, sequence: 0,
                    lastModified: Date(unix: r.submittedAt)))
            }
            return Feed(name: "Briefings: overview", description: "Every group briefing and pending request (\(council))",
                        refreshMinutes: c.profile.feedRefreshMinutes, events: events)
        }
    }

    func groupFeed(_ db: Database, _ c: Council, group: String, offers withOffers: Bool, retention: Date, at: Date) throws -> Feed {
        let ids = try db.values(Int64.self, sql: """
            SELECT s.id FROM session s JOIN session_group sg ON sg.session_id = s.id
            WHERE sg.group_id = ? AND (s.status = ? OR s.cancelled_at >= ?) ORDER BY s.segment_start, s.id
            """, arguments: [group, Session.Status.scheduled, retention.unix])
        var events = try ids.map { try sessionEvent(db, $0, c, officerView: false) }
        if withOffers && c.profile.openOffersInFeeds {
            let days = try workingDays(db)
            for o in try offers(db, c, group: group, at: at) where o.status == "open" {
                // An offer has no time of its own: it is an all-day note, free time, on the day it must be answered by
                // (a joint session it may join is named in it, with its time), never a meeting nobody booked.
                let created = Date(unix: try BriefingRecord.filter(key: try Ref.parse(o.briefing, "BR"))
                    .select(BriefingRecord.Columns.createdAt, as: Int.self).fetchOne(db) ?? 0)
                let due = o.answerBy.flatMap(LocalDate.init) ?? days.adding(c.profile.offerAnswerWorkingDays, to: created)
                let joint = try o.jointSessions.map { ref in (ref: ref, start: try loadSession(db, try Ref.parse(ref, "SE")).meetingStart) }
                events.append(FeedEvent(
                    uid: "offer-\(try Ref.parse(o.ref, "OF"))@briefings", title: FeedText.openOfferTitle(o.title),
                    description: FeedText.openOffer(o.ref, officers: o.officers, due: due, jointSessions: joint), location: nil,
                    start: try LondonTime.parse("\(due)T00:00"), end: try LondonTime.parse("\(due.adding(days: 1))T00:00"), day: due,
                    status: .tentative, sequence: 0, lastModified: created))
            }
        }
        let name = c.name(group)
        return Feed(name: "Briefings: \(name)", description: "\(name)'s officer briefings (\(c.roster.councilName))",
                    refreshMinutes: c.profile.feedRefreshMinutes, events: events)
    }

    /// One session as a calendar event. Officers get only their segment and no attendee list. `CONFIRMED` only once
    /// the approver has agreed every group's attendance and every officer has confirmed (`approval`); `TENTATIVE` before.
    func sessionEvent(_ db: Database, _ id: Int64, _ c: Council, officerView: Bool) throws -> FeedEvent {
        sessionEvent(try loadSession(db, id), c, officerView: officerView)
    }

    /// The event of a session already loaded.
    func sessionEvent(_ s: Session, _ c: Council, officerView: Bool) -> FeedEvent {
        let id = s.id
        let ref = Ref.format("SE", id), briefing = Ref.format("BR", s.briefing)
        let groupNames = s.groupIDs.map(c.name).joined(separator: " + ")
        let officers = s.officers.filter(\.attends).map { "\(c.name($0.officer)) (\($0.response.rawValue))" }
        var description: String
        if officerView {
            description = "\(ref), briefing \(briefing) for \(groupNames). Your part ends at \(LondonTime.format(s.segmentEnd).suffix(5)); please leave before the group's political discussion (000 §17.16.7)."
        } else {
            description = "\(ref), briefing \(briefing). Group meeting \(LondonTime.format(s.meetingStart).suffix(5))–\(LondonTime.format(s.meetingEnd).suffix(5)); officers \(LondonTime.format(s.segmentStart).suffix(5))–\(LondonTime.format(s.segmentEnd).suffix(5)): \(officers.joined(separator: ", "))."
        }
        let cancelled = s.status == .cancelled
        if cancelled { description = "Cancelled: \(s.reason ?? "no reason given"). " + description }
        return FeedEvent(uid: "session-\(id)@briefings", title: "Briefing: \(s.matter.title) (\(groupNames))", description: description,
                         location: location(s.venue, c), start: officerView ? s.segmentStart : s.meetingStart,
                         end: officerView ? s.segmentEnd : s.meetingEnd,
                         status: cancelled ? .cancelled : (s.isConfirmed ? .confirmed : .tentative),
                         sequence: s.sequence, lastModified: s.updatedAt)
    }

    func location(_ venue: Venue, _ c: Council) -> String? { Wording.location(venue, c) }
}
