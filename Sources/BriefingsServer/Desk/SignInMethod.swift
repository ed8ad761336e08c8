import BriefingsStore
import Foundation
import Hummingbird
import HummingbirdAuth

/// One way of proving who is at the browser: passwords, one-time links, and single sign-on with the council's identity
/// provider (OpenID Connect, `CouncilAccountSignIn`: its button on the sign-in page, a route that redirects to the
/// provider and a callback route that hands the verified person to `SignInFlow.complete`).
protocol SignInMethod: Sendable {
    /// Recorded on the session and in the audit trail: `password`, `link`, `oidc`.
    var name: String { get }
    /// The sign-in page's section for this method: a template in `Templates/`, or nil for none (a link arrives by itself).
    var template: String? { get }
    /// Adds the method's routes under `/desk/signin`.
    func addRoutes(to group: RouterGroup<DeskContext>, flow: SignInFlow)
}

/// What every sign-in method ends with: a new session for the person proved to be at the browser (a new key, so a
/// session planted before sign-in is worth nothing), then the page they were going to; or the sign-in page again,
/// saying why not.
struct SignInFlow: Sendable {
    let controller: DeskController
    /// How long a session lasts: a working day.
    static let lifetime: Duration = .seconds(10 * 3600)

    /// Signs in the person `verify` proves, then goes to `next` (a desk page); refused, the sign-in page again with `typed`, the id typed.
    func complete(_ method: String, _ request: Request, _ context: DeskContext, next: String?, typed: String? = nil,
                  verify: () async throws -> String) async throws -> Response {
        let person: String
        do { person = try await verify() } catch let refusal as SignInRefusal {
            return try await refused(method, refusal, request, context, next: next, typed: typed)
        }
        if context.sessions.session != nil { _ = try? await controller.sessionStorage.delete(request: request) }
        context.sessions.createSession(DeskSession(person: person, csrf: DeskGate.token(), method: method,
                                                   flash: "Signed in as \(try await controller.desk.council().name(person))."),
                                       expiresIn: Self.lifetime)
        return Response.seeOther(DeskController.safeNext(next))
    }

    /// The sign-in page again, saying why not: 429 while sign-in is paused, 502 when the council's identity provider
    /// failed, else 401.
    func refused(_ method: String, _ refusal: SignInRefusal, _ request: Request, _ context: DeskContext, next: String?,
                 typed: String? = nil) async throws -> Response {
        try await controller.signInPage(request, context, next: next, person: typed,
                                        problem: Page.Problem(field: method == "password" ? "person" : nil, message: refusal.message, fix: refusal.fix),
                                        status: refusal.limited ? .tooManyRequests : refusal.unavailable ? .badGateway : .unauthorized)
    }
}

/// A roster id and the password an administrator set (`briefings person password --for ID`), checked against its
/// bcrypt hash; failures are limited per person and per address.
struct PasswordSignIn: SignInMethod {
    let desk: BriefingDesk
    var name: String { "password" }
    var template: String? { "signin-password" }

    func addRoutes(to group: RouterGroup<DeskContext>, flow: SignInFlow) {
        group.post("signin/password") { request, context in
            let f = try context.form.decode(PasswordSignInFields.self)
            return try await flow.complete(name, request, context, next: f.next, typed: f.person) {
                try await desk.signIn(person: f.person ?? "", password: f.password ?? "", address: context.peerAddress)
            }
        }
    }
}

/// A one-time link an administrator gives (`briefings person signin-link --for ID`): opening it asks "sign in as …?",
/// so a mail scanner that fetches the link does not use it up; the button uses it, once, within 15 minutes.
struct LinkSignIn: SignInMethod {
    let desk: BriefingDesk
    var name: String { "link" }
    var template: String? { nil }

    func addRoutes(to group: RouterGroup<DeskContext>, flow: SignInFlow) {
        group.get("signin/link/:secret") { request, context in
            let secret = context.parameters.get("secret") ?? ""
            guard let person = try await desk.signInLinkHolder(secret) else {
                return try await flow.controller.errorPage(title: "This sign-in link does not work",
                                                     message: "it has been used already, it has expired (links last \(Int(BriefingDesk.signInLinkLifetime / 60)) minutes), or a newer link replaced it",
                                                     fix: "Ask the council's administrator for a new link, or sign in with your password.",
                                                     status: .unauthorized, request, context)
            }
            let c = try await desk.council()
            return try await flow.controller.render(Page(template: "signin-link", title: "Sign in as \(c.name(person))",
                                                   values: ["secret": secret, "name": c.name(person), "person": person,
                                                            "next": DeskController.safeNext(request.uri.queryParameters["next"].map(String.init))]),
                                              request, context)
        }
        group.post("signin/link") { request, context in
            let f = try context.form.decode(LinkSignInFields.self)
            return try await flow.complete(name, request, context, next: f.next) {
                try await desk.signIn(link: f.secret ?? "", address: context.peerAddress)
            }
        }
    }
}
