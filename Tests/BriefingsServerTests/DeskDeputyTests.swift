import BriefingsDomain
@testable import BriefingsServer
import BriefingsStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The deputy on the desk (issue 23, item 2): no answers they may not give, but when they may; while the approver is
/// recorded as away, a banner on every page saying they act for them, and the answers.
@Suite("Web desk: the deputy")
struct DeskDeputyTests {
    static let banner = "You are acting for the Chief Executive (Catherine Moss)"

    @Test("with the Chief Executive in, the deputy reads the queue with no Approve or Decline, and a line saying when they may decide")
    func notActing() async throws {
        let f = try await Fixture.make()
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-dce", desk: f.desk)
            for path in ["/desk/queue", "/desk/queue/RQ-0002"] {
                let page = try await b.get(path)
                #expect(page.status == 200)
                #expect(!page.body.contains("/approve\"") && !page.body.contains("/decline\"") && !page.body.contains("/acknowledge\""), "\(path)")
                #expect(page.body.contains("You may decide only while the Chief Executive (Catherine Moss) is recorded as away")
                        && page.body.contains("No absence is recorded"), "\(path)")
                // Only the approver or an administrator records an absence (000 §17.16.3; issue 25, item 7).
                #expect(page.body.contains("(Catherine Moss) or an administrator records one") && !page.body.contains("you or an administrator"), "\(path)")
                #expect(!page.body.contains(Self.banner), "\(path)")
            }
            #expect(try await b.get("/desk").body.contains("waiting for the Chief Executive; you may read them"))
            // A later absence: the line names its days.
            try await f.desk.recordAbsence(from: LocalDate("2026-11-09")!, until: LocalDate("2026-11-11")!, as: "o-ceo")
            let later = try await b.get("/desk/queue/RQ-0002")
            #expect(later.body.contains("Their next recorded absence is from Mon 9 Nov 2026 to Wed 11 Nov 2026"), "\(later.body)")
            #expect(!later.body.contains("/approve\""))
        }
    }

    @Test("while the Chief Executive is recorded as away the deputy sees the acting banner on every page, and the answers, and decides")
    func acting() async throws {
        let f = try await Fixture.make()
        try await f.desk.recordAbsence(from: LocalDate("2026-11-02")!, until: LocalDate("2026-11-06")!, as: "o-ceo")
        try await f.app.test(.router) { client in
            let b = DeskBrowser(client)
            try await b.signIn("o-dce", desk: f.desk)
            for path in ["/desk", "/desk/queue", "/desk/queue/RQ-0002", "/desk/sessions", "/desk/nothing"] {
                let page = try await b.get(path)
                #expect(page.body.contains(Self.banner + ", who is recorded as away until Fri 6 Nov 2026"), "\(path)")
            }
            let item = try await b.get("/desk/queue/RQ-0002")
            #expect(item.body.contains("action=\"/desk/queue/RQ-0002/approve\"") && item.body.contains("action=\"/desk/queue/RQ-0002/decline\""))
            #expect(!item.body.contains("You may decide only while"))
            let declined = try await b.post("/desk/queue/RQ-0002/decline", [("reason", "The Director is needed elsewhere that week.")])
            #expect(declined.status == 303)
            #expect(try await f.desk.request("RQ-0002", as: "o-ceo").decidedRole == "deputy approver")
            // The Chief Executive never sees the banner; nor does anyone else.
            for person in ["o-ceo", "o-mo", "m-patel"] {
                let other = DeskBrowser(client)
                try await other.signIn(person, desk: f.desk)
                #expect(!(try await other.get("/desk")).body.contains("Acting for the approver"), "\(person)")
            }
        }
    }
}
