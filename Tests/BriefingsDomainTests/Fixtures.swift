import BriefingsDomain
import Foundation

/// A small council for rule tests: two groups, a co-opted member, officers of each grade, two rooms.
enum Fixture {
    static let roster = Roster(
        councilName: "Test Borough", profileName: "model", approver: "ceo", deputyApprover: "dce", monitoringOfficer: "mo",
        administrators: [Person(id: "admin", name: "Admin")],
        groups: [PoliticalGroup(id: "A", name: "Group A", leader: "a-lead", controlling: true),
                 PoliticalGroup(id: "B", name: "Group B", leader: "b-lead")],
        members: [Member(id: "a-lead", name: "Cllr A Lead", group: "A"), Member(id: "a-2", name: "Cllr A Two", group: "A"),
                  Member(id: "b-lead", name: "Cllr B Lead", group: "B"), Member(id: "b-2", name: "Cllr B Two", group: "B"),
                  Member(id: "coopt", name: "Co-opted Member", group: "A", kind: .coopted)],
        assistants: [Assistant(id: "a-pa", name: "A's assistant", group: "A")],
        officers: [Officer(id: "ceo", name: "Chief Exec", title: "Chief Executive", grade: .chiefExecutive, remit: ["all"]),
                   Officer(id: "dce", name: "Deputy", title: "Deputy Chief Executive", grade: .deputyChiefExecutive, remit: ["all"]),
                   Officer(id: "dir", name: "Director of Place", title: "Director", grade: .director, remit: ["planning", "housing"]),
                   Officer(id: "ad", name: "Assistant Director Finance", title: "AD", grade: .assistantDirector, remit: ["finance"]),
                   Officer(id: "hos", name: "Head of Housing", title: "Head of Service", grade: .headOfService, remit: ["housing"]),
                   Officer(id: "mgr", name: "Planning Manager", title: "Manager", grade: .manager, remit: ["planning"]),
                   Officer(id: "mo", name: "Monitoring Officer", title: "MO", grade: .headOfService, remit: ["legal"])],
        rooms: [Room(id: "cr1", name: "Committee Room 1"), Room(id: "cr2", name: "Committee Room 2")])

    static func t(_ s: String) -> Date { try! LondonTime.parse(s) }

    /// A request that passes every rule: Group A's leader, the Director, 14:00–14:45 in a 2h Tuesday meeting.
    static func proposal() -> SessionProposal {
        SessionProposal(requester: "a-lead", groups: ["A"],
                        matter: Matter(title: "Local Plan review", area: "planning", linkedMeeting: "Cabinet 15 December 2026"),
                        officers: [OfficerAttendance(officer: "dir")],
                        meetingStart: t("2026-12-08T14:00"), meetingEnd: t("2026-12-08T16:00"),
                        segmentStart: t("2026-12-08T14:00"), segmentEnd: t("2026-12-08T14:45"),
                        venue: .room("cr1"), attendees: [.person("a-lead"), .person("a-2"), .person("coopt")])
    }

    static func verdict(_ rule: RuleID, _ p: SessionProposal, profile: PolicyProfile = .model, bookings: [Booking] = []) -> Verdict {
        RuleEngine(ValidationContext(roster: roster, profile: profile, bookings: bookings)).validate(p).first { $0.rule == rule }!
    }
}
