import Foundation

/// Something that happened in a workflow step, as the step's plan says, with who is to hear of it. Only the channels
/// (`BriefingsMessages`) put it into words: an email, a desk notice, a line of the command line's output.
public enum DeskEvent: Sendable, Hashable {
    /// A group asked for a briefing: those who decide it hear, with what rules need a recorded reason.
    case requestSubmitted(RequestSubmitted)
    /// The approver acknowledged a request with a message: the requesting side hears it.
    case requestAcknowledged(RequestAcknowledged)
    /// A request passed the date its requester was to hear by, undecided (`004 §6.5.8`): the requesting side hears.
    case requestPastDue(RequestPastDue)
    /// An officer a request names flagged it as unreasonable (`001 §4.10`): those who decide and the officer hear.
    case requestFlagged(RequestFlagged)
    /// The approver agreed a request or a queued change (a take-up, a join, a move): the requesting side hears.
    case requestApproved(RequestApproved)
    /// The approver declined a request or a queued change: the requesting side hears, with the reason.
    case requestDeclined(RequestDeclined)
    /// The approver agreed a request for a written report (`001 §4.10`): the requesting side and its authors hear.
    case reportCommissioned(ReportCommissioned)
    /// Another group is offered the same briefing (`equal-offer`): its leader and assistants hear.
    case offerMade(OfferMade)
    /// A session's officers and each group's attendees get its calendar invitation: booked by an approval, or moved.
    case sessionInvited(SessionInvited)
    /// A group named a nominee for a senior officer, who attends only once that officer confirms (`senior-officer`).
    case nomineeNamed(NomineeNamed)
    /// An officer's answer from their own calendar that a rule refuses (`CalendarReply`): they are told why and what
    /// they may do instead; nothing changed.
    case calendarAnswerRefused(CalendarAnswerRefused)
    /// A session changed for those in it: each reader is told as `SessionChange` says (calendar invitations, notes).
    case sessionChanged(session: String, SessionChange)
    /// A take-up a rule referred waits for the approver, its session held as tentative: those who decide hear.
    case takeUpQueued(request: String, group: String, requester: String, offer: String, session: String, briefing: String, matter: String,
                      start: Date, referred: [RuleID], tell: [String])
    /// A join a rule referred waits for the approver (reasons recorded for another group do not carry over).
    case joinQueued(request: String, group: String, session: String, matter: String, start: Date, referred: [RuleID], tell: [String])
    /// A senior officer's representative a rule referred (their hours) waits for the approver.
    case nominationQueued(request: String, officer: String, representative: String, session: String, matter: String, start: Date,
                          referred: [RuleID], tell: [String])
    /// A host group's move a rule referred waits for the approver, the new time held.
    case moveQueued(request: String, host: String, session: String, matter: String, from: Date, to: Date, reason: String, referred: [RuleID],
                    tell: [String])
    /// A group takes up another group's written report (`001 §4.10`).
    case reportTakenUp(offer: String, group: String, briefing: String, matter: String, ready: Bool, due: String, tell: [String])
    /// An officer attached a commissioned written report: every group that has it hears.
    case reportReady(briefing: String, officer: String, title: String, tell: [String])
    /// An officer's material a rule warns about waits for the approver (`RequestKind.material`): no group reads it until
    /// it is released. Those who decide and the officer hear.
    case materialHeld(request: String, briefing: String, officer: String, matter: String, warned: [RuleID], tell: [String])
    /// The approver released held material: the officer hears (a written report's readers hear `reportReady`).
    case materialReleased(request: String, briefing: String, officer: String, matter: String, tell: [String])
    /// An officer proposes another time for a session; the host group takes or refuses it.
    case timeProposed(proposal: String, officer: String, session: String, matter: String, from: Date, to: Date, reason: String, tell: [String])
    /// The host group refused an officer's proposed time.
    case proposalRefused(proposal: String, group: String, session: String, matter: String, start: Date, answer: String, tell: [String])
    /// A group's written record of a session waits for its officers to verify it (`003 §7.10`).
    case noteToVerify(note: String, session: String, group: String, matter: String, start: Date, tell: [String])
    /// The approver's absence was recorded: the deputy decides meanwhile.
    case approverAway(from: LocalDate, until: LocalDate, tell: [String])
    /// The committee meeting a request or briefing informs moved or was cancelled in the council's committee calendar
    /// (issue 26 item 2): its requesting side and, for a briefing, its officers hear.
    case meetingChanged(MeetingChanged)

    public struct MeetingChanged: Sendable, Hashable {
        /// The committee meeting (`CM-0003`), its committee, and the date it had.
        public var meeting: String
        public var committee: String
        public var was: LocalDate
        /// Its new date; nil when it was cancelled.
        public var now: LocalDate?
        /// The pending request (`RQ-…`) or the agreed briefing (`BR-…`) linked to it.
        public var subject: String
        public var matter: String
        /// The requesting group, and its session that now comes after the meeting it was to inform (a briefing's only).
        public var group: String
        public var sessionAfter: String?
        public var sessionStart: Date?
        public var to: [String]

        public init(meeting: String, committee: String, was: LocalDate, now: LocalDate?, subject: String, matter: String, group: String,
                    sessionAfter: String? = nil, sessionStart: Date? = nil, to: [String]) {
            self.meeting = meeting; self.committee = committee; self.was = was; self.now = now; self.subject = subject
            self.matter = matter; self.group = group; self.sessionAfter = sessionAfter; self.sessionStart = sessionStart; self.to = to
        }
    }

    public struct RequestSubmitted: Sendable, Hashable {
        public var request: String
        public var proposal: SessionProposal
        /// The rules that need the approver's recorded reason to override.
        public var referred: [RuleID]
        /// When the approver should acknowledge it and decide it, in working days from now (`response-time`).
        public var acknowledgeBy: LocalDate?
        public var decideBy: LocalDate?
        public var to: [String]

        public init(request: String, proposal: SessionProposal, referred: [RuleID], acknowledgeBy: LocalDate? = nil, decideBy: LocalDate? = nil,
                    to: [String]) {
            self.request = request; self.proposal = proposal; self.referred = referred; self.acknowledgeBy = acknowledgeBy
            self.decideBy = decideBy; self.to = to
        }
    }

    public struct RequestAcknowledged: Sendable, Hashable {
        public var request: String
        public var matter: String
        public var message: String
        public var by: String
        /// When the requester will hear; why that is after the council's response date, where it is.
        public var replyBy: LocalDate
        public var delayReason: String?
        public var respondBy: LocalDate
        public var to: [String]

        public init(request: String, matter: String, message: String, by: String, replyBy: LocalDate, delayReason: String?,
                    respondBy: LocalDate, to: [String]) {
            self.request = request; self.matter = matter; self.message = message; self.by = by; self.replyBy = replyBy
            self.delayReason = delayReason; self.respondBy = respondBy; self.to = to
        }
    }

    public struct RequestPastDue: Sendable, Hashable {
        public var request: String
        public var matter: String
        /// The date that passed: the acknowledgement's reply-by date, or the council's response date.
        public var due: LocalDate
        /// Whether `due` is the date the approver's acknowledgement gave (else the council's response date).
        public var promised: Bool
        /// The deputy to contact while the approver is recorded as away.
        public var deputy: String?
        public var to: [String]

        public init(request: String, matter: String, due: LocalDate, promised: Bool, deputy: String?, to: [String]) {
            self.request = request; self.matter = matter; self.due = due; self.promised = promised; self.deputy = deputy; self.to = to
        }
    }

    public struct RequestFlagged: Sendable, Hashable {
        public var request: String
        public var matter: String
        public var officer: String
        public var reason: String
        public var to: [String]

        public init(request: String, matter: String, officer: String, reason: String, to: [String]) {
            self.request = request; self.matter = matter; self.officer = officer; self.reason = reason; self.to = to
        }
    }

    public struct RequestApproved: Sendable, Hashable {
        public var request: BriefingRequest
        /// The session booked, joined or moved.
        public var session: String
        /// The rules the approver recorded a reason to override.
        public var overridden: [RuleID]
        /// Why the decision is late, when it is.
        public var lateExplanation: String?
        public var to: [String]

        public init(request: BriefingRequest, session: String, overridden: [RuleID], lateExplanation: String? = nil, to: [String]) {
            self.request = request; self.session = session; self.overridden = overridden; self.lateExplanation = lateExplanation; self.to = to
        }
    }

    public struct RequestDeclined: Sendable, Hashable {
        public var request: String
        /// What was asked: a briefing, or a take-up, join or move of one.
        public var kind: RequestKind
        public var matter: String
        public var reason: String
        public var lateExplanation: String?
        public var to: [String]

        public init(request: String, kind: RequestKind, matter: String, reason: String, lateExplanation: String? = nil, to: [String]) {
            self.request = request; self.kind = kind; self.matter = matter; self.reason = reason; self.lateExplanation = lateExplanation
            self.to = to
        }
    }

    public struct ReportCommissioned: Sendable, Hashable {
        public var request: String
        public var briefing: String
        public var matter: String
        /// The officers who write it.
        public var officers: [String]
        public var wantedBy: LocalDate
        public var lateExplanation: String?
        /// The requester, the member they asked for, their group's leader.
        public var requesterSide: [String]
        /// The officers, and the senior officers who nominated any of them.
        public var authors: [String]

        public init(request: String, briefing: String, matter: String, officers: [String], wantedBy: LocalDate, lateExplanation: String? = nil, requesterSide: [String], authors: [String]) {
            self.request = request; self.briefing = briefing; self.matter = matter; self.officers = officers; self.wantedBy = wantedBy; self.lateExplanation = lateExplanation; self.requesterSide = requesterSide; self.authors = authors
        }
    }

    public struct OfferMade: Sendable, Hashable {
        public var offer: String
        public var briefing: String
        public var group: String
        /// The title as this group sees it (a budget or embargoed title never).
        public var title: String
        /// The officers' ids.
        public var officers: [String]
        public var answerBy: LocalDate
        /// Sessions of the briefing the group may join.
        public var jointSessions: [String]
        public var writtenReport: Bool
        public var to: [String]

        public init(offer: String, briefing: String, group: String, title: String, officers: [String], answerBy: LocalDate,
                    jointSessions: [String], writtenReport: Bool, to: [String]) {
            self.offer = offer; self.briefing = briefing; self.group = group; self.title = title; self.officers = officers
            self.answerBy = answerBy; self.jointSessions = jointSessions; self.writtenReport = writtenReport; self.to = to
        }
    }

    public struct SessionInvited: Sendable, Hashable {
        public enum Why: Sendable, Hashable {
            /// The approver agreed the request that booked it.
            case agreed
            /// The approver agreed the host group's move of it.
            case moved(group: String)
            /// The approver agreed a senior officer's representative a rule referred: the representative is invited.
            case nominationAgreed(officer: String, representative: String)
            /// The approver did not: the senior officer is invited again.
            case nominationDeclined(officer: String, representative: String, reason: String)
        }
        public var session: String
        public var request: String
        public var why: Why

        public init(session: String, request: String, why: Why) {
            self.session = session; self.request = request; self.why = why
        }
    }

    /// The senior officer of each nominee a group named among `officers` is asked to endorse them for this session
    /// (`senior-officer`, `003 §7.9`): every session that names the nominee asks, whichever group's it is.
    /// `matter` and `start` (the group's meeting) name the session for the senior officer.
    public static func nomineesNamed(session: String, matter: String, start: Date, group: String, _ officers: [OfficerAttendance]) -> [DeskEvent] {
        officers.compactMap { a in
            a.nominatedBy.map { .nomineeNamed(.init(session: session, matter: matter, start: start, group: group, nominee: a.officer, senior: $0)) }
        }
    }

    public struct CalendarAnswerRefused: Sendable, Hashable {
        public var session: String
        public var matter: String
        public var start: Date
        /// What the officer tried: `accept`, `decline`, `propose another time for`.
        public var tried: String
        public var refusal: Refusal
        public var to: [String]

        public init(session: String, matter: String, start: Date, tried: String, refusal: Refusal, to: [String]) {
            self.session = session; self.matter = matter; self.start = start; self.tried = tried; self.refusal = refusal; self.to = to
        }
    }

    public struct NomineeNamed: Sendable, Hashable {
        public var session: String
        public var matter: String
        /// When the group's meeting starts.
        public var start: Date
        public var group: String
        public var nominee: String
        public var senior: String

        public init(session: String, matter: String, start: Date, group: String, nominee: String, senior: String) {
            self.session = session; self.matter = matter; self.start = start; self.group = group; self.nominee = nominee; self.senior = senior
        }
    }
}
