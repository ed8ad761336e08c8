import BriefingsDomain
import Foundation
import Hummingbird

/// A POST's body as the browser sent it (`application/x-www-form-urlencoded`), read and checked by `DeskGate` before
/// the handler runs; each handler decodes the fields of its own form from it (`decode`) with Hummingbird's
/// `URLEncodedFormDecoder`. A list of checkboxes is sent as `name[]`, the approver's reasons as `override[rule]`.
struct DeskForm: Sendable {
    /// The body, as sent.
    let body: String
    /// The form's CSRF token (`_csrf`), trimmed; nil when absent or blank.
    let token: String?

    /// No form: what a page shown by a GET reads its fields from.
    static let empty = DeskForm(body: "", token: nil)

    /// A form already read and checked (`read`).
    private init(body: String, token: String?) {
        self.body = body
        self.token = token
    }

    /// Reads a POST's body: refused unless it is an ordinary form of at most the context's upload limit, properly
    /// encoded, with no control character in any value (the same check as the JSON API and the command line: `TextInput`).
    static func read(_ request: Request, _ context: DeskContext) async throws -> DeskForm {
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            throw DeskPageError.badForm("the desk's forms are sent as application/x-www-form-urlencoded, and this was \(type.isEmpty ? "sent without a type" : type)")
        }
        var request = request
        let body = String(buffer: try await request.collectBody(upTo: context.maxUploadSize))
        let fields = try decode([String: SentValue].self, from: body)
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            if let problem = value.problem(name) { throw DeskPageError.badForm(problem) }
        }
        guard case .text(let token)? = fields["_csrf"] else { return DeskForm(body: body, token: nil) }
        return DeskForm(body: body, token: FormText.clean(token))
    }

    /// The fields of one form; a field it does not name is ignored.
    func decode<Fields: Decodable>(_ type: Fields.Type) throws -> Fields {
        try Self.decode(type, from: body)
    }

    /// Decodes a body with `URLEncodedFormDecoder`; a body it cannot read is the desk's 400 page, never a raw error.
    private static func decode<T: Decodable>(_ type: T.Type, from body: String) throws -> T {
        do {
            return try URLEncodedFormDecoder().decode(type, from: body)
        } catch let error as URLEncodedFormError where error.code == .duplicateKeys {
            throw DeskPageError.badForm("the form sent one of its fields more than once (a page open since before the desk's forms changed does: reload it)")
        } catch let error as URLEncodedFormError where error.code == .failedToPercentDecode {
            throw DeskPageError.badForm("the form's data is not properly encoded")
        } catch is URLEncodedFormError {
            throw DeskPageError.badForm("the form's field names are not the ones the desk's forms send")
        } catch {
            throw DeskPageError.badForm("the form's data is not properly encoded")
        }
    }
}

/// Any value a form sent, whatever its shape (`name`, `name[]`, `name[key]`), so that every one is checked at the door.
private indirect enum SentValue: Decodable {
    case text(String)
    case list([SentValue])
    case keyed([String: SentValue])

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self = .text(text)
        } else if let keyed = try? [String: SentValue](from: decoder) {
            self = .keyed(keyed)
        } else {
            self = .list(try [SentValue](from: decoder))
        }
    }

    /// What is wrong with the value sent under `name` (a list's items under the list's name), as the desk says it.
    func problem(_ name: String) -> String? {
        switch self {
        case .text(let text): TextInput.problem(FormText.lines(text)).map { "\(name): \($0)" }
        case .list(let items): items.lazy.compactMap { $0.problem(name) }.first
        case .keyed(let values): values.sorted { $0.key < $1.key }.lazy.compactMap { $0.value.problem("\(name)[\($0.key)]") }.first
        }
    }
}
