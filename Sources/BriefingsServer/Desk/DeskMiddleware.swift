import BriefingsDomain
import BriefingsStore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Who is at the browser, and the CSRF check of every form. A live session whose person is still on the roster signs
/// them in; one whose person left is ended. Every POST must carry the token of this browser's session (once signed in)
/// or of its pre-sign-in cookie (the sign-in forms themselves), compared in constant time; a form without it changes nothing.
struct DeskGate: RouterMiddleware {
    typealias Context = DeskContext
    let desk: BriefingDesk
    let secureCookies: Bool

    static let formCookie = "briefings_form"

    func handle(_ request: Request, context: DeskContext, next: (Request, DeskContext) async throws -> Response) async throws -> Response {
        var context = context
        context.peerAddress = Self.clientAddress(peer: context.peerAddress, forwardedFor: request.headers[HTTPField.Name("X-Forwarded-For")!])
        var newFormToken: String?
        if let session = context.sessions.session {
            if try await !desk.council().roster.roles(of: session.person).isEmpty {
                context.person = session.person
                context.csrf = session.csrf
            } else {
                context.sessions.clearSession()
            }
        }
        if context.person == nil {
            if let cookie = request.cookies[Self.formCookie]?.value, cookie.count >= 32 {
                context.csrf = String(cookie)
            } else {
                newFormToken = Self.token()
                context.csrf = newFormToken!
            }
        }
        if request.method == .post {
            context.form = try await DeskForm.read(request, context, fileLimit: desk.materialFileLimit)
            // A new pre-sign-in token was made for this very request: the form cannot have carried it.
            guard newFormToken == nil, let sent = context.form.token, Self.same(sent, context.csrf) else {
                // A form carrying a token from a session that has since ended (signed out in another window, or by an
                // administrator): say so, rather than that its token does not match. Nothing is done either way.
                if context.person == nil, context.form.token != nil, !request.uri.path.hasPrefix("/desk/signin") { throw DeskPageError.signedOut }
                throw DeskPageError.csrf
            }
        }
        var response = try await next(request, context)
        if let newFormToken {
            response.headers[values: .setCookie].append(Cookie(name: Self.formCookie, value: newFormToken, path: "/desk", secure: secureCookies,
                                                               httpOnly: true, sameSite: .lax).description)
        }
        return response
    }

    /// The address sign-in limits count by: the connection's peer, or, when the peer is a reverse proxy on this host
    /// (loopback, as docs/operations.md deploys Caddy or nginx), the address it says it saw (the last of
    /// `X-Forwarded-For`). Otherwise every browser would share the proxy's address, and 20 failed tries by anyone would
    /// pause sign-in for everyone. The header is never believed from anywhere but this host.
    static func clientAddress(peer: String?, forwardedFor: String?) -> String? {
        guard let peer, peer == "127.0.0.1" || peer == "::1" || peer.hasPrefix("::ffff:127."),
              let last = forwardedFor?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty, last.count <= 64 else { return peer }
        return last
    }

    /// 32 random bytes, base64url: a session's or a form cookie's CSRF token.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Compares two tokens in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Turns what a page or form could not do into an HTML page saying what was wrong and what to do, with the status the
/// JSON API would give: 403 for another group's business, 404, 409, 422; signed out, a page redirects to sign in.
struct DeskErrorPages: RouterMiddleware {
    typealias Context = DeskContext
    let controller: DeskController

    func handle(_ request: Request, context: DeskContext, next: (Request, DeskContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch DeskPageError.signedOut where request.method == .get || request.method == .head {
            // Through sign-in and back to this very page, its query too (a link in an email); `safeNext` checks it on the way back.
            let page = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            return Response.seeOther("/desk/signin?next=" + (page.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["/", "-"])) ?? "/desk"))
        } catch let e as DeskPageError {
            let p = e.problem
            return try await controller.errorPage(title: p.title, message: p.message, fix: p.fix, status: e.status, request, context)
        } catch let e as DeskError {
            let api = APIError(e)
            let title = switch e.kind {
            case .forbidden: request.method == .post ? "You cannot do this" : "You cannot open this"
            case .notFound: "Not found"
            case .conflict: "This has changed"
            case .refused: "Refused by a rule"
            case .invalid: "Something in the form needs changing"
            case .busy: "The desk is busy"
            case .quota: "The council's limit is reached"
            case .notInitialised: "The desk is not set up yet"
            }
            let rule = e.rule.map { "[\($0.rawValue)\(e.clauses.isEmpty ? "" : " " + e.clauses.joined(separator: ", "))] " } ?? ""
            return try await controller.errorPage(title: title, message: rule + e.message, fix: e.deskFix, status: .init(code: api.status), request, context)
        } catch let e as HTTPError {
            let message = e.status == .contentTooLarge ? "the form is larger than 64 KB" : e.body ?? e.status.reasonPhrase
            return try await controller.errorPage(title: "This request could not be handled", message: message,
                                            fix: "Go back and try again with less text.", status: e.status, request, context)
        } catch {
            context.logger.error("unexpected failure on a desk page", metadata: ["error": "\(String(reflecting: error))"])
            return try await controller.errorPage(title: "Sorry, something went wrong", message: "the desk could not show this page",
                                            fix: "Try again; if it persists, tell the council's IT team the time it happened.",
                                            status: .internalServerError, request, context)
        }
    }
}

/// An address under `/desk` that no route answers with its method (a PUT, a DELETE, an address deeper than any page):
/// the desk's own page, 405 with `Allow` where the address takes other methods, else 404, never the JSON API's error
/// body. Added after every route (before `MethodNotAllowedMiddleware`), so it wraps only the router's not-found
/// responder. The page is made as every desk page is (`DeskController.unrouted`): signed in, with the navigation.
struct DeskFallbackPages: RouterMiddleware {
    typealias Context = BriefingsContext
    let controller: DeskController
    let methods: MethodNotAllowedMiddleware<BriefingsContext>

    func handle(_ request: Request, context: BriefingsContext, next: (Request, BriefingsContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path == "/desk" || path.hasPrefix("/desk/") else { return try await next(request, context) }
        guard let (_, allowed) = methods.allowed(path) else {
            return try await controller.unrouted(request, DeskContext(context: context), .notFound)
        }
        let allow = Set(allowed.map(\.rawValue)).sorted()
        var response = try await controller.unrouted(request, DeskContext(context: context), .methodNotAllowed(allow))
        if response.status == .methodNotAllowed { response.headers[.allow] = allow.joined(separator: ", ") }
        return response
    }
}
