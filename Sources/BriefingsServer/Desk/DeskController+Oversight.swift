import BriefingsDomain
import BriefingsMessages
import CSV
import BriefingsStore
import Foundation
import Hummingbird

/// The Monitoring Officer's pages (and the approver's, deputy's and administrators'): the parity report with its chart,
/// and the audit trail with the result of verifying its hash chain.
extension DeskController {
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
            let (filter, query, problems) = Self.auditFilter(request, v.council)
            // A page of the entries the filter keeps, newest first; the whole trail is verified every time.
            let page = try await desk.audit(as: v.id, page: try Self.pageRequest(request, "audit", newestFirst: true), filter: filter)
            let report = try await desk.verifyAudit(as: v.id)
            let c = v.council
            let shown = page.items.map { e -> [String: Any] in
                ["seq": e.seq, "at": DeskTime.at(e.at), "actor": Self.auditActor(e.actor, c), "role": e.role,
                 "step": AuditText.step(e.action), "subject": e.subject, "details": Self.auditDetails(e),
                 "verdicts": e.verdicts.isEmpty ? "" : "\(e.verdicts.filter(\.passed).count) of \(e.verdicts.count) rules passed",
                 "hash": String(e.hash.prefix(12))]
            }
            let steps = AuditText.steps.map { ["value": $0.action, "label": $0.words, "selected": $0.action == filter.step] }
            var page_ = Page(template: "audit", title: "Audit trail", status: problems.isEmpty ? .ok : .badRequest,
                             values: ["intact": report.intact, "count": Self.count(report.entries, "entry").replacingOccurrences(of: "entrys", with: "entries"),
                                      "problems": report.problems, "entries": shown, "empty": shown.isEmpty, "steps": steps,
                                      "person": filter.person ?? "", "reference": filter.reference ?? "",
                                      "from": filter.from?.description ?? "", "until": filter.until?.description ?? "", "signIns": filter.signIns,
                                      "filtered": !query.isEmpty, "csv": "/desk/audit.csv" + (query.isEmpty ? "" : "?\(query)"),
                                      "pagination": Self.pagination(page, "/desk/audit", "entry", plural: "entries", query: query)])
            page_.errors = problems
            return try await render(page_, request, context)
        }
        // Every entry the filter keeps, as CSV for a spreadsheet: the step in words and its stored code, the reference,
        // who, their role, when (London time), the details, and the entry's hash.
        group.get("audit.csv") { request, context in
            let v = try await viewer(context)
            let (filter, _, problems) = Self.auditFilter(request, v.council)
            if let problem = problems.first { throw DeskPageError.badForm("\(problem.message). \(problem.fix)") }
            let entries = try await Desk.everything("audit") { try await desk.audit(as: v.id, page: $0, filter: filter) }
            let csv = try CSVWriter(stream: .toMemory())
            try csv.write(row: ["No.", "When", "Step", "Code", "Reference", "Who", "Role", "Details", "Rules passed", "Hash"])
            for e in entries {
                try csv.write(row: [String(e.seq), LondonTime.format(e.at), AuditText.step(e.action), e.action, e.subject, Self.auditActor(e.actor, v.council),
                                    e.role, Self.auditDetails(e), e.verdicts.isEmpty ? "" : "\(e.verdicts.filter(\.passed).count) of \(e.verdicts.count)", e.hash])
            }
            csv.stream.close()
            let data = csv.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"audit-trail.csv\"", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// The audit page's filter from its query: each field as typed, trimmed; a date that is not a date, or a span that
    /// ends before it starts, is a problem naming its box. Returns the filter, its query (for the next page's link and
    /// the CSV link), and the problems.
    static func auditFilter(_ request: Request, _ c: Council) -> (Desk.AuditFilter, String, [Page.Problem]) {
        let q = request.uri.queryParameters
        func text(_ name: String) -> String? {
            q[Substring(name)].map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        var problems: [Page.Problem] = []
        func day(_ name: String, _ label: String) -> LocalDate? {
            guard let t = text(name) else { return nil }
            if let d = LocalDate(t) { return d }
            problems.append(Page.Problem(field: "audit-\(name)", message: "\(label) is not a date", fix: "Choose a day, or leave it empty."))
            return nil
        }
        var f = Desk.AuditFilter(step: text("step"), person: text("person"), reference: text("reference")?.uppercased(),
                                 from: day("from", "From"), until: day("until", "Until"), signIns: text("signins") == "yes")
        if let from = f.from, let until = f.until, until < from {
            problems.append(Page.Problem(field: "audit-until", message: "Until (\(until)) is before From (\(from))", fix: "Choose an end on or after the start."))
            f.until = nil
        }
        if let step = f.step, !AuditText.steps.contains(where: { $0.action == step }) { f.step = nil }
        var items = URLComponents()
        items.queryItems = [("step", f.step), ("person", f.person), ("reference", f.reference), ("from", f.from?.description),
                            ("until", f.until?.description), ("signins", f.signIns ? "yes" : nil)]
            .compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        return (f, items.queryItems?.isEmpty == false ? (items.percentEncodedQuery ?? "") : "", problems)
    }

    static func auditActor(_ actor: String, _ c: Council) -> String {
        actor == "system" || actor == "anonymous" ? actor : "\(c.name(actor)) (\(actor))"
    }

    /// An entry's details as one line: empty values and empty records (`{}`, `[]`) left out.
    static func auditDetails(_ e: AuditTrail.Entry) -> String {
        e.details.sorted { $0.key < $1.key }.filter { !["", "{}", "[]"].contains($0.value) }
            .map { "\($0.key): \(DeskTime.text($0.value))" }.joined(separator: "; ")
    }
}
