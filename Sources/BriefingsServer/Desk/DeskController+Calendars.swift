import BriefingsDomain
import BriefingsStore
import Foundation
import Hummingbird

/// Officers' calendar addresses (issue 26, item 3): an officer sees when their published calendar was last read and
/// any error; an administrator sees every officer's. Only the address's host is ever shown. Setting an address is
/// the administrator's, on the server (`briefings busy url set`).
extension DeskController {
    func addCalendarRoutes(to group: RouterGroup<DeskContext>) {
        group.get("calendars") { request, context in
            let v = try await viewer(context)
            let list = try await desk.busyCalendars(as: v.id)
            let rows = list.map { c -> [String: Any] in
                var row: [String: Any] = ["officer": v.council.name(c.officer), "address": c.address, "horizon": c.horizonDays,
                                          "read": c.read.map(DeskTime.at) ?? "never", "next": DeskTime.at(c.next),
                                          "failed": c.status == .failed, "busy": c.busyTimes.map(String.init) ?? "none yet"]
                row["status"] = Self.calendarStatus(c)
                if let error = c.error { row["error"] = Page.Problem.sentence(error) }
                return row
            }
            let admin = v.roles.contains(.administrator)
            return try await render(Page(template: "calendars", title: admin ? "Officers' calendars" : "Your calendar",
                                         values: ["rows": rows, "empty": rows.isEmpty, "admin": admin]), request, context)
        }
    }

    /// Where an officer's calendar stands: not read yet, read (imported or unchanged, and when), or failing.
    static func calendarStatus(_ c: BriefingDesk.BusyCalendar) -> String {
        switch c.status {
        case .waiting: "Not read yet"
        case .imported: "Read; busy times imported \(c.imported.map(DeskTime.at) ?? "")"
        case .unchanged: "Read; unchanged since it was imported \(c.imported.map(DeskTime.at) ?? "")"
        case .failed: "Could not be read \(c.attempted.map(DeskTime.at) ?? "")" + (c.failures > 1 ? " (\(c.failures) times in a row)" : "")
        }
    }
}
