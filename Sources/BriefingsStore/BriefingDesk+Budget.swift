import BriefingsDomain
import Foundation
import GRDB

/// Budget briefings (`003 §7.13`, `confidentiality`): each group is entitled to its own confidential budget discussions.
/// Other groups are offered discussions of their own with the same officers, never the requesting group's title,
/// details or material, until that group releases the briefing or its embargo date passes, whichever is earlier.
extension BriefingDesk {
    /// The title other groups see of a confidential budget briefing.
    static let budgetTitle = "Budget discussions (your group's own)"

    /// The briefing's matter as a group sees it: the requesting group (and oversight, `group == nil`) the real one; any
    /// other group, while the budget briefing is confidential, only that it is its own budget discussion.
    func matter(_ db: Database, briefing id: Int64, seenBy group: String?, at: Date) throws -> (matter: Matter, redacted: Bool) {
        guard let b = try db.one(sql: """
            SELECT briefing.*, request.group_id AS origin FROM briefing JOIN request ON request.id = briefing.request_id WHERE briefing.id = ?
            """, arguments: [id]) else {
            throw DeskError(.notFound, "no briefing \(Ref.format("BR", id))", remedy: .seeList(.briefings))
        }
        return Self.matter(briefing: b, seenBy: group, at: at)
    }

    /// The same, from a row holding the briefing's columns and its requesting group as `origin` (as `proposal` reads it).
    static func matter(briefing b: Row, seenBy group: String?, at: Date) -> (matter: Matter, redacted: Bool) {
        StoredMatter(briefing: b).seen(by: group, at: at)
    }

    /// A briefing's matter as stored, with what decides who may read it: the group that asked for it (`origin`) and
    /// whether a budget briefing has been released. Read from a briefing's row, or made from a request being approved.
    struct StoredMatter: Equatable {
        /// As the briefing's row gives it back: `budget` true or nil.
        var matter: Matter
        var origin: String
        var released: Bool

        init(matter: Matter, origin: String, released: Bool) {
            var matter = matter
            matter.budget = matter.budget == true ? true : nil
            self.matter = matter; self.origin = origin; self.released = released
        }

        /// From a row holding the briefing's columns and its requesting group as `origin`.
        init(briefing b: Row) {
            self.init(matter: Matter(title: b["title"], details: b["details"], area: b["area"], linkedMeeting: b["linked_meeting"],
                                     decisionDate: (b["decision_date"] as String?).flatMap(LocalDate.init),
                                     embargoUntil: (b["embargo_until"] as String?).flatMap(LocalDate.init),
                                     budget: b["budget"] as Bool, meetingDate: (b["meeting_date"] as String?).flatMap(LocalDate.init)),
                      origin: b["origin"], released: (b["released_at"] as Int?) != nil)
        }

        /// The matter as `group` sees it (nil: oversight), and whether it was redacted for them.
        func seen(by group: String?, at: Date) -> (matter: Matter, redacted: Bool) {
            let embargo = matter.embargoUntil
            let confidential = matter.budget == true && !released && embargo.map { LocalDate(at) < $0 } != false
            guard confidential, let group, group != origin else { return (matter, false) }
            return (Matter(title: BriefingDesk.budgetTitle, details: "", area: matter.area, linkedMeeting: matter.linkedMeeting,
                           decisionDate: matter.decisionDate, embargoUntil: embargo, budget: true, meetingDate: matter.meetingDate), true)
        }
    }

    /// The requesting group releases its budget briefing: from now on the other groups see what it was about.
    public func releaseBriefing(_ ref: String, as actorID: String) async throws {
        let id = try Ref.parse(ref, "BR"), at = now()
        try await database.step { db in
            let c = try council(db)
            guard let b = try db.one(sql: """
                SELECT briefing.budget, briefing.released_at, request.group_id AS origin FROM briefing JOIN request ON request.id = briefing.request_id
                WHERE briefing.id = ?
                """, arguments: [id]) else {
                throw DeskError(.notFound, "no briefing \(Ref.format("BR", id))", remedy: .seeList(.briefings))
            }
            let origin: String = b["origin"]
            guard c.roster.roles(of: actorID).contains(.groupLeader(group: origin)) else {
                _ = try actor(actorID, in: c)
                throw DeskError(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                                "only the leader of \(c.name(origin)), whose budget discussion it is, may release \(Ref.format("BR", id))",
                                fix: "Ask the leader of \(c.name(origin)).")
            }
            guard b["budget"] as Bool else {
                throw DeskError(.conflict, "\(Ref.format("BR", id)) is not a budget briefing; every group already sees it", fix: "Nothing to release.")
            }
            if (b["released_at"] as Int?) != nil { return }
            try db.run(sql: "UPDATE briefing SET released_at = ? WHERE id = ?", arguments: [at.unix, id])
            // Every session of the briefing shows the released title from now on: subscribers need a new SEQUENCE.
            for s in try db.values(Int64.self, sql: "SELECT id FROM session WHERE briefing_id = ?", arguments: [id]) { try touch(db, s, at: at) }
            try AuditTrail.append(db, at: at, actor: actorID, role: Role.groupLeader(group: origin).auditName, action: "briefing.release",
                                  subject: Ref.format("BR", id))
        }
    }
}
