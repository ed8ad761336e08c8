import BriefingsDomain
import BriefingsStore
import Foundation
import Hummingbird

/// The Monitoring Officer's pages (and the approver's, deputy's and administrators'): the parity report with its chart,
/// and the audit trail with the result of verifying its hash chain.
extension DeskController {
    /// The newest entries the audit page lists; the whole trail is verified every time.
    static let auditPageEntries = 200

    func addOversightRoutes(to group: RouterGroup<DeskContext>) {
        group.get("parity") { request, context in
            let v = try await viewer(context)
            let rows = try await desk.parity(as: v.id)
            let table = rows.map { r -> [String: Any] in
                ["name": r.name, "requests": r.requestsMade, "offers": r.offersReceived, "accepted": r.accepted, "declined": r.declined,
                 "lapsed": r.lapsed, "open": r.open, "held": r.sessionsHeld, "scheduled": r.sessionsScheduled, "hours": ParityChart.hours(r.officerHours)]
            }
            return try await render(Page(template: "parity", title: "Parity report", values: ["svg": ParityChart.svg(rows), "rows": table]), request, context)
        }
        group.get("audit") { request, context in
            let v = try await viewer(context)
            let entries = try await desk.audit(as: v.id)
            let report = try await desk.verifyAudit(as: v.id)
            let c = v.council
            let shown = entries.suffix(Self.auditPageEntries).reversed().map { e -> [String: Any] in
                ["seq": e.seq, "at": DeskTime.at(e.at), "actor": e.actor == "system" ? "system" : "\(c.name(e.actor)) (\(e.actor))",
                 "role": e.role, "action": e.action, "subject": e.subject,
                 "details": e.details.sorted { $0.key < $1.key }.filter { !$0.value.isEmpty }.map { "\($0.key): \(DeskTime.text($0.value))" }.joined(separator: "; "),
                 "verdicts": e.verdicts.isEmpty ? "" : "\(e.verdicts.filter(\.passed).count) of \(e.verdicts.count) rules passed",
                 "hash": String(e.hash.prefix(12))]
            }
            return try await render(Page(template: "audit", title: "Audit trail",
                                   values: ["intact": report.intact, "count": Self.count(report.entries, "entry").replacingOccurrences(of: "entrys", with: "entries"),
                                            "problems": report.problems, "entries": Array(shown), "shownCount": shown.count,
                                            "partial": entries.count > shown.count]),
                              request, context)
        }
    }
}
