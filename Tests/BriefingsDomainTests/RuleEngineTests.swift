import BriefingsDomain
import Foundation
import Testing

/// One passing and one failing case per rule the engine judges, each checking the clause it cites.
@Suite("Rule engine")
struct RuleEngineTests {
    typealias F = Fixture

    @Test("a proper request passes every rule")
    func baseline() {
        let verdicts = RuleEngine(ValidationContext(roster: F.roster, profile: .model)).validate(F.proposal())
        #expect(verdicts.map(\.rule) == RuleEngine.proposalRules)
        #expect(verdicts.allSatisfy { $0.passed }, "\(verdicts.filter { !$0.passed }.map(\.line))")
    }

    @Test("requester: group leader passes; a plain member, or an assistant without a named member, is blocked (001 §4.10, §4.9)")
    func requester() {
        var p = F.proposal()
        p.requester = "a-2"
        let v = F.verdict(.requester, p)
        #expect(!v.passed && v.severity == .block && v.clauses.contains("001 §4.10"))
        p.requester = "a-pa"
        #expect(!F.verdict(.requester, p).passed)
        #expect(F.verdict(.requester, p).message.contains("must name the member"))
        p.onBehalfOf = "a-lead"
        #expect(F.verdict(.requester, p).passed && F.verdict(.requester, p).message == "requested by A's assistant on behalf of Cllr A Lead")
        p.onBehalfOf = "b-2"
        #expect(!F.verdict(.requester, p).passed)
        p.requester = "b-lead"; p.onBehalfOf = nil
        #expect(!F.verdict(.requester, p).passed, "another group's leader cannot ask for group A")
    }

    @Test("issue 25 item 8: an assistant acts for a member only where that member could ask (001 §4.9); under 002 every councillor may ask, grouped or not")
    func requesterWhoCouldAsk() throws {
        var p = F.proposal()
        p.requester = "a-pa"; p.onBehalfOf = "a-2"
        for profile in [PolicyProfile.model, .p000, .p001, .p003, .p004] {
            let v = F.verdict(.requester, p, profile: profile)
            #expect(!v.passed && v.severity == .block && v.clauses == profile.clauses(.requester), "\(profile.name)")
            #expect(v.message.contains("Cllr A Two, who may not ask for a briefing themself") && v.fix.contains("on behalf of Cllr A Lead"), "\(v.line)")
        }
        let assisted = F.verdict(.requester, p, profile: .p002)
        #expect(assisted.passed && assisted.message == "requested by A's assistant on behalf of Cllr A Two", "\(assisted.line)")

        p.requester = "a-2"; p.onBehalfOf = nil
        let plain = F.verdict(.requester, p)
        #expect(!plain.passed && plain.message.contains("not its leader"), "\(plain.line)")
        let same = F.verdict(.requester, p, profile: .p002)
        #expect(same.passed && same.clauses == ["002 (\"same rights\")"] && same.message.contains("every councillor may ask"), "\(same.line)")
        p.groups = ["B"]
        #expect(!F.verdict(.requester, p, profile: .p002).passed, "a councillor asks for their own group only")
        var over = PolicyProfile.model.applying(["everyCouncillorRequests": .bool(true)])
        #expect(try over.get().everyCouncillorRequests)
        over = PolicyProfile.p002.applying(["everyCouncillorRequests": .bool(false)])
        p.groups = ["A"]
        #expect(!F.verdict(.requester, p, profile: try over.get()).passed, "a council may turn it off")

        let c = ApprovalTests.council(.p002)
        #expect(c.groupRole("a-2", group: "A") == Role.member(group: "A").auditName && c.groupRole("a-pa", group: "A") == "assistant")
        #expect(!ApprovalTests.council().assists("A", actor: "a-pa", onBehalfOf: "a-2") && ApprovalTests.council().assists("A", actor: "a-pa", onBehalfOf: "a-lead"))
        #expect(c.assists("A", actor: "a-pa", onBehalfOf: "a-2"))
    }

    @Test("council-business: a briefing after the meeting or decision it is meant to inform is referred, saying why (000 §17.16.4)")
    func councilBusinessTiming() {
        var p = F.proposal()  // Tuesday 8 December 2026
        p.matter.meetingDate = LocalDate("2026-12-15")
        #expect(F.verdict(.councilBusiness, p).passed)
        p.matter.meetingDate = LocalDate("2026-12-01")
        var v = F.verdict(.councilBusiness, p)
        #expect(!v.passed && v.severity == .refer && v.message.contains("2026-12-01") && v.message.contains("after the linked meeting"))
        p.matter.meetingDate = nil
        p.matter.decisionDate = LocalDate("2026-12-07")
        v = F.verdict(.councilBusiness, p)
        #expect(!v.passed && v.message.contains("after the decision") && v.clauses.contains("000 §17.16.4"))
        p.matter.decisionDate = LocalDate("2026-12-08")
        #expect(F.verdict(.councilBusiness, p).passed, "the same day may still come before the decision")
    }

    @Test("council-business: a request whose committee meeting was cancelled is referred, naming the meeting (issue 26, item 2)")
    func councilBusinessCancelledMeeting() {
        var p = F.proposal()  // Tuesday 8 December 2026
        p.matter.linkedMeeting = "Planning Committee"
        p.matter.meetingDate = LocalDate("2026-12-15")
        p.matter.meetingID = "CM-0001"
        #expect(F.verdict(.councilBusiness, p).passed)
        p.matter.meetingCancelled = true
        let v = F.verdict(.councilBusiness, p)
        #expect(!v.passed && v.severity == .refer && v.clauses.contains("000 §17.16.4"))
        #expect(v.message.contains("the linked meeting (Planning Committee) was cancelled"), "\(v.message)")
    }

    @Test("senior-officer: a manager needs a senior nominator (000 §17.16.3, 003 §7.9)")
    func seniorOfficer() {
        var p = F.proposal()
        p.officers = [OfficerAttendance(officer: "mgr")]
        let v = F.verdict(.seniorOfficer, p)
        #expect(!v.passed && v.severity == .block && v.clauses.contains("003 §7.9"))
        #expect(v.fix.contains("record the senior officer who nominates this one") && !v.fix.contains("--"))
        p.officers = [OfficerAttendance(officer: "mgr", nominatedBy: "dir")]
        #expect(F.verdict(.seniorOfficer, p).passed)
        p.officers = [OfficerAttendance(officer: "mgr", nominatedBy: "mgr")]
        #expect(!F.verdict(.seniorOfficer, p).passed)
        p.officers = [OfficerAttendance(officer: "ad")]
        #expect(F.verdict(.seniorOfficer, p).passed)
        var strict = PolicyProfile.model
        strict.assistantDirectorsAreSenior = false
        #expect(!F.verdict(.seniorOfficer, p, profile: strict).passed)
    }

    @Test("members-only: co-opted members pass; an assistant or a guest is blocked (000 §17.16.6)")
    func membersOnly() {
        var p = F.proposal()
        #expect(F.verdict(.membersOnly, p).passed)
        p.attendees.append(.guest("Party agent"))
        let v = F.verdict(.membersOnly, p)
        #expect(!v.passed && v.severity == .block && v.clauses.contains("000 §17.16.6"))
        #expect(v.message.contains("Party agent"))
        p.attendees = [.person("a-pa")]
        #expect(F.verdict(.membersOnly, p).message.contains("political assistant"))
    }

    @Test("confidentiality: another group's member at a single-group session is blocked (003 §7.12)")
    func confidentiality() {
        var p = F.proposal()
        #expect(F.verdict(.confidentiality, p).passed)
        p.attendees.append(.person("b-2"))
        let v = F.verdict(.confidentiality, p)
        #expect(!v.passed && v.clauses.contains("003 §7.12"))
        p.groups = ["A", "B"]
        #expect(F.verdict(.confidentiality, p).passed, "a joint session serves both groups")
    }

    @Test("venue: council room or virtual pass; party premises always block; other premises by profile (000 §17.16.5)")
    func venue() {
        var p = F.proposal()
        p.venue = .virtual("https://meet.example.gov.uk/a")
        #expect(F.verdict(.venue, p).passed)
        p.venue = .virtual("zoom me")
        #expect(!F.verdict(.venue, p).passed)
        p.venue = .external(description: "Party HQ", party: true)
        #expect(F.verdict(.venue, p).severity == .block)
        #expect(F.verdict(.venue, p, profile: .p004).severity == .block, "party premises block even under 004")
        p.venue = .external(description: "Village hall", party: false)
        #expect(F.verdict(.venue, p).severity == .block)
        #expect(F.verdict(.venue, p).clauses.contains("000 §17.16.5"))
        #expect(F.verdict(.venue, p, profile: .p004).severity == .refer)
    }

    @Test("council-business: unlinked or party business is referred (004 §10.1)")
    func councilBusiness() {
        var p = F.proposal()
        #expect(F.verdict(.councilBusiness, p).passed)
        p.matter.linkedMeeting = nil
        let v = F.verdict(.councilBusiness, p)
        #expect(!v.passed && v.severity == .refer && v.clauses.contains("004 §10.1"))
        p.matter.decisionDate = LocalDate("2027-01-20")
        #expect(F.verdict(.councilBusiness, p).passed)
        p.matter.title = "Election campaign leaflet on the Local Plan"
        #expect(F.verdict(.councilBusiness, p).message.contains("party business"))
    }

    @Test("no-individual-matter: a planning application is referred (000 §17.16.4)")
    func noIndividualMatter() {
        var p = F.proposal()
        #expect(F.verdict(.noIndividualMatter, p).passed)
        p.matter.details = "Questions on planning application 26/01234/FUL"
        let v = F.verdict(.noIndividualMatter, p)
        #expect(!v.passed && v.severity == .refer && v.clauses.contains("000 §17.16.4"))
    }

    @Test("professional-remit: outside the remit is a warning (000 §17.16.4)")
    func professionalRemit() {
        var p = F.proposal()
        #expect(F.verdict(.professionalRemit, p).passed)
        p.officers = [OfficerAttendance(officer: "hos")]
        let v = F.verdict(.professionalRemit, p)
        #expect(!v.passed && v.severity == .warn && v.message.contains("Head of Housing"))
    }

    @Test("briefing-before-politics: the officers' part must end before the meeting does (000 §17.16.7)")
    func briefingBeforePolitics() {
        var p = F.proposal()
        #expect(F.verdict(.briefingBeforePolitics, p).passed)
        p.segmentEnd = p.meetingEnd
        let v = F.verdict(.briefingBeforePolitics, p)
        #expect(!v.passed && v.severity == .block && v.clauses.contains("000 §17.16.7"))
        p.segmentStart = F.t("2026-12-08T13:00")
        #expect(F.verdict(.briefingBeforePolitics, p).message.contains("not inside the meeting"))
    }

    @Test("working-hours: an evening segment is referred (000 §17.5.1)")
    func workingHours() {
        var p = F.proposal()
        #expect(F.verdict(.workingHours, p).passed)
        p.meetingStart = F.t("2026-12-08T18:00"); p.meetingEnd = F.t("2026-12-08T20:00")
        p.segmentStart = F.t("2026-12-08T18:00"); p.segmentEnd = F.t("2026-12-08T18:45")
        let v = F.verdict(.workingHours, p)
        #expect(!v.passed && v.severity == .refer && v.clauses.contains("000 §17.5.1"))
        p.meetingStart = F.t("2026-12-12T10:00"); p.meetingEnd = F.t("2026-12-12T12:00")
        p.segmentStart = F.t("2026-12-12T10:00"); p.segmentEnd = F.t("2026-12-12T10:30")
        #expect(!F.verdict(.workingHours, p).passed, "a Saturday is outside Mon-Fri")
    }

    @Test("working-hours: a bank holiday is nobody's working day, though the officer works that weekday (000 §17.5.1)")
    func bankHoliday() {
        var p = F.proposal()
        // Monday 28 December 2026: the substitute day for Boxing Day.
        p.meetingStart = F.t("2026-12-28T10:00"); p.meetingEnd = F.t("2026-12-28T12:00")
        p.segmentStart = F.t("2026-12-28T10:00"); p.segmentEnd = F.t("2026-12-28T10:45")
        #expect(F.verdict(.workingHours, p).passed, "without the holiday, an ordinary Monday morning")
        let v = RuleEngine(ValidationContext(roster: F.roster, profile: .model, bankHolidays: [LocalDate("2026-12-28")!]))
            .validate(p).first { $0.rule == .workingHours }!
        #expect(!v.passed && v.severity == .refer && v.message.contains("2026-12-28 is a bank holiday"), "\(v.message)")
    }

    @Test("no-double-booking: an officer overlap, or a room within the buffer, is blocked")
    func noDoubleBooking() {
        let p = F.proposal()
        let officerClash = Booking(reference: "SE-0009", resource: .officer("dir"), start: F.t("2026-12-08T14:30"), end: F.t("2026-12-08T15:00"))
        let v = F.verdict(.noDoubleBooking, p, bookings: [officerClash])
        #expect(!v.passed && v.severity == .block && v.message.contains("SE-0009"))
        let adjacent = Booking(reference: "SE-0010", resource: .officer("dir"), start: F.t("2026-12-08T14:45"), end: F.t("2026-12-08T15:30"))
        #expect(F.verdict(.noDoubleBooking, p, bookings: [adjacent]).passed, "back-to-back officer sessions do not clash")
        let roomSoon = Booking(reference: "SE-0011", resource: .room("cr1"), start: F.t("2026-12-08T16:10"), end: F.t("2026-12-08T17:00"))
        #expect(!F.verdict(.noDoubleBooking, p, bookings: [roomSoon]).passed, "10 minutes after is inside the 15-minute buffer")
        let roomLater = Booking(reference: "SE-0012", resource: .room("cr1"), start: F.t("2026-12-08T16:15"), end: F.t("2026-12-08T17:00"))
        #expect(F.verdict(.noDoubleBooking, p, bookings: [roomLater]).passed)
        let otherRoom = Booking(reference: "SE-0013", resource: .room("cr2"), start: F.t("2026-12-08T14:00"), end: F.t("2026-12-08T15:00"))
        #expect(F.verdict(.noDoubleBooking, p, bookings: [otherRoom]).passed)
    }

    @Test("no-silent-copies: a blind copy is blocked (002 Correspondence, 003 §17.1)")
    func noSilentCopies() {
        let ok = Notification(subject: "s", body: "b", to: ["ceo", "a-lead"])
        #expect(ok.verdict(.model).passed)
        let v = Notification(subject: "s", body: "b", to: ["ceo"], blindCopies: ["b-lead"]).verdict(.model)
        #expect(!v.passed && v.severity == .block && v.clauses.contains("003 §17.1"))
    }

    @Test("advice-limits: a recommendation to the group is a warning (001 §4.11, 004 §10.3)")
    func adviceLimits() {
        #expect(AdviceLimits.verdict(material: "Three options and their costs to the council.", profile: .model).passed)
        let v = AdviceLimits.verdict(material: "We recommend the group should vote against option B.", profile: .model)
        #expect(!v.passed && v.severity == .warn && v.clauses.contains("004 §10.3"))
    }

    @Test("every rule of RULES.md is in the catalogue with clauses")
    func catalogue() {
        #expect(RuleCatalogue.all.count == 19)
        #expect(Set(RuleCatalogue.all.map(\.id)) == Set(RuleID.allCases))
        #expect(RuleCatalogue.all.allSatisfy { !$0.clauses.isEmpty && !$0.summary.isEmpty })
    }
}

extension RuleEngineTests {
    @Test("issue 25 item 13 (002): senior-officer is not judged by grade (the Clerk chooses which officer attends); where no political group meets the officers' part may be the whole meeting")
    func townCouncil() throws {
        var p = F.proposal()
        p.officers = [OfficerAttendance(officer: "mgr")]
        let clerk = F.verdict(.seniorOfficer, p, profile: .p002)
        #expect(clerk.passed && clerk.clauses == ["002 (\"Some general principles\")"] && clerk.message.contains("Proper Officer (Clerk) chooses"), "\(clerk.line)")
        #expect(!F.verdict(.seniorOfficer, p).passed && F.verdict(.seniorOfficer, p).severity == .block)
        #expect(!F.verdict(.seniorOfficer, p, profile: try PolicyProfile.p002.applying(["seniorOfficersOnly": .bool(true)]).get()).passed)
        p.officers = []
        #expect(!F.verdict(.seniorOfficer, p, profile: .p002).passed, "an officer is still named")

        // A councillor without a group meets officers alone: no political discussion to leave time for.
        var roster = F.roster
        roster = Roster(councilName: roster.councilName, profileName: "002", approver: roster.approver, deputyApprover: roster.deputyApprover,
                        groups: roster.politicalGroups, members: roster.members + [Member(id: "ind", name: "Cllr Independent", group: nil)],
                        officers: roster.officers, rooms: roster.rooms)
        var whole = F.proposal()
        whole.requester = "ind"; whole.groups = ["ind"]; whole.attendees = [.person("ind")]
        whole.segmentEnd = whole.meetingEnd
        let judge = { (q: SessionProposal, profile: PolicyProfile) in
            RuleEngine(ValidationContext(roster: roster, profile: profile)).validate(q).first { $0.rule == .briefingBeforePolitics }!
        }
        for profile in [PolicyProfile.p002, .model] {
            let v = judge(whole, profile)
            #expect(v.passed && v.message.contains("no political group meets"), "\(profile.name): \(v.line)")
        }
        var outside = whole; outside.segmentEnd = whole.meetingEnd.addingTimeInterval(600)
        #expect(!judge(outside, .p002).passed, "the officers' part is still inside the meeting")
        var grouped = F.proposal(); grouped.segmentEnd = grouped.meetingEnd
        #expect(!judge(grouped, .p002).passed, "a political group still has its discussion after the officers leave")
    }
}

extension RuleEngineTests {
    /// Issue 25 item 12: "Objection to 24/01234/FUL, 5 Mill Lane: Mr Smith's scheme" passed no-individual-matter; a meeting
    /// in November 2028 counted as "shortly". What can be recognised is; the rest is the approver's judgement.
    @Test("no-individual-matter recognises an application's reference however it is worded; a date is not one (000 §17.16.4)")
    func applicationReferences() {
        var p = F.proposal()
        for matter in ["Objection to 24/01234/FUL, 5 Mill Lane: Mr Smith's scheme", "The PL/2024/01234 appeal", "Licence review LN/00123"] {
            p.matter.title = matter
            let v = F.verdict(.noIndividualMatter, p)
            #expect(!v.passed && v.severity == .refer && v.message.contains("application"), "\(matter): \(v.message)")
        }
        for matter in ["Budget 2026/27 options", "Cabinet on 15/12/2026", "Local Plan review, 2026-2041"] {
            p.matter.title = matter
            #expect(F.verdict(.noIndividualMatter, p).passed, "\(matter) is no application")
        }
    }

    @Test("issue 25 item 12: a pass of council-business or no-individual-matter says what was recognised and that the rest is the approver's judgement")
    func judgementSaidPlainly() {
        var p = F.proposal()
        p.matter.title = "How we attack Labour on bins"
        let business = F.verdict(.councilBusiness, p)
        #expect(business.passed && business.message.contains("the approver's judgement"), "keywords pass it, and the verdict says so: \(business.message)")
        let individual = F.verdict(.noIndividualMatter, p)
        #expect(individual.passed && individual.message.contains("no application reference") && individual.message.contains("the approver's judgement"),
                "\(individual.message)")
    }

    @Test("council-business: a linked meeting or decision beyond the council's horizon (six months) is not \"shortly\", and is referred")
    func meetingHorizon() throws {
        var p = F.proposal()  // Tuesday 8 December 2026
        p.matter.meetingDate = LocalDate("2027-06-08")
        #expect(F.verdict(.councilBusiness, p).passed, "six months to the day is within it")
        p.matter.meetingDate = LocalDate("2028-11-14")
        let v = F.verdict(.councilBusiness, p)
        #expect(!v.passed && v.severity == .refer && v.message.contains("more than 6 months") && v.message.contains("2028-11-14"), "\(v.message)")
        p.matter.meetingDate = nil
        p.matter.decisionDate = LocalDate("2027-07-01")
        #expect(!F.verdict(.councilBusiness, p).passed)
        let longer = try PolicyProfile.model.applying(["meetingHorizonMonths": .number(12)]).get()
        #expect(F.verdict(.councilBusiness, p, profile: longer).passed, "a council that sets a year")
        #expect(LocalDate(year: 2026, month: 8, day: 31).adding(months: 6) == LocalDate(year: 2027, month: 2, day: 28))
        #expect(LocalDate(year: 2027, month: 8, day: 31).adding(months: 6) == LocalDate(year: 2028, month: 2, day: 29))
    }
}
