import BriefingsDomain
import Foundation
import GRDB

/// Budget briefings (`003 §7.13`, `confidentiality`): each group is entitled to its own confidential budget discussions.
/// Other groups are offered discussions of their own with the same officers, never the requesting group's title,
/// details or material, until that group releases the briefing or its embargo date passes, whichever is earlier.
extension BriefingDesk {
    /// The title other groups see of a confidential budget briefing.
    static let budgetTitle = "Budget discussions (your group's own)"

    /// The material `group` reads of a briefing, and who attached it: a budget briefing's is that group's own
    /// discussion's (`003 §7.13`), any other briefing's is shared by every session.
    func material(_ db: Database, _ b: BriefingRecord, for group: String) throws -> (text: String, by: String?, file: Int64?)? {
        guard b.budget else { return b.material.map { ($0, b.materialBy, b.materialFile) } }
        return try BudgetMaterialRecord.of(db, briefing: b.id ?? 0, group: group).map { ($0.material, $0.materialBy, $0.materialFile) }
    }

    /// A briefing's matter as stored, with what decides who may read it: the group that asked for it (`origin`) and
    /// whether a budget briefing has been released. Read from a briefing's row, or made from a request being approved.
    struct StoredMatter: Equatable, FetchableRecord {
        /// As the briefing's row gives it back: `budget` true or nil.
        var matter: Matter
        var origin: String
        var released: Bool

        init(matter: Matter, origin: String, released: Bool) {
            var matter = matter
            matter.budget = matter.budget == true ? true : nil
            self.matter = matter; self.origin = origin; self.released = released
        }

        /// From a row holding the briefing's matter columns and its requesting group as `origin` (a session's or an
        /// offer's row joined with its briefing and request, as `loadSession` and `offerFacts` read them).
        init(row b: Row) {
            self.init(matter: Matter(title: b["title"], details: b["details"], area: b["area"], linkedMeeting: b["linked_meeting"],
                                     decisionDate: (b["decision_date"] as String?).flatMap(LocalDate.init),
                                     embargoUntil: (b["embargo_until"] as String?).flatMap(LocalDate.init),
                                     budget: b["budget"] as Bool, meetingDate: (b["meeting_date"] as String?).flatMap(LocalDate.init),
                                     meetingID: (b["meeting_id"] as Int64?).map { Ref.format(CommitteeMeetingRecord.prefix, $0) }),
                      origin: b["origin"], released: (b["released_at"] as Int?) != nil)
        }

        init(_ b: BriefingRecord, origin: String) {
            self.init(matter: Matter(title: b.title, details: b.details, area: b.area, linkedMeeting: b.linkedMeeting,
                                     decisionDate: b.decisionDate.flatMap(LocalDate.init), embargoUntil: b.embargoUntil.flatMap(LocalDate.init),
                                     budget: b.budget, meetingDate: b.meetingDate.flatMap(LocalDate.init),
                                     meetingID: b.meetingID.map { Ref.format(CommitteeMeetingRecord.prefix, $0) }),
                      origin: origin, released: b.releasedAt != nil)
        }

        /// The matter as `group` sees it (nil: oversight), and whether it was redacted for them.
        func seen(by group: String?, at: Date) -> (matter: Matter, redacted: Bool) {
            let embargo = matter.embargoUntil
            let confidential = matter.budget == true && !released && embargo.map { LocalDate(at) < $0 } != false
            guard confidential, let group, group != origin else { return (matter, false) }
            return (Matter(title: BriefingDesk.budgetTitle, details: "", area: matter.area, linkedMeeting: matter.linkedMeeting,
                           decisionDate: matter.decisionDate, embargoUntil: embargo, budget: true, meetingDate: matter.meetingDate,
                           meetingID: matter.meetingID), true)
        }
    }

    /// The requesting group releases its budget briefing: from now on the other groups see what it was about.
    public func releaseBriefing(_ ref: String, as actorID: String) async throws {
        let id = try Ref.parse(ref, "BR"), at = now()
        try await database.step { db in
            let c = try council(db)
            var (b, origin) = try BriefingRecord.withOrigin(db, id)
            let briefing = try b.briefing(origin: origin)
            guard let plan = try refusing({ () throws(Refusal) in try briefing.release(by: actorID, in: c).get() }) else { return }
            b.releasedAt = at.unix
            try b.update(db)
            // Every session of the briefing shows the released title from now on: subscribers need a new SEQUENCE.
            for s in try SessionRecord.filter(SessionRecord.Columns.briefingID == id).select(SessionRecord.Columns.id, as: Int64.self).fetchAll(db) {
                try touch(db, s, at: at)
            }
            try AuditTrail.append(db, at: at, plan.audit)
        }
    }
}
