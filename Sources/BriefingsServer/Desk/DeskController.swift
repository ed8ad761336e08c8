import BriefingsDomain
import BriefingsStore
import Foundation
import Hummingbird
import HummingbirdAuth

/// The web desk: server-rendered pages and plain HTML forms under `/desk` for everyone who is not at a terminal. Every
/// page reads, and every form acts, through the same `BriefingDesk` methods as the JSON API and the command line, as
/// the signed-in person; no rule is judged here. Refusals come back as pages saying what was wrong and what to do.
struct DeskController: Sendable {
    let desk: BriefingDesk
    /// The address people reach the service at (`serve --public-url`), for feed links; nil: the request's own host.
    let publicURL: String?
    let sessionStorage: SessionStorage<DeskSession>
    let methods: [any SignInMethod]

    /// `singleSignOn` (which needs `publicURL`, the redirect URI's base) offers "Sign in with your council account" first.
    init(desk: BriefingDesk, publicURL: String?, singleSignOn: SingleSignOn? = nil) {
        self.desk = desk
        self.publicURL = publicURL
        sessionStorage = SessionStorage(DeskSessionStore(desk: desk), configuration: .init(sessionCookieParameters: Self.cookie(secure: Self.secure(publicURL)),
                                                                                         keyPrefix: "desk."))
        var methods: [any SignInMethod] = [PasswordSignIn(desk: desk), LinkSignIn(desk: desk)]
        if let singleSignOn, let publicURL {
            methods.insert(CouncilAccountSignIn(desk: desk, provider: OpenIDProvider(settings: singleSignOn),
                                                redirectURI: SingleSignOn.redirectURI(publicURL: publicURL)), at: 0)
        }
        self.methods = methods
    }

    /// Session cookies are `Secure` when people reach the service over https (behind its reverse proxy).
    static func secure(_ publicURL: String?) -> Bool { publicURL?.lowercased().hasPrefix("https://") == true }

    static func cookie(secure: Bool) -> SessionCookieParameters {
        SessionCookieParameters(name: "briefings_session", path: "/desk", secure: secure, sameSite: .lax)
    }

    func addRoutes(to router: Router<BriefingsContext>) {
        router.get("/") { _, _ in Response.seeOther("/desk") }
        // Static files need no session and are the same for everyone; one that is not there is the desk's 404 page.
        router.group("desk/static", context: DeskContext.self).add(middleware: DeskErrorPages(controller: self))
            .get(":file") { _, context in try Self.staticFile(context.parameters.get("file") ?? "") }
        let group = router.group("desk", context: DeskContext.self)
            .add(middleware: sessions).add(middleware: DeskErrorPages(controller: self)).add(middleware: gate)
        group.get { request, context in try await home(request, context) }
        group.get("signin") { request, context in
            context.person != nil ? Response.seeOther(Self.safeNext(request.uri.queryParameters["next"].map(String.init))) : try await signInPage(request, context)
        }
        let flow = SignInFlow(controller: self)
        for method in methods { method.addRoutes(to: group, flow: flow) }
        group.post("signout") { _, context in
            context.sessions.clearSession()
            return Response.seeOther("/desk/signin?signedout=1")
        }
        addQueueRoutes(to: group)
        addRequestRoutes(to: group)
        addOfferRoutes(to: group)
        addSessionRoutes(to: group)
        addSessionPageRoutes(to: group)
        addBriefingRoutes(to: group)
        addOversightRoutes(to: group)
        addSubscribeRoutes(to: group)
        addCalendarRoutes(to: group)
        addAdminRoutes(to: group)
    }

    /// The middleware every desk page runs in, outermost first: the browser's session, the error pages, the gate.
    var sessions: SessionMiddleware<DeskContext> {
        SessionMiddleware(sessionStorage: sessionStorage, defaultSessionExpiration: SignInFlow.lifetime)
    }

    var gate: DeskGate { DeskGate(desk: desk, secureCookies: Self.secure(publicURL)) }

    /// An address under /desk that no route answers (`DeskFallbackPages`): the error's page, through the same session,
    /// error pages and gate as every desk page, so a signed-in person sees the navigation and a form still needs its token.
    func unrouted(_ request: Request, _ context: DeskContext, _ error: DeskPageError) async throws -> Response {
        try await sessions.handle(request, context: context) { request, context in
            try await DeskErrorPages(controller: self).handle(request, context: context) { request, context in
                try await gate.handle(request, context: context) { _, _ in throw error }
            }
        }
    }

    /// The reference in a page's address (`/desk/queue/RQ-0004`); one not written as the desk writes it is no page.
    static func ref(_ context: DeskContext, _ prefix: String) throws -> String {
        do { return try Ref.exact(context.parameters.get("ref") ?? "", prefix) } catch { throw DeskPageError.notFound }
    }

    /// Where to go after signing in: a path of the desk on this site only (never another site, however written: no
    /// scheme, no `//`, no backslash, no `..` segment, no control character or space), else the home page.
    static func safeNext(_ next: String?) -> String {
        guard let next, next == "/desk" || ["/desk/", "/desk?", "/desk#"].contains(where: next.hasPrefix), !next.contains("//"),
              !next.contains("\\"), !next.split(separator: "?")[0].split(separator: "/").contains(".."),
              next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else { return "/desk" }
        return next
    }

    static func staticFile(_ name: String) throws -> Response {
        guard let text = DeskTemplates.file(name), name.hasSuffix(".css") || name.hasSuffix(".js") else { throw DeskPageError.notFound }
        let type = name.hasSuffix(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8"
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=300"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    // MARK: Rendering

    /// The viewer of a page, from the signed-in person.
    func viewer(_ context: DeskContext) async throws -> Viewer {
        try await viewer(try context.signedIn(), try await desk.council())
    }

    /// The viewer, and for the deputy whether they decide today: the approver's absences are read only for them.
    func viewer(_ id: String, _ c: BriefingDesk.Council) async throws -> Viewer {
        let roles = c.roster.roles(of: id)
        guard roles.contains(.deputyApprover) else { return Viewer(id: id, council: c, roles: roles) }
        let today = LocalDate(desk.now())
        let absences = try await desk.absences(as: id)
        let current = absences.first { a in LocalDate(a.from).map { $0 <= today } == true && LocalDate(a.until).map { today <= $0 } == true }
        return Viewer(id: id, council: c, roles: roles, deputy: .init(
            acts: Decider.deputyActs(c, presence: .init(away: current != nil, on: today)), absence: current,
            next: absences.first { a in LocalDate(a.from).map { $0 > today } == true }))
    }

    /// Renders a page in the layout: the council, the navigation for the viewer, the sign-out form, a one-time
    /// message left by the last form, and the error summary.
    func render(_ page: Page, _ request: Request, _ context: DeskContext) async throws -> Response {
        var values = page.values
        let c = try await desk.council()
        values["title"] = page.title
        values["council"] = c.roster.councilName
        values["csrf"] = context.csrf
        if let person = context.person ?? context.sessions.session?.person, !c.roster.roles(of: person).isEmpty {
            let viewer = try await viewer(person, c)
            values["me"] = ["name": viewer.name, "roles": viewer.roleLine, "csrf": context.sessions.session?.csrf ?? context.csrf]
            if let acting = viewer.actingLine { values["acting"] = acting }
            values["nav"] = viewer.navigation(current: request.uri.path)
            values["hasNav"] = true
            let flash = context.sessions.withLockedSession { data -> String? in
                guard let message = data?.flash else { return nil }
                data?.flash = nil
                return message
            }
            if let flash { values["flash"] = DeskTime.text(flash) }
        }
        if !page.errors.isEmpty {
            values["errors"] = page.errors.map(\.values)
            values["hasErrors"] = true
        }
        guard let html = DeskTemplates.library.render(values, withTemplate: page.template) else {
            preconditionFailure("no template \(page.template) in Templates/")
        }
        return .html(html, status: page.status)
    }

    /// A page that says what went wrong and what to do, with a way back.
    func errorPage(title: String, message: String, fix: String, status: HTTPResponse.Status, _ request: Request, _ context: DeskContext) async throws -> Response {
        var context = context
        if context.csrf.isEmpty { context.csrf = context.sessions.session?.csrf ?? "" }
        return try await render(Page(template: "problem", title: title, status: status, values: ["message": Page.Problem.sentence(DeskTime.text(message)), "fix": DeskTime.text(fix)]),
                          request, context)
    }

    /// Leaves a one-time message for the next page (after a form: Post/Redirect/Get).
    func flash(_ message: String, _ context: DeskContext) {
        context.sessions.withLockedSession { $0?.flash = message }
    }

    // MARK: Pages

    /// The sign-in page; after a refused sign-in, with the page to go to next and the id that were typed.
    func signInPage(_ request: Request, _ context: DeskContext, next typedNext: String? = nil, person: String? = nil,
                    problem: Page.Problem? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let next = Self.safeNext(typedNext ?? request.uri.queryParameters["next"].map(String.init))
        var page = Page(template: "signin", title: "Sign in", status: status,
                        values: ["next": next, "person": person ?? "",
                                 "signedOut": request.uri.queryParameters["signedout"] != nil,
                                 "methods": methods.compactMap { $0.template.map { ["template": $0] } }])
        if let problem { page.errors = [problem] }
        return try await render(page, request, context)
    }

    /// The home page: what is waiting for this person, by role.
    func home(_ request: Request, _ context: DeskContext) async throws -> Response {
        let v = try await viewer(context)
        var cards: [[String: Any]] = []
        if v.decides {
            let queue = try await desk.queue(as: v.id)
            let overdue = queue.filter { $0.clock.responseOverdue }.count
            let whose = v.decidesNow ? "you" : "the \(v.council.profile.approverTitle); you may read them"
            cards.append(["href": "/desk/queue", "title": v.decidesNow ? "Your queue" : "The queue",
                          "text": "\(Self.count(queue.count, "request")) waiting for \(whose)" + (overdue > 0 ? ", \(overdue) overdue" : "") + ", oldest first."])
        }
        if v.requests {
            let open = try await desk.offers(as: v.id).filter { offer in offer.status == "open" && v.group.map { offer.group == $0 } != false }
            cards.append(["href": "/desk/requests/new", "title": "Ask for a briefing", "text": "Fill in a request and check it against the rules before you send it."])
            cards.append(["href": "/desk/offers", "title": "Offers to answer", "text": "\(Self.count(open.count, "offer")) open for your group."])
        }
        if v.isOfficer {
            let waiting = try await desk.sessions(as: v.id).filter { s in s.status == "scheduled" && s.officers.contains { $0.officer == v.id && $0.response == "invited" } }
            cards.append(["href": "/desk/sessions", "title": "Invitations", "text": "\(Self.count(waiting.count, "session")) waiting for your answer."])
        }
        if v.oversight {
            cards.append(["href": "/desk/parity", "title": "Parity report", "text": "Offers, take-ups and officer hours for every group."])
            cards.append(["href": "/desk/audit", "title": "Audit trail", "text": "Every step, hash-chained, with the result of checking it."])
            cards.append(["href": "/desk/absences", "title": "The \(v.council.profile.approverTitle)'s absences", "text": "When the deputy decides in their place."])
        }
        cards.append(["href": "/desk/subscribe", "title": "Calendar feeds", "text": "Your sessions in Outlook, Google Calendar or Apple Calendar."])
        if v.roles.contains(.administrator) {
            cards.append(["href": "/desk/calendars", "title": "Officers' calendars", "text": "When each officer's published calendar was last read, and any error."])
        } else if v.isOfficer {
            cards.append(["href": "/desk/calendars", "title": "Your calendar", "text": "When your published calendar was last read for your busy times, and any error."])
        }
        return try await render(Page(template: "home", title: "Your desk", values: ["name": v.name, "roles": v.roleLine, "cards": cards,
                                                                               "profile": v.council.profile.name, "approverTitle": v.council.profile.approverTitle]),
                          request, context)
    }

    static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    /// The page of a list its address asks for (`?cursor=`, from the pagination links): 50 items, counted. A cursor the
    /// list did not give is refused (400) naming `cursor`.
    static func pageRequest(_ request: Request, _ list: String, newestFirst: Bool = false) throws -> Desk.PageRequest {
        try Desk.PageRequest(list: list, cursor: request.uri.queryParameters["cursor"].map(String.init), newestFirst: newestFirst, counted: true)
    }

    /// The values of `pagination.mustache` (GOV.UK's pagination, block style): "Showing 51 to 100 of 130 requests" and
    /// the Previous and Next page links, each the list's address with the cursor of that page (a cursor is URL-safe).
    static func pagination<Item>(_ page: Desk.Page<Item>, _ path: String, _ noun: String, plural: String? = nil, query: String = "") -> [String: Any] {
        var d: [String: Any] = ["paged": page.next != nil || page.previous != nil]
        if let total = page.total, let first = page.first, !page.items.isEmpty {
            d["showing"] = "Showing \(first) to \(first + page.items.count - 1) of \(total) \(total == 1 ? noun : plural ?? noun + "s")"
        }
        // A filtered list's query (already percent-encoded) goes before the cursor, so the next page keeps the filter.
        let at = query.isEmpty ? "\(path)?cursor=" : "\(path)?\(query)&cursor="
        if let previous = page.previous { d["previous"] = at + previous }
        if let next = page.next { d["next"] = at + next }
        return d
    }
}
