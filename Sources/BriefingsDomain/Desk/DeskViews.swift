import Foundation

extension Desk {
    /// A session as one viewer may see it. Officers see only their segment; other groups see nothing of it.
    public struct SessionView: Sendable, Codable {
        public var ref: String
        public var briefing: String
        public var title: String
        public var groups: [String]
        public var status: String
        public var meetingStart: String
        public var meetingEnd: String
        public var segmentStart: String
        public var segmentEnd: String
        public var venue: String
        public var officers: [OfficerLine]
        public var attendees: [String]
        public var sequence: Int
        public var reason: String?
        public var material: String?
        /// Each group's agreement by the approver: `RQ-0001` (the briefing's approval or a change they agreed) or
        /// `approver:ID` (moved by the approver); a group still waiting for the approver is absent.
        public var agreements: [String: String]
        /// Agreed for every group and confirmed by every officer: what feeds publish as `CONFIRMED`.
        public var confirmed: Bool
        /// Other times its officers proposed, and the group's answers.
        public var proposals: [TimeProposalView]

        public struct OfficerLine: Sendable, Codable {
            public var officer: String
            public var response: String
            public var nominatedBy: String?
            public var representedBy: String?
            public var reason: String?
            /// False while a nominee the group named waits for the nominating senior officer to confirm them.
            public var nominationConfirmed: Bool
            /// A representative a rule referred: the queued change (`RQ-0004`) their attendance waits for.
            public var waitingFor: String?

            public init(officer: String, response: String, nominatedBy: String? = nil, representedBy: String? = nil, reason: String? = nil,
                        nominationConfirmed: Bool, waitingFor: String? = nil) {
                self.officer = officer; self.response = response; self.nominatedBy = nominatedBy; self.representedBy = representedBy
                self.reason = reason; self.nominationConfirmed = nominationConfirmed; self.waitingFor = waitingFor
            }
        }

        public init(ref: String, briefing: String, title: String, groups: [String], status: String, meetingStart: String, meetingEnd: String,
                    segmentStart: String, segmentEnd: String, venue: String, officers: [OfficerLine], attendees: [String], sequence: Int,
                    reason: String? = nil, material: String? = nil, agreements: [String: String], confirmed: Bool, proposals: [TimeProposalView]) {
            self.ref = ref; self.briefing = briefing; self.title = title; self.groups = groups; self.status = status
            self.meetingStart = meetingStart; self.meetingEnd = meetingEnd; self.segmentStart = segmentStart; self.segmentEnd = segmentEnd
            self.venue = venue; self.officers = officers; self.attendees = attendees; self.sequence = sequence; self.reason = reason
            self.material = material; self.agreements = agreements; self.confirmed = confirmed; self.proposals = proposals
        }
    }

    /// A request in full, for its own group, the approver and oversight roles only (`confidentiality`).
    public struct RequestView: Sendable, Codable {
        public var ref: String
        public var kind: String
        public var status: String
        public var group: String
        public var requester: String
        public var onBehalfOf: String?
        public var proposal: SessionProposal
        public var verdictsAtSubmission: [Verdict]
        public var decidedBy: String?
        public var decidedRole: String?
        public var reason: String?
        public var overrides: [String: String]?
        public var briefing: String?
        /// Officers' flags of the request as unreasonable, for the approver to determine (`001 §4.10`).
        public var flags: [Flag]

        public init(ref: String, kind: String, status: String, group: String, requester: String, onBehalfOf: String? = nil, proposal: SessionProposal,
                    verdictsAtSubmission: [Verdict], decidedBy: String? = nil, decidedRole: String? = nil, reason: String? = nil, overrides: [String: String]? = nil,
                    briefing: String? = nil, flags: [Flag]) {
            self.ref = ref; self.kind = kind; self.status = status; self.group = group; self.requester = requester
            self.onBehalfOf = onBehalfOf; self.proposal = proposal; self.verdictsAtSubmission = verdictsAtSubmission
            self.decidedBy = decidedBy; self.decidedRole = decidedRole; self.reason = reason; self.overrides = overrides
            self.briefing = briefing; self.flags = flags
        }
    }

    /// The rule catalogue as enforced under a profile, with the profile's settings: what `briefings rules`
    /// prints and `GET /api/rules` returns.
    public struct RulesView: Sendable, Codable, Equatable {
        public struct Row: Sendable, Codable, Equatable {
            public var id: String
            public var severity: String
            public var clauses: [String]
            public var rule: String

            public init(id: String, severity: String, clauses: [String], rule: String) {
                self.id = id; self.severity = severity; self.clauses = clauses; self.rule = rule
            }
        }
        public var profile: String
        public var description: String
        public var approver: String
        public var approverClauses: [String]
        public var acknowledgeWorkingDays: Int
        public var respondWorkingDays: Int
        public var jointBriefingsPreferred: Bool
        public var budgetEmbargo: Bool
        public var roomBufferMinutes: Int
        public var rules: [Row]

        public init(_ p: PolicyProfile) {
            profile = p.name; description = p.description
            approver = p.approverTitle; approverClauses = p.approverClauses
            acknowledgeWorkingDays = p.acknowledgeWorkingDays; respondWorkingDays = p.respondWorkingDays
            jointBriefingsPreferred = p.jointBriefingsPreferred; budgetEmbargo = p.budgetEmbargo
            roomBufferMinutes = p.roomBufferMinutes
            rules = RuleCatalogue.all.map { Row(id: $0.id.rawValue, severity: p.severity($0.id).rawValue, clauses: p.clauses($0.id), rule: $0.summary) }
        }

        public init(profile: String, description: String, approver: String, approverClauses: [String], acknowledgeWorkingDays: Int,
                    respondWorkingDays: Int, jointBriefingsPreferred: Bool, budgetEmbargo: Bool, roomBufferMinutes: Int, rules: [Row]) {
            self.profile = profile; self.description = description; self.approver = approver; self.approverClauses = approverClauses
            self.acknowledgeWorkingDays = acknowledgeWorkingDays; self.respondWorkingDays = respondWorkingDays
            self.jointBriefingsPreferred = jointBriefingsPreferred; self.budgetEmbargo = budgetEmbargo
            self.roomBufferMinutes = roomBufferMinutes; self.rules = rules
        }
    }

    /// One request in a list: what was asked, by whom, and where it stands.
    public struct RequestLine: Sendable, Codable {
        public var ref: String
        /// `request`, or `offer` for a group's own session proposed on an offer.
        public var kind: String
        /// `pending`, `approved` or `declined`.
        public var status: String
        public var group: String
        public var requester: String
        public var onBehalfOf: String?
        public var matter: String
        public var segmentStart: String
        public var submitted: String
        public var decidedBy: String?
        public var reason: String?

        public init(ref: String, kind: String, status: String, group: String, requester: String, onBehalfOf: String? = nil, matter: String,
                    segmentStart: String, submitted: String, decidedBy: String? = nil, reason: String? = nil) {
            self.ref = ref; self.kind = kind; self.status = status; self.group = group; self.requester = requester
            self.onBehalfOf = onBehalfOf; self.matter = matter; self.segmentStart = segmentStart; self.submitted = submitted
            self.decidedBy = decidedBy; self.reason = reason
        }
    }

    /// One line of the parity report: how one group was treated.
    public struct ParityRow: Sendable, Codable {
        public var group: String
        public var name: String
        public var requestsMade: Int
        public var offersReceived: Int
        public var accepted: Int
        public var declined: Int
        public var lapsed: Int
        public var open: Int
        public var sessionsHeld: Int
        public var sessionsScheduled: Int
        public var officerHours: Double

        public init(group: String, name: String, requestsMade: Int, offersReceived: Int, accepted: Int, declined: Int, lapsed: Int,
                    open: Int, sessionsHeld: Int, sessionsScheduled: Int, officerHours: Double) {
            self.group = group; self.name = name; self.requestsMade = requestsMade; self.offersReceived = offersReceived
            self.accepted = accepted; self.declined = declined; self.lapsed = lapsed; self.open = open
            self.sessionsHeld = sessionsHeld; self.sessionsScheduled = sessionsScheduled; self.officerHours = officerHours
        }
    }

    /// A briefing line for the approver's list.
    public struct BriefingLine: Sendable, Codable {
        public var ref: String
        public var title: String
        public var status: String
        public var offers: [String: String]
        public var sessions: [String]

        public init(ref: String, title: String, status: String, offers: [String: String], sessions: [String]) {
            self.ref = ref; self.title = title; self.status = status; self.offers = offers; self.sessions = sessions
        }
    }

    /// One briefing as a person may see it: its matter, officers and material (a written report's text once attached).
    public struct BriefingView: Sendable, Codable {
        public var ref: String
        public var title: String
        public var area: String
        public var officers: [String]
        public var status: String
        /// A written report instead of a meeting (`001 §4.10`); nil for a briefing in person.
        public var writtenReport: Bool?
        public var reportDue: String?
        /// The material (the written report), shared by every group that has it (`equal-offer`, `officer-consistency`).
        public var material: String?
        public var materialBy: String?
        /// A budget briefing (`003 §7.13`): each group's discussion and its material are its own; nil for any other.
        public var budget: Bool?
        /// A budget briefing its requesting group has released: every group sees what it was about.
        public var released: Bool?
        /// Material waiting for the approver (its queue items, `RQ-…`), which no group reads until released: shown to
        /// oversight and the briefing's officers only; nil for a group.
        public var held: [String]?
        /// The material's PDF or Word file, if one was attached: its readers download it.
        public var materialFile: MaterialFile?

        public init(ref: String, title: String, area: String, officers: [String], status: String, writtenReport: Bool? = nil, reportDue: String? = nil,
                    material: String? = nil, materialBy: String? = nil, budget: Bool? = nil, released: Bool? = nil, held: [String]? = nil,
                    materialFile: MaterialFile? = nil) {
            self.materialFile = materialFile
            self.ref = ref; self.title = title; self.area = area; self.officers = officers; self.status = status
            self.writtenReport = writtenReport; self.reportDue = reportDue; self.material = material; self.materialBy = materialBy
            self.budget = budget; self.released = released; self.held = held
        }
    }

    /// Notifications sent to a person (everyone named on each), newest last.
    public struct NotificationView: Sendable, Codable {
        public var at: String
        public var subject: String
        public var body: String
        public var to: [String]

        public init(at: String, subject: String, body: String, to: [String]) { self.at = at; self.subject = subject; self.body = body; self.to = to }
    }

    /// One entry of the append-only audit trail, with its hash and the previous entry's (the store's `AuditTrail.Entry`).
    public struct AuditEntry: Sendable, Codable, Hashable {
        public var seq: Int64
        public var at: Date
        public var actor: String
        public var role: String
        public var action: String
        public var subject: String
        public var details: [String: String]
        public var verdicts: [Verdict]
        public var prevHash: String
        public var hash: String

        public init(seq: Int64, at: Date, actor: String, role: String, action: String, subject: String, details: [String: String],
                    verdicts: [Verdict], prevHash: String, hash: String) {
            self.seq = seq; self.at = at; self.actor = actor; self.role = role; self.action = action; self.subject = subject
            self.details = details; self.verdicts = verdicts; self.prevHash = prevHash; self.hash = hash
        }
    }

    /// What checking the audit trail's hash chain found (the store's `AuditTrail.Report`).
    public struct AuditReport: Sendable, Codable {
        public var entries: Int
        public var intact: Bool
        /// One line per problem found, naming the entry.
        public var problems: [String]

        public init(entries: Int, intact: Bool, problems: [String]) { self.entries = entries; self.intact = intact; self.problems = problems }
    }
}
