import BriefingsDomain
import Foundation
import GRDB

extension BriefingDesk {
    public func respond(_ ref: String, as officerID: String, _ answer: OfficerAnswer) async throws -> [Verdict] {
        let id = try Ref.parse(ref, "SE"), at = now()
        return try await database.step { db in
            let c = try council(db)
            _ = try refusing { () throws(Refusal) in try OfficerResponse.officer(officerID, in: c) }
            return try respondStep(db, c, try loadSession(db, id), as: officerID, answer, at: at)
        }
    }

    /// An officer's answer, in the caller's transaction: the desk's (`respond`) and their calendar's (`receiveCalendarReply`,
    /// whose audit entry says so in `via`). A refusal is thrown before anything is written.
    func respondStep(_ db: Database, _ c: Council, _ s: Session, as officerID: String, _ answer: OfficerAnswer, at: Date,
                     via: String? = nil) throws -> [Verdict] {
        let id = s.id
        var plan: OfficerResponse.Plan
        switch answer {
        case .confirm:
            plan = try refusing { () throws(Refusal) in try OfficerResponse.confirm(s, by: officerID, in: c).get() }
            try SessionOfficerRecord.answer(db, session: id, officer: officerID, .confirmed, at: at)
        case .decline(let reason):
            let earlier = try confirmedOnMatter(db, s, officerID)
            plan = try refusing { () throws(Refusal) in try OfficerResponse.decline(s, by: officerID, reason: reason, confirmedOnMatter: earlier, in: c).get() }
            try SessionOfficerRecord.answer(db, session: id, officer: officerID, .declined, reason: reason, at: at)
            try db.run(sql: "DELETE FROM booking WHERE session_id = ? AND resource = ?", arguments: [id, "officer:\(officerID)"])
        case .nominate(let repID, let reason):
            let changed = try refusing { () throws(Refusal) in try OfficerResponse.nomination(s, by: officerID, representative: repID, reason: reason, in: c) }
            let judged = try self.verdicts(db, changed, c, excluding: id, as: .nominate)
            let nomination = try refusing { () throws(Refusal) in
                try OfficerResponse.nominate(s, by: officerID, representative: repID, reason: reason, judged: judged, in: c).get()
            }
            // A rule refers (their hours): the representative's attendance waits in the approver's queue.
            let rq = nomination.waits
                ? try queueChange(db, .nomination, nomination.change(changed), briefing: s.briefing, offer: nil, session: id,
                                  verdicts: nomination.verdicts, at: at) : nil
            plan = nomination.plan(request: rq, deciders: try deciders(db, c, at: at), in: c)
            try SessionOfficerRecord.answer(db, session: id, officer: officerID, .represented, reason: reason, representedBy: repID, at: at)
            // Made by the senior officer themself: no further confirmation of the nomination is needed.
            try SessionOfficerRecord(session: id, invited: OfficerAttendance(officer: repID, nominatedBy: officerID), nominationConfirmed: true,
                                     waitingFor: rq).insert(db)
            try book(db, session: id, changed)
        case .endorse(let nominee), .refuseNominee(let nominee, _):
            var reason: String? = nil
            if case .refuseNominee(_, let r) = answer { reason = r }
            plan = try refusing { () throws(Refusal) in try OfficerResponse.answerNomination(s, by: officerID, nominee: nominee, refusal: reason, in: c).get() }
            if let reason {
                try SessionOfficerRecord.answer(db, session: id, officer: nominee, .declined, reason: "\(c.name(officerID)) did not nominate them: \(reason)", at: at)
                try db.run(sql: "DELETE FROM booking WHERE session_id = ? AND resource = ?", arguments: [id, "officer:\(nominee)"])
            } else {
                try SessionOfficerRecord.invitation(session: id, officer: nominee).updateAll(db, [SessionOfficerRecord.Columns.nominationConfirmed.set(to: true)])
            }
        }
        // Subscribers see who attends, or TENTATIVE becoming CONFIRMED, only with a higher SEQUENCE.
        if plan.touches { try touch(db, id, at: at) }
        if let via { plan.audit.details["via"] = via }
        try AuditTrail.append(db, at: at, plan.audit)
        try publish(db, c, plan.events, at: at)
        return plan.verdicts
    }

    /// The officer's other confirmed sessions of the same briefing (`officer-consistency`), as references.
    func confirmedOnMatter(_ db: Database, _ s: Session, _ officerID: String) throws -> [String] {
        typealias Columns = SessionOfficerRecord.Columns
        let sameBriefing = SessionRecord.filter(SessionRecord.Columns.briefingID == s.briefing).select(SessionRecord.Columns.id)
        return try SessionOfficerRecord
            .filter(Columns.officerID == officerID && Columns.response == Session.Officer.Response.confirmed && Columns.sessionID != s.id)
            .filter(sameBriefing.contains(Columns.sessionID))
            .select(Columns.sessionID, as: Int64.self).fetchAll(db).map { Ref.format("SE", $0) }
    }

    /// An officer attaches the briefing's material, shared by all its sessions (`officer-consistency`), checked against
    /// `advice-limits`; a budget briefing's material is the named group's own discussion's (`003 §7.13`). Material the
    /// rule warns about is held in the approver's queue (`RequestKind.material`, `held_material`) and no group reads it
    /// until it is released; the receipt is then that queue item (`RQ-…`, status `held`), else the briefing (`attached`).
    /// Newer material replaces any still held for the same briefing (or budget discussion): that item is withdrawn.
    public func attachMaterial(_ ref: String, as officerID: String, text typed: String, group: String? = nil,
                               file upload: Desk.Upload? = nil) async throws -> Desk.Receipt {
        let id = try Ref.parse(ref, "BR"), at = now(), limit = materialFileLimit
        // A text or Markdown file is the material's text; a PDF or Word file is kept whole beside what was typed.
        var read: MaterialFile.Upload?
        if let upload {
            read = try refusing { () throws(Refusal) in try MaterialFile.read(name: upload.name, bytes: Array(upload.content), limit: limit).get() }
        }
        let (text, file): (String, MaterialFile?) = switch read {
        case .text(let t)?: (t, nil)
        case .file(let f)?: (typed, f)
        case nil: (typed, nil)
        }
        return try await database.step { db in
            let c = try council(db)
            var (b, origin) = try BriefingRecord.withOrigin(db, id)
            // The sessions whose officers may attach it: the briefing's, or (a budget discussion) the named group's.
            var sessions = SessionRecord.filter(SessionRecord.Columns.briefingID == id).select(SessionRecord.Columns.id)
            if b.budget, let group {
                sessions = sessions.filter(SessionGroupRecord.filter(SessionGroupRecord.Columns.groupID == group)
                    .select(SessionGroupRecord.Columns.sessionID).contains(SessionRecord.Columns.id))
            }
            let invited = try SessionOfficerRecord.filter(SessionOfficerRecord.Columns.officerID == officerID && sessions.contains(SessionOfficerRecord.Columns.sessionID))
                .fetchCount(db) > 0
            let groups = try materialReaders(db, briefing: id)
            let briefing = try b.briefing(origin: origin)
            let step = try refusing { () throws(Refusal) in
                try briefing.attach(material: text, file: file, by: officerID, invited: invited, groups: groups, for: group, discussions: groups, in: c).get()
            }
            try withdrawHeldMaterial(db, briefing: id, group: step.discussion, at: at)
            var stored: Int64?
            if let file, let upload {
                var record = MaterialFileRecord(briefingID: id, name: file.name, kind: file.kind, size: file.size, content: upload.content,
                                                attachedBy: officerID, attachedAt: at.unix)
                try record.insert(db)
                stored = record.id
            }
            guard step.held else {
                if b.budget, let group {
                    try BudgetMaterialRecord(briefingID: id, groupID: group, material: text, materialBy: officerID, attachedAt: at.unix,
                                             materialFile: stored).save(db)
                } else {
                    b.material = text; b.materialBy = officerID; b.materialFile = stored
                    try b.update(db)
                }
                let plan = step.plan()
                try AuditTrail.append(db, at: at, plan.audit)
                try publish(db, c, plan.events, at: at)
                return Desk.Receipt(ref: b.ref, status: "attached", message: step.verdict.message, verdicts: [step.verdict])
            }
            // Held: a queue item of its own, on the briefing's matter as its group asked for it; only the officer hears its decision.
            guard var proposal = try RequestRecord.fetchOne(db, key: b.requestID)?.proposal else {
                throw DeskError(.notFound, "no request behind \(b.ref)", remedy: .seeList(.briefings))
            }
            proposal.attendees = []; proposal.requester = officerID; proposal.onBehalfOf = nil
            proposal.groups = [step.discussion ?? origin]
            var request = RequestRecord(kind: .material, proposal, verdicts: Self.json([step.verdict]), at: at, briefing: id)
            try request.insert(db)
            try HeldMaterialRecord(requestID: request.id!, briefingID: id, groupID: step.discussion, material: text, materialBy: officerID,
                                   attachedAt: at.unix, materialFile: stored).insert(db)
            let plan = step.plan(request: request.ref, deciders: try deciders(db, c, at: at))
            try AuditTrail.append(db, at: at, plan.audit)
            try publish(db, c, plan.events, at: at)
            return Desk.Receipt(ref: request.ref, status: "held", message: step.verdict.message, verdicts: [step.verdict])
        }
    }

    /// The groups that asked for a briefing or took it up: a commissioned report's readers, a budget briefing's discussions.
    func materialReaders(_ db: Database, briefing id: Int64) throws -> [String] {
        try OfferRecord.filter(OfferRecord.Columns.briefingID == id && [OfferStatus.requested, .accepted].contains(OfferRecord.Columns.status))
            .order(OfferRecord.Columns.id).fetchAll(db).map(\.groupID)
    }

    /// Withdraws material still held for a briefing (or one group's budget discussion): newer material replaces it.
    func withdrawHeldMaterial(_ db: Database, briefing id: Int64, group: String?, at: Date) throws {
        let held = HeldMaterialRecord.filter(HeldMaterialRecord.Columns.briefingID == id && HeldMaterialRecord.Columns.groupID == group)
            .select(HeldMaterialRecord.Columns.requestID)
        try RequestRecord.pending.filter(RequestRecord.Columns.kind == RequestKind.material && held.contains(RequestRecord.Columns.id))
            .updateAll(db, [RequestRecord.Columns.status.set(to: RequestStatus.withdrawn), RequestRecord.Columns.decidedAt.set(to: at.unix),
                            RequestRecord.Columns.reason.set(to: "replaced by newer material")])
    }

    /// The approver releases held material: it becomes the briefing's (or its budget discussion's) as it was attached.
    /// Returns the groups entitled to it (a written report's readers).
    func releaseHeldMaterial(_ db: Database, _ r: RequestRecord, at: Date) throws -> [String] {
        guard let held = try HeldMaterialRecord.fetchOne(db, key: r.id), var b = try BriefingRecord.fetchOne(db, key: held.briefingID) else {
            throw DeskError(.notFound, "\(r.ref) holds no material", remedy: .seeList(.openRequests))
        }
        if b.budget, let group = held.groupID {
            try BudgetMaterialRecord(briefingID: held.briefingID, groupID: group, material: held.material, materialBy: held.materialBy,
                                     attachedAt: at.unix, materialFile: held.materialFile).save(db)
        } else {
            b.material = held.material; b.materialBy = held.materialBy; b.materialFile = held.materialFile
            try b.update(db)
        }
        return try materialReaders(db, briefing: held.briefingID)
    }
}
