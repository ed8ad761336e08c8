import Foundation

/// Who decides a request (RULES.md, "decide"): the approver; the deputy while the approver is recorded as away (or always,
/// where the council sets `deputyActsAnyTime`); where the council lets Directors agree (`001 §4.10`, `§4.13`), a Director
/// for a request whose officers all work in their line, unless a rule would need overriding or an officer flagged it.
public enum Decider {

    /// Whether the approver is recorded as away on the day a step is taken.
    public struct ApproverPresence: Sendable, Hashable {
        public var away: Bool
        public var day: LocalDate
        public init(away: Bool, on day: LocalDate) { self.away = away; self.day = day }
    }

    /// The roles of someone acting, or the refusal for someone not on the roster.
    public static func roles(_ id: String, in c: Council) throws(Refusal) -> [Role] {
        let roles = c.roster.roles(of: id)
        if roles.isEmpty {
            throw Refusal(.notFound, "no one with id '\(id)' is on the roster", remedy: .actAsRosterPerson)
        }
        return roles
    }

    /// Whether the deputy may decide now: the council delegates, or the approver is recorded as away today.
    public static func deputyActs(_ c: Council, presence: ApproverPresence) -> Bool {
        c.profile.deputyActsAnyTime || presence.away
    }

    /// Who decides a request now, and hears of it: the approver, and the deputy while they decide.
    public static func deciders(_ c: Council, presence: ApproverPresence) -> [String] {
        [c.roster.approver] + (deputyActs(c, presence: presence) ? [c.roster.deputyApprover].compactMap { $0 } : [])
    }

    /// The approver role someone decides in (its audit name), or a refusal citing `approval`.
    public static func approverRole(_ id: String, in c: Council, presence: ApproverPresence) throws(Refusal) -> String {
        let roles = try roles(id, in: c)
        if roles.contains(.approver) { return Role.approver.auditName }
        let title = c.profile.approverTitle
        if roles.contains(.deputyApprover) {
            if deputyActs(c, presence: presence) { return Role.deputyApprover.auditName }
            throw Refusal(.forbidden, rule: .approval, clauses: c.profile.approverClauses,
                          "\(c.name(id)) is the deputy, and the \(title) (\(c.name(c.roster.approver))) is not recorded as away on \(presence.day); the deputy decides only while they are",
                          remedy: .askApproverOrRecordAbsence(approverTitle: title))
        }
        throw Refusal(.forbidden, rule: .approval, clauses: c.profile.approverClauses,
                      "\(c.name(id)) is not the \(title) or their deputy; only they can agree officer attendance",
                      remedy: .advice("Ask the \(title) (\(c.name(c.roster.approver))) to act on the queue."))
    }

    /// Whether the person acts as the approver at this moment: the approver, or the deputy while acting.
    public static func actsAsApprover(_ id: String, in c: Council, presence: ApproverPresence) throws(Refusal) -> Bool {
        let roles = try roles(id, in: c)
        return roles.contains(.approver) || (roles.contains(.deputyApprover) && deputyActs(c, presence: presence))
    }

    /// Refuses, before anything about the request is looked at, someone who can decide no request at all.
    public static func requireDecider(_ id: String, in c: Council, presence: ApproverPresence) throws(Refusal) {
        if !c.decidesAsDirector(id) { _ = try approverRole(id, in: c, presence: presence) }
    }

    /// The audit role someone decides this request in, or the refusal: a Director decides only a request for officers
    /// in their own line that every rule passes and no officer flagged; anyone else must be the approver (or acting deputy).
    public static func role(_ id: String, deciding r: BriefingRequest, referred: [Verdict], in c: Council,
                            presence: ApproverPresence) throws(Refusal) -> String {
        guard c.decidesAsDirector(id), r.kind == .request, try !actsAsApprover(id, in: c, presence: presence) else {
            return try approverRole(id, in: c, presence: presence)
        }
        let named = r.proposal.officers.flatMap { [$0.officer, $0.nominatedBy].compactMap { $0 } }
        let outside = named.filter { !c.roster.inLine(of: id, officer: $0) }
        let ce = c.name(c.roster.approver)
        if !outside.isEmpty {
            throw Refusal(.forbidden, rule: .approval, clauses: c.profile.approverClauses,
                          "\(outside.map(c.name).joined(separator: ", ")) \(outside.count == 1 ? "is" : "are") not in the line of \(c.name(id)); a Director agrees only their own officers' attendance",
                          remedy: .advice("The Chief Executive (\(ce)) decides \(r.ref), or the Director those officers report to."))
        }
        if !referred.isEmpty {
            throw Refusal(.forbidden, rule: .approval, clauses: c.profile.approverClauses,
                          "\(r.ref) needs a rule overridden (\(referred.map(\.rule.rawValue).joined(separator: ", "))), which goes to the Chief Executive",
                          remedy: .advice("Leave it for the Chief Executive (\(ce)) in the queue; a Director agrees only requests every rule passes."))
        }
        if r.flagged {
            throw Refusal(.forbidden, rule: .approval, clauses: c.profile.approverClauses,
                          "an officer flagged \(r.ref) as unreasonable; that is for the Chief Executive to determine (001 §4.10)",
                          remedy: .advice("Leave it for the Chief Executive (\(ce)) in the queue."))
        }
        return Role.director.auditName
    }

    /// A request still waiting for a decision, or the refusal: none by that ref, or already decided.
    public static func pending(_ r: BriefingRequest?, ref: String, when: (Date) -> String) throws(Refusal) -> BriefingRequest {
        guard let r else { throw Refusal(.notFound, "no request \(ref)", remedy: .seeOpenRequests) }
        if r.status != .pending {
            let at = r.decided.map(when) ?? "earlier"
            throw Refusal(.conflict, rule: .approval, "\(r.ref) was already \(r.status.rawValue) (\(at)\(r.decidedBy.map { " by \($0)" } ?? ""))",
                          remedy: .seeRequest(ref: r.ref))
        }
        return r
    }

    /// A decision after the response time carries why it is late, what is being done and when; where the council's
    /// protocol requires it (`004 §6.5.8`) a late decision without one is refused. Returns the explanation to record.
    /// An explanation given must explain (a few words, not "."); one given earlier with the acknowledgement that set a
    /// later date (`Acknowledgement`) stands for a decision by that date.
    public static func lateness(_ r: BriefingRequest, explanation: String?, in c: Council, days: WorkingDays, at: Date) throws(Refusal) -> String? {
        let given = explanation?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == false ? explanation : nil
        if let given {
            try requireExplanation(given, rule: .responseTime, clauses: c.profile.clauses(.responseTime),
                                   what: "an explanation of delay needs to say why it is late, what is being done and when", remedy: .explainDelay)
        }
        guard c.profile.lateAnswerNeedsExplanation, given == nil, r.kind == .request else { return given }
        let clock = r.clock(now: at, profile: c.profile, days: days)
        guard clock.workingDaysWaiting > c.profile.respondWorkingDays || clock.replyByMissed else { return nil }
        if let earlier = r.replyByReason, !clock.replyByMissed { return earlier }
        throw Refusal(.refused, rule: .responseTime, clauses: c.profile.clauses(.responseTime),
                      "\(r.ref) is answered late: a decision was due by \(clock.respondBy), and the requester must be told why",
                      remedy: .explainDelay)
    }

    /// Refuses a message that must explain something but says nothing: fewer than three words with letters in them
    /// ("." or "ok" is not an explanation to a councillor, `000 §17.8.2` "fully explains").
    public static func requireExplanation(_ text: String, rule: RuleID, clauses: [String], what: String, remedy: Remedy) throws(Refusal) {
        let words = text.split(whereSeparator: { $0.isWhitespace }).filter { $0.contains(where: \.isLetter) }
        if words.count < 3 {
            let said = text.trimmingCharacters(in: .whitespacesAndNewlines)
            throw Refusal(.invalid, rule: rule, clauses: clauses, what + (said.isEmpty ? "" : " (“\(said)” does not)"), remedy: remedy)
        }
    }

    /// Refuses a step that must give a reason (it is recorded in the audit trail) without one.
    public static func requireReason(_ reason: String, for what: String) throws(Refusal) {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw Refusal(.invalid, "\(what) needs a reason", remedy: .giveReason)
        }
    }

    /// As `enforce(_:overrides:what:)`; where only the approver could record a referred rule's reason
    /// (`approverCanOverride` false), the refusal says the step goes to their queue.
    public static func enforce(_ verdicts: [Verdict], overrides: [RuleID: String], what: String, approverCanOverride: Bool) throws(Refusal) {
        do { try enforce(verdicts, overrides: overrides, what: what) } catch {
            var refusal = error
            if !approverCanOverride, case .recordOverrides = refusal.remedy { refusal.remedy = .approverAgrees }
            throw refusal
        }
    }

    /// Refuses on any `block`, on an override of a rule that does not refer, and on any `refer` without a recorded reason.
    public static func enforce(_ verdicts: [Verdict], overrides: [RuleID: String], what: String) throws(Refusal) {
        if !verdicts.blocking.isEmpty { throw Refusal.refused(verdicts, failing: verdicts.blocking, what: what) }
        let referred = verdicts.referred
        for rule in overrides.keys.sorted(by: { $0.rawValue < $1.rawValue }) where !referred.contains(where: { $0.rule == rule }) {
            throw Refusal(.invalid, rule: rule, "rule \(rule.rawValue) has nothing to override here", remedy: .overrideOnly(referred.map(\.rule)))
        }
        let missing = referred.filter { (overrides[$0.rule] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        if !missing.isEmpty {
            var refusal = Refusal.refused(verdicts, failing: missing, what: what)
            refusal.remedy = .recordOverrides(missing.map(\.rule))
            throw refusal
        }
    }
}

/// What the approver's decisions on a request read.
public struct DecisionState: Sendable {
    public var council: Council
    /// The request as stored; nil when there is none by `ref`.
    public var request: BriefingRequest?
    /// The ref as asked for, canonical (`RQ-0007`).
    public var ref: String
    public var presence: Decider.ApproverPresence
    public var days: WorkingDays
    public var now: Date

    public init(council: Council, request: BriefingRequest?, ref: String, presence: Decider.ApproverPresence, days: WorkingDays, now: Date) {
        self.council = council; self.request = request; self.ref = ref; self.presence = presence; self.days = days; self.now = now
    }
}
