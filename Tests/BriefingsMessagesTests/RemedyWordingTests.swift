import BriefingsDomain
import BriefingsMessages
import Testing

/// Each channel words a `Remedy` its own way: the command line with its commands and options, the desk with its
/// boxes, buttons and pages (issue 22).
@Suite("Remedy wording")
struct RemedyWordingTests {
    /// One value of every `Remedy` case, and of every input and problem. The switch in `covered` fails to compile when
    /// a case is added, so a new case gets a sample here.
    static let samples: [Remedy] = {
        var all: [Remedy] = [
            .advice("Reword the matter as the policy question for the council."), .actAsRosterPerson, .seeOpenRequests,
            .seeRequest(ref: "RQ-0001"), .askApproverOrRecordAbsence(approverTitle: "Chief Executive"),
            .approverOrAdministratorRecordsAbsence(approverTitle: "Proper Officer (Clerk)"), .nameGroup, .oneGroup,
            .giveAcknowledgement, .seeOwnRequests, .answerOwnOffers(actor: "m-patel"), .askLeaderOrNameMember,
            .askForOwnBriefing(approverTitle: "Chief Executive"), .seeOwnSession, .seeOffers, .seeOfferAnswer,
            .takeUpWithoutSession(offer: "OF-0002"), .withdrawInstead(session: "SE-0001"), .noOverrides(approverTitle: "Chief Executive"),
            .approverAgrees, .cancelOrMoveInstead(session: "SE-0001"), .joinedGroupWithdraws, .giveReason, .explainDelay,
            .recordOverrides([.workingHours, .venue]), .confirmJudged(request: "RQ-0001", rules: [.councilBusiness, .noIndividualMatter]), .overrideOnly([.workingHours]), .setUp(rosterToo: true), .setUp(rosterToo: false),
            .giveSessionOrJoin(offer: "OF-0002"), .joinListedOrPropose, .waitOrLapse, .seeOwnSessions(officer: "o-ceo"),
            .officersSeeSessions, .onlyNamedSeniorConfirms(session: "SE-0001"), .takeUpOfferFirst, .seeOwnGroupsBusiness,
            .nameBudgetDiscussion(briefing: "BR-0001", groups: ["LAB", "CON"]), .awaitEndorsement(senior: "Nadia Rahman"),
            .awaitDecision(request: "RQ-0002", approverTitle: "Chief Executive"),
            .noPasswordToRemove(person: "m-patel"), .onlyInvitedOfficerProposes, .alreadyHandedToMail, .waitForDeliverer,
            .declarePremises, .attendeesByRosterID, .actAsOfficer, .useAnotherDatabase, .giveMeetingOrReport,
            .reportDueWithoutReport, .reportWithMeeting, .budgetNotReport,
            .giveReplyBy(respondBy: LocalDate("2026-11-09")!), .explainReplyBy(respondBy: LocalDate("2026-11-09")!),
        ]
        all += [Listing.openRequests, .sessions, .offers, .briefings, .notes, .tokens, .outbox, .proposedTimes].map(Remedy.seeList)
        all += [RosterEntry.group, .member, .officer, .room].map { .useRosterID($0, known: ["a", "b"]) }
        all += InputField.allCases.map(Remedy.giveField)
        all += InputField.allCases.flatMap { f in FieldProblem.allCases.map { .correctField(f, $0) } }
        return all
    }()

    static func covered(_ r: Remedy) -> Bool {
        switch r {
        case .advice, .actAsRosterPerson, .seeOpenRequests, .seeRequest, .askApproverOrRecordAbsence, .approverOrAdministratorRecordsAbsence,
             .nameGroup, .oneGroup,
             .giveAcknowledgement, .seeOwnRequests, .answerOwnOffers, .askLeaderOrNameMember, .askForOwnBriefing, .seeOwnSession,
             .seeOffers, .seeOfferAnswer, .takeUpWithoutSession, .withdrawInstead, .noOverrides, .approverAgrees, .cancelOrMoveInstead,
             .joinedGroupWithdraws, .giveReason, .explainDelay, .giveReplyBy, .explainReplyBy, .recordOverrides, .confirmJudged, .overrideOnly, .seeList, .setUp, .useRosterID,
             .giveSessionOrJoin, .joinListedOrPropose, .waitOrLapse, .seeOwnSessions, .officersSeeSessions, .onlyNamedSeniorConfirms,
             .takeUpOfferFirst, .nameBudgetDiscussion, .awaitEndorsement, .awaitDecision, .seeOwnGroupsBusiness, .noPasswordToRemove, .onlyInvitedOfficerProposes, .alreadyHandedToMail,
             .waitForDeliverer, .giveField, .correctField, .declarePremises, .attendeesByRosterID, .actAsOfficer, .useAnotherDatabase,
             .giveMeetingOrReport, .reportDueWithoutReport, .reportWithMeeting, .budgetNotReport: true
        }
    }

    @Test("the desk words every remedy without a command or an option")
    func deskWords() {
        #expect(Self.samples.allSatisfy(Self.covered))
        for remedy in Self.samples {
            let text = DeskText.fix(remedy)
            #expect(!text.isEmpty, "\(remedy)")
            #expect(!text.contains("--") && !text.contains("`briefings"), "\(remedy): \(text)")
        }
    }

    @Test("the desk names its own boxes and pages")
    func deskPlaces() {
        #expect(DeskText.fix(.seeList(.offers)) == "Your group's offers are under Offers.")
        #expect(DeskText.fix(.giveField(.matter)) == "Fill in “Matter”.")
        #expect(DeskText.fix(.correctField(.segment, .notPositive)) == "Give “Officers' part lasts” a positive length.")
    }

    @Test("the command line words the typed remedies as it always has",
          arguments: [
            (Remedy.giveField(.matter), "Give the matter with --matter \"…\"."),
            (.giveField(.text), "Give the record's text with --text \"…\"."),
            (.giveField(.reportDue), "Add --report-due YYYY-MM-DD (before the meeting that will consider the matter)."),
            (.giveField(.venue), "Give exactly one of a council room (--room), a virtual link (--virtual) or other premises (--premises)."),
            (.correctField(.duration, .notPositive), "Give a positive --duration or a later end."),
            (.correctField(.segment, .notPositive), "Give a positive --segment length."),
            (.correctField(.reportDue, .past), "Give a --report-due date in the future."),
            (.correctField(.duration, .tooLong), "Check --duration."),
            (.correctField(.until, .beforeStart), "Give --until on or after --from."),
            (.actAsOfficer, "Officers answer their own invitations with --as OFFICER."),
            (.useAnotherDatabase, "Use another --database path, or import a roster into this one."),
            (.reportDueWithoutReport, "Add --written-report, or leave out --report-due."),
            (.attendeesByRosterID, "List attendees by roster id; name anyone else with --guest \"NAME\" (the members-only rule will then apply)."),
          ])
    func commandLineWords(remedy: Remedy, text: String) {
        #expect(CommandLineText.fix(remedy) == text)
    }
}
