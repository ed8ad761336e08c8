import Foundation

/// An approved briefing, offered to every group (`equal-offer`): its officers attach its material (`advice-limits`),
/// the requesting group releases a confidential budget discussion (`003 §7.13`), and the approver closes it once every
/// offer is answered.
public struct Briefing: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case open, closed
    }

    public var id: Int64
    /// The group whose request it came from.
    public var origin: String
    public var title: String
    /// The officers named on it, with any nominating senior officer.
    public var officers: [OfficerAttendance]
    public var status: Status
    public var writtenReport: Bool
    public var budget: Bool
    public var released: Bool

    public init(id: Int64, origin: String, title: String, officers: [OfficerAttendance], status: Status, writtenReport: Bool,
                budget: Bool, released: Bool) {
        self.id = id; self.origin = origin; self.title = title; self.officers = officers; self.status = status
        self.writtenReport = writtenReport; self.budget = budget; self.released = released
    }

    public var ref: String { Reference.format("BR", id) }

    /// What a step on the briefing writes to the audit trail and who hears.
    public struct Plan: Sendable {
        public var audit: AuditEntry
        public var events: [DeskEvent]
    }

    /// One of the briefing's officers (or an officer invited to one of its sessions, `invited`) attaches its material,
    /// shared by every session (`officer-consistency`) and judged against `advice-limits`. Material the rule warns about
    /// is held: no group reads it, and nobody is told it is ready, until the approver releases it from the queue (issue 23
    /// item 8; `Attachment.held`). A commissioned written report that is not held is then ready: the leaders of `groups`
    /// (those that asked for it or took it up) and the officer hear.
    ///
    /// A budget briefing's discussions are each group's own (`003 §7.13`, `confidentiality`), and so is their material:
    /// it is for the one group `group` names, which must be among `discussions` (the requesting group and each group that
    /// took up a discussion of its own). Any other briefing's material is shared, whichever group's session it came from.
    /// `file`: a PDF or Word file attached with the text (which may then be empty), held for the approver where the
    /// rule, which cannot read it, warns.
    public func attach(material text: String, file: MaterialFile? = nil, by officer: String, invited: Bool, groups: [String], for group: String? = nil,
                       discussions: [String] = [], in c: Council) -> Result<Attachment, Refusal> {
        Result { () throws(Refusal) in
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && file == nil {
                throw Refusal(.invalid, "the material is empty", remedy: .advice("Give a file with the briefing's facts and options."))
            }
            _ = try Decider.roles(officer, in: c)
            guard officers.flatMap({ [$0.officer, $0.nominatedBy].compactMap { $0 } }).contains(officer) || invited else {
                throw Refusal(.forbidden, "\(c.name(officer)) is not an officer on \(ref)", remedy: .advice("The briefing's own officers attach its material."))
            }
            let discussion = try budgetDiscussion(group, among: discussions, in: c)
            let v = AdviceLimits.verdict(material: text, file: file, profile: c.profile)
            try Decider.enforce([v], overrides: [:], what: "the material", approverCanOverride: false)
            return Attachment(briefing: self, officer: officer, verdict: v, discussion: discussion, characters: text.count, file: file,
                              readers: c.leaders(of: groups))
        }
    }

    /// Material attached and judged: published at once, or held for the approver where a rule warns about it.
    public struct Attachment: Sendable {
        public var briefing: Briefing
        public var officer: String
        /// The `advice-limits` verdict.
        public var verdict: Verdict
        /// The group whose own budget discussion it is for (`003 §7.13`); nil for material every session shares.
        public var discussion: String?
        public var characters: Int
        /// A PDF or Word file attached with it.
        public var file: MaterialFile?
        /// The leaders of the groups that asked for it or took it up: a written report's readers.
        public var readers: [String]

        /// Whether it waits for the approver (a queue item of its own, `RequestKind.material`): a rule warns about it.
        /// A rule that blocks refused it already; one only recorded (`info`) never holds anything.
        public var held: Bool { !verdict.passed && verdict.severity >= .warn }

        /// What it writes and who hears: `request`, the queue item when it is held; `deciders`, who decides it (told
        /// with the officer that it waits). Material published at once tells a written report's readers it is ready.
        public func plan(request: String? = nil, deciders: [String] = []) -> Plan {
            let ref = briefing.ref
            var details = ["characters": "\(characters)"]
            if let discussion { details["group"] = discussion }
            if let file { details["file"] = file.name; details["fileBytes"] = "\(file.size)" }
            let events: [DeskEvent]
            if held, let request {
                details["held"] = request
                events = [.materialHeld(request: request, briefing: ref, officer: officer, matter: briefing.title, warned: [verdict.rule],
                                        tell: deciders + [officer])]
            } else {
                events = briefing.writtenReport ? [.reportReady(briefing: ref, officer: officer, title: briefing.title, tell: readers + [officer])] : []
            }
            return Plan(audit: AuditEntry(actor: officer, role: Role.officer.auditName, action: "briefing.material", subject: ref,
                                          details: details, verdicts: [verdict]), events: events)
        }
    }

    /// The group whose own budget discussion material is for (nil for a briefing whose material every session shares), or
    /// the refusal: a budget briefing's material names one group that has a discussion of it (`003 §7.13`).
    func budgetDiscussion(_ group: String?, among discussions: [String], in c: Council) throws(Refusal) -> String? {
        guard budget else { return nil }
        let clauses = c.profile.clauses(.confidentiality)
        guard let group else {
            throw Refusal(.invalid, rule: .confidentiality, clauses: clauses,
                          "\(ref) is a budget briefing: each group's discussion, and its material, is its own, so the material must say whose discussion it is for",
                          remedy: .nameBudgetDiscussion(briefing: ref, groups: discussions))
        }
        guard discussions.contains(group) else {
            throw Refusal(.conflict, rule: .confidentiality, clauses: clauses,
                          "\(c.name(group)) has no budget discussion of \(ref) of its own (its offer is not taken up), so no material of it",
                          remedy: .nameBudgetDiscussion(briefing: ref, groups: discussions))
        }
        return group
    }

    /// The requesting group's leader releases its budget discussion: the other groups see what it was about from now on.
    /// Nil when it was released already (nothing to do).
    public func release(by actor: String, in c: Council) -> Result<Plan?, Refusal> {
        Result { () throws(Refusal) in
            guard c.roster.roles(of: actor).contains(.groupLeader(group: origin)) else {
                _ = try Decider.roles(actor, in: c)
                throw Refusal(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                              "only the leader of \(c.name(origin)), whose budget discussion it is, may release \(ref)",
                              remedy: .advice("Ask the leader of \(c.name(origin))."))
            }
            guard budget else {
                throw Refusal(.conflict, "\(ref) is not a budget briefing; every group already sees it", remedy: .advice("Nothing to release."))
            }
            if released { return nil }
            return Plan(audit: AuditEntry(actor: actor, role: Role.groupLeader(group: origin).auditName, action: "briefing.release", subject: ref), events: [])
        }
    }

    /// The approver closes the briefing once every group's offer is answered (`equal-offer`); `unanswered` are its offers
    /// still open or waiting. Those past their answer-by date lapsed on their own and are recorded so as it closes.
    public func close(by actor: String, unanswered: [Offer], in c: Council,
                      presence: Decider.ApproverPresence) -> Result<(lapsed: [Offer], plan: Plan), Refusal> {
        Result { () throws(Refusal) in
            let role = try Decider.approverRole(actor, in: c, presence: presence)
            try OfferAnswer.requireOpenBriefing(ref, closed: status == .closed)
            let open = unanswered.filter { $0.status(on: presence.day) != .lapsed }.map { "\($0.ref) (\($0.group))" }
            if !open.isEmpty {
                throw Refusal(.refused, rule: .equalOffer, clauses: c.profile.clauses(.equalOffer),
                              "\(ref) still has open offers: \(open.joined(separator: ", "))", remedy: .waitOrLapse)
            }
            return (unanswered.filter { $0.status(on: presence.day) == .lapsed },
                    Plan(audit: AuditEntry(actor: actor, role: role, action: "briefing.close", subject: ref), events: []))
        }
    }
}
