import BriefingsDomain
import Foundation
import GRDB

extension BriefingDesk {
    /// A group member writes a draft record of what officers said at one of the group's sessions.
    public func addNote(_ sessionRef: String, as actorID: String, text: String) async throws -> NoteView {
        let sid = try Ref.parse(sessionRef, "SE"), at = now()
        return try await database.step { db in
            let c = try council(db)
            let s = try loadSession(db, sid)
            let group = try refusing { () throws(Refusal) in try Note.author(actorID, text: text, session: s, in: c) }
            var record = NoteRecord(id: nil, sessionID: sid, groupID: group, author: actorID, text: text, status: .draft, createdAt: at.unix)
            try record.insert(db)
            let invited = s.officers.filter { [.invited, .confirmed].contains($0.response) }.map(\.officer)
            let plan = Note.added(record.note.ref, by: actorID, group: group, session: sid, matter: s.matter.title, start: s.meetingStart, invited: invited)
            try AuditTrail.append(db, at: at, plan.audit)
            try publish(db, c, plan.events, at: at)
            return view(record)
        }
    }

    /// An officer of the session verifies the record, optionally adding a correction to it.
    public func verifyNote(_ ref: String, as officerID: String, correction: String?) async throws -> NoteView {
        let id = try Ref.parse(ref, "NT"), at = now()
        return try await database.step { db in
            let c = try council(db)
            var record = try noteRecord(db, id)
            let response = try SessionOfficerRecord.invitation(session: record.sessionID, officer: officerID).fetchOne(db)?.response
            let step = try refusing { () throws(Refusal) in try record.note.verified(by: officerID, response: response, correction: correction, in: c) }
            record.text = step.note.text; record.verifiedBy = step.note.verifiedBy; record.verifiedAt = at.unix
            try record.update(db)
            try AuditTrail.append(db, at: at, step.audit)
            return view(record)
        }
    }

    /// The group finalises its record: once an officer who attended verified it, or once the officers have had the
    /// council's period to (`record-verification`).
    public func finaliseNote(_ ref: String, as actorID: String, unverifiedReason: String?) async throws -> NoteView {
        let id = try Ref.parse(ref, "NT"), at = now()
        return try await database.step { db in
            let c = try council(db)
            var record = try noteRecord(db, id)
            let verifyBy = try workingDays(db).adding(c.profile.recordVerificationWorkingDays, to: Date(unix: record.createdAt))
            let step = try refusing { () throws(Refusal) in
                try record.note.finalised(by: actorID, unverifiedReason: unverifiedReason, verifyBy: verifyBy, today: LocalDate(at), in: c)
            }
            record.status = step.note.status; record.unverifiedReason = step.note.unverifiedReason
            try record.update(db)
            try AuditTrail.append(db, at: at, step.audit)
            var view = view(record)
            view.verdict = step.verdict
            return view
        }
    }

    /// The records a person may see: their group's, or, for an officer, those of their sessions.
    public func notes(as actorID: String) async throws -> [NoteView] {
        try await database.read { db in
            let c = try council(db)
            _ = try actor(actorID, in: c)
            typealias Columns = NoteRecord.Columns
            let mine: QueryInterfaceRequest<NoteRecord>
            if let group = c.roster.groupOf(actorID) {
                mine = NoteRecord.filter(Columns.groupID == group)
            } else {
                let sessions = SessionOfficerRecord.filter(SessionOfficerRecord.Columns.officerID == actorID).select(SessionOfficerRecord.Columns.sessionID)
                mine = NoteRecord.filter(sessions.contains(Columns.sessionID))
            }
            return try mine.order(Columns.id).fetchAll(db).map(view)
        }
    }

    func noteRecord(_ db: Database, _ id: Int64) throws -> NoteRecord {
        guard let record = try NoteRecord.fetchOne(db, key: id) else {
            throw DeskError(.notFound, "no note \(Ref.format("NT", id))", remedy: .seeList(.notes))
        }
        return record
    }

    func view(_ r: NoteRecord) -> NoteView {
        NoteView(ref: r.note.ref, session: Ref.format("SE", r.sessionID), group: r.groupID, author: r.author,
                 text: r.text, status: r.status.rawValue, verifiedBy: r.verifiedBy, unverifiedReason: r.unverifiedReason, verdict: nil)
    }
}
