import BriefingsDomain
import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A POST's body as the browser sent it (`application/x-www-form-urlencoded`, or `multipart/form-data` for a form
/// with a file box), read and checked by `DeskGate` before the handler runs; each handler decodes the fields of its own
/// form from it (`decode`) with Hummingbird's `URLEncodedFormDecoder`, and reads its files from `files`. A list of
/// checkboxes is sent as `name[]`, the approver's reasons as `override[rule]`.
struct DeskForm: Sendable {
    /// The body, as sent (a multipart form's text fields, encoded as an ordinary form's).
    let body: String
    /// The form's CSRF token (`_csrf`), trimmed; nil when absent or blank.
    let token: String?
    /// The files a multipart form sent, by their box's name; a box left empty sends none.
    let files: [String: Desk.Upload]

    /// No form: what a page shown by a GET reads its fields from.
    static let empty = DeskForm(body: "", token: nil, files: [:])

    /// A form already read and checked (`read`).
    private init(body: String, token: String?, files: [String: Desk.Upload]) {
        self.body = body
        self.token = token
        self.files = files
    }

    /// Reads a POST's body: refused unless it is an ordinary form of at most the context's upload limit (a multipart
    /// form: `fileLimit`, the largest file the desk takes, and the form's own limit beside it), properly encoded, with
    /// no control character in any value (the same check as the JSON API and the command line: `TextInput`).
    static func read(_ request: Request, _ context: DeskContext, fileLimit: Int) async throws -> DeskForm {
        let type = request.headers[.contentType] ?? ""
        var request = request
        let body: String, files: [String: Desk.Upload]
        if let media = MediaType(from: type), media.isType(.multipartForm) {
            guard let boundary = media.parameter.flatMap({ $0.name.lowercased() == "boundary" ? $0.value : nil }), !boundary.isEmpty else {
                throw DeskPageError.badForm("the form was sent as multipart/form-data without its boundary")
            }
            let buffer: ByteBuffer
            do { buffer = try await request.collectBody(upTo: fileLimit + context.maxUploadSize) } catch is NIOTooManyBytesError {
                throw DeskPageError.badForm("the file sent is larger than the desk's limit of \(MaterialFile.words(fileLimit)) for a material file")
            }
            (body, files) = try multipart(buffer, boundary: boundary)
        } else if type.lowercased().hasPrefix("application/x-www-form-urlencoded") {
            body = String(buffer: try await request.collectBody(upTo: context.maxUploadSize))
            files = [:]
        } else {
            throw DeskPageError.badForm("the desk's forms are sent as application/x-www-form-urlencoded, and this was \(type.isEmpty ? "sent without a type" : type)")
        }
        let fields = try decode([String: SentValue].self, from: body)
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            if let problem = value.problem(name) { throw DeskPageError.badForm(problem) }
        }
        guard case .text(let token)? = fields["_csrf"] else { return DeskForm(body: body, token: nil, files: files) }
        return DeskForm(body: body, token: FormText.clean(token), files: files)
    }

    /// A multipart form's parts (MultipartKit's parser): its text fields as an ordinary form's body, and its files (a
    /// part with a file name) by name. A file box left empty (no name, nothing in it) sends no file.
    private static func multipart(_ buffer: ByteBuffer, boundary: String) throws -> (body: String, files: [String: Desk.Upload]) {
        let parser = MultipartParser(boundary: boundary)
        var parts: [MultipartPart] = [], headers = HTTPHeaders(), content = ByteBuffer()
        parser.onHeader = { headers.add(name: $0, value: $1) }
        parser.onBody = { content.writeBuffer(&$0) }
        parser.onPartComplete = {
            parts.append(MultipartPart(headers: headers, body: content))
            headers = HTTPHeaders(); content = ByteBuffer()
        }
        do { try parser.execute(buffer) } catch { throw DeskPageError.badForm("the form's data is not properly encoded") }
        var fields: [String] = [], files: [String: Desk.Upload] = [:]
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        for part in parts {
            guard let name = part.name else { throw DeskPageError.badForm("the form sent a part without its name") }
            if let file = fileName(part.headers.first(name: "Content-Disposition") ?? "") {
                if !file.isEmpty || part.body.readableBytes > 0 {
                    files[name] = Desk.Upload(name: file.isEmpty ? "file" : file, content: Data(part.body.readableBytesView))
                }
                continue
            }
            let value = String(buffer: part.body)
            fields.append("\(name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")")
        }
        return (fields.joined(separator: "&"), files)
    }

    /// The `filename` a part's Content-Disposition gives (its last path component), or nil for a part that is no file.
    static func fileName(_ disposition: String) -> String? {
        guard let start = disposition.range(of: "filename=\"") else { return nil }
        let rest = disposition[start.upperBound...]
        let name = rest.prefix { $0 != "\"" }.replacingOccurrences(of: "%22", with: "\"")
        return String(name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
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
