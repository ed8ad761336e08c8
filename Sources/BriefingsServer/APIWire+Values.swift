import BriefingsAPI
import BriefingsDomain
import BriefingsStore
import Foundation

/// The desk's values as the generated types of the responses, field by field: a field renamed or removed in
/// `openapi.yaml` no longer builds here, and nothing goes out that the description does not name.
extension Components.Schemas.Severity {
    init(_ s: Severity) {
        switch s {
        case .info: self = .info
        case .warn: self = .warn
        case .refer: self = .refer
        case .block: self = .block
        }
    }
}

extension Components.Schemas.Verdict {
    init(_ v: Verdict) {
        self.init(rule: v.rule.rawValue, passed: v.passed, severity: .init(v.severity), clauses: v.clauses, message: v.message, fix: v.fix)
    }
}

extension Components.Schemas.Rules {
    init(_ v: Desk.RulesView) throws {
        self.init(profile: v.profile, description: v.description, approver: v.approver, approverClauses: v.approverClauses,
                  acknowledgeWorkingDays: v.acknowledgeWorkingDays, respondWorkingDays: v.respondWorkingDays,
                  jointBriefingsPreferred: v.jointBriefingsPreferred, budgetEmbargo: v.budgetEmbargo, roomBufferMinutes: v.roomBufferMinutes,
                  rules: try v.rules.map { row in
                      guard let severity = Severity(rawValue: row.severity) else { throw Wire.unfit("rule \(row.id)'s severity '\(row.severity)'") }
                      return .init(id: row.id, severity: .init(severity), clauses: row.clauses, rule: row.rule)
                  })
    }
}

extension Components.Schemas.Receipt {
    init(_ v: Desk.Receipt) { self.init(ref: v.ref, status: v.status, message: v.message, verdicts: v.verdicts.map(Components.Schemas.Verdict.init)) }
}

extension Components.Schemas.Flag {
    init(_ v: Desk.Flag) { self.init(officer: v.officer, reason: v.reason, at: v.at) }
}

extension Components.Schemas.RequestLine {
    init(_ v: Desk.RequestLine) {
        self.init(ref: v.ref, kind: v.kind, status: v.status, group: v.group, requester: v.requester, onBehalfOf: v.onBehalfOf,
                  matter: v.matter, segmentStart: v.segmentStart, submitted: v.submitted, decidedBy: v.decidedBy, reason: v.reason)
    }
}

extension Components.Schemas.Proposal {
    /// A written report has no venue: none of room, virtual and external (`{}`).
    init(_ p: SessionProposal) {
        let m = p.matter
        let venue: VenuePayload = switch p.venue {
        case .room(let id): .init(room: .init(_0: id))
        case .virtual(let link): .init(virtual: .init(_0: link))
        case .external(let description, let party): .init(external: .init(description: description, party: party))
        case .writtenReport: .init()
        }
        self.init(requester: p.requester, onBehalfOf: p.onBehalfOf, groups: p.groups,
                  matter: .init(title: m.title, details: m.details, area: m.area, linkedMeeting: m.linkedMeeting,
                                decisionDate: m.decisionDate?.description, embargoUntil: m.embargoUntil?.description, budget: m.budget),
                  officers: p.officers.map { .init(officer: $0.officer, nominatedBy: $0.nominatedBy) },
                  meetingStart: p.meetingStart, meetingEnd: p.meetingEnd, segmentStart: p.segmentStart, segmentEnd: p.segmentEnd,
                  venue: venue,
                  attendees: p.attendees.map {
                      switch $0 {
                      case .person(let id): .init(person: .init(_0: id))
                      case .guest(let name): .init(guest: .init(_0: name))
                      }
                  },
                  jointWish: p.jointWish)
    }
}

extension Components.Schemas.RequestView {
    init(_ v: Desk.RequestView) {
        self.init(ref: v.ref, kind: v.kind, status: v.status, group: v.group, requester: v.requester, onBehalfOf: v.onBehalfOf,
                  proposal: .init(v.proposal), verdictsAtSubmission: v.verdictsAtSubmission.map(Components.Schemas.Verdict.init),
                  decidedBy: v.decidedBy, decidedRole: v.decidedRole, reason: v.reason, overrides: v.overrides.map { .init(additionalProperties: $0) },
                  briefing: v.briefing, flags: v.flags.map(Components.Schemas.Flag.init))
    }
}

extension Components.Schemas.QueueItem {
    init(_ v: Desk.QueueItem) {
        self.init(ref: v.ref, kind: v.kind, group: v.group, requester: v.requester, onBehalfOf: v.onBehalfOf, matter: v.matter,
                  officers: v.officers, segmentStart: v.segmentStart, segmentEnd: v.segmentEnd, submitted: v.submitted,
                  clock: .init(workingDaysWaiting: v.clock.workingDaysWaiting, acknowledgeBy: v.clock.acknowledgeBy.description,
                               respondBy: v.clock.respondBy.description, acknowledgementOverdue: v.clock.acknowledgementOverdue,
                               responseOverdue: v.clock.responseOverdue, replyBy: v.clock.replyBy?.description,
                               replyByMissed: v.clock.replyByMissed),
                  verdicts: v.verdicts.map(Components.Schemas.Verdict.init), flags: v.flags.map(Components.Schemas.Flag.init),
                  toJudge: v.toJudge.compactMap { Components.Schemas.JudgedRule(rawValue: $0.rawValue) },
                  budget: v.budget, embargoUntil: v.embargoUntil, acknowledged: v.acknowledged, acknowledgement: v.acknowledgement,
                  material: v.material)
    }
}

extension Components.Schemas.Approval {
    init(_ v: Desk.Approval) {
        self.init(request: v.request, briefing: v.briefing, session: v.session, offers: v.offers, overrides: .init(additionalProperties: v.overrides),
                  judged: v.judged.compactMap { Components.Schemas.JudgedRule(rawValue: $0.rawValue) }, verdicts: v.verdicts.map(Components.Schemas.Verdict.init))
    }
}

extension Components.Schemas.Slot {
    init(_ v: Desk.Slot) {
        self.init(start: v.start, end: v.end, segmentStart: v.segmentStart, segmentEnd: v.segmentEnd, duration: v.duration, segment: v.segment,
                  room: v.room, roomName: v.roomName)
    }
}

extension Components.Schemas.Offer {
    init(_ v: Desk.OfferView) {
        self.init(ref: v.ref, briefing: v.briefing, group: v.group, title: v.title, officers: v.officers, status: v.status,
                  jointSessions: v.jointSessions, answeredBy: v.answeredBy, reason: v.reason, answerBy: v.answerBy,
                  writtenReport: v.writtenReport, suggestedSlots: v.suggestedSlots.map(Components.Schemas.Slot.init))
    }
}

extension Components.Schemas.OfferSlots {
    init(_ v: Desk.OfferSlots) {
        self.init(offer: v.offer, group: v.group, from: v.from, until: v.until, slots: v.slots.map(Components.Schemas.Slot.init))
    }
}

extension Components.Schemas.BriefingLine {
    init(_ v: Desk.BriefingLine) {
        self.init(ref: v.ref, title: v.title, status: v.status, offers: .init(additionalProperties: v.offers), sessions: v.sessions)
    }
}

extension Components.Schemas.Briefing {
    init(_ v: Desk.BriefingView) {
        self.init(ref: v.ref, title: v.title, area: v.area, officers: v.officers, status: v.status, writtenReport: v.writtenReport,
                  reportDue: v.reportDue, material: v.material, materialBy: v.materialBy, held: v.held,
                  materialFile: v.materialFile.map { .init(name: $0.name, kind: $0.kind.rawValue, size: $0.size) })
    }
}

extension Components.Schemas.TimeProposal {
    init(_ v: Desk.TimeProposalView) {
        self.init(ref: v.ref, session: v.session, officer: v.officer, segmentStart: v.segmentStart, segmentEnd: v.segmentEnd, reason: v.reason,
                  status: v.status, answer: v.answer)
    }
}

extension Components.Schemas.Session {
    init(_ v: Desk.SessionView) {
        self.init(ref: v.ref, briefing: v.briefing, title: v.title, groups: v.groups, status: v.status, meetingStart: v.meetingStart,
                  meetingEnd: v.meetingEnd, segmentStart: v.segmentStart, segmentEnd: v.segmentEnd, venue: v.venue,
                  officers: v.officers.map {
                      .init(officer: $0.officer, response: $0.response, nominatedBy: $0.nominatedBy, representedBy: $0.representedBy,
                            reason: $0.reason, nominationConfirmed: $0.nominationConfirmed, waitingFor: $0.waitingFor)
                  },
                  attendees: v.attendees, sequence: v.sequence, reason: v.reason, material: v.material,
                  agreements: .init(additionalProperties: v.agreements), confirmed: v.confirmed,
                  proposals: v.proposals.map(Components.Schemas.TimeProposal.init))
    }
}

extension Components.Schemas.ProposalAnswer {
    init(_ v: Desk.ProposalAnswer) { self.init(proposal: .init(v.proposal), receipt: v.receipt.map(Components.Schemas.Receipt.init)) }
}

extension Components.Schemas.Absence {
    init(_ v: Desk.AbsenceView) { self.init(from: v.from, until: v.until, recordedBy: v.recordedBy) }
}

extension Components.Schemas.Note {
    init(_ v: Desk.NoteView) {
        self.init(ref: v.ref, session: v.session, group: v.group, author: v.author, text: v.text, status: v.status, verifiedBy: v.verifiedBy,
                  unverifiedReason: v.unverifiedReason, verdict: v.verdict.map(Components.Schemas.Verdict.init))
    }
}

extension Components.Schemas.AuditEntry {
    init(_ v: Desk.AuditEntry) {
        self.init(seq: Int(v.seq), at: v.at, actor: v.actor, role: v.role, action: v.action, subject: v.subject,
                  details: .init(additionalProperties: v.details), verdicts: v.verdicts.map(Components.Schemas.Verdict.init),
                  prevHash: v.prevHash, hash: v.hash)
    }
}

extension Components.Schemas.AuditReport {
    init(_ v: Desk.AuditReport) { self.init(entries: v.entries, intact: v.intact, problems: v.problems) }
}

extension Components.Schemas.ParityRow {
    init(_ v: Desk.ParityRow) {
        self.init(group: v.group, name: v.name, requestsMade: v.requestsMade, offersReceived: v.offersReceived, accepted: v.accepted,
                  declined: v.declined, lapsed: v.lapsed, open: v.open, sessionsHeld: v.sessionsHeld, sessionsScheduled: v.sessionsScheduled,
                  officerHours: v.officerHours)
    }
}

extension Components.Schemas.Notification {
    init(_ v: Desk.NotificationView) { self.init(at: v.at, subject: v.subject, body: v.body, to: v.to) }
}

// MARK: The generated bodies, as the desk's forms

extension SessionForm {
    init(_ w: Components.Schemas.SessionForm) {
        self.init(start: w.start, duration: w.duration, segmentStart: w.segmentStart, segment: w.segment, room: w.room, virtual: w.virtual,
                  premises: w.premises, partyPremises: w.partyPremises, attendees: w.attendees, guests: w.guests)
    }
}

extension RequestForm {
    /// The session-or-written-report part (`value2`) holds no field of its own: every field is in `value1`.
    init(_ w: Components.Schemas.RequestForm) {
        let f = w.value1
        self.init(group: f.group, onBehalfOf: f.onBehalfOf, matter: f.matter, details: f.details, area: f.area, meeting: f.meeting,
                  decisionDate: f.decisionDate, embargoUntil: f.embargoUntil, officers: f.officers, nominees: f.nominees, joint: f.joint,
                  budget: f.budget, meetingDate: f.meetingDate, session: f.session.map { SessionForm($0.value1) },
                  writtenReport: f.writtenReport, reportDue: f.reportDue, meetingId: f.meetingId)
    }
}

extension Desk.OfficerAnswer {
    /// The answer the respond body names, with the fields it needs; refused as the desk's JSON form refused it
    /// (`answer: …` for an answer that is none of the five, `reason is missing`, …).
    init(_ w: Operations.PostApiSessionsRefRespond.Input.Body.JsonPayload) throws {
        let f = w.value1
        func required(_ value: String?, _ field: String) throws -> String {
            guard let value else { throw Wire.unfitBody("\(field) is missing") }
            return value
        }
        switch f.answer {
        case "confirm": self = .confirm
        case "decline": self = .decline(reason: try required(f.reason, "reason"))
        case "nominate": self = .nominate(representative: try required(f.representative, "representative"), reason: try required(f.reason, "reason"))
        case "endorse": self = .endorse(nominee: try required(f.nominee, "nominee"))
        case "refuse-nominee": self = .refuseNominee(nominee: try required(f.nominee, "nominee"), reason: try required(f.reason, "reason"))
        case let other:
            throw Wire.unfitBody("answer: answer '\(other)' is not confirm, decline, nominate, endorse or refuse-nominee")
        }
    }
}
