/// Why a step was refused: what was wrong, which rule and clauses, and what to change. The domain says what to change
/// as a `Remedy`; each channel words it (the command line its options, the desk its buttons).
public struct Refusal: Error, Sendable, Hashable {
    public typealias Kind = FailureKind

    public var kind: Kind
    public var rule: RuleID?
    public var clauses: [String]
    public var message: String
    public var remedy: Remedy
    /// Every verdict seen, when rules refused the step.
    public var verdicts: [Verdict]

    public init(_ kind: Kind, rule: RuleID? = nil, clauses: [String] = [], _ message: String, remedy: Remedy, verdicts: [Verdict] = []) {
        self.kind = kind; self.rule = rule; self.clauses = clauses; self.message = message; self.remedy = remedy; self.verdicts = verdicts
    }

    /// A refusal built from rule verdicts: the first failing one names the rule, every failing one's fix is the remedy.
    public static func refused(_ verdicts: [Verdict], failing: [Verdict], what: String) -> Refusal {
        let first = failing[0]
        if failing.count == 1 {
            return Refusal(.refused, rule: first.rule, clauses: first.clauses, "\(what) is refused: \(first.message)",
                           remedy: .advice(first.fix), verdicts: verdicts)
        }
        let lines = failing.map { "\($0.rule.rawValue) (\($0.clauses.joined(separator: ", "))): \($0.message)" }
        return Refusal(.refused, rule: first.rule, clauses: first.clauses,
                       "\(what) is refused by \(failing.count) rules: " + lines.joined(separator: "; "),
                       remedy: .advice(failing.map(\.fix).joined(separator: " ")), verdicts: verdicts)
    }
}

/// What the person refused should change, said without any channel's words: each channel renders it (the command
/// line as its options and commands, the desk as its fields and pages).
public enum Remedy: Sendable, Hashable {
    /// Advice that names no command, field or page: shown as it is.
    case advice(String)
    /// Act as someone on the roster.
    case actAsRosterPerson
    /// See the open requests.
    case seeOpenRequests
    /// See where a request stands (nothing else to do).
    case seeRequest(ref: String)
    /// Ask the approver, or have them or an administrator record their absence so the deputy may act.
    case askApproverOrRecordAbsence(approverTitle: String)
    /// Only the approver or an administrator records the approver's absence: the deputy never authorises themself.
    case approverOrAdministratorRecordsAbsence(approverTitle: String)
    /// Name the group the request is for (only councillors and groups' leaders or assistants request briefings).
    case nameGroup
    /// Name one group: the others are offered the briefing after approval.
    case oneGroup
    /// Give an acknowledgement's message: what happens next and when the requester will hear.
    case giveAcknowledgement
    /// See the requests that name you.
    case seeOwnRequests
    /// Answer the offers made to you (an ungrouped councillor answers their own).
    case answerOwnOffers(actor: String)
    /// Ask the group's leader, or as its assistant name the member acted for.
    case askLeaderOrNameMember
    /// An offer that lapsed: ask the approver for a briefing of your own.
    case askForOwnBriefing(approverTitle: String)
    /// The requesting group's own line: its session is among its sessions.
    case seeOwnSession
    /// No such offer: see the offers.
    case seeOffers
    /// Already answered: see the answer.
    case seeOfferAnswer
    /// A written report is taken up without a time or venue.
    case takeUpWithoutSession(offer: String)
    /// A joined group's leader takes their group out instead of moving or cancelling the host's meeting.
    case withdrawInstead(session: String)
    /// Only the approver records overrides: leave them out, and a move a rule refers goes to the approver's queue.
    case noOverrides(approverTitle: String)
    /// Referred rules need the approver's agreement: the step goes to their queue.
    case approverAgrees
    /// A host group cancels or moves its own meeting rather than withdrawing from it.
    case cancelOrMoveInstead(session: String)
    /// Only a joined group's leader (or its assistant for a named member) withdraws that group.
    case joinedGroupWithdraws
    /// Give the reason the step needs (it is recorded in the audit trail).
    case giveReason
    /// Explain why a late decision is late.
    case explainDelay
    /// Give the date by which the requester will hear, within the council's response date unless saying why.
    case giveReplyBy(respondBy: LocalDate)
    /// Say why the requester will hear after the council's response date, or give an earlier date.
    case explainReplyBy(respondBy: LocalDate)
    /// Record a reason for each referred rule.
    case recordOverrides([RuleID])
    /// Say, rule by rule, that the approver judged what the rules cannot (`Approval.judgedRules`), or decline.
    case confirmJudged(request: String, rules: [RuleID])
    /// Override only the referred rules.
    case overrideOnly([RuleID])
    /// A reference the person may not see or that does not exist: the list of what they may see has theirs.
    case seeList(Listing)
    /// The database has no council yet: create it (and import its roster when the step needs people).
    case setUp(rosterToo: Bool)
    /// An id that is not on the roster: use one that is (`known` lists them where the list is short).
    case useRosterID(RosterEntry, known: [String])
    /// A briefing in person needs a session: the group's own time and venue, or a joint session to join.
    case giveSessionOrJoin(offer: String)
    /// A joint session to join must be one of the offer's; otherwise the group proposes its own time.
    case joinListedOrPropose
    /// A briefing still has offers open: wait for them, or record an unanswered one as lapsed.
    case waitOrLapse
    /// An officer acts only on the sessions they are invited to.
    case seeOwnSessions(officer: String)
    /// Offers are answered by groups; an officer's part is their sessions.
    case officersSeeSessions
    /// Only the senior officer the group named confirms a nominee.
    case onlyNamedSeniorConfirms(session: String)
    /// A nominee the group named waits for that senior officer's endorsement before they hold an invitation.
    case awaitEndorsement(senior: String)
    /// A step waits for the approver's decision on a queued change: nothing to do until they decide.
    case awaitDecision(request: String, approverTitle: String)
    /// A briefing is read once the offer of it has been taken up.
    case takeUpOfferFirst
    /// A budget briefing's material is one group's own (`003 §7.13`): name the group whose discussion it is for.
    case nameBudgetDiscussion(briefing: String, groups: [String])
    /// A group sees its own requests and the offers made to it, never another group's business.
    case seeOwnGroupsBusiness
    /// Nothing to remove: the person has no password (an administrator may set one).
    case noPasswordToRemove(person: String)
    /// Only an officer invited to a session proposes another time for it.
    case onlyInvitedOfficerProposes
    /// A message already handed to the mail system: look in its log, not here.
    case alreadyHandedToMail
    /// A message a deliverer is sending now: wait, or let the next delivery take it back.
    case waitForDeliverer
    /// Fill in an input the step needs and was not given.
    case giveField(InputField)
    /// Correct an input given: what is wrong with it.
    case correctField(InputField, FieldProblem)
    /// Premises that are not a council room: say whether they are a political party's, or meet in a room or online.
    case declarePremises
    /// Attendees are roster ids; anyone else is a guest (and the members-only rule then applies).
    case attendeesByRosterID
    /// Only officers answer invitations: act as the officer invited.
    case actAsOfficer
    /// A database already set up: use another, or import a roster into this one.
    case useAnotherDatabase
    /// A request without a meeting: give the meeting's start and venue, or ask for a written report.
    case giveMeetingOrReport
    /// A report due date without a written report: ask for one, or leave the date out.
    case reportDueWithoutReport
    /// A written report with a meeting: leave the meeting out, or ask for officers to attend.
    case reportWithMeeting
    /// A budget briefing is confidential: officers attend it; a written report would be offered to every group.
    case budgetNotReport
}

/// An input a step reads, named without any channel's words: the command line words it as its option, the desk as its
/// form's box.
public enum InputField: String, Sendable, Hashable, CaseIterable {
    case matter, duration, segment, reportDue, venue, from, until, text
    /// A request's service area, its officers, the member an assistant asks for.
    case area, officers, onBehalfOf
    /// A meeting's day and clock time, and when the officers' part starts.
    case meetingDay, meetingTime, segmentStart
    /// The chosen venue's detail: a council room, an online meeting's link, other premises and whether they are a party's.
    case room, link, premises, premisesKind
    /// An officer a request names as a senior officer's nominee, the senior officer who nominates them, and a briefing's material.
    case nominee, nominator, material
    /// The date an acknowledgement says the requester will hear by.
    case replyBy
}

/// What is wrong with an input given.
public enum FieldProblem: Sendable, Hashable, CaseIterable {
    /// A length of zero or less, or an end before the start.
    case notPositive
    /// A date or time that has passed.
    case past
    /// Longer than the step allows.
    case tooLong
    /// An end before the start it goes with.
    case beforeStart
    /// Not a date, time, length or link that can be read.
    case unreadable
}

/// The lists a person is pointed to when a reference is wrong or not theirs.
public enum Listing: Sendable, Hashable {
    case openRequests, sessions, offers, briefings, notes, tokens, outbox
    /// A session's proposed times, shown with the session.
    case proposedTimes
}

/// What kind of roster id a step was given.
public enum RosterEntry: String, Sendable, Hashable {
    case group, member, officer, room
}

/// What kind of failure a step met: the command line's exit code and the HTTP status follow from it.
public enum FailureKind: String, Sendable, Hashable, Codable {
    /// Unknown person, group, room, request, session…
    case notFound = "not-found"
    /// Malformed input: a bad date, a missing reason.
    case invalid
    /// The actor's role does not allow this.
    case forbidden
    /// The action clashes with the current state: already decided, double booked.
    case conflict
    /// A rule verdict of severity `block` (or an un-overridden `refer`) refuses it.
    case refused
    /// The database has not been created yet.
    case notInitialised = "not-initialised"
    /// Another writer (an import, a backup, another process) held the database past the wait.
    case busy
    /// A council's limit on what one person or group may create (`Quota`).
    case quota
}
