/// A council's policy: which protocol it follows and where it differs from the `model` default.
/// The profiles are RULES.md's "Where the five councils differ" table; a council may override any setting.
public struct PolicyProfile: Sendable, Hashable {
    /// `model`, `000` … `004`: the protocol file a profile follows.
    public var name: String
    public var description: String
    /// Who agrees officer attendance: "Chief Executive", or "Proper Officer (Clerk)" in a town council.
    public var approverTitle: String
    public var approverClauses: [String]
    /// Severity of each rule when it fails.
    public var severities: [RuleID: Severity]
    /// Clauses cited for a rule where this protocol's own text differs from the catalogue's.
    public var clauseOverrides: [RuleID: [String]]
    public var acknowledgeWorkingDays: Int
    public var respondWorkingDays: Int
    public var jointBriefingsPreferred: Bool
    public var budgetEmbargo: Bool
    /// Whether Assistant Directors count as senior officers (`001` footnote 2: "where the council says so").
    public var assistantDirectorsAreSenior: Bool
    /// Minutes kept free in a council room between two bookings.
    public var roomBufferMinutes: Int
    /// Days a cancelled session stays in feeds as `STATUS:CANCELLED`.
    public var cancelledRetentionDays: Int
    /// How often calendar apps should poll a feed.
    public var feedRefreshMinutes: Int
    /// Whether the deputy approver decides at any time (a council that delegates), not only while the
    /// approver is recorded as away (RULES.md "Words": approver).
    public var deputyActsAnyTime: Bool = false
    /// Working days a group has to answer an offer before it lapses (RULES.md "Offers").
    public var offerAnswerWorkingDays: Int = 10
    /// Whether an open offer shows in its group's calendar feed, as an all-day note on the day it must be answered by
    /// (never as a timed meeting: nobody booked that time). False: offers stay on the desk and in email only.
    public var openOffersInFeeds: Bool = true
    /// Requests and changes one person may submit in a day (`Quota`).
    public var requestsPerPersonPerDay: Int = 50
    /// Requests and changes one group may have waiting for the approver at once (`Quota`).
    public var pendingRequestsPerGroup: Int = 200
    /// An acknowledgement that explains what is happening, sent within the acknowledgement time, meets the response
    /// deadline (`000 §17.8.2`: "either a full response or … an acknowledgement that fully explains what is happening").
    public var acknowledgementMeetsDeadline: Bool = false
    /// A decision after the response time must say why it is late, what is being done and when (`004 §6.5.8`).
    public var lateAnswerNeedsExplanation: Bool = false
    /// A Director agrees attendance of officers in their own line; what they would have to override, or an officer
    /// flags as unreasonable, goes to the Chief Executive (`001 §4.10`, `§4.13`: "the Chief Executive or relevant Director").
    public var directorsAgree: Bool = false
    /// Every councillor may ask for a briefing for their own group, not only its leader (`002`: every councillor has the
    /// same rights); where not, a group's assistant asks only for a member who could ask themself (`001 §4.9`).
    public var everyCouncillorRequests: Bool = false
    /// Only senior officers (or a senior officer's nominee) attend (`senior-officer`). Not under `002`, where the Proper
    /// Officer (Clerk) chooses which officer attends: their approval is that choice.
    public var seniorOfficersOnly: Bool = true
    /// An approved briefing is offered to every other political group (`equal-offer`). Not under `004`, whose briefings
    /// are "private and confidential" (`§10.1`) with no equal-offer clause: there no offer is made unless the council
    /// turns offers on; the parity report still counts each group's briefings.
    public var offersToOtherGroups: Bool = true
    /// Working days the session's officers have to verify a group's record before the group may finalise it without
    /// them (`record-verification`, `003 §7.10`: "given the opportunity of verifying").
    public var recordVerificationWorkingDays: Int = 5
    /// How far ahead a linked meeting or decision may be and still be "currently or shortly" before the council
    /// (`council-business`, `000 §17.16.4`: "currently or shortly"): in months from the briefing; one later is referred.
    public var meetingHorizonMonths: Int = 6

    public func severity(_ rule: RuleID) -> Severity {
        severities[rule] ?? RuleCatalogue.definition(rule).defaultSeverity
    }

    /// Under a council's own profile (`000` … `004`), only that council's protocol is cited (issue 25, "each council's
    /// protocol exactly"): the rule's clauses from it, else the clauses its conformance statement holds the rule to;
    /// the model profile, which reads all five, cites them all.
    public func clauses(_ rule: RuleID) -> [String] {
        if let own = clauseOverrides[rule] { return own }
        let all = RuleCatalogue.definition(rule).clauses
        guard Conformance.councils.contains(name) else { return all }
        let mine = all.filter { $0.hasPrefix(name + " ") }
        if !mine.isEmpty { return mine }
        let stated = Conformance.clauses(of: name).filter { $0.rules.contains(rule) }.map(\.citation)
        let unique = stated.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return unique.isEmpty ? all : unique
    }
}

extension PolicyProfile {
    /// The defaults every profile starts from (RULES.md's `model` column).
    public static let model = PolicyProfile(
        name: "model",
        description: "Model default: the strictest common reading of the five protocols",
        approverTitle: "Chief Executive",
        approverClauses: ["000 §17.16.3", "004 §10.2"],
        severities: Dictionary(uniqueKeysWithValues: RuleCatalogue.all.map { ($0.id, $0.defaultSeverity) }),
        clauseOverrides: [:],
        acknowledgeWorkingDays: 2,
        respondWorkingDays: 10,
        jointBriefingsPreferred: false,
        budgetEmbargo: true,
        assistantDirectorsAreSenior: true,
        roomBufferMinutes: 15,
        cancelledRetentionDays: 14,
        feedRefreshMinutes: 60
    )

    /// A district council, Constitution Section 17.
    public static let p000: PolicyProfile = {
        var p = model
        p.name = "000"
        p.description = "District council, Constitution Section 17 (000)"
        p.approverClauses = ["000 §17.16.3"]
        p.severities[.seniorOfficer] = .refer
        p.clauseOverrides[.seniorOfficer] = ["000 §17.16.3 (\"usually\")"]
        p.clauseOverrides[.membersOnly] = ["000 §17.16.6"]
        p.clauseOverrides[.venue] = ["000 §17.16.5"]
        p.acknowledgeWorkingDays = 5
        p.respondWorkingDays = 5
        p.clauseOverrides[.responseTime] = ["000 §17.8.2"]
        p.acknowledgementMeetsDeadline = true
        return p
    }()

    /// London Borough of Haringey (draft protocol).
    public static let p001: PolicyProfile = {
        var p = model
        p.name = "001"
        p.description = "London Borough of Haringey, draft protocol (001)"
        p.approverTitle = "Chief Executive or the relevant Director"
        p.approverClauses = ["001 §4.10", "001 §4.13"]
        p.directorsAgree = true
        p.clauseOverrides[.membersOnly] = ["001 §4.15"]
        p.clauseOverrides[.seniorOfficer] = ["001 §4.14"]
        p.jointBriefingsPreferred = true
        p.clauseOverrides[.equalOffer] = ["001 §4.12", "001 §4.15"]
        return p
    }()

    /// Camborne Town Council (model protocol): the Proper Officer (Clerk) is head of paid service.
    public static let p002: PolicyProfile = {
        var p = model
        p.name = "002"
        p.description = "Camborne Town Council, model protocol (002)"
        p.approverTitle = "Proper Officer (Clerk)"
        p.approverClauses = ["002 (\"Some general principles\")"]
        p.everyCouncillorRequests = true
        p.clauseOverrides[.requester] = ["002 (\"same rights\")"]
        p.seniorOfficersOnly = false
        p.clauseOverrides[.seniorOfficer] = ["002 (\"Some general principles\")"]
        return p
    }()

    /// Leeds City Council.
    public static let p003: PolicyProfile = {
        var p = model
        p.name = "003"
        p.description = "Leeds City Council (003)"
        p.approverClauses = ["003 §7.15"]
        p.severities[.membersOnly] = .refer
        p.clauseOverrides[.membersOnly] = ["003 §7.5", "003 §7.6 (\"normally not\")"]
        p.clauseOverrides[.venue] = ["003 §19.2"]
        p.clauseOverrides[.seniorOfficer] = ["003 §7.9"]
        return p
    }()

    /// Wiltshire Council, Protocol 1.
    public static let p004: PolicyProfile = {
        var p = model
        p.name = "004"
        p.description = "Wiltshire Council, Protocol 1 (004)"
        p.approverClauses = ["004 §10.2"]
        p.severities[.membersOnly] = .refer
        p.clauseOverrides[.membersOnly] = ["004 §10.5 (\"may be declined\")"]
        p.severities[.venue] = .refer
        p.clauseOverrides[.venue] = ["004 §10.5 (\"may be declined\"); party premises always block"]
        p.clauseOverrides[.responseTime] = ["004 §6.5.8"]
        p.lateAnswerNeedsExplanation = true
        p.offersToOtherGroups = false
        p.clauseOverrides[.equalOffer] = ["004 §10.1 (\"private and confidential\": no offer unless the council turns offers on)"]
        return p
    }()

    public static let all: [PolicyProfile] = [model, p000, p001, p002, p003, p004]

    public static func named(_ name: String) -> PolicyProfile? {
        all.first { $0.name == name }
    }
}
