import BriefingsAPI
import BriefingsDomain
import BriefingsStore
import Foundation

/// The one place the server maps between the types generated from `openapi.yaml` and the desk's values. Both sides
/// are the JSON the description gives, so each is read from the other's JSON: a desk value the description does not
/// fit fails here (a 500 the tests and schemathesis would see) rather than going out unchecked. The generated types
/// have already refused a body that is not a JSON object, has a field the route does not take, or a value of the
/// wrong type; this reads the desk's forms from them, refusing control characters in any text first.
enum Wire {
    /// A desk value as the generated type of the response.
    static func output<W: Decodable>(_ value: some Encodable, as: W.Type = W.self) throws -> W {
        try WireJSON.convert(value)
    }

    /// A desk form from the generated body: its texts checked for control characters, then read as the desk reads it
    /// (a missing session or an answer that is none of the five is the desk form's own 400).
    static func input<T: Decodable>(_ body: some Encodable, as: T.Type = T.self) throws -> T {
        if let problem = textProblems(body).first {
            throw APIError(status: .badRequest, error: "invalid", message: problem,
                           fix: "Send the text without control characters (NUL, ESC, a bare carriage return…); tabs are fine, and line feeds and CRLF in details, reasons, notes and material.")
        }
        return try WireJSON.convert(body)
    }

    /// What `TextInput.problem` finds in every text of a generated value (dictionary keys included), each prefixed with
    /// the field it is in (`session.room: contains NUL …`); the generated wrappers (`value1`, `case2`, `some`) add no name.
    static func textProblems(_ value: Any, at path: String = "") -> [String] {
        if let text = value as? String {
            return TextInput.problem(text).map { ["\(path.isEmpty ? "text" : path): \($0)"] } ?? []
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?, .set?:
            return mirror.children.enumerated().flatMap { textProblems($1.value, at: "\(path)[\($0)]") }
        case .dictionary?:
            return mirror.children.flatMap { pair -> [String] in
                let entry = Array(Mirror(reflecting: pair.value).children)
                guard entry.count == 2, let key = entry[0].value as? String else { return [] }
                let at = path.isEmpty ? key : "\(path).\(key)"
                return (TextInput.problem(key).map { ["\(at) (the key): \($0)"] } ?? []) + textProblems(entry[1].value, at: at)
            }
        default:
            return mirror.children.flatMap { child -> [String] in
                let label = child.label ?? ""
                let wrapper = label.isEmpty || label == "some" || label == "additionalProperties" || label == "json"
                    || label.hasPrefix("value") && Int(label.dropFirst(5)) != nil || label.hasPrefix("case") && Int(label.dropFirst(4)) != nil
                return textProblems(child.value, at: wrapper ? path : path.isEmpty ? label : "\(path).\(label)")
            }
        }
    }

    /// A `{ref}` path parameter, refused with 400 unless it is an id exactly as the service writes it (`RQ-0001`), as
    /// `openapi.yaml` describes it; the command line turns `rq-1` and `1` into that form before it sends them.
    static func ref(_ text: String, _ prefix: String) throws -> String { try Ref.exact(text, prefix) }

    /// A feed named as `officer:ID`, `group:ID`, `member:ID` or `overview`.
    static func feed(_ key: String?) throws -> BriefingDesk.FeedSubject {
        guard let key, let subject = BriefingDesk.FeedSubject(key: key) else {
            throw APIError(status: .badRequest, error: "invalid", message: "feed: '\(key ?? "")' names no feed",
                           fix: "Name the feed as officer:ID, group:ID, member:ID or overview.")
        }
        return subject
    }

    /// A `YYYY-MM-DD` date field.
    static func date(_ text: String, _ field: String) throws -> LocalDate {
        guard let d = LocalDate(text) else {
            throw APIError(status: .badRequest, error: "invalid", message: "\(field): '\(text)' is not a date", fix: "Write dates as YYYY-MM-DD.")
        }
        return d
    }

    /// `{"working-hours": "reason"}` as rule ids, refusing names that are not rules.
    static func rules(_ overrides: [String: String]?) throws -> [RuleID: String] {
        var result: [RuleID: String] = [:]
        for (key, reason) in overrides ?? [:] {
            guard let rule = RuleID(rawValue: key) else {
                throw APIError(status: .badRequest, error: "invalid", message: "overrides: '\(key)' is not a rule",
                               fix: "Override rules by id: \(RuleID.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            result[rule] = reason
        }
        return result
    }

    /// A body in a content type the route does not take (the generated code reads only JSON).
    static let noBody = APIError(status: .badRequest, error: "invalid", message: "the body is not a JSON object",
                                 fix: "Send Content-Type: application/json with an object { … }; see /openapi.yaml.")
    /// An operation served by a plain route, asked of the generated API (never: `APIRoutes` does not register it).
    static let plainRoute = APIError(status: .notFound, error: "not-found", message: "this route is not part of the JSON API",
                                     fix: "See /openapi.yaml for the routes.")
}

/// The desk's forms for the bodies that carry no form type of the desk's own.
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
struct ProposeBody: Decodable { var session: SessionForm; var reason: String }
struct FeedBody: Decodable { var feed: String? }
struct AbsenceBody: Decodable { var from: String; var until: String }
