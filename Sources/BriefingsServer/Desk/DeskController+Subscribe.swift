import BriefingsDomain
import BriefingsStore
import Foundation
import Hummingbird

/// Each person's calendar feeds: which they may subscribe to, a fresh secret link for one (`webcal://` and `https://`,
/// replacing their earlier link for it), and what to do in Outlook, Google Calendar and Apple Calendar.
extension DeskController {
    func addSubscribeRoutes(to group: RouterGroup<DeskContext>) {
        group.get("subscribe") { request, context in try await subscribePage(request, context) }
        group.post("subscribe") { request, context in
            let v = try await viewer(context)
            guard let key = try context.form.decode(SubscribeFields.self).feed, let subject = BriefingDesk.FeedSubject(key: key) else {
                return try await subscribePage(request, context, problem: Page.Problem(field: "feeds", message: "choose a feed to subscribe to",
                                                                                  fix: "Press “Get a link” beside one of your feeds."), status: .badRequest)
            }
            let secret = try await desk.issueFeedSecret(subject, for: v.id, by: v.id)
            let base = publicURL ?? "http://\(request.head.authority ?? "127.0.0.1:8080")"
            let https = "\(base)/feeds/\(secret).ics"
            let webcal = "webcal://" + https.drop(while: { $0 != ":" }).dropFirst(3)
            return try await subscribePage(request, context, issued: (key, https, webcal))
        }
    }

    /// The feeds a person may subscribe to, as the desk allows them (`issueFeedSecret` refuses any other).
    static func feeds(_ v: Viewer) -> [(key: String, title: String, text: String)] {
        var feeds: [(String, String, String)] = []
        if v.isOfficer { feeds.append(("officer:\(v.id)", "Your sessions as an officer", "Only your part of each meeting, with its room or link.")) }
        if let g = v.group { feeds.append(("group:\(g)", "\(v.council.name(g))'s sessions and offers", "Every session of your group, and its open offers as tentative.")) }
        if v.council.roster.member(v.id) != nil { feeds.append(("member:\(v.id)", "Your group's sessions (member)", "The sessions of your group, for your own calendar.")) }
        if v.roles.contains(where: { [.approver, .deputyApprover, .monitoringOfficer].contains($0) }) {
            feeds.append(("overview", "Every session (overview)", "Every group's sessions, and pending requests as tentative."))
        }
        return feeds
    }

    func subscribePage(_ request: Request, _ context: DeskContext, issued: (key: String, https: String, webcal: String)? = nil,
                       problem: Page.Problem? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let v = try await viewer(context)
        let feeds = Self.feeds(v).map { feed -> [String: Any] in
            var d: [String: Any] = ["key": feed.key, "title": feed.title, "text": feed.text, "id": feed.key.replacingOccurrences(of: ":", with: "-")]
            if let issued, issued.key == feed.key { d["https"] = issued.https; d["webcal"] = issued.webcal; d["issued"] = true }
            return d
        }
        var page = Page(template: "subscribe", title: "Calendar feeds", status: status, values: ["feeds": feeds, "empty": feeds.isEmpty])
        if let problem { page.errors = [problem] }
        return try await render(page, request, context)
    }
}
