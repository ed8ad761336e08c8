import BriefingsDomain
import Foundation
import Testing

/// The `Session` value each step is judged from (RULES.md, "Sessions and who agrees them").
@Suite("Sessions")
struct SessionTests {
    typealias F = Fixture

    /// Group A's session, joined by Group B with its own overrides; the Director invited, not yet confirmed.
    static func joint() -> Session {
        let p = F.proposal()
        return Session(id: 7, briefing: 3, status: .scheduled, matter: p.matter,
                       groups: [Session.Group(group: "A", offer: 1, agreement: "RQ-0001", attendees: p.attendees),
                                Session.Group(group: "B", offer: 2, agreement: "RQ-0004", overrides: [.workingHours: "B's evening: agreed"],
                                              attendees: [.person("b-lead")])],
                       officers: [Session.Officer(officer: "dir")],
                       meetingStart: p.meetingStart, meetingEnd: p.meetingEnd, segmentStart: p.segmentStart, segmentEnd: p.segmentEnd,
                       venue: p.venue, attendees: p.attendees + [.person("b-lead")], joinable: true, sequence: 2, updatedAt: p.meetingStart)
    }

    @Test("a step is judged as the person acting, never as another group's requester")
    func actingPerson() {
        let s = Self.joint()
        let move = s.moved(meetingStart: F.t("2026-12-09T14:00"), meetingEnd: F.t("2026-12-09T16:00"),
                           segmentStart: F.t("2026-12-09T14:00"), segmentEnd: F.t("2026-12-09T14:45"), venue: nil, by: "ceo")
        #expect(move.requester == "ceo" && move.groups == ["A", "B"])
        #expect(move.segmentStart == F.t("2026-12-09T14:00") && move.venue == .room("cr1"))
        let join = s.joining(group: "C", by: "c-lead", onBehalfOf: nil, attendees: [.person("c-lead")])
        #expect(join.requester == "c-lead" && join.groups.first == "C", "the joining group is judged first, as itself")
        #expect(join.attendees == [.person("c-lead")], "with only its own attendees")
    }

    @Test("confirmed only once every group's attendance is agreed and every officer expected has confirmed")
    func confirmation() {
        var s = Self.joint()
        #expect(!s.isConfirmed, "the Director has not confirmed")
        s.officers[0].response = .confirmed
        #expect(s.isConfirmed)
        s.groups[1].agreement = nil
        #expect(!s.isConfirmed && s.agreements == ["A": "RQ-0001"], "Group B's join waits for the approver")
        s.groups[1].agreement = "RQ-0004"
        s.officers.append(Session.Officer(officer: "mgr", nominatedBy: "dir", response: .confirmed, nominationConfirmed: false))
        #expect(!s.isConfirmed, "a nominee counts once the senior officer confirms the nomination")
        s.officers[1].nominationConfirmed = true
        #expect(s.isConfirmed)
        s.officers[0].response = .declined
        #expect(s.attending.map(\.officer) == ["mgr"] && s.isConfirmed, "an officer who declined is no longer expected")
        s.officers[1].response = .represented
        #expect(!s.isConfirmed, "nobody left to attend")
    }

    @Test("each group keeps its own attendees and overrides")
    func perGroup() {
        let s = Self.joint()
        #expect(s.attendees(of: "B", memberGroup: { F.roster.member($0)?.group }) == [.person("b-lead")])
        #expect(s.group("A")?.overrides.isEmpty == true && s.group("B")?.overrides[.workingHours] != nil)
        var old = s
        old.groups[1].attendees = nil  // booked before attendees were kept per group
        #expect(old.attendees(of: "B", memberGroup: { F.roster.member($0)?.group }) == [.person("b-lead")])
        #expect(old.attendees(of: "A", memberGroup: { F.roster.member($0)?.group }).count == 3)
    }
}

extension SessionTests {
    @Test("issue 25 item 9 (001 §4.28): in a joint session each group sees only its own attendees; oversight sees every group's")
    func attendeesSeenByGroup() {
        let s = Self.joint(), group = { (m: String) in Fixture.roster.member(m)?.party }
        #expect(s.attendees(seenBy: "B", memberGroup: group) == [.person("b-lead")])
        #expect(s.attendees(seenBy: "A", memberGroup: group) == [.person("a-lead"), .person("a-2"), .person("coopt")])
        #expect(s.attendees(seenBy: nil, memberGroup: group) == s.attendees)
        #expect(s.attendees(seenBy: "C", memberGroup: group).isEmpty, "a group the session does not serve sees nobody")
        var old = s
        old.groups = s.groups.map { var g = $0; g.attendees = nil; return g }   // booked before lists were kept per group
        #expect(old.attendees(seenBy: "B", memberGroup: group) == [.person("b-lead")])
    }
}
