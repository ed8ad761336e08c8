import BriefingsDomain
import Foundation
import GRDB

/// The council's committee calendar (issue 26, item 2): its forthcoming committee meetings, imported from ModernGov's
/// web service or an iCalendar feed (reading them is `BriefingsImports.MeetingImporter`'s work), and the requests and
/// briefings linked to them, whose date follows the meeting when an import moves it.
extension BriefingDesk {
    /// Where the committee meetings come from and how its last read went; the address only as its scheme and host.
    public struct MeetingSource: Sendable, Codable, Equatable {
        public var kind: MeetingSourceKind
        public var address: String
        /// ModernGov committee ids read; empty: every current committee.
        public var committees: [String]
        public var status: MeetingSourceStatus
        public var error: String?
        public var failures: Int
        public var attempted: Date
        public var imported: Date?
        public var next: Date
    }

    /// What a reader needs to read the source.
    public struct MeetingSourceFetch: Sendable, Equatable {
        public var kind: MeetingSourceKind
        public var url: String
        public var committees: [String]

        public init(kind: MeetingSourceKind, url: String, committees: [String] = []) {
            self.kind = kind; self.url = url; self.committees = committees
        }
    }

    /// What an import changed.
    public struct MeetingImportSummary: Sendable, Codable, Equatable {
        public struct Move: Sendable, Codable, Equatable {
            public var meeting: String
            public var committee: String
            public var from: LocalDate
            public var to: LocalDate
        }

        /// The source, shown as its scheme and host (or the file's name).
        public var source: String
        /// Meetings the source published.
        public var meetings: Int
        public var added: [String]
        public var moved: [Move]
        /// Published as cancelled, or no longer published at all where the whole source was read.
        public var cancelled: [String]
        /// Cancelled before, published as going ahead now.
        public var reinstated: [String]
        /// Pending requests whose meeting date or cancellation followed the meeting.
        public var requestsFollowing: [String]
    }

    /// `CM-0007` → 7.
    static func committeeMeetingID(_ ref: String) -> Int64? {
        let t = ref.trimmingCharacters(in: .whitespaces).uppercased()
        guard t.hasPrefix(CommitteeMeetingRecord.prefix + "-"), let n = Int64(t.dropFirst(3)), n > 0 else { return nil }
        return n
    }

    /// The committee meetings from today on (every one with `all`), soonest first.
    public func committeeMeetings(all: Bool = false) async throws -> [CommitteeMeeting] {
        let today = LocalDate(now())
        return try await database.read { db in
            try (all ? CommitteeMeetingRecord.order(CommitteeMeetingRecord.Columns.date, CommitteeMeetingRecord.Columns.id)
                     : CommitteeMeetingRecord.from(today)).fetchAll(db).map(\.meeting)
        }
    }

    /// One committee meeting by its ref (`CM-0007`), if there is one.
    public func committeeMeeting(_ ref: String) async throws -> CommitteeMeeting? {
        guard let id = Self.committeeMeetingID(ref) else { return nil }
        return try await database.read { db in try CommitteeMeetingRecord.fetchOne(db, key: id)?.meeting }
    }

    /// The source of committee meetings, if one is kept.
    public func meetingSource() async throws -> MeetingSource? {
        try await database.read { db in try MeetingSourceRecord.fetchOne(db, key: 1)?.view }
    }

    /// The source to read now, when one is kept and due.
    public func meetingSourceDue() async throws -> MeetingSourceFetch? {
        let at = now()
        return try await database.read { db in
            guard let r = try MeetingSourceRecord.fetchOne(db, key: 1), r.nextAt <= at.unix else { return nil }
            return r.fetch
        }
    }

    /// A request form naming a committee meeting (`meetingId`), with that meeting's name and date filled in. Refused,
    /// naming what is wrong, for an unknown meeting, a cancelled or past one, or a meeting given both ways.
    func linkingMeeting(_ form: RequestForm) async throws -> RequestForm {
        var f = form
        guard let ref = form.meetingId?.trimmingCharacters(in: .whitespaces), !ref.isEmpty else { f.meetingId = nil; return f }
        if form.meeting != nil || form.meetingDate != nil {
            throw DeskError(.invalid, "committee meeting \(ref): a meeting from the committee calendar was chosen and a meeting's name or date written too",
                            fix: "Choose the meeting from the committee calendar, or write the meeting's name and date, not both.")
        }
        let m = try Self.linkable(try await committeeMeeting(ref), ref, today: LocalDate(now()))
        f.meeting = m.committee
        f.meetingDate = m.date.description
        f.meetingId = m.ref
        return f
    }

    /// The committee meeting a request may link to: refused, naming it and what to do, when there is none by that ref, or
    /// it was cancelled or has taken place.
    static func linkable(_ meeting: CommitteeMeeting?, _ ref: String, today: LocalDate) throws -> CommitteeMeeting {
        guard let m = meeting else {
            throw DeskError(.notFound, "committee meeting \(ref): there is no such meeting in the council's committee calendar",
                            fix: "Choose one of the forthcoming meetings in the committee calendar (CM- and its number), or write the meeting's name and date instead.")
        }
        if m.status == .cancelled {
            throw DeskError(.conflict, "committee meeting \(m.ref): the \(m.committee) meeting of \(m.date) was cancelled",
                            fix: "Choose another meeting from the committee calendar.")
        }
        if m.date < today {
            throw DeskError(.invalid, "committee meeting \(m.ref): the \(m.committee) meeting of \(m.date) has already taken place",
                            fix: "Choose a forthcoming meeting from the committee calendar.")
        }
        return m
    }

    /// A matter linked to a committee meeting, with the meeting's name and date as they are in this transaction (an
    /// import may have moved it since the form was read); refused as `linkable` refuses.
    static func linkedMatter(_ db: Database, _ matter: Matter, today: LocalDate) throws -> Matter {
        guard let ref = matter.meetingID else { return matter }
        let record = try committeeMeetingID(ref).flatMap { try CommitteeMeetingRecord.fetchOne(db, key: $0) }
        let m = try linkable(record?.meeting, ref, today: today)
        var linked = matter
        linked.meetingID = m.ref; linked.linkedMeeting = m.committee; linked.meetingDate = m.date
        return linked
    }

    /// Applies what a source publishes, in one transaction: each meeting is matched on its source key, so a new one is
    /// added, a moved one keeps its row and remembers the date it moved from, a cancelled one is marked so (and one
    /// published again is reinstated); the pending requests and the briefings linked to a moved or cancelled meeting
    /// follow it. With `keepSource`, the source is kept for `serve` to read again `nextIn` seconds on. Audited.
    ///
    /// `whole`: the days the source was read over in full (every committee of ModernGov, or a whole feed); a meeting from
    /// the same kind of source in those days that is no longer published is cancelled too. Nil when only part of the
    /// source was read (chosen committees), so nothing is cancelled for its absence.
    public func importMeetings(_ published: [PublishedMeeting], from fetch: MeetingSourceFetch, shown: String, keepSource: Bool,
                               nextIn interval: TimeInterval, whole: ClosedRange<LocalDate>? = nil) async throws -> MeetingImportSummary {
        let at = now()
        return try await database.step { db in
            var summary = MeetingImportSummary(source: shown, meetings: published.count, added: [], moved: [], cancelled: [], reinstated: [],
                                               requestsFollowing: [])
            var changed: [CommitteeMeeting] = []
            // A meeting published twice counts as its last copy, in the order the source gave.
            let last = Dictionary(published.enumerated().map { ($0.element.sourceKey, $0.offset) }, uniquingKeysWith: { $1 })
            for (i, p) in published.enumerated() where last[p.sourceKey] == i {
                let status: CommitteeMeeting.Status = p.cancelled ? .cancelled : .scheduled
                guard var r = try CommitteeMeetingRecord.filter(CommitteeMeetingRecord.Columns.sourceKey == p.sourceKey).fetchOne(db) else {
                    var r = CommitteeMeetingRecord(sourceKey: p.sourceKey, committee: p.committee, date: p.date.description, time: p.time,
                                                   location: p.location, status: status, importedAt: at.unix, changedAt: at.unix)
                    try r.insert(db)
                    summary.added.append(r.meeting.ref)
                    continue
                }
                let before = r
                let ref = r.meeting.ref
                if r.date != p.date.description {
                    summary.moved.append(.init(meeting: ref, committee: p.committee, from: LocalDate(r.date) ?? p.date, to: p.date))
                    r.previousDate = r.date
                    r.date = p.date.description
                }
                if r.status != status {
                    if p.cancelled { summary.cancelled.append(ref) } else { summary.reinstated.append(ref) }
                    r.status = status
                }
                r.committee = p.committee; r.time = p.time; r.location = p.location; r.importedAt = at.unix
                if r.date != before.date || r.status != before.status || r.committee != before.committee || r.time != before.time
                    || r.location != before.location {
                    r.changedAt = at.unix
                }
                try r.update(db)
                if r.date != before.date || r.status != before.status { changed.append(r.meeting) }
            }
            if let whole {
                let keys = Set(published.map(\.sourceKey))
                let gone = try CommitteeMeetingRecord.filter(CommitteeMeetingRecord.Columns.sourceKey.like(fetch.kind.rawValue + ":%"))
                    .filter(CommitteeMeetingRecord.Columns.status == CommitteeMeeting.Status.scheduled)
                    .filter(CommitteeMeetingRecord.Columns.date >= whole.lowerBound.description && CommitteeMeetingRecord.Columns.date <= whole.upperBound.description)
                    .fetchAll(db).filter { !keys.contains($0.sourceKey) }
                for var r in gone {
                    r.status = .cancelled; r.changedAt = at.unix; r.importedAt = at.unix
                    try r.update(db)
                    summary.cancelled.append(r.meeting.ref)
                    changed.append(r.meeting)
                }
            }
            let (following, told) = try Self.follow(db, try council(db), changed, moved: summary.moved, cancelled: Set(summary.cancelled), at: at)
            summary.requestsFollowing = following
            if keepSource {
                let record = MeetingSourceRecord(kind: fetch.kind, url: fetch.url, committees: fetch.committees.joined(separator: ","), status: .imported,
                                                 failures: 0, attemptedAt: at.unix, importedAt: at.unix, nextAt: at.addingTimeInterval(interval).unix)
                try record.save(db)
            }
            var details = ["source": shown, "published": "\(published.count)", "added": "\(summary.added.count)"]
            if !summary.moved.isEmpty { details["moved"] = summary.moved.map { "\($0.meeting) \($0.from) → \($0.to)" }.joined(separator: ", ") }
            if !summary.cancelled.isEmpty { details["cancelled"] = summary.cancelled.joined(separator: ", ") }
            if !summary.reinstated.isEmpty { details["reinstated"] = summary.reinstated.joined(separator: ", ") }
            if !summary.requestsFollowing.isEmpty { details["requests following"] = summary.requestsFollowing.joined(separator: ", ") }
            try AuditTrail.append(db, at: at, actor: "system", role: Role.administrator.auditName, action: "meetings.import", subject: shown,
                                  details: details)
            try publish(db, try council(db), told, at: at)
            return summary
        }
    }

    /// The pending requests and the briefings linked to meetings that moved or were cancelled take the meeting's date
    /// and cancellation. Returns the refs of the requests changed, and who is told (`meetingChanged`): a pending
    /// request's requesting side; a briefing's requesting side and officers, asked to move the requesting group's next
    /// session where it now comes after the meeting. A meeting published again after a cancellation tells nobody.
    static func follow(_ db: Database, _ c: Council, _ meetings: [CommitteeMeeting], moved: [MeetingImportSummary.Move], cancelled: Set<String>,
                       at: Date) throws -> (requests: [String], told: [DeskEvent]) {
        guard !meetings.isEmpty else { return ([], []) }
        let byRef = Dictionary(meetings.map { ($0.ref, $0) }, uniquingKeysWith: { $1 })
        let was = Dictionary(moved.map { ($0.meeting, $0.from) }, uniquingKeysWith: { a, _ in a })
        /// The change as its readers hear it; nil for a meeting neither moved nor cancelled (reinstated).
        func change(_ m: CommitteeMeeting, subject: String, matter: String, group: String, session: (String, Date)? = nil,
                    to: [String]) -> DeskEvent? {
            let gone = cancelled.contains(m.ref)
            guard gone || was[m.ref] != nil else { return nil }
            return .meetingChanged(.init(meeting: m.ref, committee: m.committee, was: gone ? (was[m.ref] ?? m.date) : was[m.ref]!,
                                         now: gone ? nil : m.date, subject: subject, matter: matter, group: group,
                                         sessionAfter: session?.0, sessionStart: session?.1, to: to))
        }
        var followed: [String] = [], told: [DeskEvent] = []
        for var r in try RequestRecord.pending.fetchAll(db) {
            guard let ref = r.proposal.matter.meetingID, let m = byRef[ref] else { continue }
            r.proposal.matter.meetingDate = m.date
            r.proposal.matter.meetingCancelled = m.status == .cancelled ? true : nil
            try r.update(db)
            followed.append(Ref.format("RQ", r.id!))
            // Only a group's own request (a queued change is about a briefing already agreed, told below).
            if r.kind == .request, let e = change(m, subject: r.ref, matter: r.proposal.matter.title, group: r.groupID, to: r.request().requesterSide(c)) {
                told.append(e)
            }
        }
        for m in meetings {
            guard let id = committeeMeetingID(m.ref) else { continue }
            try BriefingRecord.filter(BriefingRecord.Columns.meetingID == id).updateAll(db, BriefingRecord.Columns.meetingDate.set(to: m.date.description))
            for b in try BriefingRecord.filter(BriefingRecord.Columns.meetingID == id).fetchAll(db) {
                guard let origin = try RequestRecord.fetchOne(db, key: b.requestID) else { continue }
                // The requesting group's next session, where it now comes after the meeting's new date.
                let next = try SessionRecord.fetchOne(db, sql: """
                    SELECT s.* FROM session s JOIN session_group g ON g.session_id = s.id
                    WHERE s.briefing_id = ? AND g.group_id = ? AND s.status = ? AND s.segment_start > ?
                    ORDER BY s.segment_start LIMIT 1
                    """, arguments: [b.id, origin.groupID, Session.Status.scheduled, at.unix])
                let session = next.flatMap { s -> (String, Date)? in
                    let start = Date(unix: s.segmentStart)
                    return m.status == .scheduled && LocalDate(start) > m.date ? (Ref.format("SE", s.id!), start) : nil
                }
                // `notify` names each reader once (a requester who is also an officer's nominator, say).
                let officers = try b.attendance().flatMap { [$0.officer, $0.nominatedBy].compactMap { $0 } }
                if let e = change(m, subject: Ref.format("BR", b.id!), matter: b.title, group: origin.groupID, session: session,
                                  to: origin.request().requesterSide(c) + officers) {
                    told.append(e)
                }
            }
        }
        return (followed, told)
    }

    /// Records that `serve`'s read of the kept source failed: what it imported before stays, and it is tried again
    /// `nextIn` seconds on. Nil when no source is kept (or another one was set meanwhile).
    @discardableResult
    public func recordMeetingSourceFailure(_ fetch: MeetingSourceFetch, _ message: String, nextIn interval: TimeInterval) async throws -> MeetingSource? {
        let at = now()
        return try await database.step { db in
            guard var r = try MeetingSourceRecord.fetchOne(db, key: 1), r.url == fetch.url else { return nil }
            let said = CalendarAddress.scrubbed(message, fetch.url)
            r.status = .failed; r.error = said.hasSuffix(".") ? said : said + "."; r.failures += 1
            r.attemptedAt = at.unix; r.nextAt = at.addingTimeInterval(interval).unix
            try r.update(db)
            return r.view
        }
    }
}

extension MeetingSourceRecord {
    var fetch: BriefingDesk.MeetingSourceFetch {
        .init(kind: kind, url: url, committees: committees.split(separator: ",").map(String.init))
    }

    var view: BriefingDesk.MeetingSource {
        .init(kind: kind, address: CalendarAddress.shown(url), committees: committees.split(separator: ",").map(String.init), status: status,
              error: error, failures: failures, attempted: Date(unix: attemptedAt), imported: importedAt.map(Date.init(unix:)), next: Date(unix: nextAt))
    }
}
