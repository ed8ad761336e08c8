import BriefingsDomain
import Foundation

/// Small pieces of English every channel uses.
public enum Wording {
    /// `A`, `A and B`, `A, B and C`.
    public static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// Where a session meets, as people read it: the room's name, the virtual link, the premises; nil for a written report.
    /// "venue needs their agreement", "venue, working-hours need their agreement": the rules a step waits on.
    public static func needAgreement(_ rules: [RuleID]) -> String {
        rules.map(\.rawValue).joined(separator: ", ") + (rules.count == 1 ? " needs" : " need") + " their agreement"
    }

    public static func location(_ venue: Venue, _ c: Council) -> String? {
        switch venue {
        case .room(let id): c.roster.room(id)?.name ?? id
        case .virtual(let link): link
        case .external(let d, _): d
        case .writtenReport: nil
        }
    }

    /// A group as a sentence names it: `the Labour Group` (`The Labour Group` starting one); a councillor without a
    /// group by their own name.
    public static func group(_ id: String, _ c: Council, startsSentence: Bool = false) -> String {
        guard let g = c.roster.group(id) else { return c.name(id) }
        return g.individual ? g.name : (startsSentence ? "The " : "the ") + g.name
    }

    /// `Mon 21 Dec`: a date in a subject.
    public static func day(_ date: LocalDate) -> String { parts(noon(date)).prefix(3).joined(separator: " ") }

    /// `Mon 21 Dec 2026`: a date in a message's text.
    public static func longDay(_ date: LocalDate) -> String { parts(noon(date)).prefix(4).joined(separator: " ") }

    /// `Mon 7 Dec 18:00`: a time in a subject.
    public static func when(_ instant: Date) -> String {
        let p = parts(instant)
        return p.prefix(3).joined(separator: " ") + " " + p[4]
    }

    /// `Mon 7 Dec 2026 18:00 GMT to 18:45`: a stretch of time on one day.
    public static func span(_ start: Date, _ end: Date) -> String {
        LondonTime.formatLong(start) + " to " + LondonTime.format(end).suffix(5)
    }

    /// `["Mon", "7", "Dec", "2026", "18:00", "GMT"]`.
    static func parts(_ instant: Date) -> [String] { LondonTime.formatLong(instant).split(separator: " ").map(String.init) }

    static func noon(_ date: LocalDate) -> Date { LondonTime.instant(on: date, minute: 12 * 60) ?? Date(timeIntervalSince1970: 0) }
}
