import BriefingsDomain
import Foundation
import GRDB

// The session tables as GRDB records: each column named once (`CodingKeys`, `Columns`), statuses typed as the
// domain's enums, JSON columns decoded by GRDB. The desk reads a `Session` through them (`session(_:_:)`) and
// writes sessions, their groups and their officers with them, so no status literal is repeated between Swift and SQL.

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

    /// A session's groups, the host first (in the order they were added).
    static func of(session id: Int64) -> QueryInterfaceRequest<SessionGroupRecord> {
        filter(Columns.sessionID == id).order(Column.rowID)
    }

    static func databaseJSONEncoder(for column: String) -> JSONEncoder { AuditTrail.encoder }
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

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case response, reason
        case sessionID = "session_id", officerID = "officer_id", nominatedBy = "nominated_by"
        case representedBy = "represented_by", respondedAt = "responded_at", nominationConfirmed = "nomination_confirmed"
    }
    typealias Columns = CodingKeys

    /// A newly invited officer; a nominee the group named waits for the nominating senior officer (`senior-officer`).
    init(session: Int64, invited a: OfficerAttendance, nominationConfirmed: Bool? = nil) {
        sessionID = session; officerID = a.officer; nominatedBy = a.nominatedBy; response = .invited
        self.nominationConfirmed = nominationConfirmed ?? (a.nominatedBy == nil)
    }

    var officer: Session.Officer {
        Session.Officer(officer: officerID, nominatedBy: nominatedBy, response: response, nominationConfirmed: nominationConfirmed,
                        representedBy: representedBy, reason: reason)
    }

    /// A session's officers, in the order they were asked.
    static func of(session id: Int64) -> QueryInterfaceRequest<SessionOfficerRecord> {
        filter(Columns.sessionID == id).order(Column.rowID)
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
