import BriefingsAPI
import BriefingsDomain
import Foundation
import HTTPTypes
import NIOCore
import Hummingbird
import OpenAPIRuntime
import OpenAPIHummingbird

/// The context of a signed-in API route: `AuthMiddleware` has resolved the bearer token, so the person is always there.
public struct APIContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The roster person the bearer token belongs to.
    public let person: String

    public init(context: BriefingsContext) throws {
        guard let person = context.person else {
            // Never reached: AuthMiddleware runs first on every API route and refuses a request without a valid token.
            throw APIError(status: .unauthorized, error: "unauthenticated", message: "no bearer token was sent",
                           fix: "Send Authorization: Bearer TOKEN; an administrator issues tokens with `briefings token issue --person ID`.")
        }
        coreContext = context.coreContext
        self.person = person
    }

    /// Request bodies larger than this are refused with 413: every form here is small.
    public var maxUploadSize: Int { 64 * 1024 }
}

/// The person acting, for the generated `APIProtocol` methods (which see no Hummingbird context): set from
/// `APIContext.person` by `SignedInMiddleware` around each API request.
enum SignedIn {
    @TaskLocal static var person: String?

    /// The person acting; only an API route's handler calls this, inside `SignedInMiddleware`.
    static func current() throws -> String {
        guard let person else {
            throw APIError(status: .unauthorized, error: "unauthenticated", message: "no bearer token was sent",
                           fix: "Send Authorization: Bearer TOKEN; an administrator issues tokens with `briefings token issue --person ID`.")
        }
        return person
    }
}

/// Hands the signed-in person to the generated handlers, and collects the body (at most 64 KB, else 413) before
/// the generated code reads it. A briefing's material may carry a file as large as the desk takes
/// (`materialFileLimit`, `serve --material-file-limit`), in base64: that one route's limit is the file's, plus 64 KB.
struct SignedInMiddleware: RouterMiddleware {
    let materialFileLimit: Int

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        var request = request
        let material = request.method == .post && Self.isMaterial(request.uri.path)
        let limit = context.maxUploadSize + (material ? (materialFileLimit + 2) / 3 * 4 : 0)
        do {
            _ = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError where material {
            throw APIError(status: .contentTooLarge, error: "invalid",
                           message: "the material's file is larger than \(MaterialFile.words(materialFileLimit)), the most this service takes",
                           fix: "Send a smaller file (a PDF saved for the web, or the text alone), or ask the council's administrator to raise the limit (briefings serve --material-file-limit).")
        }
        return try await SignedIn.$person.withValue(context.person) { try await next(request, context) }
    }

    /// `/api/briefings/{ref}/material`.
    static func isMaterial(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return parts.count == 4 && parts[0] == "api" && parts[1] == "briefings" && parts[3] == "material"
    }
}

/// Registers the generated API operations under `/api` on the signed-in group; the other operations `openapi.yaml`
/// describes (`/health`, `/metrics`, `/openapi.yaml`, the feeds) are plain routes of their own.
struct APIRoutes: ServerTransport {
    let group: RouterGroup<APIContext>

    func register(_ handler: @escaping @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?),
                  method: HTTPRequest.Method, path: String) throws {
        guard path.hasPrefix("/api/") else { return }
        group.register(handler, method: method, path: path)
    }
}
