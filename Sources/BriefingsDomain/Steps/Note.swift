import Foundation

/// A group's written record of what officers said at one of its sessions. Only that group, and the session's officers
/// (who may verify what is attributed to them, `003 §7.10`), ever see it (`confidentiality`); the group finalises it
/// once an officer who attended verified it, or once the officers have had the council's period to (`record-verification`).
public struct Note: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case draft, final
    }

    public var id: Int64
    public var session: Int64
    public var group: String
    public var author: String
    public var text: String
    public var status: Status
    public var verifiedBy: String?
    public var unverifiedReason: String?

    public init(id: Int64, session: Int64, group: String, author: String, text: String, status: Status,
                verifiedBy: String? = nil, unverifiedReason: String? = nil) {
        self.id = id; self.session = session; self.group = group; self.author = author; self.text = text; self.status = status
        self.verifiedBy = verifiedBy; self.unverifiedReason = unverifiedReason
    }

    public var ref: String { Reference.format("NT", id) }

    /// The group a member writes a record for: theirs, when it is among the session's groups.
    public static func author(_ actor: String, text: String, session s: Session, in c: Council) throws(Refusal) -> String {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw Refusal(.invalid, "the note is empty", remedy: .giveField(.text))
        }
        _ = try Decider.roles(actor, in: c)
        guard let group = c.roster.groupOf(actor), s.groupIDs.contains(group) else {
            throw Refusal(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                          "\(c.name(actor)) is not in a group \(Reference.format("SE", s.id)) serves", remedy: .advice("Only the session's groups keep records of it."))
        }
        return group
    }

    /// What a new draft, recorded as `ref`, writes to the audit trail; its author and the session's officers (`invited`,
    /// those invited or confirmed) are asked to verify it; `matter` and `start` (the group's meeting) name the session to them.
    public static func added(_ ref: String, by actor: String, group: String, session: Int64, matter: String, start: Date,
                             invited: [String]) -> (audit: AuditEntry, events: [DeskEvent]) {
        let s = Reference.format("SE", session)
        return (AuditEntry(actor: actor, role: Role.member(group: nil).auditName, action: "note.add", subject: ref, details: ["session": s]),
                [.noteToVerify(note: ref, session: s, group: group, matter: matter, start: start, tell: invited + [actor])])
    }

    /// An officer who attended the session verifies the draft, a correction appended to its text: the note as it then
    /// stands and the audit entry. `response`: the officer's answer to the session's invitation, nil when not on it. Only
    /// an officer who confirmed attendance verifies (`003 §7.10`: comments "attributed to him/her"); one who declined, sent
    /// someone else, or never answered did not attend.
    public func verified(by officer: String, response: Session.Officer.Response?, correction: String?, in c: Council) throws(Refusal) -> (note: Note, audit: AuditEntry) {
        _ = try Decider.roles(officer, in: c)
        guard let response else {
            throw Refusal(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                          "\(c.name(officer)) did not attend \(Reference.format("SE", session)) and may not see its record",
                          remedy: .advice("Only the session's officers verify its record."))
        }
        guard response == .confirmed else {
            let why = switch response {
            case .declined: "declined \(Reference.format("SE", session))"
            case .represented: "sent a representative to \(Reference.format("SE", session))"
            default: "has not confirmed attending \(Reference.format("SE", session))"
            }
            throw Refusal(.forbidden, rule: .recordVerification, clauses: c.profile.clauses(.recordVerification),
                          "\(c.name(officer)) \(why), so nothing in the record is theirs to verify",
                          remedy: .advice("Only an officer who attended verifies what the record attributes to them."))
        }
        guard status == .draft else {
            throw Refusal(.conflict, rule: .recordVerification, "\(ref) is already final", remedy: .advice("Nothing to verify now."))
        }
        var note = self
        note.verifiedBy = officer
        if let correction, !correction.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            note.text += "\n\nCorrection by \(c.name(officer)): \(correction)"
        }
        return (note, AuditEntry(actor: officer, role: Role.officer.auditName, action: "note.verify", subject: ref,
                                 details: ["corrected": correction == nil ? "no" : "yes"]))
    }

    /// The group finalises its draft: once an officer who attended verified it, or once the officers have had the
    /// council's period to do so (`verifyBy`, the last working day they have; `record-verification`, `003 §7.10`: "given
    /// the opportunity of verifying"). A reason it is final without verification is recorded when given.
    public func finalised(by actor: String, unverifiedReason: String?, verifyBy: LocalDate, today: LocalDate,
                          in c: Council) throws(Refusal) -> (note: Note, verdict: Verdict, audit: AuditEntry) {
        _ = try Decider.roles(actor, in: c)
        guard c.roster.groupOf(actor) == group else {
            throw Refusal(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                          "\(ref) is another group's record", remedy: .advice("Only its own group finalises a record."))
        }
        guard status == .draft else {
            throw Refusal(.conflict, rule: .recordVerification, "\(ref) is already final", remedy: .advice("A final record is not changed."))
        }
        let reason = unverifiedReason?.trimmingCharacters(in: .whitespacesAndNewlines)
        let waited = verifyBy < today
        var verdict = Verdict(rule: .recordVerification, passed: verifiedBy != nil, severity: c.profile.severity(.recordVerification),
                              clauses: c.profile.clauses(.recordVerification),
                              message: verifiedBy.map { "verified by \(c.name($0))" }
                                  ?? (waited ? "no officer verified it by \(verifyBy), the end of the period they had to do so"
                                             : "the session's officers have until \(verifyBy) to verify what the record attributes to them"),
                              fix: verifiedBy != nil || waited ? "" : "Ask the session's officers to verify \(ref); after \(verifyBy) the group may finalise it without them.")
        var note = self
        note.status = .final
        if verifiedBy == nil {
            guard waited else { throw Refusal.refused([verdict], failing: [verdict], what: "finalising \(ref)") }
            if let reason, !reason.isEmpty {
                verdict.message += "; finalised without it: \(reason)"
                note.unverifiedReason = reason
            } else {
                note.unverifiedReason = "not verified by \(verifyBy)"
            }
        }
        return (note, verdict, AuditEntry(actor: actor, role: Role.member(group: nil).auditName, action: "note.finalise", subject: ref, verdicts: [verdict]))
    }
}
