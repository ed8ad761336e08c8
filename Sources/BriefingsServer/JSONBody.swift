import BriefingsDomain
import BriefingsStore
import Foundation
import Hummingbird

/// Strict JSON in and out: bodies are size-limited, must be an object, may hold only the route's
/// fields (a typo is an error, not silently ignored), and are decoded with the route's type.
enum JSONBody {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: BriefingsContext, fields: Set<String>,
                                     nested: [String: Set<String>] = [:]) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let data = Data(buffer: buffer)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw APIError(status: .badRequest, error: "invalid", message: "the body is not a JSON object",
                           fix: "Send Content-Type: application/json with an object { … }; see /openapi.yaml.")
        }
        if let problem = TextInput.problems(inJSON: object).first {
            throw APIError(status: .badRequest, error: "invalid", message: problem,
                           fix: "Send the text without control characters (NUL, ESC, a bare carriage return…); tabs are fine, and line feeds and CRLF in details, reasons, notes and material.")
        }
        try check(object, fields: fields, at: "")
        for (key, allowed) in nested {
            if let inner = object[key] as? [String: Any] { try check(inner, fields: allowed, at: key + ".") }
        }
        return try JSONDecoder().decode(T.self, from: data)
    }

    static func check(_ object: [String: Any], fields: Set<String>, at prefix: String) throws {
        let unknown = Set(object.keys).subtracting(fields).sorted()
        if !unknown.isEmpty {
            throw APIError(status: .badRequest, error: "invalid", message: "unknown field(s): \(unknown.map { prefix + $0 }.joined(separator: ", "))",
                           fix: "This route takes \(fields.sorted().map { prefix + $0 }.joined(separator: ", ")).")
        }
    }

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static var noContent: Response { Response(status: .noContent) }
}

/// Field lists of the JSON bodies, for the strict check (kept beside the types' coding keys).
enum Fields {
    static let session: Set<String> = ["start", "duration", "segmentStart", "segment", "room", "virtual", "premises", "partyPremises", "attendees", "guests"]
    static let request: Set<String> = ["group", "onBehalfOf", "matter", "details", "area", "meeting", "meetingDate", "decisionDate", "embargoUntil", "budget",
                                       "officers", "nominees", "joint", "session", "writtenReport", "reportDue"]
}

struct ApproveBody: Decodable { var overrides: [String: String]?; var explainDelay: String? }
struct DeclineBody: Decodable { var reason: String; var explainDelay: String? }
struct MessageBody: Decodable { var message: String }
struct ReasonBody: Decodable { var reason: String; var onBehalfOf: String? }
struct AcceptBody: Decodable {
    var onBehalfOf: String?
    var join: String?
    var session: SessionForm?
    var attendees: [String]?
    var guests: [String]?
}
struct MaterialBody: Decodable { var text: String }
struct RescheduleBody: Decodable { var session: SessionForm; var reason: String; var overrides: [String: String]? }
