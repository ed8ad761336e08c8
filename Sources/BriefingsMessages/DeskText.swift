import BriefingsDomain

/// What the web desk tells someone to do: its forms' boxes, buttons and pages (the navigation's Queue, Requests,
/// Offers, Sessions), never a command or an option. The command line words the same remedies in `CommandLineText`.
public enum DeskText {
    /// A refusal's remedy as the desk words it.
    public static func fix(_ remedy: Remedy) -> String {
        switch remedy {
        case .advice(let text): text
        case .actAsRosterPerson: "Sign in as someone on the council's roster."
        case .seeOpenRequests: "The open requests are under Queue."
        case .seeRequest(let ref): "Nothing to do; a decided request cannot be decided again. \(ref) is under Requests."
        case .askApproverOrRecordAbsence(let title):
            "Ask the \(title) to decide, or ask them or an administrator to record their absence so the deputy may decide."
        case .approverOrAdministratorRecordsAbsence(let title):
            "Ask the \(title) or an administrator to record the absence; a deputy never records it, or they would authorise themself."
        case .nameGroup: "Choose the group you ask for; only councillors and groups' leaders or assistants request briefings."
        case .oneGroup: "Choose one group; other groups are offered the briefing after approval."
        case .giveAcknowledgement: "Fill in “Your message to the requester”: a sentence or two on what is happening (000 §17.8.2)."
        case .seeOwnRequests: "Only the officers a request names may flag it; yours are under Requests."
        case .answerOwnOffers: "Answer the offers made to you: they are under Offers."
        case .askLeaderOrNameMember: "Ask the group leader, or as the group's assistant choose the member in “On behalf of”."
        case .askForOwnBriefing(let title): "Ask the \(title) for a briefing of your own: Requests, then ask for a briefing."
        case .seeOwnSession: "Its session is under Sessions; the other groups answer their own offers."
        case .seeOffers: "Your group's offers are under Offers."
        case .seeOfferAnswer: "Nothing to do; its answer is shown under Offers."
        case .takeUpWithoutSession(let offer): "Take up \(offer) under Offers; a written report needs no time or venue."
        case .withdrawInstead(let session):
            "To take your group out and leave the host group's meeting standing, withdraw your group from \(session), with your reason."
        case .noOverrides(let title): "Leave the reasons for rules empty: a move a rule refers goes to the \(title)'s queue."
        case .approverAgrees: "These need the approver's agreement; the request goes to their queue."
        case .cancelOrMoveInstead(let session): "Cancel \(session) with your reason, or move it to another time."
        case .joinedGroupWithdraws: "The leader of a joined group (or its assistant, for a member they name) withdraws that group."
        case .giveReason: "Fill in your reason; it is recorded in the audit trail."
        case .explainDelay: "Fill in “Why the answer is late, what is being done and when”; it goes to the requester with the decision."
        case .giveReplyBy(let respondBy):
            "Fill in “They will hear by”: today or later, by \(Wording.longDay(respondBy)) (the response date) unless you say why it must be later."
        case .explainReplyBy(let respondBy):
            "Fill in “Why they will hear after the response date” (it goes to the requester), or give a date by \(Wording.longDay(respondBy))."
        case .recordOverrides(let rules):
            "Record why each is acceptable in its box: " + rules.map(\.rawValue).joined(separator: ", ") + "."
        case .confirmJudged(_, let rules):
            "Judge what the rules cannot, then tick the box for each under “What you judged”: " + rules.map(\.rawValue).joined(separator: ", ")
                + ". If you judge otherwise, decline it with your reason."
        case .overrideOnly(let rules): "Give reasons only for the rules shown as needing your reason: \(rules.map(\.rawValue).joined(separator: ", "))."
        case .seeList(let list): listed(list)
        case .setUp: "The desk is not set up yet: ask the council's administrator to create it and import its roster."
        case .useRosterID(let entry, _):
            switch entry {
            case .group: "Choose a group from the list."
            case .member: "Choose a council member from the list."
            case .officer: "Choose an officer from the list."
            case .room: "Choose a council room from the list, or meet online."
            }
        case .giveSessionOrJoin(let offer):
            "Give your own session's start and venue, or choose a joint session to join (\(offer) under Offers suggests free times)."
        case .joinListedOrPropose: "Join a session listed under the offer's joint sessions, or propose your own time under Offers."
        case .waitOrLapse: "Wait for each group's answer; an offer not answered by its date may be recorded as lapsed, with a reason, on the briefing's page under Briefings."
        case .seeOwnSessions: "Your sessions are under Invitations."
        case .officersSeeSessions: "Offers are answered by group leaders; officers see their sessions under Invitations."
        case .onlyNamedSeniorConfirms(let session):
            "Only the senior officer the group named confirms a nominee; \(session) under Sessions shows who that is."
        case .awaitEndorsement(let senior): "Wait for \(senior) to endorse you; the invitation then comes under Invitations."
        case .awaitDecision(let request, let title):
            "Wait for the \(title)'s decision on \(request); you are sent the invitation, under Invitations, if they agree."
        case .takeUpOfferFirst: "Take up the offer of it made to you or your group first: it is under Offers."
        case .nameBudgetDiscussion(let briefing, let groups):
            "Choose the group whose own budget discussion of \(briefing) it is for, on its page under Briefings"
                + (groups.isEmpty ? "." : " (" + groups.joined(separator: ", ") + ").")
        case .seeOwnGroupsBusiness: "You can see your own group's requests (under Requests) and the offers made to it (under Offers)."
        case .noPasswordToRemove(let person): "Nothing to do; an administrator may set a password for \(person)."
        case .onlyInvitedOfficerProposes: "Only an officer invited to a session proposes another time for it; yours are under Invitations."
        case .alreadyHandedToMail:
            "Nothing to retry; if it never arrived, ask the council's IT team to look in the mail system's own log for it."
        case .waitForDeliverer: "Wait for it; if that delivery was stopped, the next delivery takes it back."
        case .giveField(let field): give(field)
        case .correctField(let field, let problem): correct(field, problem)
        case .declarePremises:
            "Say whether the other premises are a political party's (never allowed) or other non-council premises, or meet in a council room or online."
        case .attendeesByRosterID: "Tick the council members who attend; name anyone else in “Anyone else” (the members-only rule will then apply)."
        case .actAsOfficer: "Officers answer their own invitations: sign in as the officer invited."
        case .useAnotherDatabase: "The desk is already set up; ask the council's administrator if its roster needs importing."
        case .giveMeetingOrReport: "Give the meeting's start and venue, or ask for a written report instead, with the date it is wanted by."
        case .reportDueWithoutReport: "Ask for a written report, or leave out the date a report is wanted by."
        case .reportWithMeeting: "Leave out the meeting's start, the venue and the attendees, or ask for officers to attend instead of a written report."
        case .budgetNotReport: "Ask for officers to attend your group's budget discussions instead of a written report, or ask for a report that is not a budget briefing."
        }
    }

    /// An input as the desk's forms label it: its box's label in quotes, or what it is where no box is labelled.
    static func label(_ field: InputField) -> String {
        switch field {
        case .matter: "“Matter”"
        case .duration: "“Meeting lasts”"
        case .segment: "“Officers' part lasts”"
        case .reportDue: "the date the report is wanted by"
        case .venue: "one venue: a council room, an online meeting link or other premises"
        case .from: "the first day of the absence"
        case .until: "the last day of the absence"
        case .text: "the record's text"
        case .area: "a service area"
        case .officers: "at least one officer"
        case .onBehalfOf: "the member you ask for"
        case .meetingDay: "the date of the meeting"
        case .meetingTime: "the time the meeting starts"
        case .segmentStart: "the time the officers' part starts"
        case .room: "a council room"
        case .link: "the online meeting link"
        case .premises: "the name and address of the other premises"
        case .premisesKind: "whether the other premises are a political party's"
        case .nominee: "the officer you name as a nominee"
        case .nominator: "the senior officer who nominates them"
        case .material: "the material"
        case .replyBy: "the date they will hear by"
        }
    }

    /// A missing input, as the desk asks for it.
    static func give(_ field: InputField) -> String {
        switch field {
        case .reportDue: "Give the date the report is wanted by (before the meeting that will consider the matter)."
        case .venue: "Choose \(label(field))."
        case .text: "Write the record's text in its box."
        case .area, .officers, .onBehalfOf, .room, .nominee, .nominator: "Choose \(label(field))."
        case .material: "Write the material in its box: the facts, the options and their merits."
        case .meetingDay, .meetingTime, .link, .premises: "Enter \(label(field))."
        case .premisesKind: "Say \(label(field)) (never allowed) or other non-council premises."
        default: "Fill in \(label(field))."
        }
    }

    /// An input to correct, as the desk says it.
    static func correct(_ field: InputField, _ problem: FieldProblem) -> String {
        switch problem {
        case .notPositive: field == .duration ? "Give \(label(field)) a positive length, or a later end." : "Give \(label(field)) a positive length."
        case .past: field == .reportDue ? "Give a future date for when the report is wanted." : "Give \(label(field)) in the future."
        case .tooLong: "Check \(label(field))."
        case .beforeStart: field == .until ? "Give \(label(field)) on or after \(label(.from))." : "Check \(label(field)): it ends before it starts."
        case .unreadable:
            switch field {
            case .meetingDay: "Enter the date of the meeting as a real date, for example 15 December 2026."
            case .meetingTime: "Enter the time the meeting starts as a time of day, for example 18:30."
            case .segmentStart: "Enter the time the officers' part starts as a time of day, for example 18:45, or leave it blank."
            case .duration: "Choose how long the meeting lasts."
            case .segment: "Choose how long the officers' part lasts."
            case .link: "Enter the online meeting link as a web address starting https://."
            case .replyBy: "Enter the date they will hear by as a real date, for example 21 December 2026."
            default: "Check \(label(field))."
            }
        }
    }

    /// Where on the desk a person finds what they may see.
    static func listed(_ list: Listing) -> String {
        switch list {
        case .openRequests: "Check the reference; the open requests are under Queue."
        case .sessions: "The sessions you can see are under Sessions."
        case .offers: "Your group's offers are under Offers."
        case .briefings: "The briefings you can see are under Briefings."
        case .notes: "The written records you may see are with their sessions, under Sessions."
        case .tokens: "A person's API tokens are listed on their page under Administration."
        case .outbox: "The outgoing messages are listed under Administration, Outgoing email."
        case .proposedTimes: "A session's proposed times are shown with it, under Sessions."
        }
    }
}
