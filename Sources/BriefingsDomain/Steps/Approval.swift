import Foundation

/// The approver agrees a request or a queued change (RULES.md "decide"; `approval`, `equal-offer`). Pure: the store
/// loads the `State`, asks `decide`, and applies the `Plan` in one transaction.
///
/// Who may decide, in order of what is refused first: someone who can decide nothing; no such request, or one already
/// decided; a meeting that has started (or a report date passed); a Director outside their line, where a rule refers,
/// or where an officer flagged it; a late answer without its explanation where the protocol demands one (`004 §6.5.8`);
/// a rule that blocks, an override of a rule that does not refer, a referred rule without a recorded reason; a new
/// briefing whose matter the approver has not said they judged (`judged`).
public enum Approval {
    /// The rules whose pass says only what the words show (an application's reference, words of party business, a
    /// meeting in time): whether the matter is council business and concerns no individual or confidential matter is
    /// the approver's judgement (`000 §17.16.4`, `003 §7.4`, `004 §10.1`), which their approval of a new briefing
    /// records rule by rule. A rule that refers is judged by the reason its override records.
    public static let judgedRules: [RuleID] = [.councilBusiness, .noIndividualMatter]

    /// The rules the approver must say they judged to approve a request of `kind` with these verdicts: each of
    /// `judgedRules` judged for a new briefing (not a queued change to one already agreed) that does not refer.
    public static func toJudge(_ kind: RequestKind, verdicts: [Verdict]) -> [RuleID] {
        guard kind == .request else { return [] }
        let referred = Set(verdicts.referred.map(\.rule))
        return judgedRules.filter { rule in verdicts.contains { $0.rule == rule } && !referred.contains(rule) }
    }

    /// What the approver affirms by saying they judged `rule` (one of `judgedRules`), as every channel shows it.
    public static func judgement(_ rule: RuleID) -> String {
        switch rule {
        case .councilBusiness: "the matter is council business, currently or shortly before the council, and not party business"
        case .noIndividualMatter: "the matter concerns no individual case (an application, a complaint, a named person) and asks for no confidential information"
        default: rule.rawValue
        }
    }

    /// Refuses a rule said to be judged that no person judges: the rules decide it, and nobody can vouch for it instead.
    public static func requireJudgeable(_ judged: Set<RuleID>) throws(Refusal) {
        if let rule = judged.sorted(by: { $0.rawValue < $1.rawValue }).first(where: { !judgedRules.contains($0) }) {
            throw Refusal(.invalid, rule: rule, "rule \(rule.rawValue) is decided by the rules, not judged by the approver",
                          remedy: .advice("Say you judged only " + judgedRules.map(\.rawValue).joined(separator: " or ")
                                          + "; a rule that refers is agreed with its reason, and one that blocks cannot be agreed."))
        }
    }

    /// What the approver asks for.
    public struct Input: Sendable {
        public var actor: String
        /// Rule → the approver's recorded reason for agreeing despite its `refer`.
        public var overrides: [RuleID: String]
        public var explainDelay: String?
        /// The rules the approver says they judged (`toJudge`): each must be among them.
        public var judged: Set<RuleID>

        public init(actor: String, overrides: [RuleID: String] = [:], explainDelay: String? = nil, judged: Set<RuleID> = []) {
            self.actor = actor; self.overrides = overrides; self.explainDelay = explainDelay; self.judged = judged
        }
    }

    /// What follows from an approval.
    public struct Plan: Sendable {
        public var request: BriefingRequest
        public var actor: String
        /// The audit name of the role the actor decided in.
        public var role: String
        public var overrides: [RuleID: String]
        public var delayExplanation: String?
        /// The rules the approver judged, as `toJudge` asked (recorded in the audit entry).
        public var judged: [RuleID]
        public var verdicts: [Verdict]
        public var outcome: Outcome
    }

    public enum Outcome: Sendable {
        /// A new briefing: its offers (one a group), and the requesting group's session (none for a written report).
        case briefing(NewBriefing)
        /// A queued change to a session (a take-up, a join, a move) is agreed.
        case change
    }

    public struct NewBriefing: Sendable {
        public var offers: [PlannedOffer]
        public var session: PlannedSession?
        /// Whether other groups may join its session (a budget briefing is the group's own, `003 §7.13`).
        public var joinable: Bool

        public init(offers: [PlannedOffer], session: PlannedSession? = nil, joinable: Bool) {
            self.offers = offers; self.session = session; self.joinable = joinable
        }
    }

    public struct PlannedOffer: Sendable, Hashable {
        public var group: String
        /// The requesting group's own line: it asked, so nothing is offered.
        public var own: Bool
        /// The last day to answer it; nil for the requesting group's own line.
        public var answerBy: LocalDate?

        public init(group: String, own: Bool, answerBy: LocalDate? = nil) {
            self.group = group; self.own = own; self.answerBy = answerBy
        }
    }

    public struct PlannedSession: Sendable, Hashable {
        public var group: String
        /// The approver's act that covers it: the request's ref.
        public var agreement: String
        public var joinable: Bool

        public init(group: String, agreement: String, joinable: Bool) {
            self.group = group; self.agreement = agreement; self.joinable = joinable
        }
    }

    /// What the store assigned applying a plan, which the events and the audit entry name.
    public struct Applied: Sendable {
        public var briefing: String
        public var session: String?
        /// The other groups' offers, each as its group sees it.
        public var offers: [DeskEvent.OfferMade]
        /// Held material released: the groups that asked for its briefing or took it up (a written report's readers).
        public var readers: [String]

        public init(briefing: String, session: String?, offers: [DeskEvent.OfferMade], readers: [String] = []) {
            self.briefing = briefing; self.session = session; self.offers = offers; self.readers = readers
        }
    }

    /// `verdicts`: every rule's verdict on the request against the bookings as they are now.
    public static func decide(_ s: DecisionState, verdicts: [Verdict], _ input: Input) -> Result<Plan, Refusal> {
        Result { () throws(Refusal) in try plan(s, verdicts, input) }
    }

    static func plan(_ s: DecisionState, _ verdicts: [Verdict], _ input: Input) throws(Refusal) -> Plan {
        let c = s.council
        try Decider.requireDecider(input.actor, in: c, presence: s.presence)
        try requireJudgeable(input.judged)
        let r = try Decider.pending(s.request, ref: s.ref, when: LondonTime.format)
        let p = r.proposal
        // Held material is released whenever the approver judges it: a report already late is still wanted.
        if r.kind != .material, p.meetingStart <= s.now {
            throw Refusal(.conflict, p.isWrittenReport ? "the report was wanted by \(LocalDate(p.meetingStart)), which has passed"
                                                       : "the meeting (\(LondonTime.format(p.meetingStart))) has already started",
                          remedy: .advice("Decline it with a reason; the group can ask again for a new date."))
        }
        let role = try Decider.role(input.actor, deciding: r, referred: verdicts.referred, in: c, presence: s.presence)
        let delay = try Decider.lateness(r, explanation: input.explainDelay, in: c, days: s.days, at: s.now)
        try Decider.enforce(verdicts, overrides: input.overrides, what: "approval of \(r.ref)")
        let judged = toJudge(r.kind, verdicts: verdicts)
        let unjudged = verdicts.filter { v in judged.contains(v.rule) && !input.judged.contains(v.rule) }
        if let first = unjudged.first {
            let lines = unjudged.map { "\($0.rule.rawValue) (\($0.clauses.joined(separator: ", "))): \($0.message)" }
            throw Refusal(.invalid, rule: first.rule, clauses: first.clauses,
                          "approval of \(r.ref) needs your judgement, which the rules cannot make: " + lines.joined(separator: "; "),
                          remedy: .confirmJudged(request: r.ref, rules: unjudged.map(\.rule)), verdicts: verdicts)
        }
        let outcome: Outcome
        if r.kind == .request {
            // Every group is offered the same (`equal-offer`), unless the council makes no offers (004 §10.1: private and
            // confidential briefings): then only the group's own. A budget briefing is the group's own: never a joint session.
            let others = c.profile.offersToOtherGroups
            let joinable = others && p.jointWish && p.matter.budget != true
            let answerBy = s.days.adding(c.profile.offerAnswerWorkingDays, to: s.now)
            let offers = c.roster.groups.filter { others || $0.id == r.group }.map { g in
                PlannedOffer(group: g.id, own: g.id == r.group, answerBy: g.id == r.group ? nil : answerBy)
            }
            // A written report commissions the officers' report and books nobody (001 §4.10).
            outcome = .briefing(NewBriefing(offers: offers, session: p.isWrittenReport ? nil
                                                : PlannedSession(group: r.group, agreement: r.ref, joinable: joinable),
                                            joinable: joinable))
        } else {
            outcome = .change
        }
        return Plan(request: r, actor: input.actor, role: role, overrides: input.overrides, delayExplanation: delay,
                    judged: judged, verdicts: verdicts, outcome: outcome)
    }
}

extension Approval.Plan {
    /// The audit entry: what was created, every override's reason, the profile in force.
    public func audit(_ applied: Approval.Applied, profile: String) -> AuditEntry {
        AuditEntry(actor: actor, role: role, action: "request.approve", subject: request.ref,
                   details: ["kind": request.kindName, "briefing": applied.briefing, "session": applied.session ?? "",
                             "offers": applied.offers.map(\.offer).joined(separator: ","), "profile": profile]
                             .merging(judged.isEmpty ? [:] : ["judged": judged.map(\.rawValue).joined(separator: ",")]) { a, _ in a },
                   records: ["overrides": Dictionary(uniqueKeysWithValues: overrides.map { ($0.key.rawValue, $0.value) })],
                   verdicts: verdicts)
    }

    /// What happened, and who hears: the requesting side; for a new briefing each other group of its own offer; the
    /// session's officers and attendees (a join's were invited as it was joined); a named nominee's senior officer.
    public func events(_ applied: Approval.Applied, in c: Council) -> [DeskEvent] {
        let r = request, p = r.proposal
        if r.kind == .material {
            // Released material is published as it was attached: the officer hears; a written report's readers too.
            let released: [DeskEvent] = [.materialReleased(request: r.ref, briefing: applied.briefing, officer: r.requester, matter: p.matter.title,
                                                           tell: [r.requester])]
            let readers = c.leaders(of: applied.readers)
            return released + (p.isWrittenReport && !readers.isEmpty
                ? [.reportReady(briefing: applied.briefing, officer: r.requester, title: p.matter.title, tell: readers)] : [])
        }
        let offers = applied.offers.map(DeskEvent.offerMade)
        if p.isWrittenReport {
            return offers + [.reportCommissioned(.init(
                request: r.ref, briefing: applied.briefing, matter: p.matter.title, officers: p.officers.map(\.officer),
                wantedBy: LocalDate(p.segmentStart), lateExplanation: delayExplanation, requesterSide: r.requesterSide(c),
                authors: p.officers.flatMap { [$0.officer, $0.nominatedBy].compactMap { $0 } }))]
        }
        let session = applied.session ?? ""
        var events = offers + [.requestApproved(.init(request: r, session: session, overridden: overrides.keys.sorted { $0.rawValue < $1.rawValue },
                                                       lateExplanation: delayExplanation, to: r.requesterSide(c)))]
        switch r.kind {
        case .request, .acceptance: events.append(.sessionInvited(.init(session: session, request: r.ref, why: .agreed)))
        case .join: break
        case .reschedule: events.append(.sessionInvited(.init(session: session, request: r.ref, why: .moved(group: r.group))))
        case .material: break
        case .nomination:
            // The representative is invited only now (`approval`): no officer attends without the approver's agreement.
            events.append(.sessionInvited(.init(session: session, request: r.ref,
                                                why: .nominationAgreed(officer: r.requester, representative: r.representative ?? ""))))
        }
        // A booked session asks each nominee's senior officer, a group's own request or its take-up alike (003 §7.9).
        if r.kind == .request || r.kind == .acceptance {
            events += DeskEvent.nomineesNamed(session: session, matter: p.matter.title, start: p.meetingStart, group: r.group, p.officers)
        }
        return events
    }
}

extension BriefingRequest {
    /// What people see as its kind: `written-report` for a request for a written report (`001 §4.10`), else the kind.
    public var kindName: String { kind == .request && proposal.isWrittenReport ? Transition.writtenReport.rawValue : kind.rawValue }
}

/// One entry of the audit trail as a step plans it; the store chains and stores it.
public struct AuditEntry: Sendable, Hashable {
    public var actor: String
    public var role: String
    public var action: String
    public var subject: String
    public var details: [String: String]
    /// Details that are themselves maps (an approval's overrides), stored as JSON text under their key.
    public var records: [String: [String: String]]
    public var verdicts: [Verdict]

    public init(actor: String, role: String, action: String, subject: String, details: [String: String] = [:],
                records: [String: [String: String]] = [:], verdicts: [Verdict] = []) {
        self.actor = actor; self.role = role; self.action = action; self.subject = subject; self.details = details
        self.records = records; self.verdicts = verdicts
    }
}
