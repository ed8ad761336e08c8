import Foundation

/// The values the desk's steps and reads return (`DeskService`), as people and clients see them: plain text, numbers
/// and domain values, no database. They live here so the command line's remote client can build them from the wire
/// without linking the store; the store names each in `BriefingDesk` too (`BriefingDesk.Receipt`, …).
public enum Desk {
    /// What came of submitting a request or proposing a session.
    public struct Receipt: Sendable, Codable {
        /// `RQ-0003` when it waits for the approver, `SE-0002` when a session was booked.
        public var ref: String
        public var status: String
        public var message: String
        public var verdicts: [Verdict]

        public init(ref: String, status: String, message: String, verdicts: [Verdict]) {
            self.ref = ref; self.status = status; self.message = message; self.verdicts = verdicts
        }
    }

    /// A file sent as a briefing's material (`MaterialFile.read` says what it is), as the officer named it.
    public struct Upload: Sendable, Hashable {
        public var name: String
        public var content: Data

        public init(name: String, content: Data) { self.name = name; self.content = content }
    }

    /// A material file as its reader downloads it.
    public struct Download: Sendable, Hashable {
        public var file: MaterialFile
        public var content: Data

        public init(file: MaterialFile, content: Data) { self.file = file; self.content = content }
    }

    /// An officer named in a request flags it as unreasonable, with a reason.
    public struct Flag: Sendable, Codable, Equatable {
        public var officer: String
        public var reason: String
        public var at: String

        public init(officer: String, reason: String, at: String) { self.officer = officer; self.reason = reason; self.at = at }
    }

    /// One open request as the approver sees it.
    public struct QueueItem: Sendable, Codable {
        public var ref: String
        public var kind: String
        public var group: String
        public var requester: String
        public var onBehalfOf: String?
        public var matter: String
        public var officers: [String]
        public var segmentStart: String
        public var segmentEnd: String
        public var submitted: String
        public var clock: ResponseClock
        public var verdicts: [Verdict]
        /// Officers' flags of it as unreasonable (`001 §4.10`).
        public var flags: [Flag]
        /// A budget briefing (`003 §7.13`): each group's discussion is its own; nil means no.
        public var budget: Bool?
        /// Until this date (YYYY-MM-DD) even its title is hidden from other groups (`003 §7.13`).
        public var embargoUntil: String?
        /// When the approver acknowledged it (a local time), and the message the requester was sent; nil until then.
        public var acknowledged: String?
        public var acknowledgement: String?
        /// The earlier request of its group this one repeats (`Duplicates`); nil when it is not a duplicate.
        public var duplicateOf: String?
        /// Held material (kind `material`): the text the officer attached, which no group reads until it is released.
        public var material: String?
        /// Held material's PDF or Word file, which the approver downloads to read.
        public var materialFile: MaterialFile?
        /// The rules whose pass the approver must say they judged to approve it (`Approval.toJudge`).
        public var toJudge: [RuleID]

        public init(ref: String, kind: String, group: String, requester: String, onBehalfOf: String? = nil, matter: String, officers: [String],
                    segmentStart: String, segmentEnd: String, submitted: String, clock: ResponseClock, verdicts: [Verdict], flags: [Flag],
                    budget: Bool? = nil, embargoUntil: String? = nil, acknowledged: String? = nil, acknowledgement: String? = nil,
                    duplicateOf: String? = nil, material: String? = nil, materialFile: MaterialFile? = nil, toJudge: [RuleID] = []) {
            self.duplicateOf = duplicateOf; self.material = material; self.materialFile = materialFile; self.toJudge = toJudge
            self.ref = ref; self.kind = kind; self.group = group; self.requester = requester; self.onBehalfOf = onBehalfOf
            self.matter = matter; self.officers = officers; self.segmentStart = segmentStart; self.segmentEnd = segmentEnd
            self.submitted = submitted; self.clock = clock; self.verdicts = verdicts; self.flags = flags
            self.budget = budget; self.embargoUntil = embargoUntil; self.acknowledged = acknowledged; self.acknowledgement = acknowledgement
        }
    }

    /// One open request as the queue's own page shows it: the queue's line, and the whole of what was asked.
    public struct QueueDetail: Sendable {
        public var item: QueueItem
        public var proposal: SessionProposal

        public init(item: QueueItem, proposal: SessionProposal) { self.item = item; self.proposal = proposal }
    }

    /// What an approval created.
    public struct Approval: Sendable, Codable {
        public var request: String
        public var briefing: String
        /// The session booked; none for a written report.
        public var session: String?
        public var offers: [String]
        public var overrides: [String: String]
        /// The rules the approver said they judged (`Approval.toJudge`), as recorded.
        public var judged: [RuleID]
        public var verdicts: [Verdict]

        public init(request: String, briefing: String, session: String? = nil, offers: [String], overrides: [String: String],
                    judged: [RuleID] = [], verdicts: [Verdict]) {
            self.request = request; self.briefing = briefing; self.session = session; self.offers = offers
            self.overrides = overrides; self.judged = judged; self.verdicts = verdicts
        }
    }

    /// An offer as its group sees it; other groups' offers show only whether they are open or answered.
    public struct OfferView: Sendable, Codable {
        public var ref: String
        public var briefing: String
        public var group: String
        /// Hidden ("Embargoed budget briefing") from other groups until the embargo date (`003 §7.13`).
        public var title: String
        public var officers: [String]
        public var status: String
        public var jointSessions: [String]
        public var answeredBy: String?
        public var reason: String?
        /// The last day to answer it (YYYY-MM-DD); an open offer lapses on its own after it.
        public var answerBy: String?
        /// A written report instead of a meeting (`001 §4.10`): taken up without a session; nil for a briefing in person.
        public var writtenReport: Bool?
        /// Up to three free times to take it up while it is open (`suggestSlots`); empty when it is not open (answered,
        /// waiting for the approver, lapsed) or nothing is free.
        public var suggestedSlots: [Slot]
        /// The joint sessions of `jointSessions`, each with its times, venue and host group, for a group deciding whether to join.
        public var joint: [JointSession]

        public init(ref: String, briefing: String, group: String, title: String, officers: [String], status: String, jointSessions: [String],
                    answeredBy: String? = nil, reason: String? = nil, answerBy: String? = nil, writtenReport: Bool? = nil, suggestedSlots: [Slot],
                    joint: [JointSession] = []) {
            self.joint = joint
            self.ref = ref; self.briefing = briefing; self.group = group; self.title = title; self.officers = officers; self.status = status
            self.jointSessions = jointSessions; self.answeredBy = answeredBy; self.reason = reason; self.answerBy = answerBy
            self.writtenReport = writtenReport; self.suggestedSlots = suggestedSlots
        }
    }

    /// A joint session a group may join: when the meeting and the officers' part are (Europe/London local times), where,
    /// and which group hosts it. Nothing of who attends: each group sees only its own attendees (`confidentiality`).
    public struct JointSession: Sendable, Codable, Hashable {
        public var ref: String
        public var meetingStart: String
        public var meetingEnd: String
        public var segmentStart: String
        public var segmentEnd: String
        public var venue: Venue
        public var host: String

        public init(ref: String, meetingStart: String, meetingEnd: String, segmentStart: String, segmentEnd: String, venue: Venue, host: String) {
            self.ref = ref; self.meetingStart = meetingStart; self.meetingEnd = meetingEnd; self.segmentStart = segmentStart
            self.segmentEnd = segmentEnd; self.venue = venue; self.host = host
        }
    }

    /// A free time to take an offer up: its start, duration, officers' part and room are the session form `offer accept`
    /// takes (`form`); the group adds its attendees. Times are Europe/London local times.
    public struct Slot: Sendable, Codable, Hashable {
        public var start: String
        public var end: String
        public var segmentStart: String
        public var segmentEnd: String
        /// The meeting's and the officers' part's lengths, as `offer accept` takes them (`2h`, `45m`).
        public var duration: String
        public var segment: String
        public var room: String
        public var roomName: String

        public init(start: String, end: String, segmentStart: String, segmentEnd: String, duration: String, segment: String,
                    room: String, roomName: String) {
            self.start = start; self.end = end; self.segmentStart = segmentStart; self.segmentEnd = segmentEnd
            self.duration = duration; self.segment = segment; self.room = room; self.roomName = roomName
        }

        public init(_ p: SessionProposal, _ c: Council) {
            start = LondonTime.format(p.meetingStart); end = LondonTime.format(p.meetingEnd)
            segmentStart = LondonTime.format(p.segmentStart); segmentEnd = LondonTime.format(p.segmentEnd)
            duration = Minutes(Int(p.meetingEnd.timeIntervalSince(p.meetingStart) / 60)).description
            segment = Minutes(Int(p.segmentEnd.timeIntervalSince(p.segmentStart) / 60)).description
            room = p.venue.roomID ?? ""
            roomName = c.roster.room(room)?.name ?? room
        }

        /// The session form that takes this time up with `acceptOffer`, with the group's attendees.
        public func form(attendees: [String]? = nil, guests: [String]? = nil) -> SessionForm {
            SessionForm(start: start, duration: duration, segmentStart: segmentStart, segment: segment, room: room,
                        attendees: attendees, guests: guests)
        }
    }

    /// An open offer's suggested times, and the working days searched for them.
    public struct OfferSlots: Sendable, Codable {
        public var offer: String
        public var group: String
        /// The first and last day searched (YYYY-MM-DD); `from` is after `until` when no working day is left before the
        /// linked meeting or decision date.
        public var from: String
        public var until: String
        public var slots: [Slot]

        public init(offer: String, group: String, from: String, until: String, slots: [Slot]) {
            self.offer = offer; self.group = group; self.from = from; self.until = until; self.slots = slots
        }
    }

    /// A group's written record of a session. Only that group, and the session's officers (who may
    /// verify what is attributed to them, `003 §7.10`), ever see it (`confidentiality`).
    public struct NoteView: Sendable, Codable {
        public var ref: String
        public var session: String
        public var group: String
        public var author: String
        public var text: String
        public var status: String
        public var verifiedBy: String?
        public var unverifiedReason: String?
        public var verdict: Verdict?

        public init(ref: String, session: String, group: String, author: String, text: String, status: String,
                    verifiedBy: String? = nil, unverifiedReason: String? = nil, verdict: Verdict? = nil) {
            self.ref = ref; self.session = session; self.group = group; self.author = author; self.text = text; self.status = status
            self.verifiedBy = verifiedBy; self.unverifiedReason = unverifiedReason; self.verdict = verdict
        }
    }

    /// A period the approver is away, when the deputy decides in their place.
    public struct AbsenceView: Sendable, Codable, Equatable {
        public var from: String
        public var until: String
        public var recordedBy: String

        public init(from: String, until: String, recordedBy: String) { self.from = from; self.until = until; self.recordedBy = recordedBy }
    }

    /// An officer's proposed time, as the session's groups, its officers and the approver see it.
    public struct TimeProposalView: Sendable, Codable, Equatable {
        public var ref: String
        public var session: String
        public var officer: String
        public var segmentStart: String
        public var segmentEnd: String
        public var reason: String
        /// `open`, `taken`, `refused` or `withdrawn`.
        public var status: String
        public var answer: String?

        public init(ref: String, session: String, officer: String, segmentStart: String, segmentEnd: String, reason: String,
                    status: String, answer: String? = nil) {
            self.ref = ref; self.session = session; self.officer = officer; self.segmentStart = segmentStart
            self.segmentEnd = segmentEnd; self.reason = reason; self.status = status; self.answer = answer
        }
    }

    /// A proposed time as answered, and the reschedule it became when taken.
    public struct ProposalAnswer: Sendable, Codable {
        public var proposal: TimeProposalView
        public var receipt: Receipt?

        public init(proposal: TimeProposalView, receipt: Receipt? = nil) { self.proposal = proposal; self.receipt = receipt }
    }

    /// An officer's answer to a session invitation.
    public enum OfficerAnswer: Sendable {
        case confirm
        /// Only on a first invitation on the matter (`officer-may-decline`), with a reason.
        case decline(reason: String)
        /// Sends a representative; a non-senior one becomes the actor's recorded nominee (`senior-officer`).
        case nominate(representative: String, reason: String)
        /// As the senior officer a group named, confirms (or with a reason refuses) that officer as their nominee.
        case endorse(nominee: String)
        case refuseNominee(nominee: String, reason: String)
    }

    /// Whose calendar a feed is.
    public enum FeedSubject: Sendable, Hashable {
        /// The sessions an officer attends: only the officers' segment, never the group's political business.
        case officer(String)
        /// A group's own sessions, and its open offers as tentative.
        case group(String)
        /// A member's group's sessions.
        case member(String)
        /// The approver's overview: every session, and pending requests as tentative.
        case overview
    }
}

extension Desk.FeedSubject {
    /// `officer:ID`, `group:ID`, `member:ID` or `overview`.
    public var key: String {
        switch self {
        case .officer(let id): "officer:\(id)"
        case .group(let id): "group:\(id)"
        case .member(let id): "member:\(id)"
        case .overview: "overview"
        }
    }

    public init?(key: String) {
        if key == "overview" { self = .overview; return }
        let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch parts[0] {
        case "officer": self = .officer(parts[1])
        case "group": self = .group(parts[1])
        case "member": self = .member(parts[1])
        default: return nil
        }
    }
}
