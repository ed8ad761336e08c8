import BriefingsDomain
import Foundation
import Testing

@Suite("Roster file")
struct RosterFileTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../examples/roster.json")

    @Test("the shipped example roster loads")
    func example() throws {
        let roster = try RosterFile.parse(try Data(contentsOf: Self.example))
        #expect(roster.groups.count >= 3)
        #expect(roster.members.contains { $0.kind == .coopted })
        #expect(Set(roster.officers.map(\.grade)) == Set(Officer.Grade.allCases), "officers of every grade")
        #expect(roster.controllingGroup != nil && !roster.rooms.isEmpty)
        #expect(roster.roles(of: roster.approver).contains(.approver))
    }

    @Test("a council without political groups loads: every councillor stands as their own line (002 \"same rights\")")
    func noGroups() throws {
        let town = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/town-roster.json")
        let roster = try RosterFile.parse(try Data(contentsOf: town))
        #expect(roster.politicalGroups.isEmpty)
        #expect(roster.groups.map(\.id) == roster.members.map(\.id) && roster.groups.allSatisfy(\.individual))
        #expect(roster.roles(of: "c-ford").contains(.groupLeader(group: "c-ford")), "a co-opted member too (003 §22.1)")
        #expect(roster.groupOf("c-ford") == "c-ford" && roster.members(of: "c-ford").map(\.id) == ["c-ford"])
        // In a council with groups, an ungrouped member's id may not also be a group's.
        let clash = """
        {"council": {"name": "X"}, "approver": "o1", "groups": [{"id": "ind", "name": "Independents", "leader": "m1"}],
         "members": [{"id": "m1", "name": "M1", "group": "ind"}, {"id": "ind", "name": "Solo"}],
         "officers": [{"id": "o1", "name": "O", "title": "T", "grade": "chief-executive", "remit": ["all"]}], "rooms": []}
        """
        #expect { try RosterFile.parse(Data(clash.utf8)) } throws: { ($0 as! RosterFile.Problems).problems.joined().contains("is also a group's id") }
    }

    @Test("single sign-on finds a roster person by the address the identity provider vouches for, in any case; two people sharing one address are both named")
    func peopleByEmail() throws {
        let json = """
        {"council": {"name": "X", "email": "desk@x.gov.uk"}, "approver": "o1",
         "administrators": [{"id": "ds", "name": "D", "email": "shared@x.gov.uk"}],
         "members": [{"id": "m1", "name": "M1", "email": "M.One@X.gov.uk"}, {"id": "m2", "name": "M2", "email": "shared@x.gov.uk"}, {"id": "m3", "name": "M3"}],
         "officers": [{"id": "o1", "name": "O", "title": "T", "grade": "chief-executive", "remit": ["all"], "email": "o@x.gov.uk"}], "rooms": []}
        """
        let roster = try RosterFile.parse(Data(json.utf8))
        #expect(roster.people(withEmail: "m.one@x.gov.uk") == ["m1"])
        #expect(roster.people(withEmail: "O@X.GOV.UK") == ["o1"])
        #expect(roster.people(withEmail: "shared@x.gov.uk") == ["ds", "m2"])
        #expect(roster.people(withEmail: "nobody@x.gov.uk").isEmpty)
        #expect(roster.people(withEmail: "").isEmpty, "a person without an address is never matched")
    }

    @Test("an invalid file lists every problem by key")
    func everyProblem() {
        let json = """
        {"council": {"name": "X", "profile": "999"}, "approver": "nobody", "colour": "red",
         "groups": [{"id": "A", "name": "A", "leader": "m1"}, {"id": "A", "name": "Again", "leader": "zz"}],
         "members": [{"id": "m1", "name": "M1", "group": "A"}, {"id": "m1", "name": "Dup", "group": "Q", "kind": "appointed"}],
         "officers": [{"id": "o1", "name": "O", "title": "T", "grade": "boss", "remit": [], "hours": "always"}],
         "rooms": [{"id": "r", "name": "R", "capacity": "big"}]}
        """
        do {
            _ = try RosterFile.parse(Data(json.utf8))
            Issue.record("an invalid roster was accepted")
        } catch {
            let all = error.problems.joined(separator: "\n")
            for key in ["council.profile", "roster.colour", "groups[1].id", "groups[1].leader", "members[1].kind", "members[1]: id 'm1'",
                        "members[1].group", "officers[0].grade", "officers[0].remit", "officers[0].hours", "rooms[0].capacity", "approver"] {
                #expect(all.contains(key), "missing a problem for \(key) in:\n\(all)")
            }
        }
    }

    @Test("an officer refused for a bad grade is reported once, not again as everyone's missing line manager or approver")
    func noCascade() throws {
        let example = try JSONSerialization.jsonObject(with: try Data(contentsOf: Self.example)) as! [String: Any]
        var officers = example["officers"] as! [[String: Any]]
        let ceo = officers[0]["id"] as! String
        officers[0]["grade"] = "wizard"
        var bad = example
        bad["officers"] = officers
        let file = try JSONSerialization.data(withJSONObject: bad)
        do {
            _ = try RosterFile.parse(file)
            Issue.record("a roster with a bad grade was accepted")
        } catch {
            #expect(error.problems.count == 1, "\(error.problems)")
            #expect(error.problems.first?.hasPrefix("officers[0].grade: 'wizard'") == true)
            #expect(example["approver"] as? String == ceo, "the example's approver is the officer whose grade is wrong")
        }
    }

    @Test("email addresses: optional per person, checked, and the council's desk address required once anyone has one")
    func emails() throws {
        let roster = try RosterFile.parse(try Data(contentsOf: Self.example))
        #expect(roster.councilEmail == "briefings@example.gov.uk")
        #expect(roster.email(of: "o-ceo") == "catherine.moss@example.gov.uk" && roster.email(of: "pa-lab") == "sam.reid@example.org")
        #expect(roster.email(of: "m-wood") == nil, "someone without an address is allowed")
        for good in ["jane.smith@council.gov.uk", "o'neill+briefings@example.org", "a@b.co"] { #expect(EmailAddress.problem(good) == nil, "\(good)") }
        for bad in ["jane", "jane@", "@council.gov.uk", "jane@@council.gov.uk", "jane smith@council.gov.uk", "jane..smith@council.gov.uk",
                    ".jane@council.gov.uk", "jane@council", "jane@-council.gov.uk", "jane@council.gov.uk.", "<jane@council.gov.uk>",
                    "jane@council.gov.uk, ceo@council.gov.uk", "jöhn@council.gov.uk", "jane@council.123"] {
            #expect(EmailAddress.problem(bad) != nil, "\(bad) was accepted")
        }
        var example = try JSONSerialization.jsonObject(with: try Data(contentsOf: Self.example)) as! [String: Any]
        var officers = example["officers"] as! [[String: Any]]
        officers[2]["email"] = "nadia.rahman at example.gov.uk"
        example["officers"] = officers
        var council = example["council"] as! [String: Any]
        council.removeValue(forKey: "email")
        example["council"] = council
        let file = try JSONSerialization.data(withJSONObject: example)
        do {
            _ = try RosterFile.parse(file)
            Issue.record("a roster with a bad address was accepted")
        } catch {
            let all = error.problems.joined(separator: "\n")
            #expect(all.contains("officers[2].email: 'nadia.rahman at example.gov.uk'") && all.contains("council.email: missing"), "\(all)")
        }
    }

    @Test("malformed JSON is refused with the parser's position")
    func malformed() {
        #expect(throws: RosterFile.Problems.self) { try RosterFile.parse(Data("{\"council\": ".utf8)) }
    }
}
