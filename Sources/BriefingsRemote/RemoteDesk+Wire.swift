import BriefingsAPI
import BriefingsDomain
import Foundation

/// The one place the command line's remote mode maps between the types generated from `openapi.yaml` and the desk's
/// values (`Desk.Receipt`, `SessionForm`, …), field by field: a field renamed or removed in the description no longer
/// builds here. A value the service sent that the desk's types cannot hold (an unknown rule, a date that is not one)
/// fails loudly, as `RemoteFailure`, rather than going missing.
enum Wire {
    /// The service's answer does not fit the desk's values.
    static func unfit(_ what: String) -> RemoteFailure {
        RemoteFailure(.failure, "the service's answer does not fit what this client prints (\(what)); are client and server the same version?")
    }

    static func rule(_ text: String) throws -> RuleID {
        guard let rule = RuleID(rawValue: text) else { throw unfit("no rule '\(text)'") }
        return rule
    }

    static func date(_ text: String) throws -> LocalDate {
        guard let date = LocalDate(text) else { throw unfit("'\(text)' is not a date") }
        return date
    }

    static func overrides(_ overrides: [RuleID: String]) -> Components.Schemas.Overrides {
        .init(additionalProperties: Dictionary(uniqueKeysWithValues: overrides.map { ($0.key.rawValue, $0.value) }))
    }
}

// MARK: The service's answers, as the desk's values

extension Severity {
    init(_ wire: Components.Schemas.Severity) {
        switch wire {
        case .info: self = .info
        case .warn: self = .warn
        case .refer: self = .refer
        case .block: self = .block
        }
    }
}

extension Verdict {
    init(_ w: Components.Schemas.Verdict) throws {
        self.init(rule: try Wire.rule(w.rule), passed: w.passed, severity: Severity(w.severity), clauses: w.clauses, message: w.message, fix: w.fix)
    }
}

extension Desk.RulesView {
    init(_ w: Components.Schemas.Rules) {
        self.init(profile: w.profile, description: w.description, approver: w.approver, approverClauses: w.approverClauses,
                  acknowledgeWorkingDays: w.acknowledgeWorkingDays, respondWorkingDays: w.respondWorkingDays,
                  jointBriefingsPreferred: w.jointBriefingsPreferred, budgetEmbargo: w.budgetEmbargo, roomBufferMinutes: w.roomBufferMinutes,
                  rules: w.rules.map { Row(id: $0.id, severity: Severity($0.severity).rawValue, clauses: $0.clauses, rule: $0.rule) })
    }
}

extension Desk.Receipt {
    init(_ w: Components.Schemas.Receipt) throws {
        self.init(ref: w.ref, status: w.status, message: w.message, verdicts: try w.verdicts.map(Verdict.init))
    }
}

extension Desk.Flag {
    init(_ w: Components.Schemas.Flag) { self.init(officer: w.officer, reason: w.reason, at: w.at) }
}

extension Desk.RequestLine {
    init(_ w: Components.Schemas.RequestLine) {
        self.init(ref: w.ref, kind: w.kind, status: w.status, group: w.group, requester: w.requester, onBehalfOf: w.onBehalfOf,
                  matter: w.matter, segmentStart: w.segmentStart, submitted: w.submitted, decidedBy: w.decidedBy, reason: w.reason)
    }
}

extension SessionProposal {
    init(_ w: Components.Schemas.Proposal) throws {
        let m = w.matter
        let matter = Matter(title: m.title, details: m.details, area: m.area, linkedMeeting: m.linkedMeeting,
                            decisionDate: try m.decisionDate.map(Wire.date), embargoUntil: try m.embargoUntil.map(Wire.date), budget: m.budget)
        // A written report has no venue: the description holds none of room, virtual and external for it.
        let venue: Venue = if let room = w.venue.room { .room(room._0) }
            else if let link = w.venue.virtual { .virtual(link._0) }
            else if let external = w.venue.external { .external(description: external.description, party: external.party) }
            else { .writtenReport }
        let attendees: [Attendee] = try w.attendees.map {
            if let person = $0.person { return .person(person._0) }
            if let guest = $0.guest { return .guest(guest._0) }
            throw Wire.unfit("an attendee who is neither a person nor a guest")
        }
        self.init(requester: w.requester, onBehalfOf: w.onBehalfOf, groups: w.groups, matter: matter,
                  officers: w.officers.map { OfficerAttendance(officer: $0.officer, nominatedBy: $0.nominatedBy) },
                  meetingStart: w.meetingStart, meetingEnd: w.meetingEnd, segmentStart: w.segmentStart, segmentEnd: w.segmentEnd,
                  venue: venue, attendees: attendees, jointWish: w.jointWish)
    }
}

extension Desk.RequestView {
    init(_ w: Components.Schemas.RequestView) throws {
        self.init(ref: w.ref, kind: w.kind, status: w.status, group: w.group, requester: w.requester, onBehalfOf: w.onBehalfOf,
                  proposal: try SessionProposal(w.proposal), verdictsAtSubmission: try w.verdictsAtSubmission.map(Verdict.init),
                  decidedBy: w.decidedBy, decidedRole: w.decidedRole, reason: w.reason, overrides: w.overrides?.additionalProperties,
                  briefing: w.briefing, flags: w.flags.map(Desk.Flag.init))
    }
}

extension Desk.QueueItem {
    init(_ w: Components.Schemas.QueueItem) throws {
        let clock = ResponseClock(workingDaysWaiting: w.clock.workingDaysWaiting, acknowledgeBy: try Wire.date(w.clock.acknowledgeBy),
                                  respondBy: try Wire.date(w.clock.respondBy), acknowledgementOverdue: w.clock.acknowledgementOverdue,
                                  responseOverdue: w.clock.responseOverdue, replyBy: try w.clock.replyBy.map(Wire.date),
                                  replyByMissed: w.clock.replyByMissed)
        self.init(ref: w.ref, kind: w.kind, group: w.group, requester: w.requester, onBehalfOf: w.onBehalfOf, matter: w.matter,
                  officers: w.officers, segmentStart: w.segmentStart, segmentEnd: w.segmentEnd, submitted: w.submitted, clock: clock,
                  verdicts: try w.verdicts.map(Verdict.init), flags: w.flags.map(Desk.Flag.init),
                  budget: w.budget, embargoUntil: w.embargoUntil, acknowledged: w.acknowledged, acknowledgement: w.acknowledgement,
                  material: w.material, toJudge: (w.toJudge ?? []).compactMap { RuleID(rawValue: $0.rawValue) })
    }
}

extension Desk.Approval {
    init(_ w: Components.Schemas.Approval) throws {
        self.init(request: w.request, briefing: w.briefing, session: w.session, offers: w.offers, overrides: w.overrides.additionalProperties,
                  judged: w.judged.compactMap { RuleID(rawValue: $0.rawValue) }, verdicts: try w.verdicts.map(Verdict.init))
    }
}

extension Desk.Slot {
    init(_ w: Components.Schemas.Slot) {
        self.init(start: w.start, end: w.end, segmentStart: w.segmentStart, segmentEnd: w.segmentEnd, duration: w.duration,
                  segment: w.segment, room: w.room, roomName: w.roomName)
    }
}

extension Desk.OfferView {
    init(_ w: Components.Schemas.Offer) {
        self.init(ref: w.ref, briefing: w.briefing, group: w.group, title: w.title, officers: w.officers, status: w.status,
                  jointSessions: w.jointSessions, answeredBy: w.answeredBy, reason: w.reason, answerBy: w.answerBy,
                  writtenReport: w.writtenReport, suggestedSlots: w.suggestedSlots.map(Desk.Slot.init))
    }
}

extension Desk.OfferSlots {
    init(_ w: Components.Schemas.OfferSlots) {
        self.init(offer: w.offer, group: w.group, from: w.from, until: w.until, slots: w.slots.map(Desk.Slot.init))
    }
}

extension Desk.BriefingLine {
    init(_ w: Components.Schemas.BriefingLine) {
        self.init(ref: w.ref, title: w.title, status: w.status, offers: w.offers.additionalProperties, sessions: w.sessions)
    }
}

extension Desk.BriefingView {
    init(_ w: Components.Schemas.Briefing) {
        self.init(ref: w.ref, title: w.title, area: w.area, officers: w.officers, status: w.status, writtenReport: w.writtenReport,
                  reportDue: w.reportDue, material: w.material, materialBy: w.materialBy, held: w.held,
                  materialFile: w.materialFile.flatMap { f in MaterialFile.Kind(rawValue: f.kind).map { MaterialFile(name: f.name, kind: $0, size: f.size) } })
    }
}

extension Desk.TimeProposalView {
    init(_ w: Components.Schemas.TimeProposal) {
        self.init(ref: w.ref, session: w.session, officer: w.officer, segmentStart: w.segmentStart, segmentEnd: w.segmentEnd,
                  reason: w.reason, status: w.status, answer: w.answer)
    }
}

extension Desk.SessionView {
    init(_ w: Components.Schemas.Session) {
        self.init(ref: w.ref, briefing: w.briefing, title: w.title, groups: w.groups, status: w.status, meetingStart: w.meetingStart,
                  meetingEnd: w.meetingEnd, segmentStart: w.segmentStart, segmentEnd: w.segmentEnd, venue: w.venue,
                  officers: w.officers.map {
                      OfficerLine(officer: $0.officer, response: $0.response, nominatedBy: $0.nominatedBy, representedBy: $0.representedBy,
                                  reason: $0.reason, nominationConfirmed: $0.nominationConfirmed, waitingFor: $0.waitingFor)
                  },
                  attendees: w.attendees, sequence: w.sequence, reason: w.reason, material: w.material,
                  agreements: w.agreements.additionalProperties, confirmed: w.confirmed, proposals: w.proposals.map(Desk.TimeProposalView.init))
    }
}

extension Desk.ProposalAnswer {
    init(_ w: Components.Schemas.ProposalAnswer) throws {
        self.init(proposal: Desk.TimeProposalView(w.proposal), receipt: try w.receipt.map(Desk.Receipt.init))
    }
}

extension Desk.AbsenceView {
    init(_ w: Components.Schemas.Absence) { self.init(from: w.from, until: w.until, recordedBy: w.recordedBy) }
}

extension Desk.NoteView {
    init(_ w: Components.Schemas.Note) throws {
        self.init(ref: w.ref, session: w.session, group: w.group, author: w.author, text: w.text, status: w.status, verifiedBy: w.verifiedBy,
                  unverifiedReason: w.unverifiedReason, verdict: try w.verdict.map(Verdict.init))
    }
}

extension Desk.AuditEntry {
    init(_ w: Components.Schemas.AuditEntry) throws {
        self.init(seq: Int64(w.seq), at: w.at, actor: w.actor, role: w.role, action: w.action, subject: w.subject,
                  details: w.details.additionalProperties, verdicts: try w.verdicts.map(Verdict.init), prevHash: w.prevHash, hash: w.hash)
    }
}

extension Desk.AuditReport {
    init(_ w: Components.Schemas.AuditReport) { self.init(entries: w.entries, intact: w.intact, problems: w.problems) }
}

extension Desk.ParityRow {
    init(_ w: Components.Schemas.ParityRow) {
        self.init(group: w.group, name: w.name, requestsMade: w.requestsMade, offersReceived: w.offersReceived, accepted: w.accepted,
                  declined: w.declined, lapsed: w.lapsed, open: w.open, sessionsHeld: w.sessionsHeld, sessionsScheduled: w.sessionsScheduled,
                  officerHours: w.officerHours)
    }
}

extension Desk.NotificationView {
    init(_ w: Components.Schemas.Notification) { self.init(at: w.at, subject: w.subject, body: w.body, to: w.to) }
}

// MARK: The desk's forms, as the bodies the service takes

extension Components.Schemas.SessionForm {
    init(_ f: SessionForm) {
        self.init(start: f.start, duration: f.duration, segmentStart: f.segmentStart, segment: f.segment, room: f.room, virtual: f.virtual,
                  premises: f.premises, partyPremises: f.partyPremises, attendees: f.attendees, guests: f.guests)
    }
}

extension Components.Schemas.NewSessionForm {
    /// The venue rule (exactly one of room, virtual or premises) is the service's to enforce; this client sends the
    /// form as given, and the one-of part adds no field of its own.
    init(_ f: SessionForm) { self.init(value1: .init(f), value2: .case1(.init())) }
}

extension Components.Schemas.RequestForm {
    /// The session-or-written-report part adds no field of its own: `writtenReport` is sent with the other fields.
    init(_ f: RequestForm) {
        self.init(value1: .init(group: f.group, onBehalfOf: f.onBehalfOf, matter: f.matter, details: f.details, area: f.area,
                                meeting: f.meeting, meetingDate: f.meetingDate, meetingId: f.meetingId.map { (try? Ref.canonical($0, "CM")) ?? $0 }, decisionDate: f.decisionDate, embargoUntil: f.embargoUntil,
                                budget: f.budget, officers: f.officers, nominees: f.nominees, joint: f.joint,
                                session: f.session.map(Components.Schemas.NewSessionForm.init), writtenReport: f.writtenReport,
                                reportDue: f.reportDue),
                  value2: .case1(.init()))
    }
}

extension Operations.PostApiSessionsRefRespond.Input.Body.JsonPayload {
    init(_ answer: Desk.OfficerAnswer) {
        let fields: Components.Schemas.OfficerAnswerFields = switch answer {
        case .confirm: .init(answer: "confirm")
        case .decline(let reason): .init(answer: "decline", reason: reason)
        case .nominate(let representative, let reason): .init(answer: "nominate", reason: reason, representative: representative)
        case .endorse(let nominee): .init(answer: "endorse", nominee: nominee)
        case .refuseNominee(let nominee, let reason): .init(answer: "refuse-nominee", reason: reason, nominee: nominee)
        }
        self.init(value1: fields, value2: .case1(.init()))
    }
}
