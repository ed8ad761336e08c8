import BriefingsDomain
import Foundation
import GRDB

// The session tables as GRDB records: each column named once (`CodingKeys`, `Columns`), statuses typed as the
// domain's enums, JSON columns decoded by GRDB. The desk reads a `Session` through them (`session(_:_:)`) and
// writes sessions, their groups and their officers with them, so no status literal is repeated between Swift and SQL.
// JSON columns are written and read as every other stored JSON is (`AuditTrail.encoder`: sorted keys, dates in seconds).

extension Session.Status: DatabaseValueConvertible {}
extension Session.Officer.Response: DatabaseValueConvertible {}

/// A row of `session`.
struct SessionRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "session"

    var id: Int64?
    var briefingID: Int64
    var status: Session.Status
    var meetingStart: Int
    var meetingEnd: Int
    var segmentStart: Int
    var segmentEnd: Int
    var venue: Venue
    var attendees: [Attendee]
    var joinable: Bool
    var sequence: Int
    var updatedAt: Int
    var cancelledAt: Int?
    var reason: String?
    var createdAt: Int

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, status, venue, attendees, joinable, sequence, reason
        case briefingID = "briefing_id"
        case meetingStart = "meeting_start", meetingEnd = "meeting_end"
        case segmentStart = "segment_start", segmentEnd = "segment_end"
        case updatedAt = "updated_at", cancelledAt = "cancelled_at", createdAt = "created_at"
    }
    typealias Columns = CodingKeys

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    static func databaseJSONEncoder(for column: String) -> JSONEncoder { AuditTrail.encoder }
    static func databaseJSONDecoder(for column: String) -> JSONDecoder { AuditTrail.decoder() }
}

/// A row of `session_group`: one group a session serves, with the act that agreed it and its own overrides.
struct SessionGroupRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "session_group"

    var sessionID: Int64
    var groupID: String
    var offerID: Int64
    var agreement: String?
    /// Rule id → the approver's reason (JSON).
    var overrides: [String: String]?
    var attendees: [Attendee]?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case agreement, overrides, attendees
        case sessionID = "session_id", groupID = "group_id", offerID = "offer_id"
    }
    typealias Columns = CodingKeys

    init(session: Int64, _ g: Session.Group) {
        sessionID = session; groupID = g.group; offerID = g.offer; agreement = g.agreement
        overrides = g.overrides.mapKeys(\.rawValue); attendees = g.attendees
    }

    var group: Session.Group {
        Session.Group(group: groupID, offer: offerID, agreement: agreement,
                      overrides: (overrides ?? [:]).reduce(into: [:]) { o, e in if let r = RuleID(rawValue: e.key) { o[r] = e.value } },
                      attendees: attendees)
    }

    /// A session's groups, the host first (in the order they were added), through a cached statement: every step that
    /// invites loads its session, and the query interface would build and compile this SQL each time.
    static func all(of session: Int64, _ db: Database) throws -> [SessionGroupRecord] {
        try fetchAll(db.cachedStatement(sql: "SELECT * FROM session_group WHERE session_id = ? ORDER BY rowid"), arguments: [session])
    }

    static func databaseJSONEncoder(for column: String) -> JSONEncoder { AuditTrail.encoder }
    static func databaseJSONDecoder(for column: String) -> JSONDecoder { AuditTrail.decoder() }
}

/// A row of `session_officer`: one officer asked to attend and their answer.
struct SessionOfficerRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "session_officer"

    var sessionID: Int64
    var officerID: String
    var nominatedBy: String?
    var response: Session.Officer.Response
    var reason: String?
    var representedBy: String?
    var respondedAt: Int?
    var nominationConfirmed: Bool
    /// A representative a rule referred: the queued change (`RQ-…`) their attendance waits for.
    var waitingFor: String?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case response, reason
        case sessionID = "session_id", officerID = "officer_id", nominatedBy = "nominated_by"
        case representedBy = "represented_by", respondedAt = "responded_at", nominationConfirmed = "nomination_confirmed"
        case waitingFor = "waiting_for"
    }
    typealias Columns = CodingKeys

    /// A newly invited officer; a nominee the group named waits for the nominating senior officer (`senior-officer`).
    init(session: Int64, invited a: OfficerAttendance, nominationConfirmed: Bool? = nil, waitingFor: String? = nil) {
        sessionID = session; officerID = a.officer; nominatedBy = a.nominatedBy; response = .invited
        self.nominationConfirmed = nominationConfirmed ?? (a.nominatedBy == nil)
        self.waitingFor = waitingFor
    }

    var officer: Session.Officer {
        Session.Officer(officer: officerID, nominatedBy: nominatedBy, response: response, nominationConfirmed: nominationConfirmed,
                        representedBy: representedBy, reason: reason, waitingFor: waitingFor)
    }

    /// A session's officers, in the order they were asked (a cached statement, as `SessionGroupRecord.all(of:)`).
    static func all(of session: Int64, _ db: Database) throws -> [SessionOfficerRecord] {
        try fetchAll(db.cachedStatement(sql: "SELECT * FROM session_officer WHERE session_id = ? ORDER BY rowid"), arguments: [session])
    }

    /// One officer's invitation to one session.
    static func invitation(session id: Int64, officer: String) -> QueryInterfaceRequest<SessionOfficerRecord> {
        filter(Columns.sessionID == id && Columns.officerID == officer)
    }

    /// Records an answer to an invitation.
    static func answer(_ db: Database, session id: Int64, officer: String, _ response: Session.Officer.Response,
                       reason: String? = nil, representedBy: String? = nil, at: Date) throws {
        try invitation(session: id, officer: officer).updateAll(db, [
            Columns.response.set(to: response), Columns.reason.set(to: reason),
            Columns.representedBy.set(to: representedBy), Columns.respondedAt.set(to: at.unix),
        ])
    }
}

extension RequestKind: DatabaseValueConvertible {}
extension RequestStatus: DatabaseValueConvertible {}

/// A row of `request`: a request or a queued change, and the approver's decision on it.
struct RequestRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "request"

    var id: Int64?
    var kind: RequestKind
    var status: RequestStatus
    var groupID: String
    var requester: String
    var onBehalfOf: String?
    var proposal: SessionProposal
    /// The verdicts seen at submission, in the canonical JSON the audit entry holds (the same bytes).
    var verdicts: String
    var submittedAt: Int
    var acknowledgedAt: Int?
    var decidedAt: Int?
    var decidedBy: String?
    var decidedRole: String?
    var reason: String?
    /// Rule id → the approver's reason (JSON).
    var overrides: [String: String]?
    var briefingID: Int64?
    var offerID: Int64?
    var sessionID: Int64?
    /// What the approver told the requester when acknowledging it.
    var acknowledgement: String?
    /// Why a late decision was late, what is being done and when (`004 §6.5.8`).
    var delayExplanation: String?
    /// The date the latest acknowledgement said the requester will hear by, and why it is after the response date.
    var replyBy: String?
    var replyByReason: String?
    /// The passed date the requester was last told of (`PastDue`).
    var pastDueTold: String?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, kind, status, requester, proposal, verdicts, reason, overrides, acknowledgement
        case delayExplanation = "delay_explanation"
        case replyBy = "reply_by", replyByReason = "reply_by_reason", pastDueTold = "past_due_told"
        case groupID = "group_id", onBehalfOf = "on_behalf_of", submittedAt = "submitted_at", acknowledgedAt = "acknowledged_at"
        case decidedAt = "decided_at", decidedBy = "decided_by", decidedRole = "decided_role"
        case briefingID = "briefing_id", offerID = "offer_id", sessionID = "session_id"
    }
    typealias Columns = CodingKeys

    /// A new pending request or change, as `p.requester` submits it for `p.groups[0]`.
    init(kind: RequestKind, _ p: SessionProposal, verdicts: String, at: Date, briefing: Int64? = nil, offer: Int64? = nil, session: Int64? = nil) {
        self.kind = kind; status = .pending; groupID = p.groups[0]; requester = p.requester; onBehalfOf = p.onBehalfOf
        proposal = p; self.verdicts = verdicts; submittedAt = at.unix; briefingID = briefing; offerID = offer; sessionID = session
    }

    var ref: String { Ref.format("RQ", id ?? 0) }

    /// The request as the domain's steps read it; `flagged`: whether an officer flagged it (`001 §4.10`).
    func request(flagged: Bool = false) -> BriefingRequest {
        BriefingRequest(ref: ref, kind: kind, status: status, group: groupID, requester: requester, onBehalfOf: onBehalfOf,
                        proposal: proposal, submitted: Date(unix: submittedAt), acknowledged: acknowledgedAt.map(Date.init(unix:)),
                        replyBy: replyBy.flatMap(LocalDate.init), replyByReason: replyByReason, decided: decidedAt.map(Date.init(unix:)), decidedBy: decidedBy, briefing: briefingID.map { Ref.format("BR", $0) },
                        session: sessionID.map { Ref.format("SE", $0) }, flagged: flagged)
    }

    /// What people see as its kind: `written-report` for a request for a written report (`001 §4.10`), else the kind.
    var kindName: String { request().kindName }

    /// Where it stands against the council's acknowledgement and response times (`response-time`).
    func clock(now: Date, profile: PolicyProfile, days: WorkingDays) -> ResponseClock {
        request().clock(now: now, profile: profile, days: days)
    }

    /// What a person and a group already have against the council's limits (`Quota`): the requests and changes the
    /// person submitted since the start of `day` (London), and the group's still waiting.
    static func usage(_ db: Database, person: String, group: String, day: LocalDate) throws -> Quota.Usage {
        Quota.Usage(madeToday: try filter(Columns.requester == person && Columns.submittedAt >= (LondonTime.instant(on: day, minute: 0)?.unix ?? 0)).fetchCount(db),
                    pendingForGroup: try pending.filter(Columns.groupID == group && Columns.kind != RequestKind.material).fetchCount(db))
    }

    /// The requests still waiting for the approver, oldest first.
    static var pending: QueryInterfaceRequest<RequestRecord> {
        filter(Columns.status == RequestStatus.pending).order(Columns.submittedAt, Columns.id)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Writes the approver's decision (status, who, when, reason, overrides, the briefing an approval created, any
    /// explanation of delay); a decision changes nothing else of a request.
    func recordDecision(_ db: Database) throws {
        try update(db, columns: [Columns.status, Columns.decidedAt, Columns.decidedBy, Columns.decidedRole, Columns.reason,
                                 Columns.overrides, Columns.briefingID, Columns.delayExplanation])
    }

    static func databaseJSONEncoder(for column: String) -> JSONEncoder { AuditTrail.encoder }
    static func databaseJSONDecoder(for column: String) -> JSONDecoder { AuditTrail.decoder() }
}

extension OfferStatus: DatabaseValueConvertible {}

/// A row of `offer`: a briefing offered to one group, and that group's answer (`equal-offer`).
struct OfferRecord: Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "offer"

    var id: Int64?
    var briefingID: Int64
    var groupID: String
    var status: OfferStatus
    var answeredAt: Int?
    var answeredBy: String?
    var reason: String?
    /// The last day to answer it, YYYY-MM-DD (RULES.md "Offers").
    var answerBy: String?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, status, reason
        case briefingID = "briefing_id", groupID = "group_id", answeredAt = "answered_at", answeredBy = "answered_by", answerBy = "answer_by"
    }
    typealias Columns = CodingKeys

    init(id: Int64?, briefingID: Int64, groupID: String, status: OfferStatus, answeredAt: Int? = nil, answeredBy: String? = nil,
         reason: String? = nil, answerBy: String? = nil) {
        self.id = id; self.briefingID = briefingID; self.groupID = groupID; self.status = status
        self.answeredAt = answeredAt; self.answeredBy = answeredBy; self.reason = reason; self.answerBy = answerBy
    }

    /// Read column by column rather than through `Decodable`: every offer view and approval reads offers, and GRDB's
    /// record decoder was a measurable share of an approval. The same values, the same errors for a bad status.
    init(row: Row) throws {
        id = try row.decode(Int64?.self, forColumn: "id")
        briefingID = try row.decode(Int64.self, forColumn: "briefing_id")
        groupID = try row.decode(String.self, forColumn: "group_id")
        status = try row.decode(OfferStatus.self, forColumn: "status")
        answeredAt = try row.decode(Int?.self, forColumn: "answered_at")
        answeredBy = try row.decode(String?.self, forColumn: "answered_by")
        reason = try row.decode(String?.self, forColumn: "reason")
        answerBy = try row.decode(String?.self, forColumn: "answer_by")
    }

    var ref: String { Ref.format("OF", id ?? 0) }

    var answerByDate: LocalDate? { answerBy.flatMap(LocalDate.init) }

    /// The offer as the domain's steps read it.
    var offer: Offer {
        Offer(ref: ref, briefing: Ref.format("BR", briefingID), group: groupID, status: status, answerBy: answerByDate)
    }

    /// Its status as of `day`: an open offer past its answer-by date has lapsed on its own, recorded or not.
    func status(on day: LocalDate) -> OfferStatus { offer.status(on: day) }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Inserts a new offer with a cached statement, returning its id: the same row `insert` writes, without encoding
    /// a record through GRDB's persistence container for each group on every approval.
    static func insert(_ db: Database, briefing: Int64, group: String, status: OfferStatus, answeredAt: Int?, answeredBy: String?,
                       answerBy: String?) throws -> Int64 {
        try db.run(sql: """
            INSERT INTO offer (briefing_id, group_id, status, answered_at, answered_by, reason, answer_by) VALUES (?, ?, ?, ?, ?, NULL, ?)
            """, arguments: [briefing, group, status, answeredAt, answeredBy, answerBy])
        return db.lastInsertedRowID
    }

    /// Records a group's answer (or the approver's lapse) to an offer.
    /// Opens the offer to answer again by `answerBy` (`OfferAnswer.reopenedAnswerBy`); `from`: only while it is in that status.
    static func reopen(_ db: Database, _ id: Int64, from: OfferStatus? = nil, answerBy: LocalDate) throws {
        var request = filter(key: id)
        if let from { request = request.filter(Columns.status == from) }
        try request.updateAll(db, [Columns.status.set(to: OfferStatus.open), Columns.answeredAt.set(to: nil), Columns.answeredBy.set(to: nil),
                                   Columns.reason.set(to: nil), Columns.answerBy.set(to: answerBy.description)])
    }

    static func answer(_ db: Database, _ id: Int64, _ status: OfferStatus, by person: String?, reason: String? = nil, at: Date?) throws {
        try filter(key: id).updateAll(db, [Columns.status.set(to: status), Columns.answeredAt.set(to: at?.unix),
                                           Columns.answeredBy.set(to: person), Columns.reason.set(to: reason)])
    }

    /// Marks an offer as waiting for the approver (a take-up or join a rule refers), or open again.
    static func mark(_ db: Database, _ id: Int64, _ status: OfferStatus) throws {
        try filter(key: id).updateAll(db, [Columns.status.set(to: status)])
    }
}

extension TimeProposal.Status: DatabaseValueConvertible {}

/// A row of `time_proposal`: another time an invited officer proposes for a session, and the host group's answer.
struct TimeProposalRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "time_proposal"

    var id: Int64?
    var sessionID: Int64
    var officer: String
    var meetingStart: Int
    var meetingEnd: Int
    var segmentStart: Int
    var segmentEnd: Int
    var reason: String
    var status: TimeProposal.Status
    var proposedAt: Int
    var answeredAt: Int?
    var answeredBy: String?
    /// The group's reason for refusing, or the outcome of taking it.
    var answer: String?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, officer, reason, status, answer
        case sessionID = "session_id", meetingStart = "meeting_start", meetingEnd = "meeting_end"
        case segmentStart = "segment_start", segmentEnd = "segment_end", proposedAt = "proposed_at"
        case answeredAt = "answered_at", answeredBy = "answered_by"
    }
    typealias Columns = CodingKeys

    var ref: String { Ref.format("TP", id ?? 0) }

    /// The proposal as the domain decides on it.
    var proposal: TimeProposal { TimeProposal(id: id ?? 0, session: sessionID, officer: officer, reason: reason, status: status) }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Note.Status: DatabaseValueConvertible {}

/// A row of `note`: a group's record of one of its sessions.
struct NoteRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "note"

    var id: Int64?
    var sessionID: Int64
    var groupID: String
    var author: String
    var text: String
    var status: Note.Status
    var verifiedBy: String?
    var verifiedAt: Int?
    var createdAt: Int
    var unverifiedReason: String?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, author, text, status
        case sessionID = "session_id", groupID = "group_id", verifiedBy = "verified_by", verifiedAt = "verified_at"
        case createdAt = "created_at", unverifiedReason = "unverified_reason"
    }
    typealias Columns = CodingKeys

    /// The note as the domain decides on it.
    var note: Note {
        Note(id: id ?? 0, session: sessionID, group: groupID, author: author, text: text, status: status,
             verifiedBy: verifiedBy, unverifiedReason: unverifiedReason)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Briefing.Status: DatabaseValueConvertible {}

/// A row of `briefing`: an approved matter, the same officers and material for every group it is offered to.
struct BriefingRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "briefing"

    var id: Int64?
    var requestID: Int64
    var title: String
    var details: String
    var area: String
    var linkedMeeting: String?
    var decisionDate: String?
    var embargoUntil: String?
    var jointWish: Bool
    /// JSON `[OfficerAttendance]`, as `BriefingDesk.json` writes it.
    var officers: String
    var material: String?
    var materialBy: String?
    var status: Briefing.Status
    var createdAt: Int
    var budget: Bool
    var releasedAt: Int?
    var meetingDate: String?
    var writtenReport: Bool
    /// A written report's due date, `YYYY-MM-DD`.
    var reportDue: String?
    /// The committee meeting it is linked to (`committee_meeting.id`): `meetingDate` follows it.
    var meetingID: Int64?
    /// The material's PDF or Word file (`material_file`), if one was attached.
    var materialFile: Int64?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, title, details, area, officers, material, status, budget
        case materialFile = "material_file"
        case requestID = "request_id", linkedMeeting = "linked_meeting", decisionDate = "decision_date", embargoUntil = "embargo_until"
        case jointWish = "joint_wish", materialBy = "material_by", createdAt = "created_at", releasedAt = "released_at"
        case meetingDate = "meeting_date", writtenReport = "written_report", reportDue = "report_due", meetingID = "meeting_id"
    }
    typealias Columns = CodingKeys

    var ref: String { Ref.format("BR", id ?? 0) }

    func attendance() throws -> [OfficerAttendance] { try BriefingDesk.decode([OfficerAttendance].self, officers) }

    /// The briefing as the domain decides on it, `origin` being the group whose request it came from.
    func briefing(origin: String) throws -> Briefing {
        Briefing(id: id ?? 0, origin: origin, title: title, officers: try attendance(), status: status, writtenReport: writtenReport,
                 budget: budget, released: releasedAt != nil)
    }

    /// The briefing by id and the group whose request it came from, or the refusal for one that does not exist.
    static func withOrigin(_ db: Database, _ id: Int64, remedy: Remedy = .seeList(.briefings)) throws -> (record: BriefingRecord, origin: String) {
        guard let record = try fetchOne(db, key: id),
              let origin = try RequestRecord.filter(key: record.requestID).select(RequestRecord.Columns.groupID, as: String.self).fetchOne(db) else {
            throw DeskError(.notFound, "no briefing \(Ref.format("BR", id))", remedy: remedy)
        }
        return (record, origin)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `budget_material`: one group's own budget discussion's material (`003 §7.13`).
struct BudgetMaterialRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "budget_material"

    var briefingID: Int64
    var groupID: String
    var material: String
    var materialBy: String
    var attachedAt: Int
    var materialFile: Int64?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case material
        case briefingID = "briefing_id", groupID = "group_id", materialBy = "material_by", attachedAt = "attached_at", materialFile = "material_file"
    }
    typealias Columns = CodingKeys

    /// The group's own material of a budget briefing, if attached.
    static func of(_ db: Database, briefing: Int64, group: String) throws -> Self? {
        try filter(Columns.briefingID == briefing && Columns.groupID == group).fetchOne(db)
    }
}

/// A row of `held_material`: material a rule warned about, waiting for the approver in its `material` request (issue 23
/// item 8): for a briefing, or a budget discussion's group (`003 §7.13`).
struct HeldMaterialRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "held_material"

    var requestID: Int64
    var briefingID: Int64
    var groupID: String?
    var material: String
    var materialBy: String
    var attachedAt: Int
    var materialFile: Int64?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case material
        case requestID = "request_id", briefingID = "briefing_id", groupID = "group_id", materialBy = "material_by", attachedAt = "attached_at"
        case materialFile = "material_file"
    }
    typealias Columns = CodingKeys
}

extension MaterialFile.Kind: DatabaseValueConvertible {}

/// A row of `material_file`: a PDF or Word file attached as material, kept whole for its readers to download.
struct MaterialFileRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "material_file"

    var id: Int64?
    var briefingID: Int64
    var name: String
    var kind: MaterialFile.Kind
    var size: Int
    var content: Data
    var attachedBy: String
    var attachedAt: Int

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, name, kind, size, content
        case briefingID = "briefing_id", attachedBy = "attached_by", attachedAt = "attached_at"
    }

    var file: MaterialFile { MaterialFile(name: name, kind: kind, size: size) }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `approver_absence`: days the approver is away, when the deputy decides.
struct ApproverAbsenceRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "approver_absence"

    var id: Int64?
    /// `YYYY-MM-DD`, the first and last day away.
    var fromDate: String
    var untilDate: String
    var recordedBy: String
    var recordedAt: Int

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id
        case fromDate = "from_date", untilDate = "until_date", recordedBy = "recorded_by", recordedAt = "recorded_at"
    }
    typealias Columns = CodingKeys

    /// The absences that cover a day.
    static func covering(_ day: LocalDate) -> QueryInterfaceRequest<Self> {
        filter(Columns.fromDate <= day.description && Columns.untilDate >= day.description)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Where a message stands in the outbox.
enum OutboxStatus: String, Codable, DatabaseValueConvertible {
    /// Due, or waiting to retry.
    case pending
    /// Claimed by a deliverer.
    case sending
    case sent
    /// Given up after the last attempt, until retried by hand.
    case failed
}

/// A row of `outbox` (schema 0014): one message a step wrote, and its delivery.
struct OutboxRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "outbox"

    var id: Int64
    var notificationID: Int64
    var messageID: String
    var createdAt: Int
    /// JSON list of addresses.
    var recipients: String
    var subject: String
    /// JSON `OutgoingMessage`.
    var message: String
    var status: OutboxStatus
    var attempts: Int
    var nextAttemptAt: Int
    var claimedAt: Int?
    var claimedBy: String?
    var sentAt: Int?
    var lastError: String?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, recipients, subject, message, status, attempts
        case notificationID = "notification_id", messageID = "message_id", createdAt = "created_at", nextAttemptAt = "next_attempt_at"
        case claimedAt = "claimed_at", claimedBy = "claimed_by", sentAt = "sent_at", lastError = "last_error"
    }
    typealias Columns = CodingKeys

    func outgoing() throws -> OutgoingMessage { try AuditTrail.decoder().decode(OutgoingMessage.self, from: Data(message.utf8)) }
}

/// One line of the outbox's tally: how many messages stand in a status, with or without a failed attempt behind them.
struct OutboxTally: FetchableRecord {
    var status: OutboxStatus
    var erred: Bool
    var n: Int

    init(row: Row) throws { status = row[0]; erred = row[1]; n = row[2] }
}

/// The row of `council` (there is one): its name, profile and settings, and who approves.
struct CouncilRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "council"

    var id: Int64
    var name: String
    var profile: String
    /// JSON object of setting → value.
    var overrides: String
    var approver: String?
    var deputyApprover: String?
    var monitoringOfficer: String?
    var createdAt: Int
    var importedAt: Int?
    /// Goes up on every roster import; readers cache by it.
    var rosterVersion: Int
    var email: String?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, name, profile, overrides, approver, email
        case deputyApprover = "deputy_approver", monitoringOfficer = "monitoring_officer", createdAt = "created_at"
        case importedAt = "imported_at", rosterVersion = "roster_version"
    }
}

/// A row of `person`: everyone on the roster, kept (inactive) once a later roster drops them so history keeps names.
struct PersonRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "person"

    enum Kind: String, Codable, DatabaseValueConvertible { case member, assistant, officer, staff }

    var id: String
    var name: String
    var kind: Kind
    var groupID: String?
    var memberKind: String?
    var title: String?
    var grade: String?
    /// JSON list of service areas.
    var remit: String?
    /// `Mon-Fri 08:30-17:30`.
    var hours: String?
    var lineManager: String?
    var administrator: Bool
    var active: Bool
    var email: String?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, name, kind, title, grade, remit, hours, administrator, active, email
        case groupID = "group_id", memberKind = "member_kind", lineManager = "line_manager"
    }
    typealias Columns = CodingKeys
}

/// A row of `political_group`.
struct PoliticalGroupRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "political_group"

    var id: String
    var name: String
    var leader: String
    var controlling: Bool
    var active: Bool
    /// An ungrouped councillor, offered briefings as their own group.
    var individual: Bool
}

/// A row of `room`: a council room sessions may book.
struct RoomRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "room"

    var id: String
    var name: String
    var capacity: Int?
    var active: Bool

    enum CodingKeys: String, CodingKey, ColumnExpression { case id, name, capacity, active }
    typealias Columns = CodingKeys
}

/// A row of `audit`: one entry of the append-only trail, its hash covering the entry before it.
struct AuditRecord: Codable, FetchableRecord, TableRecord {
    static let databaseTableName = "audit"

    var seq: Int64
    var at: Int
    var actor: String
    var role: String
    var action: String
    var subject: String
    /// JSON object, canonical (the hash covers these bytes).
    var details: String
    /// JSON `[Verdict]`, canonical.
    var verdicts: String
    var prevHash: String
    var hash: String

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case seq, at, actor, role, action, subject, details, verdicts, hash
        case prevHash = "prev_hash"
    }
}

/// The row of `audit_head`: the last entry's number and hash, so a deleted tail shows.
struct AuditHeadRecord: Codable, FetchableRecord, TableRecord {
    static let databaseTableName = "audit_head"

    var seq: Int64
    var hash: String
}

/// A row of `notification`: a message a step sent, naming every recipient.
struct NotificationRecord: Codable, FetchableRecord, TableRecord {
    static let databaseTableName = "notification"

    var id: Int64
    var at: Int
    var subject: String
    var body: String
    /// JSON list of roster ids.
    var recipients: String
}

/// A row of `booking`: an officer or a room held for a session's time.
struct BookingRecord: Codable, FetchableRecord, TableRecord {
    static let databaseTableName = "booking"

    var id: Int64
    /// `officer:ID` or `room:ID`.
    var resource: String
    var start: Int
    var end: Int
    var sessionID: Int64?
    var label: String

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, resource, start, end, label
        case sessionID = "session_id"
    }
}

/// A row of `web_session`: a desk session, kept by the hash of its key; once ended (signed out), kept as ended until
/// it would have expired, so nothing saves it back.
struct WebSessionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "web_session"

    var keyHash: String
    var person: String?
    var value: String
    var createdAt: Int
    var expiresAt: Int?
    var endedAt: Int?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case person, value
        case keyHash = "key_hash", createdAt = "created_at", expiresAt = "expires_at", endedAt = "ended_at"
    }
    typealias Columns = CodingKeys

    /// Sessions neither ended nor expired at `at`.
    static func live(at: Date) -> QueryInterfaceRequest<WebSessionRecord> {
        filter(Columns.endedAt == nil && (Columns.expiresAt == nil || Columns.expiresAt > at.unix))
    }
}

/// A row of `bank_holiday`.
struct BankHolidayRecord: Codable, FetchableRecord, TableRecord {
    static let databaseTableName = "bank_holiday"

    /// `YYYY-MM-DD`.
    var date: String
    var title: String
}

/// A row of `request_flag`: an officer named on a request flags a concern to the approver.
struct RequestFlagRecord: Codable, FetchableRecord, TableRecord {
    static let databaseTableName = "request_flag"

    var id: Int64
    var requestID: Int64
    var officer: String
    var reason: String
    var flaggedAt: Int

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, officer, reason
        case requestID = "request_id", flaggedAt = "flagged_at"
    }
}

/// A row of `api_token`: a bearer token for the JSON API, kept by its hash.
struct APITokenRecord: Codable, FetchableRecord, TableRecord {
    static let databaseTableName = "api_token"

    var id: Int64
    var person: String
    var hash: String
    var label: String
    var createdAt: Int
    var revokedAt: Int?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, person, hash, label
        case createdAt = "created_at", revokedAt = "revoked_at"
    }
}

/// A row of `feed_secret`: one subscriber's secret feed URL for one feed, kept by the secret's hash.
struct FeedSecretRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "feed_secret"

    var id: Int64?
    var hash: String
    /// `officer:ID`, `group:ID`, `member:ID` or `overview` (`FeedSubject.key`).
    var subject: String
    var person: String
    var createdAt: Int
    var revokedAt: Int?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, hash, subject, person
        case createdAt = "created_at", revokedAt = "revoked_at"
    }
    typealias Columns = CodingKeys

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// A subscriber's live secrets: for one feed, or every feed when `subject` is nil.
    static func live(of person: String, subject: Desk.FeedSubject?) -> QueryInterfaceRequest<FeedSecretRecord> {
        let mine = filter(Columns.person == person && Columns.revokedAt == nil)
        return subject.map { mine.filter(Columns.subject == $0.key) } ?? mine
    }
}

/// A row of `person_password`: the bcrypt hash of the password an administrator set for a person.
struct PersonPasswordRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "person_password"

    var person: String
    var hash: String
    var setAt: Int

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case person, hash
        case setAt = "set_at"
    }
    typealias Columns = CodingKeys
}

/// A row of `signin_link`: a one-time sign-in link, kept by its secret's hash.
struct SignInLinkRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "signin_link"

    var id: Int64?
    var person: String
    var hash: String
    var createdAt: Int
    var expiresAt: Int
    var usedAt: Int?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, person, hash
        case createdAt = "created_at", expiresAt = "expires_at", usedAt = "used_at"
    }
    typealias Columns = CodingKeys

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The link a secret opens, if it is unused and unexpired at `at`.
    static func live(_ secret: String, at: Date) -> QueryInterfaceRequest<SignInLinkRecord> {
        filter(Columns.hash == BriefingDesk.secretHash(secret) && Columns.usedAt == nil && Columns.expiresAt > at.unix)
    }
}

/// A row of `signin_failure`: a sign-in try counted against the person typed and the address it came from.
struct SignInFailureRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "signin_failure"

    var id: Int64?
    /// The id typed (nil for a sign-in link).
    var person: String?
    var address: String?
    var at: Int

    enum CodingKeys: String, CodingKey, ColumnExpression { case id, person, address, at }
    typealias Columns = CodingKeys

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Where an officer's calendar address stands after its last read.
public enum BusyCalendarStatus: String, Codable, Sendable, DatabaseValueConvertible {
    /// Set, not read yet.
    case waiting
    /// Read, and its busy times imported.
    case imported
    /// Read with a conditional GET that answered 304 Not Modified: nothing imported, nothing changed.
    case unchanged
    /// The last attempt failed (`error` says why); the busy times imported before stay.
    case failed
}

/// A row of `busy_calendar` (schema 22): an officer's published calendar address and its last read.
struct BusyCalendarRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "busy_calendar"

    var officerID: String
    /// The secret address; never logged, never shown in full (`BusyCalendarAddress.shown`).
    var url: String
    var horizonDays: Int
    var etag: String?
    var lastModified: String?
    /// SHA-256 (hex) of the copy last imported.
    var digest: String?
    var status: BusyCalendarStatus
    var error: String?
    var failures: Int
    var busyTimes: Int?
    var createdAt: Int
    var attemptedAt: Int?
    var readAt: Int?
    var importedAt: Int?
    var nextAt: Int

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case url, etag, digest, status, error, failures
        case officerID = "officer_id", horizonDays = "horizon_days", lastModified = "last_modified", busyTimes = "busy_times"
        case createdAt = "created_at", attemptedAt = "attempted_at", readAt = "read_at", importedAt = "imported_at", nextAt = "next_at"
    }
    typealias Columns = CodingKeys

    /// The addresses due to be read at `at`, the longest waiting first.
    static func due(at: Date) -> QueryInterfaceRequest<Self> {
        filter(Columns.nextAt <= at.unix).order(Columns.nextAt, Columns.officerID)
    }
}

/// One officer's invitation's reply token (issue 24): stored as its SHA-256 hash, tied to the session, the officer, the
/// address the invitation went to and its SEQUENCE; `usedAt` once a reply from it changed the desk.
struct ReplyTokenRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "reply_token"

    var hash: String
    var sessionID: Int64
    var officerID: String
    var email: String
    var sequence: Int
    var createdAt: Int
    var usedAt: Int?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case hash, email, sequence
        case sessionID = "session_id", officerID = "officer_id", createdAt = "created_at", usedAt = "used_at"
    }
    typealias Columns = CodingKeys

    /// What the domain judges a reply against (`CalendarReply.Invitation`).
    var invitation: CalendarReply.Invitation {
        .init(session: sessionID, officer: officerID, email: email, uid: "session-\(sessionID)@briefings", sequence: sequence, used: usedAt != nil)
    }
}

extension CommitteeMeeting.Status: DatabaseValueConvertible {}

/// One of the council's committee meetings (issue 26, item 2), keyed at its source by `sourceKey`.
struct CommitteeMeetingRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "committee_meeting"

    var id: Int64?
    var sourceKey: String
    var committee: String
    var date: String
    var time: String?
    var location: String?
    var status: CommitteeMeeting.Status
    var previousDate: String?
    var importedAt: Int
    var changedAt: Int

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, committee, date, time, location, status
        case sourceKey = "source_key", previousDate = "previous_date", importedAt = "imported_at", changedAt = "changed_at"
    }
    typealias Columns = CodingKeys

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The meetings on or after `day`, soonest first.
    static func from(_ day: LocalDate) -> QueryInterfaceRequest<Self> {
        filter(Columns.date >= day.description).order(Columns.date, Columns.time, Columns.id)
    }

    var meeting: CommitteeMeeting {
        CommitteeMeeting(ref: Reference.format(CommitteeMeetingRecord.prefix, id ?? 0), sourceKey: sourceKey, committee: committee,
                         date: LocalDate(date) ?? LocalDate(year: 1970, month: 1, day: 1), time: time, location: location, status: status,
                         previousDate: previousDate.flatMap(LocalDate.init))
    }

    static let prefix = "CM"
}

/// Where an import of the committee meetings came from, and how its last read went.
public enum MeetingSourceStatus: String, Codable, Sendable, DatabaseValueConvertible {
    case imported, failed
}

/// The one source of committee meetings `serve` reads daily.
struct MeetingSourceRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "meeting_source"

    var id: Int = 1
    var kind: MeetingSourceKind
    var url: String
    var committees: String
    var status: MeetingSourceStatus
    var error: String?
    var failures: Int
    var attemptedAt: Int
    var importedAt: Int?
    var nextAt: Int

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, kind, url, committees, status, error, failures
        case attemptedAt = "attempted_at", importedAt = "imported_at", nextAt = "next_at"
    }
    typealias Columns = CodingKeys
}

/// ModernGov's web service, or an iCalendar feed of meetings.
public enum MeetingSourceKind: String, Codable, Sendable, DatabaseValueConvertible {
    case moderngov, ics
}
