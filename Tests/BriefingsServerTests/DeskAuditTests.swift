import BriefingsDomain
@testable import BriefingsServer
import BriefingsStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 23 item 9: the Monitoring Officer's trail was half sign-in noise, in stored step codes, with no filter, search or
/// export; the parity chart scaled each panel to its own maximum, so one take-up drew the same bar as five offers.
@Suite("The Monitoring Officer's audit trail and parity chart")
struct DeskAuditTests {
    static func said(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    }

    /// The rows of the audit table, each as what it says.
    static func rows(_ html: String) -> [String] {
        html.components(separatedBy: "<tr>").dropFirst(2).map(said)
    }

    @Test("sign-ins hidden unless asked; steps in words; filtered by step, person, reference and days, the filter kept on the next page; CSV of what is filtered")
    func auditFilters() async throws {
        let f = try await Fixture.make()
        // 55 sign-in links issued for the Monitoring Officer: more than a page of one step.
        for _ in 0..<55 { _ = try await f.desk.issueSignInLink(for: "o-mo") }
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-mo", desk: f.desk)
            var page = try await b.get("/desk/audit")
            var text = Self.said(page.body)
            #expect(page.status == 200 && text.contains("Request or change agreed") && text.contains("Sign-in link issued"), "\(text.suffix(2000))")
            #expect(!text.contains("request.approve") && !text.contains("person.signin-link"), "stored step codes shown")
            #expect(!Self.rows(page.body).contains { $0.contains("Signed in") }, "a sign-in shown without asking")
            #expect(!page.body.contains("overrides: {}"), "an empty record shown")

            page = try await b.get("/desk/audit?signins=yes")
            #expect(Self.rows(page.body).contains { $0.contains("Signed in") && $0.contains("Richard Bell") })

            page = try await b.get("/desk/audit?step=request.submit")
            var rows = Self.rows(page.body)
            #expect(rows.count == 2 && rows.allSatisfy { $0.contains("Request made") }, "\(rows)")
            #expect(page.body.contains("<option value=\"request.submit\" selected>"), "the filter shows what was chosen")

            rows = Self.rows(try await b.get("/desk/audit?person=o-ceo").body)
            #expect(rows.count == 1 && rows[0].contains("Request or change agreed") && rows[0].contains("RQ-0001"), "\(rows)")
            rows = Self.rows(try await b.get("/desk/audit?reference=rq-0002").body)
            #expect(rows.count == 1 && rows[0].contains("RQ-0002"), "a reference in any case: \(rows)")
            page = try await b.get("/desk/audit?from=2026-11-03")
            #expect(page.status == 200 && Self.said(page.body).contains("No entries match this filter."))
            #expect(Self.rows(try await b.get("/desk/audit?from=2026-11-02&until=2026-11-02&step=request.approve").body).count == 1)

            // A wrong date or span: 400, the problem linked to its box, in the desk's words.
            page = try await b.get("/desk/audit?from=2026-11-05&until=2026-11-01")
            text = Self.said(page.body)
            #expect(page.status == 400 && text.contains("Until (Sun 1 Nov 2026) is before From (Thu 5 Nov 2026)") && page.body.contains("href=\"#audit-until\""), "\(text.prefix(1500))")
            #expect(try await b.get("/desk/audit?from=next%20week").status == 400)

            // The next page keeps the filter.
            page = try await b.get("/desk/audit?step=person.signin-link")
            #expect(Self.rows(page.body).count == 50 && page.body.contains("href=\"/desk/audit?step=person.signin-link&amp;cursor="), "\(page.body.suffix(1500))")
            let next = try #require(page.body.range(of: #"/desk/audit\?step=person\.signin-link&amp;cursor=[^"]+"#, options: .regularExpression).map { String(page.body[$0]) })
            page = try await b.get(next.replacingOccurrences(of: "&amp;", with: "&"))
            rows = Self.rows(page.body)
            #expect(rows.count == 6 && rows.allSatisfy { $0.contains("Sign-in link issued") }, "55 issued here and the one this browser signed in with: \(rows.count)")

            // CSV: what the filter keeps, a header row, the step in words and its code.
            page = try await b.get("/desk/audit.csv?step=request.submit")
            let lines = page.body.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            #expect(page.status == 200 && lines.first == "No.,When,Step,Code,Reference,Who,Role,Details,Rules passed,Hash", "\(lines.first ?? "")")
            #expect(lines.count == 3 && lines.dropFirst().allSatisfy { $0.contains(",Request made,request.submit,RQ-000") }, "\(lines)")
            #expect(try await b.get("/desk/audit.csv?until=soon").status == 400)

            // Nobody else reads it, as a page or as a file.
            let p = DeskBrowser(client)
            try await p.signIn("m-patel", desk: f.desk)
            #expect(try await p.get("/desk/audit.csv").status == 403)
        }
    }

    @Test("offers received and taken up are drawn on one scale: one take-up is a fifth of the bar of five offers")
    func parityOneScale() throws {
        let rows = [Desk.ParityRow(group: "LAB", name: "Labour Group", requestsMade: 1, offersReceived: 5, accepted: 1, declined: 0, lapsed: 0,
                                   open: 4, sessionsHeld: 0, sessionsScheduled: 1, officerHours: 0.75)]
        let svg = ParityChart.svg(rows)
        let widths = svg.matches(of: /<rect x="250\.0" y="[0-9.]+" width="([0-9.]+)"/).map { Double($0.1)! }
        #expect(widths.count == 3, "\(svg)")
        #expect(abs(widths[1] * 5 - widths[0]) < 0.5, "offers \(widths[0]), taken up \(widths[1]): not on one scale")
    }
}
