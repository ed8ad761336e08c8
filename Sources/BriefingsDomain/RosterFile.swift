import Foundation

/// Reads a roster file (JSON, documented in docs/roster.md) and lists every problem by key, refusing it whole.
public enum RosterFile {
    public struct Problems: Error, Sendable, CustomStringConvertible {
        public var problems: [String]
        public var description: String {
            "the roster was not loaded; fix these \(problems.count) problem(s) and import it again:\n"
                + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    public static func parse(_ data: Data) throws(Problems) -> Roster {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw Problems(problems: ["the file is not valid JSON: \(detail)"])
        }
        // Text with control characters never gets as far as the roster (or the database, or the audit trail); every
        // text in a roster (ids, names, titles, hours) is one line.
        let unprintable = TextInput.problems(inJSON: object, oneLine: true)
        if !unprintable.isEmpty { throw Problems(problems: unprintable) }
        var reader = Reader()
        let roster = reader.roster(object)
        if !reader.problems.isEmpty || roster == nil {
            throw Problems(problems: reader.problems.isEmpty ? ["the roster is empty"] : reader.problems)
        }
        return roster!
    }

    /// Walks the JSON, collecting every problem rather than stopping at the first.
    struct Reader {
        var problems: [String] = []

        mutating func object(_ value: Any?, _ path: String, keys: Set<String>) -> [String: Any]? {
            guard let dict = value as? [String: Any] else {
                problems.append("\(path): expected an object { … }")
                return nil
            }
            for key in dict.keys.sorted() where !keys.contains(key) {
                problems.append("\(path).\(key): unknown key; expected one of \(keys.sorted().joined(separator: ", "))")
            }
            return dict
        }

        mutating func string(_ dict: [String: Any], _ key: String, _ path: String, required: Bool = true) -> String? {
            guard let raw = dict[key], !(raw is NSNull) else {
                if required { problems.append("\(path).\(key): missing") }
                return nil
            }
            guard let s = raw as? String, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                problems.append("\(path).\(key): expected a non-empty text")
                return nil
            }
            return s
        }

        /// An optional `email`, checked (`EmailAddress`).
        mutating func email(_ dict: [String: Any], _ path: String) -> String? {
            guard let address = string(dict, "email", path, required: false) else { return nil }
            if let problem = EmailAddress.problem(address) {
                problems.append("\(path).email: \(problem)")
                return nil
            }
            return address
        }

        mutating func array(_ dict: [String: Any], _ key: String, _ path: String) -> [Any] {
            guard let raw = dict[key] else { return [] }
            guard let a = raw as? [Any] else { problems.append("\(path).\(key): expected a list [ … ]"); return [] }
            return a
        }

        mutating func roster(_ root: Any) -> Roster? {
            guard let top = object(root, "roster", keys: ["council", "approver", "deputyApprover", "monitoringOfficer",
                                                          "administrators", "groups", "members", "officers", "rooms"]) else { return nil }
            var name = "", profileName = PolicyProfile.model.name, profileStated = false
            var councilEmail: String?
            var overrides: [String: OverrideValue] = [:]
            if let c = object(top["council"], "council", keys: ["name", "email", "profile", "overrides"]) {
                name = string(c, "name", "council") ?? ""
                councilEmail = email(c, "council")
                if let p = string(c, "profile", "council", required: false) {
                    if PolicyProfile.named(p) == nil {
                        problems.append("council.profile: no profile '\(p)'; choose one of \(PolicyProfile.all.map(\.name).joined(separator: ", "))")
                    } else { profileName = p; profileStated = true }
                }
                if let o = c["overrides"] {
                    if let dict = o as? [String: Any],
                       let data = try? JSONSerialization.data(withJSONObject: dict),
                       let decoded = try? JSONDecoder().decode([String: OverrideValue].self, from: data) {
                        overrides = decoded
                        if case .failure(let e) = (PolicyProfile.named(profileName) ?? .model).applying(overrides) {
                            problems += e.problems
                        }
                    } else { problems.append("council.overrides: expected an object { … }") }
                }
            }
            let admins = array(top, "administrators", "roster").enumerated().compactMap { i, v -> Person? in
                let path = "administrators[\(i)]"
                guard let d = object(v, path, keys: ["id", "name", "email"]), let id = string(d, "id", path),
                      let n = string(d, "name", path) else { return nil }
                return Person(id: id, name: n, email: email(d, path))
            }
            var assistants: [Assistant] = []
            let groups = array(top, "groups", "roster").enumerated().compactMap { i, v -> PoliticalGroup? in
                let path = "groups[\(i)]"
                guard let d = object(v, path, keys: ["id", "name", "leader", "controlling", "assistants"]) else { return nil }
                let id = string(d, "id", path), n = string(d, "name", path), leader = string(d, "leader", path)
                var controlling = false
                if let c = d["controlling"] {
                    if let b = c as? Bool { controlling = b } else { problems.append("\(path).controlling: expected true or false") }
                }
                for (j, a) in array(d, "assistants", path).enumerated() {
                    let ap = "\(path).assistants[\(j)]"
                    if let ad = object(a, ap, keys: ["id", "name", "email"]), let aid = string(ad, "id", ap), let an = string(ad, "name", ap), let id {
                        assistants.append(Assistant(id: aid, name: an, group: id, email: email(ad, ap)))
                    }
                }
                guard let id, let n, let leader else { return nil }
                return PoliticalGroup(id: id, name: n, leader: leader, controlling: controlling)
            }
            let members = array(top, "members", "roster").enumerated().compactMap { i, v -> Member? in
                let path = "members[\(i)]"
                guard let d = object(v, path, keys: ["id", "name", "group", "kind", "email"]) else { return nil }
                let id = string(d, "id", path), n = string(d, "name", path)
                let g = string(d, "group", path, required: false)
                var kind = Member.Kind.elected
                if let k = string(d, "kind", path, required: false) {
                    if let parsed = Member.Kind(rawValue: k) { kind = parsed }
                    else { problems.append("\(path).kind: '\(k)' is not elected or co-opted") }
                }
                let address = email(d, path)
                guard let id, let n else { return nil }
                return Member(id: id, name: n, group: g, kind: kind, email: address)
            }
            // Every officer id in the file, including entries refused for another problem, so that a
            // reference to one of them is not reported as a second, misleading problem.
            var officerIDs: Set<String> = []
            let officers = array(top, "officers", "roster").enumerated().compactMap { i, v -> Officer? in
                let path = "officers[\(i)]"
                guard let d = object(v, path, keys: ["id", "name", "title", "grade", "remit", "hours", "lineManager", "email"]) else { return nil }
                let id = string(d, "id", path), n = string(d, "name", path), title = string(d, "title", path)
                if let id { officerIDs.insert(id) }
                var grade: Officer.Grade?
                if let g = string(d, "grade", path) {
                    grade = Officer.Grade(rawValue: g)
                    if grade == nil { problems.append("\(path).grade: '\(g)' is not one of \(Officer.Grade.allCases.map(\.rawValue).joined(separator: ", "))") }
                }
                let remit = array(d, "remit", path).compactMap { $0 as? String }
                if remit.isEmpty { problems.append("\(path).remit: list at least one service area (or \"all\")") }
                var hours = WorkingHours.standard
                if let h = string(d, "hours", path, required: false) {
                    if let parsed = WorkingHours(parsing: h) { hours = parsed }
                    else { problems.append("\(path).hours: '\(h)' is not like \"Mon-Fri 08:30-17:30\"") }
                }
                let manager = string(d, "lineManager", path, required: false)
                let address = email(d, path)
                guard let id, let n, let title, let grade else { return nil }
                return Officer(id: id, name: n, title: title, grade: grade, remit: remit, hours: hours, lineManager: manager, email: address)
            }
            let rooms = array(top, "rooms", "roster").enumerated().compactMap { i, v -> Room? in
                let path = "rooms[\(i)]"
                guard let d = object(v, path, keys: ["id", "name", "capacity"]) else { return nil }
                let id = string(d, "id", path), n = string(d, "name", path)
                let cap = d["capacity"] as? Int
                if d["capacity"] != nil && cap == nil { problems.append("\(path).capacity: expected a whole number") }
                guard let id, let n else { return nil }
                return Room(id: id, name: n, capacity: cap)
            }
            let approver = string(top, "approver", "roster") ?? ""
            var roster = Roster(councilName: name, profileName: profileName, overrides: overrides, approver: approver,
                                deputyApprover: string(top, "deputyApprover", "roster", required: false),
                                monitoringOfficer: string(top, "monitoringOfficer", "roster", required: false),
                                administrators: admins, groups: groups, members: members, assistants: assistants,
                                officers: officers, rooms: rooms, councilEmail: councilEmail)
            roster.profileStated = profileStated
            // The desk's address sends every message (From) and organises every invitation (ORGANIZER).
            if roster.hasEmail && councilEmail == nil && !problems.contains(where: { $0.hasPrefix("council.email") }) {
                problems.append("council.email: missing; once anyone on the roster has an email address, give the council's desk address (e.g. \"briefings@council.gov.uk\"), which sends the messages and organises the calendar invitations")
            }
            crossCheck(roster, officerIDs: officerIDs)
            return roster
        }

        /// Checks that ids are unique and every reference points at the right kind of person.
        mutating func crossCheck(_ r: Roster, officerIDs: Set<String>) {
            func isOfficer(_ id: String) -> Bool { r.officer(id) != nil || officerIDs.contains(id) }
            var seen: [String: String] = [:]
            func claim(_ id: String, _ what: String) {
                if let before = seen[id] { problems.append("\(what): id '\(id)' is already used by \(before); ids must be unique") }
                else { seen[id] = what }
            }
            for (i, m) in r.members.enumerated() { claim(m.id, "members[\(i)]") }
            for (i, o) in r.officers.enumerated() { claim(o.id, "officers[\(i)]") }
            for (i, a) in r.assistants.enumerated() { claim(a.id, "assistant \(i) of group \(a.group)") }
            for (i, a) in r.administrators.enumerated() { claim(a.id, "administrators[\(i)]") }
            var groupIDs: Set<String> = []
            // A council may have no political groups (`002`): every councillor then stands as their own line.
            for (i, g) in r.politicalGroups.enumerated() {
                if !groupIDs.insert(g.id).inserted { problems.append("groups[\(i)].id: '\(g.id)' is used twice") }
                if r.member(g.leader)?.group != g.id { problems.append("groups[\(i)].leader: '\(g.leader)' is not a member of group \(g.id)") }
            }
            if r.groups.filter(\.controlling).count > 1 { problems.append("groups: only one group can be the controlling group") }
            for (i, m) in r.members.enumerated() {
                if let g = m.group, !groupIDs.contains(g) { problems.append("members[\(i)].group: no group '\(g)'") }
                if m.group == nil, groupIDs.contains(m.id) {
                    problems.append("members[\(i)].id: '\(m.id)' is also a group's id; a councillor without a group is offered briefings under their own id, so the two must differ")
                }
            }
            var roomIDs: Set<String> = []
            for (i, room) in r.rooms.enumerated() where !roomIDs.insert(room.id).inserted {
                problems.append("rooms[\(i)].id: '\(room.id)' is used twice")
            }
            for (i, o) in r.officers.enumerated() {
                if let m = o.lineManager, !isOfficer(m) { problems.append("officers[\(i)].lineManager: '\(m)' is not an officer") }
            }
            if !r.approver.isEmpty, !isOfficer(r.approver) { problems.append("approver: '\(r.approver)' is not an officer on the roster") }
            if let d = r.deputyApprover, !isOfficer(d) { problems.append("deputyApprover: '\(d)' is not an officer on the roster") }
            if let d = r.deputyApprover, d == r.approver { problems.append("deputyApprover: must be someone other than the approver") }
            if let m = r.monitoringOfficer, !isOfficer(m) { problems.append("monitoringOfficer: '\(m)' is not an officer on the roster") }
        }
    }
}
