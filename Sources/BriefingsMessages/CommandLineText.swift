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
            "Ask the \(title) to decide; if they are away, they or an administrator record it first: `briefings approver away --from YYYY-MM-DD --until YYYY-MM-DD`."
        case .approverOrAdministratorRecordsAbsence(let title):
            "Ask the \(title) or an administrator to record the absence themself with `briefings approver away --from YYYY-MM-DD --until YYYY-MM-DD`; a deputy never records it, or they would authorise themself."
        case .nameGroup: "Give the group you ask for with --group; only councillors and groups' leaders or assistants request briefings."
        case .oneGroup: "Give one --group; other groups are offered the briefing after approval."
        case .giveAcknowledgement: "Add --message \"…\": a sentence or two on what is happening (000 §17.8.2), and --reply-by YYYY-MM-DD."
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
        case .giveReplyBy(let respondBy):
            "Add --reply-by YYYY-MM-DD: today or later, by \(respondBy) (the response date) unless --reason says why it must be later."
        case .explainReplyBy(let respondBy):
            "Add --reason \"why the answer will be later\" (it goes to the requester), or give a --reply-by date by \(respondBy)."
        case .recordOverrides(let rules): "Record why each is acceptable: " + rules.map { "--override \($0.rawValue)=\"reason\"" }.joined(separator: " ")
        case .confirmJudged(let request, let rules):
            judged(request, rules)
        case .overrideOnly(let rules): "Override only the rules shown as [refer]: \(rules.map(\.rawValue).joined(separator: ", "))."
        case .seeList(let list): listed(list)
        case .setUp(let rosterToo):
            rosterToo ? "Run `briefings init --profile NAME` and `briefings roster import FILE` first." : "Run `briefings init --profile NAME` first."
        case .useRosterID(let entry, let known):
            "Use \(entry == .officer ? "an" : "a") \(entry == .member ? "member" : entry.rawValue) id from `briefings roster show`"
                + (known.isEmpty ? "" : ": " + known.joined(separator: ", ")) + (entry == .room ? ", or --virtual LINK." : ".")
        case .giveSessionOrJoin(let offer):
            "Give your own session's --start and venue, or a joint session to --join (`briefings offer slots \(offer)` suggests free times)."
        case .joinListedOrPropose: "Join a session listed under the offer's joint sessions, or propose your own time with `briefings offer accept`."
        case .waitOrLapse: "Wait for each group's answer, or record an unanswered offer as lapsed with `briefings offer lapse`."
        case .seeOwnSessions(let officer): "`briefings session list --as \(officer)` shows your sessions."
        case .officersSeeSessions: "Offers are answered by group leaders; officers see their sessions with `briefings session list`."
        case .onlyNamedSeniorConfirms(let session):
            "Only the senior officer the group named confirms a nominee; `briefings session show \(session)` shows who that is."
        case .awaitEndorsement(let senior):
            "Wait for \(senior) to endorse you (`briefings officer endorse`); you are sent the invitation then, and answer it with `briefings officer confirm`."
        case .awaitDecision(let request, let title):
            "Wait for the \(title)'s decision on \(request) (`briefings request show \(request)`); you are sent the invitation if they agree."
        case .takeUpOfferFirst: "Take up the offer of it made to you or your group first (`briefings offer list`)."
        case .nameBudgetDiscussion(let briefing, let groups):
            "Add --group GROUP, the group whose own budget discussion of \(briefing) the material is for"
                + (groups.isEmpty ? "." : ": " + groups.joined(separator: ", ") + ".")
        case .seeOwnGroupsBusiness: "You can see your own group's requests and the offers made to it (`briefings offer list`)."
        case .noPasswordToRemove(let person): "Nothing to do; `briefings person password --for \(person)` sets one."
        case .onlyInvitedOfficerProposes: "Only an officer invited to a session proposes another time for it; `briefings session list` shows yours."
        case .alreadyHandedToMail:
            "Nothing to retry; if it never arrived, look in the mail system's own log (e.g. `journalctl -u postfix`) for its Message-ID, shown by `briefings outbox list --json`."
        case .waitForDeliverer: "Wait for it; if that deliverer was stopped, the next `briefings outbox deliver` takes it back."
        case .giveField(let field): give(field)
        case .correctField(let field, let problem): correct(field, problem)
        case .declarePremises:
            "Add --party-premises or --other-premises (over the API, \"partyPremises\": true or false), or meet in a council room (--room) or virtually (--virtual)."
        case .attendeesByRosterID: "List attendees by roster id; name anyone else with --guest \"NAME\" (the members-only rule will then apply)."
        case .actAsOfficer: "Officers answer their own invitations with --as OFFICER."
        case .useAnotherDatabase: "Use another --database path, or import a roster into this one."
        case .giveMeetingOrReport:
            "Give the meeting's start and venue (--start with --room, --virtual or --premises; over the API a \"session\"), or ask for a written report instead (--written-report --report-due YYYY-MM-DD; \"writtenReport\": true with \"reportDue\")."
        case .reportDueWithoutReport: "Add --written-report, or leave out --report-due."
        case .reportWithMeeting: "Leave out --start, the venue and the attendees, or ask for officers to attend without --written-report."
        case .budgetNotReport: "Ask for officers to attend your group's budget discussions (leave out --written-report), or ask for a report that is not --budget."
        }
    }

    /// An input's option on the command line.
    static func option(_ field: InputField) -> String {
        switch field {
        case .matter: "--matter"
        case .duration: "--duration"
        case .segment: "--segment"
        case .reportDue: "--report-due"
        case .venue: "--room, --virtual or --premises"
        case .from: "--from"
        case .until: "--until"
        case .text: "--text"
        case .area: "--area"
        case .officers: "--officer"
        case .onBehalfOf: "--on-behalf-of"
        case .meetingDay, .meetingTime: "--start"
        case .segmentStart: "--segment-start"
        case .room: "--room"
        case .link: "--virtual"
        case .premises: "--premises"
        case .premisesKind: "--party-premises or --other-premises"
        case .nominee, .nominator: "--nominee OFFICER=SENIOR"
        case .material: "--file"
        case .replyBy: "--reply-by"
        }
    }

    /// A missing input, as the command line asks for it.
    static func give(_ field: InputField) -> String {
        switch field {
        case .matter: "Give the matter with --matter \"…\"."
        case .text: "Give the record's text with --text \"…\"."
        case .reportDue: "Add --report-due YYYY-MM-DD (before the meeting that will consider the matter)."
        case .venue: "Give exactly one of a council room (--room), a virtual link (--virtual) or other premises (--premises)."
        case .duration, .segment, .from, .until, .area, .officers, .onBehalfOf, .meetingDay, .meetingTime, .segmentStart, .room, .link,
             .premises, .premisesKind, .nominee, .nominator, .material, .replyBy: "Add \(option(field))."
        }
    }

    /// An input to correct, as the command line says it.
    static func correct(_ field: InputField, _ problem: FieldProblem) -> String {
        switch (field, problem) {
        case (.duration, .notPositive): "Give a positive --duration or a later end."
        case (.segment, .notPositive): "Give a positive --segment length."
        case (.reportDue, .past): "Give a --report-due date in the future."
        case (.until, .beforeStart): "Give --until on or after --from."
        case (_, .notPositive): "Give a positive \(option(field))."
        case (_, .past): "Give a \(option(field)) in the future."
        case (_, .tooLong), (_, .beforeStart), (_, .unreadable): "Check \(option(field))."
        }
    }

    /// Where the command line lists what a person may see.
    static func listed(_ list: Listing) -> String {
        switch list {
        case .openRequests: "Check the id; `briefings queue` lists the open ones."
        case .sessions: "`briefings session list` lists the sessions you can see."
        case .offers: "`briefings offer list` lists your group's offers."
        case .briefings: "`briefings briefing list` lists them."
        case .notes: "`briefings note list` lists the records you may see."
        case .tokens: "`briefings token list` shows the tokens and their ids."
        case .outbox: "`briefings outbox list` shows the messages and their ids."
        case .proposedTimes: "`briefings session show SE-…` lists a session's proposed times."
        }
    }

    /// What the approver who has not said they judged `rules` adds, or does instead.
    static func judged(_ request: String, _ rules: [RuleID]) -> String {
        let flags = rules.map { "--judged \($0.rawValue)" }.joined(separator: " ")
        let api = rules.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        return "Judge what the rules cannot, then say so: \(flags) (over the API, \"judged\": [\(api)]). "
            + "If you judge otherwise, decline it: `briefings decline \(request) --reason \"…\"`."
    }
}
