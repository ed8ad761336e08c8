/// The steps of a briefing's life, who may take each, which rules judge it and who must agree it:
/// RULES.md's "Sessions and who agrees them" as data. `docs/workflow.md` prints this table, and a test
/// walks it against the desk, so the table, the documentation and the code cannot drift apart.
public enum Transition: String, Sendable, CaseIterable, Codable {
    case request
    /// A request for a written report instead of officers attending (`001 §4.10`), and another group's take-up of it.
    case writtenReport = "written-report"
    case takeUp = "take-up"
    case join
    case reschedule
    case withdraw
    case cancel
    case officerConfirm = "officer-confirm"
    case officerDecline = "officer-decline"
    case officerPropose = "officer-propose"
    case nominate
    case decide

    /// Who may take the step.
    public var whoMayAct: String {
        switch self {
        case .request: "the group leader (under 002 any councillor of the group), or the group's assistant for a named member who could ask themself"
        case .writtenReport: "as a request; the offered group's leader (or assistant for a named member who could ask) takes up another group's report"
        case .takeUp, .join: "the offered group's leader, or its assistant for a named member who could ask themself"
        case .reschedule: "the session's host group leader, or the approver"
        case .withdraw: "the leader of a group that joined a joint session"
        case .cancel: "the host group leader, or the approver"
        case .officerConfirm, .officerDecline, .officerPropose: "the invited officer"
        case .nominate: "the invited senior officer; a group's suggested nominee waits for the senior officer it names to confirm"
        case .decide: "the approver; the deputy while the approver is recorded as away (or always, with deputyActsAnyTime); under 001 (directorsAgree) a Director for a request whose officers are in their own line, unless a rule refers or an officer flagged it"
        }
    }

    /// The rules that judge the step. Proposal rules are judged for the group concerned by the person acting.
    public var judged: [RuleID] {
        switch self {
        case .request, .takeUp, .reschedule: RuleEngine.proposalRules
        // Nobody attends: the rules about the requester and the matter; its material is then judged by advice-limits.
        case .writtenReport: [.requester, .councilBusiness, .noIndividualMatter, .professionalRemit, .adviceLimits]
        case .join: [.membersOnly, .confidentiality, .workingHours, .noDoubleBooking]
        case .withdraw, .cancel, .decide, .officerConfirm, .officerPropose: []
        case .officerDecline: [.officerConsistency, .officerMayDecline]
        case .nominate: [.seniorOfficer, .professionalRemit, .workingHours, .noDoubleBooking]
        }
    }

    /// Who agrees it.
    public var agreedBy: String {
        switch self {
        case .request: "the approver, from the queue"
        case .writtenReport: "the approver, from the queue (approval commissions the report from the named officers); a take-up needs no further agreement"
        case .takeUp, .join, .reschedule, .nominate:
            "the briefing's approval when every rule passes; otherwise it waits in the approver's queue (tentative until agreed)"
        case .officerPropose: "the host group takes it (then judged as its reschedule) or refuses it"
        case .withdraw, .cancel, .officerConfirm, .officerDecline, .decide: "nobody further"
        }
    }

    /// Whether the step books or changes officers' attendance that must be covered by an approver's act.
    public var needsAgreement: Bool {
        switch self {
        case .request, .writtenReport, .takeUp, .join, .reschedule, .nominate: true
        default: false
        }
    }
}

extension Transition {
    /// The table of steps as Markdown: `docs/workflow.md` holds exactly this (a test compares them).
    public static var markdownTable: String {
        var lines = ["| step | who may act | rules judged | agreed by |", "|---|---|---|---|"]
        for t in allCases {
            let judged = t.judged.isEmpty ? "—" : t.judged.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            lines.append("| \(t.rawValue) | \(t.whoMayAct) | \(judged) | \(t.agreedBy) |")
        }
        return lines.joined(separator: "\n")
    }
}
