import BriefingsAPI
import BriefingsDomain
import Foundation
import HTTPTypes
import OpenAPIURLSession
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The generated `Client` for `briefings serve`, with the bearer token on every request and the service's JSON
/// error bodies thrown as `ServiceProblem`. It links no database: the command line's remote mode is built on it.
public struct ServiceClient: Sendable {
    /// The generated client: one method per operation in `openapi.yaml`.
    public let api: Client
    /// The service's address, as the person gave it.
    public let server: URL

    public init(server: URL, token: String) {
        self.server = server
        let configuration = URLSessionConfiguration.default
        configuration.timeoutIntervalForRequest = 30
        api = Client(serverURL: server, configuration: .init(jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes]),
                     transport: URLSessionTransport(configuration: .init(session: URLSession(configuration: configuration))),
                     middlewares: [Bearer(token: token), Problems()])
    }

    /// Runs one call of `api`, throwing what went wrong as `ServiceProblem` (an error answer) or `ServiceUnreachable`
    /// (no answer), never the generator's own wrapper.
    public func call<T: Sendable>(_ operation: (Client) async throws -> T) async throws -> T {
        do {
            return try await operation(api)
        } catch let e as ClientError {
            if let problem = e.underlyingError as? ServiceProblem { throw problem }
            if e.response == nil { throw ServiceUnreachable(server: server, reason: e.underlyingError.localizedDescription) }
            throw ServiceUnreadable(message: "the service at \(server.absoluteString) answered with something this client cannot read (\(e.underlyingError)); are client and server the same version?")
        }
    }

    /// Sends `Authorization: Bearer TOKEN` on every request.
    struct Bearer: ClientMiddleware {
        let token: String
        func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                       next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
            var request = request
            request.headerFields[.authorization] = "Bearer \(token)"
            return try await next(request, body, baseURL)
        }
    }

    /// Turns every answer outside 2xx into `ServiceProblem` from the service's JSON error body, so each call site
    /// reads only its success.
    struct Problems: ClientMiddleware {
        func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                       next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
            let (response, responseBody) = try await next(request, body, baseURL)
            guard !(200..<300).contains(response.status.code) else { return (response, responseBody) }
            var data = Data()
            if let responseBody { data = try await Data(collecting: responseBody, upTo: 1 << 20) }
            throw ServiceProblem(status: response.status.code, body: data)
        }
    }
}

/// An error answer from the service: its status and JSON body `{error, rule, clauses, message, fix, verdicts}`,
/// or nil fields when the body was not that.
public struct ServiceProblem: Error, Sendable {
    public var status: Int
    public var error: String?
    public var rule: String?
    public var clauses: [String]
    public var message: String
    public var fix: String
    public var verdicts: [Verdict]
    /// Whether the body was the service's JSON error; if not, `message` says what came instead.
    public var explained: Bool

    init(status: Int, body: Data) {
        struct Body: Decodable {
            var error: String; var rule: String?; var clauses: [String]; var message: String; var fix: String; var verdicts: [Verdict]?
        }
        self.status = status
        if let b = try? JSONDecoder().decode(Body.self, from: body) {
            error = b.error; rule = b.rule; clauses = b.clauses; message = b.message; fix = b.fix; verdicts = b.verdicts ?? []; explained = true
        } else {
            error = nil; rule = nil; clauses = []; message = "the service answered HTTP \(status) without an explanation"; fix = ""; verdicts = []
            explained = false
        }
    }
}

/// No answer from the service: not running, wrong address, or the network.
public struct ServiceUnreachable: Error, Sendable {
    public var server: URL
    public var reason: String
}

/// An answer this client cannot read (a success whose body does not fit `openapi.yaml`).
public struct ServiceUnreadable: Error, Sendable {
    public var message: String
}
