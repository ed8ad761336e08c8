import BriefingsDomain
import Foundation
import GRDB

extension BriefingDesk {
    /// Who a viewer is, for the confidentiality of reads.
    enum Scope {
        case everything
        case group(String)
        case officer(String)
    }

    /// The `session_officer so` lines that let an officer see a session: their own invitation (a nominee a group named
    /// once their senior officer endorsed them), or a nominee they are named as nominating, whom they are asked to
    /// endorse (`003 §7.9`). Arguments: the officer, true, the officer.
    static let officersSessions = "((so.officer_id = ? AND so.nomination_confirmed = ?) OR so.nominated_by = ?)"

    func scope(_ actorID: String, _ c: Council) throws -> Scope {
        let roles = try actor(actorID, in: c)
        if roles.contains(where: { [.approver, .deputyApprover, .monitoringOfficer, .administrator].contains($0) }) { return .everything }
        if let g = c.roster.groupOf(actorID) { return .group(g) }
        if roles.contains(.officer) { return .officer(actorID) }
        throw DeskError(.forbidden, rule: .confidentiality, "\(c.name(actorID)) has no sessions to see", fix: "Act as a group member, an officer or the approver.")
    }

    /// The sessions the actor may see in time order, a page at a time: every one (oversight), their group's, or an
    /// officer's own invitations and the nominees they are asked to endorse (`officersSessions`).
    public func sessions(as actorID: String, page: Desk.PageRequest) async throws -> Desk.Page<SessionView> {
        try await database.read { db in
            let c = try council(db)
            let s = try scope(actorID, c)
            typealias Columns = SessionRecord.Columns
            var list = Keyset(list: "sessions", rows: SessionRecord.all(), sort: Column(Columns.segmentStart), id: Column(Columns.id),
                              key: { (Int64($0.segmentStart), $0.id!) })
            switch s {
            case .everything: break
            case .group(let g):
                let served = SessionGroupRecord.filter(SessionGroupRecord.Columns.groupID == g).select(SessionGroupRecord.Columns.sessionID)
                list.rows = list.rows.filter(served.contains(Columns.id))
            case .officer(let o):
                typealias Invited = SessionOfficerRecord.Columns
                let invited = SessionOfficerRecord.filter((Invited.officerID == o && Invited.nominationConfirmed == true) || Invited.nominatedBy == o)
                    .select(Invited.sessionID)
                list.rows = list.rows.filter(invited.contains(Columns.id))
            }
            return try list.page(db, page).map { try sessionView(db, $0.id!, c, s) }
        }
    }

    public func session(_ ref: String, as actorID: String) async throws -> SessionView {
        let id = try Ref.parse(ref, "SE")
        return try await database.read { db in
            let c = try council(db)
            let s = try scope(actorID, c)
            _ = try loadSession(db, id)
            let allowed: Bool
            switch s {
            case .everything: allowed = true
            case .group(let g): allowed = try db.value(Int.self, sql: "SELECT COUNT(*) FROM session_group WHERE session_id = ? AND group_id = ?", arguments: [id, g])! > 0
            case .officer(let o):
                allowed = try db.value(Int.self, sql: "SELECT COUNT(*) FROM session_officer so WHERE so.session_id = ? AND \(Self.officersSessions)", arguments: [id, o, true, o])! > 0
            }
            guard allowed else {
                throw DeskError(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                                "\(Ref.format("SE", id)) is another group's business", remedy: .seeList(.sessions))
            }
            return try sessionView(db, id, c, s)
        }
    }

    func sessionView(_ db: Database, _ id: Int64, _ c: Council, _ scope: Scope) throws -> SessionView {
        let s = try loadSession(db, id)
        let officers = s.officers.map {
            SessionView.OfficerLine(officer: $0.officer, response: $0.response.rawValue, nominatedBy: $0.nominatedBy,
                                    representedBy: $0.representedBy, reason: $0.reason, nominationConfirmed: $0.nominationConfirmed,
                                    waitingFor: $0.waitingFor)
        }
        let isOfficer: Bool = if case .officer = scope { true } else { false }
        // Each group sees only its own attendees, even in a joint session (`001 §4.28`); an officer sees none.
        let seen: [Attendee] = switch scope {
        case .everything: s.attendees
        case .group(let g): s.attendees(seenBy: g, memberGroup: { c.roster.member($0)?.party })
        case .officer: []
        }
        // A budget briefing's material is each group's own discussion's (003 §7.13): this session's group's.
        let material = try BriefingRecord.fetchOne(db, key: s.briefing).flatMap { try self.material(db, $0, for: s.host) }?.text
        let venue: String = switch s.venue {
        case .room(let r): c.roster.room(r)?.name ?? r
        case .virtual(let link): link
        case .external(let d, _): d
        case .writtenReport: "a written report"
        }
        return SessionView(ref: Ref.format("SE", id), briefing: Ref.format("BR", s.briefing), title: s.matter.title,
                           groups: s.groupIDs, status: s.status.rawValue,
                           meetingStart: LondonTime.format(isOfficer ? s.segmentStart : s.meetingStart),
                           meetingEnd: LondonTime.format(isOfficer ? s.segmentEnd : s.meetingEnd),
                           segmentStart: LondonTime.format(s.segmentStart), segmentEnd: LondonTime.format(s.segmentEnd),
                           venue: venue, officers: officers,
                           attendees: seen.map { if case .person(let id) = $0 { c.name(id) } else if case .guest(let n) = $0 { n } else { "" } },
                           sequence: s.sequence, reason: s.reason, material: material,
                           agreements: s.agreements, confirmed: s.isConfirmed,
                           proposals: try timeProposals(db, c, session: id))
    }

    /// The rules in force in this council: its profile with its overrides. Anyone on the roster may read them.
    public func rules() async throws -> RulesView { RulesView(try await council().profile) }

    /// Requests the actor may see, oldest first (newest first when the page asks), a page at a time: their own group's,
    /// or every group's for the approver, deputy, Monitoring Officer and administrators (`confidentiality`: never another group's).
    public func requests(as actorID: String, page: Desk.PageRequest) async throws -> Desk.Page<RequestLine> {
        try await database.read { db in
            let c = try council(db)
            typealias Columns = RequestRecord.Columns
            let scope = try scope(actorID, c)
            var list = Keyset(list: "requests", rows: RequestRecord.all(), sort: Column(Columns.submittedAt), id: Column(Columns.id),
                              key: { (Int64($0.submittedAt), $0.id!) })
            switch scope {
            case .everything: break
            // Held material is the officer's and the approver's until released, never the group's (issue 23 item 8).
            case .group(let g): list.rows = list.rows.filter(Columns.groupID == g && Columns.kind != RequestKind.material)
            // Officers see the requests that name them (never who else attends), so the approver can consult them.
            case .officer(let o): list.keep = { $0.proposal.names(officer: o) }
            }
            let officer: Bool = if case .officer = scope { true } else { false }
            return try list.page(db, page).map { r in
                RequestLine(ref: r.ref, kind: r.kindName, status: r.status.rawValue, group: r.groupID,
                            requester: r.requester, onBehalfOf: officer ? nil : r.onBehalfOf, matter: r.proposal.matter.title,
                            segmentStart: LondonTime.format(r.proposal.segmentStart),
                            submitted: LondonTime.format(Date(unix: r.submittedAt)), decidedBy: r.decidedBy, reason: r.reason)
            }
        }
    }

    public func request(_ ref: String, as actorID: String) async throws -> RequestView {
        let id = try Ref.parse(ref, "RQ")
        return try await database.read { db in
            let c = try council(db)
            guard let r = try RequestRecord.fetchOne(db, key: id) else {
                throw DeskError(.notFound, "no request \(Ref.format("RQ", id))", remedy: .seeList(.openRequests))
            }
            let s = try scope(actorID, c)
            let group = r.groupID
            var proposal = r.proposal
            var named = false
            switch s {
            case .everything: break
            case .group(let g) where g == group && r.kind != .material: break
            case .officer(let o) where proposal.names(officer: o): named = true
            default:
                throw DeskError(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                                "\(Ref.format("RQ", id)) is \(c.name(group))'s request; other groups never see its text or attendees",
                                remedy: .seeOwnGroupsBusiness)
            }
            // An officer named in it sees its matter, meeting, times and venue, never the group's attendees (`004 §10.2`).
            if named { proposal.attendees = []; proposal.onBehalfOf = nil }
            return RequestView(ref: r.ref, kind: r.kindName, status: r.status.rawValue, group: group, requester: r.requester,
                               onBehalfOf: named ? nil : r.onBehalfOf, proposal: proposal,
                               verdictsAtSubmission: named ? [] : try Self.decode([Verdict].self, r.verdicts), decidedBy: r.decidedBy,
                               decidedRole: r.decidedRole, reason: r.reason,
                               overrides: named ? nil : r.overrides,
                               briefing: r.briefingID.map { Ref.format("BR", $0) },
                               flags: try flags(db, c, request: id))
        }
    }

    /// Per group: offers received and answered, sessions held and officer hours (confirmed or invited
    /// officers on sessions not cancelled), so the Monitoring Officer sees whether all were treated alike.
    public func parity(as actorID: String?) async throws -> [ParityRow] {
        let at = now()
        return try await database.read { db in
            let c = try council(db)
            if let actorID { try requireOversight(actorID, c, what: "read the parity report") }
            return try c.roster.groups.map { g in
                // As of today: an open offer past its answer-by date counts as lapsed.
                let offers = try OfferRecord.filter(OfferRecord.Columns.groupID == g.id).fetchAll(db).map { $0.status(on: LocalDate(at)) }
                func count(_ statuses: OfferStatus...) -> Int { offers.filter(statuses.contains).count }
                let hours = try db.value(Double.self, sql: """
                    SELECT COALESCE(SUM((s.segment_end - s.segment_start) / 3600.0), 0)
                    FROM session s JOIN session_group sg ON sg.session_id = s.id JOIN session_officer so ON so.session_id = s.id
                    WHERE sg.group_id = ? AND s.status = ? AND so.response IN (?, ?)
                    """, arguments: [g.id, Session.Status.scheduled, Session.Officer.Response.invited, Session.Officer.Response.confirmed])!
                let held = try db.value(Int.self, sql: "SELECT COUNT(*) FROM session s JOIN session_group sg ON sg.session_id = s.id WHERE sg.group_id = ? AND s.status = ? AND s.segment_end <= ?", arguments: [g.id, Session.Status.scheduled, at.unix])!
                let upcoming = try db.value(Int.self, sql: "SELECT COUNT(*) FROM session s JOIN session_group sg ON sg.session_id = s.id WHERE sg.group_id = ? AND s.status = ? AND s.segment_end > ?", arguments: [g.id, Session.Status.scheduled, at.unix])!
                return ParityRow(group: g.id, name: g.name,
                                 // A request sent again is counted once (`Duplicates`).
                                 requestsMade: Duplicates.distinct(try RequestRecord.asked(db, group: g.id)).count,
                                 offersReceived: offers.filter { $0 != .requested }.count,
                                 accepted: count(.accepted), declined: count(.declined), lapsed: count(.lapsed),
                                 open: count(.open, .pending),
                                 sessionsHeld: held, sessionsScheduled: upcoming, officerHours: (hours * 100).rounded() / 100)
            }
        }
    }

    public func briefings(as actorID: String) async throws -> [BriefingLine] {
        try await database.read { db in
            let c = try council(db)
            try requireOversight(actorID, c, what: "list every briefing")
            return try BriefingRecord.order(BriefingRecord.Columns.id).fetchAll(db).map { b in
                let id = b.id!
                var offers: [String: String] = [:]
                for o in try OfferRecord.filter(OfferRecord.Columns.briefingID == id).fetchAll(db) { offers[o.groupID] = o.status(on: LocalDate(now())).rawValue }
                return BriefingLine(ref: b.ref, title: b.title, status: b.status.rawValue, offers: offers,
                                    sessions: try db.values(String.self, sql: "SELECT printf('SE-%04d', id) FROM session WHERE briefing_id = ? ORDER BY id", arguments: [id]))
            }
        }
    }

    /// A briefing, for oversight, its own officers, and each group that asked for it or took it up (a group whose offer is
    /// still open or was declined sees it only in `offer list`; a confidential budget briefing shows another group nothing
    /// of its matter, and each group only its own discussion's material, `003 §7.13`).
    public func briefing(_ ref: String, as actorID: String) async throws -> BriefingView {
        let id = try Ref.parse(ref, "BR"), at = now()
        return try await database.read { db in try self.briefing(db, id, as: actorID, at: at).view }
    }

    /// A briefing as `actorID` may read it (refused as `briefing` refuses), with the id of the material file they may download.
    func briefing(_ db: Database, _ id: Int64, as actorID: String, at: Date) throws -> (view: BriefingView, file: Int64?) {
            let c = try council(db)
            let roles = try actor(actorID, in: c)
            let (b, origin) = try BriefingRecord.withOrigin(db, id, remedy: .seeList(.offers))
            let officers = try b.attendance()
            let oversight = roles.contains { [.approver, .deputyApprover, .monitoringOfficer, .administrator].contains($0) }
            let ownOfficer = officers.contains { $0.officer == actorID || $0.nominatedBy == actorID }
            var seenBy: String?
            if !oversight && !ownOfficer {
                let group = c.roster.groupOf(actorID)
                let offer = try group.flatMap { try OfferRecord.filter(OfferRecord.Columns.briefingID == id && OfferRecord.Columns.groupID == $0).fetchOne(db) }
                guard let group, let offer, [.requested, .accepted].contains(offer.status) else {
                    throw DeskError(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                                    "\(c.name(actorID)) cannot read \(Ref.format("BR", id)): only a group that asked for it or took up its offer, its officers and the \(c.profile.approverTitle) can",
                                    remedy: .takeUpOfferFirst)
                }
                seenBy = group
            }
            let matter = StoredMatter(b, origin: origin).seen(by: seenBy, at: at).matter
            // A group reads its own budget discussion's material; oversight and the officers, the requesting group's.
            let material = try self.material(db, b, for: seenBy ?? origin)
            // Material waiting for the approver: oversight and the briefing's officers know it is there, never a group.
            let held = seenBy != nil ? nil : try RequestRecord.pending
                .filter(RequestRecord.Columns.kind == RequestKind.material && RequestRecord.Columns.briefingID == id).fetchAll(db).map(\.ref)
            let file = try material?.file.flatMap { try MaterialFileRecord.fetchOne(db, key: $0) }
            return (BriefingView(ref: b.ref, title: matter.title, area: matter.area, officers: officers.map { c.name($0.officer) },
                                 status: b.status.rawValue, writtenReport: b.writtenReport ? true : nil, reportDue: b.reportDue,
                                 material: material?.text, materialBy: material?.by.map(c.name),
                                 budget: b.budget ? true : nil, released: b.budget ? b.releasedAt != nil : nil, held: held, materialFile: file?.file),
                    file?.id)
    }

    /// The material file of a briefing (`BR-…`) for those who may read its material, as `briefing` decides; or of held
    /// material (`RQ-…`) for oversight and the officer who attached it. Anyone else is refused as `briefing` refuses.
    public func materialFile(_ ref: String, as actorID: String) async throws -> Desk.Download {
        let at = now()
        return try await database.read { db in
            let c = try council(db)
            let fileID: Int64?
            if ref.uppercased().hasPrefix("RQ") {
                let id = try Ref.parse(ref, "RQ")
                let held = try HeldMaterialRecord.fetchOne(db, key: id)
                let roles = try actor(actorID, in: c)
                let oversight = roles.contains { [.approver, .deputyApprover, .monitoringOfficer, .administrator].contains($0) }
                guard let held, oversight || held.materialBy == actorID else {
                    throw DeskError(.forbidden, rule: .adviceLimits, "\(Ref.format("RQ", id)) is material waiting for the \(c.profile.approverTitle); only they and the officer who attached it read it",
                                    remedy: .seeList(.briefings))
                }
                fileID = held.materialFile
            } else {
                fileID = try briefing(db, try Ref.parse(ref, "BR"), as: actorID, at: at).file
            }
            guard let record = try fileID.flatMap({ try MaterialFileRecord.fetchOne(db, key: $0) }) else {
                throw DeskError(.notFound, "\(ref.uppercased()) has no material file", remedy: .seeList(.briefings))
            }
            return Desk.Download(file: record.file, content: record.content)
        }
    }

    /// The notifications sent to the actor, oldest first, a page at a time.
    public func notifications(for actorID: String, page: Desk.PageRequest) async throws -> Desk.Page<NotificationView> {
        try await database.read { db in
            let c = try council(db)
            _ = try actor(actorID, in: c)
            // The recipients are a JSON list of ids: SQL narrows to the rows that mention the id, Swift keeps those naming it.
            let list = Keyset(list: "notifications", rows: NotificationRecord.filter(Column("recipients").like("%\"\(actorID)\"%")),
                              sort: Column("id"), id: Column("id"), key: { ($0.id, $0.id) },
                              keep: { try Self.decode([String].self, $0.recipients).contains(actorID) })
            return try list.page(db, page).map { r in
                NotificationView(at: LondonTime.format(Date(unix: r.at)), subject: r.subject, body: r.body,
                                 to: try Self.decode([String].self, r.recipients).map(c.name))
            }
        }
    }
}

extension BriefingDesk {
    /// Requests waiting in the approver's queue.
    public func pendingCount() async throws -> Int {
        try await database.read { db in try RequestRecord.pending.fetchCount(db) }
    }
}
