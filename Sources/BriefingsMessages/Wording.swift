import BriefingsDomain

/// Small pieces of English every channel uses.
public enum Wording {
    /// `A`, `A and B`, `A, B and C`.
    public static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// Where a session meets, as people read it: the room's name, the virtual link, the premises; nil for a written report.
    public static func location(_ venue: Venue, _ c: Council) -> String? {
        switch venue {
        case .room(let id): c.roster.room(id)?.name ?? id
        case .virtual(let link): link
        case .external(let d, _): d
        case .writtenReport: nil
        }
    }
}
