import BriefingsDomain
import Foundation
import GRDB

extension BriefingDesk {
    public func respond(_ ref: String, as officerID: String, _ answer: OfficerAnswer) async throws -> [Verdict] {
        let id = try Ref.parse(ref, "SE"), at = now()
        return try await database.step { db in
            let c = try council(db)
            guard let me = c.roster.officer(officerID) else {
                _ = try actor(officerID, in: c)
                throw DeskError(.forbidden, "\(c.name(officerID)) is not an officer", fix: "Officers answer their own invitations with --as OFFICER.")
            }
            let s = try loadSession(db, id)
            try requireScheduled(s)
            switch answer {
            case .endorse(let nominee), .refuseNominee(let nominee, _):
                return try answerNomination(db, c, s, senior: officerID, nominee: nominee, answer: answer, at: at)
            default: break
            }
            guard s.officer(officerID)?.attends == true else {
                throw DeskError(.forbidden, "\(me.name) is not invited to \(Ref.format("SE", id))", remedy: .seeOwnSessions(officer: officerID))
            }
            var verdicts: [Verdict] = []
            let subject = Ref.format("SE", id)
            switch answer {
            case .confirm:
                try SessionOfficerRecord.answer(db, session: id, officer: officerID, .confirmed, at: at)
                try AuditTrail.append(db, at: at, actor: officerID, role: Role.officer.auditName, action: "officer.confirm", subject: subject)
                // Subscribers see TENTATIVE become CONFIRMED only with a higher SEQUENCE; invitees get the confirmed event.
                if try !s.isConfirmed && isConfirmed(db, id) {
                    try touch(db, id, at: at)
                    try publish(db, c, [.sessionChanged(session: subject, .confirmed)], at: at)
                }
            case .decline(let reason):
                try requireReason(reason, for: "declining an invitation")
                // officer-consistency: once they have confirmed a session on this matter, no declining another group's.
                // Until then (invited only) they may decline (officer-may-decline).
                typealias Columns = SessionOfficerRecord.Columns
                let sameBriefing = SessionRecord.filter(SessionRecord.Columns.briefingID == s.briefing).select(SessionRecord.Columns.id)
                let earlier = try SessionOfficerRecord
                    .filter(Columns.officerID == officerID && Columns.response == Session.Officer.Response.confirmed && Columns.sessionID != id)
                    .filter(sameBriefing.contains(Columns.sessionID))
                    .select(Columns.sessionID, as: Int64.self).fetchAll(db).map { Ref.format("SE", $0) }
                if !earlier.isEmpty {
                    let v = Verdict(rule: .officerConsistency, passed: false, severity: c.profile.severity(.officerConsistency),
                                    clauses: c.profile.clauses(.officerConsistency),
                                    message: "\(me.name) has confirmed a session on this matter (\(earlier.joined(separator: ", "))) and may not decline another group's session on it",
                                    fix: "Nominate a representative for \(subject), or ask the group to reschedule.")
                    throw DeskError.refused([v], failing: [v], what: "declining \(subject)")
                }
                verdicts.append(Verdict(rule: .officerMayDecline, passed: true, severity: c.profile.severity(.officerMayDecline),
                                        clauses: c.profile.clauses(.officerMayDecline), message: "first invitation on this matter declined: \(reason)"))
                try SessionOfficerRecord.answer(db, session: id, officer: officerID, .declined, reason: reason, at: at)
                try db.run(sql: "DELETE FROM booking WHERE session_id = ? AND resource = ?", arguments: [id, "officer:\(officerID)"])
                // Who attends changed (and, with the others all confirmed, perhaps the status): subscribers need a new SEQUENCE.
                try touch(db, id, at: at)
                try AuditTrail.append(db, at: at, actor: officerID, role: Role.officer.auditName, action: "officer.decline", subject: subject,
                                      details: ["reason": reason], verdicts: verdicts)
                try publish(db, c, [.sessionChanged(session: subject, .officerDeclined(officer: officerID, start: s.segmentStart, reason: reason,
                                                                                    tell: leaders(c, s) + [c.roster.approver]))], at: at)
            case .nominate(let repID, let reason):
                try requireReason(reason, for: "nominating a representative")
                guard let rep = c.roster.officer(repID) else {
                    throw DeskError(.notFound, "no officer '\(repID)' on the roster", fix: "Name the representative by roster id.")
                }
                if s.attending.contains(where: { $0.officer == repID }) {
                    throw DeskError(.conflict, "\(rep.name) already attends \(subject)", fix: "Name someone else.")
                }
                var changed = s.proposal(by: officerID)
                changed.officers = s.attending.map { $0.officer == officerID ? OfficerAttendance(officer: repID, nominatedBy: officerID) : $0 }
                let all = try self.verdicts(db, changed, c, excluding: id)
                verdicts = all.filter { [.seniorOfficer, .noDoubleBooking, .professionalRemit, .workingHours].contains($0.rule) }
                try enforce(verdicts.filter { $0.rule != .workingHours && $0.rule != .professionalRemit }, overrides: [:],
                            what: "nominating \(rep.name)", approverCanOverride: false)
                try SessionOfficerRecord.answer(db, session: id, officer: officerID, .represented, reason: reason, representedBy: repID, at: at)
                // Made by the senior officer themself: no further confirmation of the nomination is needed.
                try SessionOfficerRecord(session: id, invited: OfficerAttendance(officer: repID, nominatedBy: officerID), nominationConfirmed: true).insert(db)
                try book(db, session: id, changed)
                try touch(db, id, at: at)
                try AuditTrail.append(db, at: at, actor: officerID, role: Role.officer.auditName, action: "officer.nominate", subject: subject,
                                      details: ["representative": repID, "reason": reason], verdicts: verdicts)
                try publish(db, c, [.sessionChanged(session: subject, .represented(officer: officerID, representative: repID, reason: reason,
                                                                                tell: leaders(c, s) + [c.roster.approver]))], at: at)
            case .endorse, .refuseNominee:
                break
            }
            return verdicts
        }
    }

    /// The senior officer a group named as nominating a non-senior officer confirms or refuses the nomination
    /// (`senior-officer`: made or confirmed by that senior officer, never only asserted by the group).
    func answerNomination(_ db: Database, _ c: Council, _ s: Session, senior: String, nominee: String,
                          answer: OfficerAnswer, at: Date) throws -> [Verdict] {
        let id = s.id, subject = Ref.format("SE", id)
        guard let named = s.officer(nominee), named.attends, named.nominatedBy == senior else {
            throw DeskError(.forbidden, rule: .seniorOfficer, clauses: c.profile.clauses(.seniorOfficer),
                            "\(c.name(senior)) is not named as nominating \(c.name(nominee)) for \(subject)",
                            remedy: .onlyNamedSeniorConfirms(session: subject))
        }
        let v: Verdict
        switch answer {
        case .refuseNominee(_, let reason):
            try requireReason(reason, for: "refusing a nomination")
            try SessionOfficerRecord.answer(db, session: id, officer: nominee, .declined, reason: "\(c.name(senior)) did not nominate them: \(reason)", at: at)
            try db.run(sql: "DELETE FROM booking WHERE session_id = ? AND resource = ?", arguments: [id, "officer:\(nominee)"])
            v = Verdict(rule: .seniorOfficer, passed: false, severity: c.profile.severity(.seniorOfficer), clauses: c.profile.clauses(.seniorOfficer),
                        message: "\(c.name(senior)) refused the nomination of \(c.name(nominee)): \(reason)",
                        fix: "The group may ask \(c.name(senior)) to attend, or to nominate someone else.")
        default:
            try SessionOfficerRecord.invitation(session: id, officer: nominee).updateAll(db, [SessionOfficerRecord.Columns.nominationConfirmed.set(to: true)])
            v = Verdict(rule: .seniorOfficer, passed: true, severity: c.profile.severity(.seniorOfficer), clauses: c.profile.clauses(.seniorOfficer),
                        message: "\(c.name(senior)) confirmed \(c.name(nominee)) as their nominee")
        }
        if try s.isConfirmed != isConfirmed(db, id) || v.passed == false { try touch(db, id, at: at) }
        try AuditTrail.append(db, at: at, actor: senior, role: Role.officer.auditName, action: v.passed ? "officer.endorse" : "officer.refuse-nominee",
                              subject: subject, details: ["nominee": nominee], verdicts: [v])
        try publish(db, c, [.sessionChanged(session: subject, .nomination(senior: senior, nominee: nominee, confirmed: v.passed, message: v.message,
                                                                      tell: [nominee] + leaders(c, s) + [c.roster.approver]))], at: at)
        return [v]
    }

    /// An officer attaches the briefing's material, shared by all its sessions (`officer-consistency`),
    /// checked against `advice-limits`.
    public func attachMaterial(_ ref: String, as officerID: String, text: String) async throws -> Verdict {
        let id = try Ref.parse(ref, "BR"), at = now()
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw DeskError(.invalid, "the material is empty", fix: "Give a file with the briefing's facts and options.")
        }
        return try await database.step { db in
            let c = try council(db)
            _ = try actor(officerID, in: c)
            guard let b = try db.one(sql: "SELECT officers, written_report, title FROM briefing WHERE id = ?", arguments: [id]) else {
                throw DeskError(.notFound, "no briefing \(Ref.format("BR", id))", remedy: .seeList(.briefings))
            }
            let officers = try Self.decode([OfficerAttendance].self, b["officers"]).flatMap { [$0.officer, $0.nominatedBy].compactMap { $0 } }
            let invited = try db.value(Int.self, sql: "SELECT COUNT(*) FROM session_officer so JOIN session s ON s.id = so.session_id WHERE s.briefing_id = ? AND so.officer_id = ?", arguments: [id, officerID])!
            guard officers.contains(officerID) || invited > 0 else {
                throw DeskError(.forbidden, "\(c.name(officerID)) is not an officer on \(Ref.format("BR", id))", fix: "The briefing's own officers attach its material.")
            }
            let v = AdviceLimits.verdict(material: text, profile: c.profile)
            try enforce([v], overrides: [:], what: "the material", approverCanOverride: false)
            try db.run(sql: "UPDATE briefing SET material = ?, material_by = ? WHERE id = ?", arguments: [text, officerID, id])
            try AuditTrail.append(db, at: at, actor: officerID, role: Role.officer.auditName, action: "briefing.material", subject: Ref.format("BR", id),
                                  details: ["characters": "\(text.count)"], verdicts: [v])
            if b["written_report"] as Bool {
                // The commissioned report is ready: every group that asked for it or took it up reads the same text.
                let groups = try OfferRecord.filter(OfferRecord.Columns.briefingID == id && [OfferStatus.requested, .accepted].contains(OfferRecord.Columns.status))
                    .order(OfferRecord.Columns.id).fetchAll(db).map(\.groupID)
                try publish(db, c, [.reportReady(briefing: Ref.format("BR", id), officer: officerID, title: b["title"],
                                                 tell: groups.compactMap { c.roster.group($0)?.leader } + [officerID])], at: at)
            }
            return v
        }
    }
}
