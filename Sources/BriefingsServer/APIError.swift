import BriefingsDomain
import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OpenAPIRuntime

/// The JSON body of every error: what went wrong, the rule and clauses where one applies, and what to do.
public struct APIError: Error, Codable, Sendable, ResponseGenerator {
    public var status: Int
    public var error: String
    public var rule: String?
    public var clauses: [String]
    public var message: String
    public var fix: String
    public var verdicts: [Verdict]?

    public init(status: HTTPResponse.Status, error: String, rule: RuleID? = nil, clauses: [String] = [], message: String, fix: String,
                verdicts: [Verdict]? = nil) {
        self.status = status.code; self.error = error; self.rule = rule?.rawValue; self.clauses = clauses
        self.message = message; self.fix = fix; self.verdicts = verdicts
    }

    /// A desk refusal as HTTP: 404 unknown, 400 malformed, 403 role, 409 state, 422 rule, 429 a council's quota.
    public init(_ e: DeskError) {
        let status: HTTPResponse.Status = switch e.kind {
        case .notFound: .notFound
        case .invalid: .badRequest
        case .forbidden: .forbidden
        case .conflict: .conflict
        case .refused: .unprocessableContent
        case .notInitialised: .serviceUnavailable
        case .busy: .serviceUnavailable
        case .quota: .tooManyRequests
        }
        self.init(status: status, error: e.kind.rawValue, rule: e.rule, clauses: e.clauses, message: e.message, fix: e.fix,
                  verdicts: e.verdicts.isEmpty ? nil : e.verdicts)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if status == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"briefings\"" }
        if error == DeskError.Kind.busy.rawValue { headers[.retryAfter] = "5" }
        if error == DeskError.Kind.quota.rawValue { headers[.retryAfter] = "3600" }
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(self))))
    }
}

/// Turns every error a handler throws into the JSON error body; nothing a client sends yields a 500.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let e as ServerError where e.operationInput == nil && e.underlyingError is DecodingError {
            // The generated code could not read the request as openapi.yaml describes it.
            return try Self.invalidBody(e.underlyingError as! DecodingError).response(from: request, context: context)
        } catch let e as ServerError where e.operationInput == nil && !Self.isOurs(e.underlyingError) {
            return try APIError(status: .badRequest, error: "invalid", message: "the request does not fit /openapi.yaml: \(e.causeDescription)",
                                fix: "See /openapi.yaml for the body and parameters this route takes.").response(from: request, context: context)
        } catch let e as ServerError {
            // A handler's own refusal, passed through the generated code: answered as if the handler had thrown it.
            return try await handle(request, context: context) { _, _ in throw e.underlyingError }
        } catch let e as APIError {
            return try e.response(from: request, context: context)
        } catch let e as DeskError {
            return try APIError(e).response(from: request, context: context)
        } catch let e as HTTPError {
            let status = e.status
            let message = e.body ?? (status == .contentTooLarge ? "the request body is larger than 64 KB" : status.reasonPhrase)
            return try APIError(status: status, error: status == .notFound ? "not-found" : "http", message: message,
                                fix: status == .contentTooLarge ? "Send a smaller body." : status == .notFound ? "See /openapi.yaml for the routes." : "")
                .response(from: request, context: context)
        } catch is NIOTooManyBytesError {
            return try APIError(status: .contentTooLarge, error: "invalid", message: "the request body is larger than 64 KB",
                                fix: "Send a smaller body.").response(from: request, context: context)
        } catch let e as DecodingError {
            return try APIError(status: .badRequest, error: "invalid", message: "the JSON body does not fit: \(Self.describe(e))",
                                fix: "See /openapi.yaml for the body this route takes.").response(from: request, context: context)
        } catch {
            context.logger.error("unexpected failure", metadata: ["error": "\(String(reflecting: error))"])
            return try APIError(status: .internalServerError, error: "internal", message: "something went wrong on the server",
                                fix: "Try again; if it persists, tell the council's IT team the time of the request.").response(from: request, context: context)
        }
    }

    /// Whether an error is one a handler or middleware of ours throws (rather than the generated code's own).
    static func isOurs(_ error: any Error) -> Bool {
        error is APIError || error is DeskError || error is HTTPError || error is NIOTooManyBytesError || error is DecodingError
    }

    /// A body the generated types could not read: not a JSON object, a field the route does not take, a wrong type.
    static func invalidBody(_ e: DecodingError) -> APIError {
        switch e {
        case .dataCorrupted(let c) where c.codingPath.isEmpty, .typeMismatch(_, let c) where c.codingPath.isEmpty:
            return APIError(status: .badRequest, error: "invalid", message: "the body is not a JSON object",
                            fix: "Send Content-Type: application/json with an object { … }; see /openapi.yaml.")
        case .dataCorrupted(let c) where c.debugDescription.hasPrefix("Additional properties are disabled"):
            let field = c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return APIError(status: .badRequest, error: "invalid", message: "unknown field(s): \(field)",
                            fix: "See /openapi.yaml for the fields this route takes; leave out any other.")
        default:
            return APIError(status: .badRequest, error: "invalid", message: "the JSON body does not fit: \(describe(e))",
                            fix: "See /openapi.yaml for the body this route takes.")
        }
    }

    static func describe(_ e: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            let p = c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? "the body" : p
        }
        switch e {
        case .typeMismatch(let type, let c): return "\(path(c)) should be \(type == String.self ? "text" : "\(type)")"
        case .valueNotFound(_, let c): return "\(path(c)) is missing"
        case .keyNotFound(let key, let c): return "\(path(c) == "the body" ? "" : path(c) + ".")\(key.stringValue) is missing"
        case .dataCorrupted(let c): return "\(path(c)): \(c.debugDescription)"
        @unknown default: return "\(e)"
        }
    }
}
