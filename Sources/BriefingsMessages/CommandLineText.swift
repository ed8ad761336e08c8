import BriefingsDomain

/// What the command line tells someone to do: its commands and options, never the domain's.
public enum CommandLineText {
    /// A refusal's remedy as the command line words it.
    public static func fix(_ remedy: Remedy) -> String {
        switch remedy {
        case .advice(let text): text
        case .actAsRosterPerson: "Act as a roster person: `briefings roster show` lists their ids."
        case .seeOpenRequests: "`briefings queue` lists the open requests."
        case .seeRequest(let ref): "Nothing to do; a decided request cannot be decided again. `briefings request show \(ref)` shows it."
        case .askApproverOrRecordAbsence(let title):
            "Ask the \(title) to decide, or record their absence first: `briefings approver away --from YYYY-MM-DD --until YYYY-MM-DD`."
        case .nameGroup: "Give the group you ask for with --group; only councillors and groups' leaders or assistants request briefings."
        case .oneGroup: "Give one --group; other groups are offered the briefing after approval."
        case .giveAcknowledgement: "Add --message \"…\": what happens next and when the requester will hear (000 §17.8.2)."
        case .seeOwnRequests: "Only the officers a request names may flag it; `briefings request list` shows yours."
        case .answerOwnOffers(let actor): "Answer the offers made to you: `briefings offer list --as \(actor)`."
        case .askLeaderOrNameMember: "Ask the group leader, or as the group's assistant add --on-behalf-of MEMBER."
        case .askForOwnBriefing(let title): "Ask the \(title) for a briefing of your own with `briefings request create`."
        case .seeOwnSession: "Its session is in `briefings session list`; the other groups answer their own offers."
        case .seeOffers: "`briefings offer list` lists them."
        case .seeOfferAnswer: "Nothing to do; `briefings offer list` shows its answer."
        case .takeUpWithoutSession(let offer): "Take it up without a time or venue: `briefings offer accept \(offer)`."
        case .withdrawInstead(let session):
            "To take your group out and leave the host group's meeting standing: `briefings session withdraw \(session) --reason \"…\"`."
        case .noOverrides(let title): "Leave out --override: a move a rule refers goes to the \(title)'s queue."
        case .approverAgrees: "These need the approver's agreement; the request goes to their queue."
        case .cancelOrMoveInstead(let session):
            "Cancel it with `briefings session cancel \(session) --reason \"…\"`, or move it with `session reschedule`."
        case .joinedGroupWithdraws: "The leader of a joined group (or its assistant, with --on-behalf-of MEMBER) withdraws that group."
        case .giveReason: "Add --reason \"…\"; it is recorded in the audit trail."
        case .explainDelay: "Add --explain-delay \"why it is late, what is being done and when\"; it goes to the requester with the decision."
        case .recordOverrides(let rules): "Record why each is acceptable: " + rules.map { "--override \($0.rawValue)=\"reason\"" }.joined(separator: " ")
        case .overrideOnly(let rules): "Override only the rules shown as [refer]: \(rules.map(\.rawValue).joined(separator: ", "))."
        }
    }
}
