import BriefingsAPI
import BriefingsDomain
import BriefingsStore
import Foundation

/// The server's side of the wire: the checks and small readings the generated types leave to it. The generated types
/// have already refused a body that is not a JSON object, has a field the route does not take, or a value of the
/// wrong type; `checked` refuses control characters in any text of it, and `APIWire+Values.swift` maps each body to
/// the desk's form and each desk value to the generated type of the response, field by field.
enum Wire {
    /// The generated body, its texts checked for control characters (a 400 naming the field).
    static func checked<Body>(_ body: Body) throws -> Body {
        if let problem = textProblems(body).first {
            throw APIError(status: .badRequest, error: "invalid", message: problem,
                           fix: "Send the text without control characters (NUL, ESC, a bare carriage return…); tabs are fine, and line feeds and CRLF in details, reasons, notes and material.")
        }
        return body
    }

    /// A body the generated types read but the desk's form cannot take (an answer that is none of the five, a field
    /// that answer needs missing): the 400 the JSON body's own misfit gives.
    static func unfitBody(_ what: String) -> APIError {
        APIError(status: .badRequest, error: "invalid", message: "the JSON body does not fit: \(what)", fix: "See /openapi.yaml for the body this route takes.")
    }

    /// A desk value the description cannot carry: a bug, answered as the server's own failure (500).
    static func unfit(_ what: String) -> Unfit { Unfit(what: what) }
    struct Unfit: Error { var what: String }

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
        do { return try LocalDate.parse(text) } catch {
            throw APIError(status: .badRequest, error: "invalid", message: "\(field): \(error.description)", fix: LocalDate.fix)
        }
    }

    /// `{"working-hours": "reason"}` as rule ids, refusing names that are not rules.
    /// The rules the approver says they judged: the schema names only rules a person judges.
    static func judged(_ rules: [Components.Schemas.JudgedRule]?) -> Set<RuleID> {
        Set((rules ?? []).compactMap { RuleID(rawValue: $0.rawValue) })
    }

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
