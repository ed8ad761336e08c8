import BriefingsDomain
import Foundation
import Testing

/// RULES.md's "Where the five councils differ" table, row by row.
@Suite("Policy profiles")
struct ProfileTests {
    typealias F = Fixture

    @Test("approver: Chief Executive, except the town council's Clerk (002) and 001's Director option")
    func approver() {
        #expect(PolicyProfile.model.approverTitle == "Chief Executive")
        #expect(PolicyProfile.p000.approverTitle == "Chief Executive")
        #expect(PolicyProfile.p001.approverTitle.contains("relevant Director"))
        #expect(PolicyProfile.p002.approverTitle == "Proper Officer (Clerk)")
        #expect(PolicyProfile.p003.approverClauses == ["003 §7.15"])
        #expect(PolicyProfile.p004.approverClauses == ["004 §10.2"])
    }

    @Test("a council's own profile cites its own protocol's clause for a rule where it has one (issue 25); the model cites all five")
    func ownClauses() {
        #expect(PolicyProfile.p000.clauses(.councilBusiness) == ["000 §17.16.4"])
        #expect(PolicyProfile.p004.clauses(.councilBusiness) == ["004 §10.1"])
        #expect(PolicyProfile.named("002")!.clauses(.councilBusiness) == ["002 \"Councillors\" (no party-political work)"])
        #expect(PolicyProfile.model.clauses(.councilBusiness) == ["004 §10.1", "000 §17.16.4", "003 §7.4"])
        // A rule no clause of the council states keeps the model's citations.
        #expect(PolicyProfile.p000.clauses(.noDoubleBooking) == PolicyProfile.model.clauses(.noDoubleBooking))
    }

    @Test("non-member present: block, but refer under 003 (§7.6) and 004 (§10.5)")
    func nonMember() {
        var p = F.proposal()
        p.attendees.append(.guest("Agent"))
        for (profile, severity) in [(PolicyProfile.model, Severity.block), (.p000, .block), (.p001, .block), (.p002, .block), (.p003, .refer), (.p004, .refer)] {
            let v = F.verdict(.membersOnly, p, profile: profile)
            #expect(!v.passed && v.severity == severity, "profile \(profile.name)")
        }
        #expect(F.verdict(.membersOnly, p, profile: .p003).clauses.joined().contains("003 §7.6"))
        #expect(F.verdict(.membersOnly, p, profile: .p004).clauses.joined().contains("004 §10.5"))
    }

    @Test("non-council premises: block, refer under 004; party premises block everywhere")
    func premises() {
        var p = F.proposal()
        p.venue = .external(description: "Community centre", party: false)
        for profile in PolicyProfile.all {
            #expect(F.verdict(.venue, p, profile: profile).severity == (profile.name == "004" ? .refer : .block), "profile \(profile.name)")
        }
        p.venue = .external(description: "Party office", party: true)
        #expect(PolicyProfile.all.allSatisfy { F.verdict(.venue, p, profile: $0).severity == .block })
    }

    @Test("non-senior officer without a nominator: block, refer under 000 (\"usually\")")
    func nonSenior() {
        var p = F.proposal()
        p.officers = [OfficerAttendance(officer: "mgr")]
        for profile in PolicyProfile.all {
            #expect(F.verdict(.seniorOfficer, p, profile: profile).severity == (profile.name == "000" ? .refer : .block), "profile \(profile.name)")
        }
    }

    @Test("acknowledge / respond working days: 2/10, 000 is 5/5")
    func responseTimes() {
        for profile in PolicyProfile.all {
            let expected = profile.name == "000" ? (5, 5) : (2, 10)
            #expect((profile.acknowledgeWorkingDays, profile.respondWorkingDays) == expected, "profile \(profile.name)")
        }
        #expect(PolicyProfile.p000.clauses(.responseTime) == ["000 §17.8.2"])
        #expect(PolicyProfile.p004.clauses(.responseTime) == ["004 §6.5.8"])
    }

    @Test("joint briefings preferred only under 001; budget embargo everywhere")
    func jointAndEmbargo() {
        #expect(PolicyProfile.all.filter(\.jointBriefingsPreferred).map(\.name) == ["001"])
        #expect(PolicyProfile.all.allSatisfy { $0.budgetEmbargo })
    }

    @Test("a council overrides any setting; bad keys are each reported and nothing applies")
    func overrides() throws {
        let p = try PolicyProfile.p003.applying(["respondWorkingDays": .number(7), "severity.working-hours": .text("block"),
                                                 "budgetEmbargo": .bool(false)]).get()
        #expect(p.respondWorkingDays == 7 && p.severity(.workingHours) == .block && !p.budgetEmbargo)
        #expect(p.severity(.membersOnly) == .refer, "the rest of 003 stands")
        guard case .failure(let e) = PolicyProfile.model.applying(["respondWorkingDays": .text("ten"), "severity.nope": .text("block"),
                                                                   "colour": .text("red"), "roomBufferMinutes": .number(15)]) else {
            Issue.record("bad overrides were accepted"); return
        }
        #expect(e.problems.count == 3)
        #expect(e.problems.contains { $0.contains("respondWorkingDays") })
        #expect(e.problems.contains { $0.contains("severity.nope") })
        #expect(e.problems.contains { $0.contains("colour") })
    }
}
