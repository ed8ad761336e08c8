import BriefingsDomain
import Foundation
import GRDB

extension BriefingDesk {
    /// A group member writes a draft record of what officers said at one of the group's sessions.
    public func addNote(_ sessionRef: String, as actorID: String, text: String) async throws -> NoteView {
        let sid = try Ref.parse(sessionRef, "SE"), at = now()
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw DeskError(.invalid, "the note is empty", fix: "Give the record's text with --text \"…\".")
        }
        return try await database.step { db in
            let c = try council(db)
            _ = try actor(actorID, in: c)
            let groups = try loadSession(db, sid).groupIDs
            guard let group = c.roster.groupOf(actorID), groups.contains(group) else {
                throw DeskError(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                                "\(c.name(actorID)) is not in a group \(Ref.format("SE", sid)) serves", fix: "Only the session's groups keep records of it.")
            }
            try db.run(sql: "INSERT INTO note (session_id, group_id, author, text, status, created_at) VALUES (?, ?, ?, ?, 'draft', ?)",
                       arguments: [sid, group, actorID, text, at.unix])
            let id = db.lastInsertedRowID
            try AuditTrail.append(db, at: at, actor: actorID, role: Role.member(group: nil).auditName, action: "note.add", subject: Ref.format("NT", id),
                                  details: ["session": Ref.format("SE", sid)])
            let officers = try db.values(String.self, sql: "SELECT officer_id FROM session_officer WHERE session_id = ? AND response IN ('invited', 'confirmed')", arguments: [sid])
            try publish(db, c, [.noteToVerify(note: Ref.format("NT", id), session: Ref.format("SE", sid), group: group, tell: officers + [actorID])], at: at)
            return try noteView(db, id)
        }
    }

    /// An officer of the session verifies the record, optionally adding a correction to it.
    public func verifyNote(_ ref: String, as officerID: String, correction: String?) async throws -> NoteView {
        let id = try Ref.parse(ref, "NT"), at = now()
        return try await database.step { db in
            let c = try council(db)
            _ = try actor(officerID, in: c)
            let note = try noteRow(db, id)
            let invited = try db.value(Int.self, sql: "SELECT COUNT(*) FROM session_officer WHERE session_id = ? AND officer_id = ?",
                                       arguments: [note["session_id"] as Int64, officerID]) ?? 0
            guard invited > 0 else {
                throw DeskError(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                                "\(c.name(officerID)) did not attend \(Ref.format("SE", note["session_id"])) and may not see its record", fix: "Only the session's officers verify its record.")
            }
            guard (note["status"] as String) == "draft" else {
                throw DeskError(.conflict, rule: .recordVerification, "\(Ref.format("NT", id)) is already final", fix: "Nothing to verify now.")
            }
            var text: String = note["text"]
            if let correction, !correction.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                text += "\n\nCorrection by \(c.name(officerID)): \(correction)"
            }
            try db.run(sql: "UPDATE note SET verified_by = ?, verified_at = ?, text = ? WHERE id = ?", arguments: [officerID, at.unix, text, id])
            try AuditTrail.append(db, at: at, actor: officerID, role: Role.officer.auditName, action: "note.verify", subject: Ref.format("NT", id),
                                  details: ["corrected": correction == nil ? "no" : "yes"])
            return try noteView(db, id)
        }
    }

    /// The group finalises its record: once an officer verified it, or with a recorded reason why not (`record-verification`).
    public func finaliseNote(_ ref: String, as actorID: String, unverifiedReason: String?) async throws -> NoteView {
        let id = try Ref.parse(ref, "NT"), at = now()
        return try await database.step { db in
            let c = try council(db)
            _ = try actor(actorID, in: c)
            let note = try noteRow(db, id)
            guard c.roster.groupOf(actorID) == (note["group_id"] as String) else {
                throw DeskError(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                                "\(Ref.format("NT", id)) is another group's record", fix: "Only its own group finalises a record.")
            }
            guard (note["status"] as String) == "draft" else {
                throw DeskError(.conflict, rule: .recordVerification, "\(Ref.format("NT", id)) is already final", fix: "A final record is not changed.")
            }
            let verified = (note["verified_by"] as String?) != nil
            let reason = unverifiedReason?.trimmingCharacters(in: .whitespacesAndNewlines)
            var verdict = Verdict(rule: .recordVerification, passed: verified, severity: c.profile.severity(.recordVerification),
                                  clauses: c.profile.clauses(.recordVerification),
                                  message: verified ? "verified by \(c.name(note["verified_by"]))" : "no officer has verified what the record attributes to them",
                                  fix: verified ? "" : "Ask the session's officers to verify \(Ref.format("NT", id)), or record why it is final without that.")
            if !verified {
                guard let reason, !reason.isEmpty else { throw DeskError.refused([verdict], failing: [verdict], what: "finalising \(Ref.format("NT", id))") }
                verdict.message += "; finalised without it: \(reason)"
            }
            try db.run(sql: "UPDATE note SET status = 'final', unverified_reason = ? WHERE id = ?", arguments: [verified ? nil : reason, id])
            try AuditTrail.append(db, at: at, actor: actorID, role: Role.member(group: nil).auditName, action: "note.finalise", subject: Ref.format("NT", id), verdicts: [verdict])
            var view = try noteView(db, id)
            view.verdict = verdict
            return view
        }
    }

    /// The records a person may see: their group's, or, for an officer, those of their sessions.
    public func notes(as actorID: String) async throws -> [NoteView] {
        try await database.read { db in
            let c = try council(db)
            _ = try actor(actorID, in: c)
            let ids: [Int64]
            if let group = c.roster.groupOf(actorID) {
                ids = try db.values(Int64.self, sql: "SELECT id FROM note WHERE group_id = ? ORDER BY id", arguments: [group])
            } else {
                ids = try db.values(Int64.self, sql: """
                    SELECT n.id FROM note n JOIN session_officer so ON so.session_id = n.session_id WHERE so.officer_id = ? ORDER BY n.id
                    """, arguments: [actorID])
            }
            return try ids.map { try noteView(db, $0) }
        }
    }

    func noteRow(_ db: Database, _ id: Int64) throws -> Row {
        guard let row = try db.one(sql: "SELECT * FROM note WHERE id = ?", arguments: [id]) else {
            throw DeskError(.notFound, "no note \(Ref.format("NT", id))", remedy: .seeList(.notes))
        }
        return row
    }

    func noteView(_ db: Database, _ id: Int64) throws -> NoteView {
        let r = try noteRow(db, id)
        return NoteView(ref: Ref.format("NT", id), session: Ref.format("SE", r["session_id"]), group: r["group_id"], author: r["author"],
                        text: r["text"], status: r["status"], verifiedBy: r["verified_by"], unverifiedReason: r["unverified_reason"], verdict: nil)
    }
}
