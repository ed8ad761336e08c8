import Foundation

/// A booked session as it stands: its groups (the host first) with the approver's act that covers each one's
/// attendance and that group's own overrides, its officers and their answers, the venue, the times, and the
/// attendees per group (RULES.md, "Sessions and who agrees them").
///
/// The desk loads one per step and judges each transition from it, by the person acting, for the group
/// concerned (`proposal(by:)`, `joining(…)`, `moved(…)`): no step rebuilds a session from another group's
/// request, and no group's overrides or agreement carry over to another.
public struct Session: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case scheduled
        case cancelled
    }

    /// One group the session serves.
    public struct Group: Sendable, Hashable {
        public var group: String
        /// The offer this group answered by taking the session up or joining it.
        public var offer: Int64
        /// The approver's act covering this group's attendance: the briefing's approval (`RQ-0001`), a queued
        /// change they agreed (`RQ-0007`), or their own step (`approver:o-ceo`). Nil while it waits for them.
        public var agreement: String?
        /// The approver's reasons for letting a `refer` rule pass, for this group and this session only.
        public var overrides: [RuleID: String]
        /// This group's own attendees; nil for sessions booked before attendees were kept per group.
        public var attendees: [Attendee]?

        public init(group: String, offer: Int64, agreement: String?, overrides: [RuleID: String] = [:], attendees: [Attendee]?) {
            self.group = group; self.offer = offer; self.agreement = agreement; self.overrides = overrides; self.attendees = attendees
        }
    }

    /// One officer asked to attend, and their answer.
    public struct Officer: Sendable, Hashable {
        public enum Response: String, Sendable, Hashable, Codable, CaseIterable {
            case invited
            case confirmed
            case declined
            /// They sent someone else, recorded as their nominee.
            case represented
        }

        public var officer: String
        /// The senior officer named as nominating this one (`senior-officer`).
        public var nominatedBy: String?
        public var response: Response
        /// Whether the nominating senior officer has confirmed the nomination (true when nobody is named).
        public var nominationConfirmed: Bool
        /// Who they sent instead (`represented`).
        public var representedBy: String?
        /// Why they declined or sent someone else.
        public var reason: String?
        /// A representative whose attendance a rule referred: the queued change (`RQ-0004`) waiting for the approver.
        public var waitingFor: String?

        public init(officer: String, nominatedBy: String? = nil, response: Response = .invited, nominationConfirmed: Bool = true,
                    representedBy: String? = nil, reason: String? = nil, waitingFor: String? = nil) {
            self.officer = officer; self.nominatedBy = nominatedBy; self.response = response; self.nominationConfirmed = nominationConfirmed
            self.representedBy = representedBy; self.reason = reason; self.waitingFor = waitingFor
        }

        /// Still expected: invited or confirmed.
        public var attends: Bool { response == .invited || response == .confirmed }
    }

    public var id: Int64
    public var briefing: Int64
    public var status: Status
    /// The briefing's matter as the host group sees it (a budget briefing's other groups see only their own discussions).
    public var matter: Matter
    /// Host group first, then the groups that joined, in the order they joined.
    public var groups: [Group]
    public var officers: [Officer]
    public var meetingStart: Date
    public var meetingEnd: Date
    public var segmentStart: Date
    public var segmentEnd: Date
    public var venue: Venue
    /// Everyone expected, every group's together.
    public var attendees: [Attendee]
    /// The host group agreed other groups may join it (a joint session).
    public var joinable: Bool
    /// iCalendar `SEQUENCE`: only ever goes up.
    public var sequence: Int
    /// When anything subscribers see last changed.
    public var updatedAt: Date
    /// Why it was cancelled.
    public var reason: String?

    public init(id: Int64, briefing: Int64, status: Status, matter: Matter, groups: [Group], officers: [Officer],
                meetingStart: Date, meetingEnd: Date, segmentStart: Date, segmentEnd: Date, venue: Venue,
                attendees: [Attendee], joinable: Bool, sequence: Int, updatedAt: Date, reason: String? = nil) {
        self.id = id; self.briefing = briefing; self.status = status; self.matter = matter; self.groups = groups
        self.officers = officers; self.meetingStart = meetingStart; self.meetingEnd = meetingEnd
        self.segmentStart = segmentStart; self.segmentEnd = segmentEnd; self.venue = venue
        self.attendees = attendees; self.joinable = joinable; self.sequence = sequence
        self.updatedAt = updatedAt; self.reason = reason
    }

    /// The group whose meeting it is.
    public var host: String { groups[0].group }
    public var groupIDs: [String] { groups.map(\.group) }
    /// The officers still expected, as the rules see them.
    public var attending: [OfficerAttendance] {
        officers.filter(\.attends).map { OfficerAttendance(officer: $0.officer, nominatedBy: $0.nominatedBy) }
    }

    /// The officers who hold an invitation (a message and a calendar event): those still expected, except a nominee a
    /// group named whose senior officer has not endorsed them yet (`senior-officer`, `003 §7.9`) and a representative
    /// whose attendance waits for the approver (`approval`).
    public var invitees: [String] { officers.filter { $0.attends && $0.nominationConfirmed && $0.waitingFor == nil }.map(\.officer) }

    public func group(_ id: String) -> Group? { groups.first { $0.group == id } }
    public func officer(_ id: String) -> Officer? { officers.first { $0.officer == id } }

    /// Every group's attendance is covered by an act of the approver.
    public var isAgreed: Bool { groups.allSatisfy { $0.agreement != nil } }

    /// Published `CONFIRMED` only once agreed for every group and every officer still expected has confirmed
    /// (a nominee once their nomination is confirmed too, a representative once the approver agreed a rule that referred
    /// them); `TENTATIVE` before (`approval`).
    public var isConfirmed: Bool { Self.isConfirmed(groups: groups, officers: officers) }

    public static func isConfirmed(groups: [Group], officers: [Officer]) -> Bool {
        let expected = officers.filter(\.attends)
        return groups.allSatisfy { $0.agreement != nil } && !expected.isEmpty
            && expected.allSatisfy { $0.response == .confirmed && $0.nominationConfirmed && $0.waitingFor == nil }
    }

    /// Each group's agreement; groups still waiting for the approver are absent.
    public var agreements: [String: String] {
        Dictionary(groups.compactMap { g in g.agreement.map { (g.group, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    /// The session as the rules judge a step on it taken by `actor` for the groups it serves (the host first):
    /// never another group's requester, never another group's overrides.
    public func proposal(by actor: String, onBehalfOf: String? = nil) -> SessionProposal {
        SessionProposal(requester: actor, onBehalfOf: onBehalfOf, groups: groupIDs, matter: matter, officers: attending,
                        meetingStart: meetingStart, meetingEnd: meetingEnd, segmentStart: segmentStart, segmentEnd: segmentEnd,
                        venue: venue, attendees: attendees, jointWish: joinable)
    }

    /// What a group joining this session proposes, judged as that group's own step: the joining group first,
    /// acting as itself, bringing only its own attendees.
    public func joining(group: String, by actor: String, onBehalfOf: String?, attendees: [Attendee]) -> SessionProposal {
        var p = proposal(by: actor, onBehalfOf: onBehalfOf)
        p.groups = [group] + groupIDs
        p.attendees = attendees
        return p
    }

    /// The session at other times (and optionally another venue), as the rules judge a move by `actor`.
    public func moved(meetingStart: Date, meetingEnd: Date, segmentStart: Date, segmentEnd: Date, venue: Venue?,
                      by actor: String) -> SessionProposal {
        var p = proposal(by: actor)
        p.meetingStart = meetingStart; p.meetingEnd = meetingEnd; p.segmentStart = segmentStart; p.segmentEnd = segmentEnd
        if let venue { p.venue = venue }
        return p
    }

    /// The attendees a group brought: its own list, or for sessions booked before lists were kept per group, the
    /// attendees who are that group's members.
    public func attendees(of group: String, memberGroup: (String) -> String?) -> [Attendee] {
        if let own = self.group(group)?.attendees { return own }
        return attendees.filter { if case .person(let m) = $0 { memberGroup(m) == group } else { false } }
    }

    /// The attendees a viewer may see (`confidentiality`, `001 §4.28`): a group only its own, even in a joint session it
    /// shares; nil (the approver, the deputy, the Monitoring Officer, an administrator) every group's.
    public func attendees(seenBy group: String?, memberGroup: (String) -> String?) -> [Attendee] {
        guard let group else { return attendees }
        return attendees(of: group, memberGroup: memberGroup)
    }
}
