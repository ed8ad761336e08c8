/// What importing a new roster would change (issue 26 item 4): who joins, who leaves (kept, inactive, with their
/// history), who changes group or grade, shown before anything is written.
public enum RosterChange: Sendable, Hashable {
    /// Someone or something new: `what` says which kind ("member of LAB", "officer", "room", "group").
    case joins(id: String, name: String, what: String)
    /// No longer on the roster: kept as inactive, so their requests and the audit trail still name them.
    case leaves(id: String, name: String, what: String)
    case changesGroup(id: String, name: String, from: String?, to: String?)
    case changesGrade(id: String, name: String, from: Officer.Grade, to: Officer.Grade)
    case renamed(id: String, from: String, to: String)
}

extension Roster {
    /// The changes from this roster to `new`, in the order groups, members, assistants, officers, rooms.
    public func changes(to new: Roster) -> [RosterChange] {
        var out: [RosterChange] = []
        func compare<T>(_ old: [T], _ now: [T], id: (T) -> String, name: (T) -> String, what: (T) -> String, also: (T, T) -> [RosterChange] = { _, _ in [] }) {
            let before = Dictionary(old.map { (id($0), $0) }, uniquingKeysWith: { a, _ in a })
            let after = Set(now.map(id))
            for n in now {
                guard let o = before[id(n)] else { out.append(.joins(id: id(n), name: name(n), what: what(n))); continue }
                if name(o) != name(n) { out.append(.renamed(id: id(n), from: name(o), to: name(n))) }
                out += also(o, n)
            }
            for o in old where !after.contains(id(o)) { out.append(.leaves(id: id(o), name: name(o), what: what(o))) }
        }
        compare(groups, new.groups, id: \.id, name: \.name, what: { _ in "group" })
        compare(members, new.members, id: \.id, name: \.name, what: { m in m.group.map { "member of \($0)" } ?? "member without a group" },
                also: { o, n in o.group == n.group ? [] : [.changesGroup(id: n.id, name: n.name, from: o.group, to: n.group)] })
        compare(assistants, new.assistants, id: \.id, name: \.name, what: { "assistant of \($0.group)" },
                also: { o, n in o.group == n.group ? [] : [.changesGroup(id: n.id, name: n.name, from: o.group, to: n.group)] })
        compare(officers, new.officers, id: \.id, name: \.name, what: { "officer (\($0.title))" },
                also: { o, n in o.grade == n.grade ? [] : [.changesGrade(id: n.id, name: n.name, from: o.grade, to: n.grade)] })
        compare(rooms, new.rooms, id: \.id, name: \.name, what: { _ in "room" })
        return out
    }
}
