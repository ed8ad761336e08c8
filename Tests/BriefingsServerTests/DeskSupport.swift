import BriefingsDomain
import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A browser for the desk's tests: keeps cookies, reads each form's CSRF token from the last page, signs in with a
/// one-time link as a person would (open the link, press Continue).
final class DeskBrowser: @unchecked Sendable {
    // Used by one test task at a time, in order: no concurrent access.
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// The CSRF token in the last page's forms.
    var csrf = ""
    var lastBody = ""
    /// The last response's headers (a download's type and disposition).
    var lastHeaders = HTTPFields()

    init(_ client: some TestClientProtocol) { self.client = client }

    struct Page { var status: Int; var body: String; var location: String? }

    @discardableResult
    func get(_ uri: String) async throws -> Page { try await send(.get, uri) }

    /// Posts a form; `csrf: nil` sends the page's token, `csrf: ""` sends none.
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], csrf token: String? = nil) async throws -> Page {
        try await send(.post, uri, body: Self.formBody(fields, csrf: token ?? csrf))
    }

    /// Posts a form with a file box, as a browser does (`multipart/form-data`): the page's token, the fields, then the
    /// file (`nil`: the box left empty, which a browser still sends as a part with no name and nothing in it).
    @discardableResult
    func postFile(_ uri: String, _ fields: [(String, String)], file: (box: String, name: String, content: [UInt8])?) async throws -> Page {
        try await postFiles(uri, fields, files: [file ?? (box: "file", name: "", content: [])])
    }

    /// Posts a form with several file boxes.
    @discardableResult
    func postFiles(_ uri: String, _ fields: [(String, String)], files: [(box: String, name: String, content: [UInt8])]) async throws -> Page {
        let boundary = "----deskTestBoundary7MA4YWxkTrZu0gW"
        var body: [UInt8] = []
        func add(_ s: String) { body += Array(s.utf8) }
        for (name, value) in [("_csrf", csrf)] + fields {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for part in files {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.box)\"; filename=\"\(part.name)\"\r\nContent-Type: text/csv\r\n\r\n")
            body += part.content
            add("\r\n")
        }
        add("--\(boundary)--\r\n")
        return try await send(.post, uri, bytes: ByteBuffer(bytes: body), type: "multipart/form-data; boundary=\(boundary)")
    }

    /// A form's fields as an `application/x-www-form-urlencoded` body, the CSRF token first (none when empty).
    static func formBody(_ fields: [(String, String)], csrf: String) -> String {
        (csrf.isEmpty ? fields : [("_csrf", csrf)] + fields).map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    /// The `Cookie` header this browser sends.
    var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }

    func send(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil) async throws -> Page {
        try await send(method, uri, bytes: body.map { ByteBuffer(string: $0) }, type: body == nil ? nil : "application/x-www-form-urlencoded")
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, bytes: ByteBuffer?, type: String?) async throws -> Page {
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        if let type { headers[.contentType] = type }
        let r = try await client.execute(uri: uri, method: method, headers: headers, body: bytes)
        lastHeaders = r.headers
        for line in r.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { cookies[pair[0]] = pair[1] }
        }
        let text = String(buffer: r.body)
        lastBody = text
        if let token = Self.field("_csrf", in: text) { csrf = token }
        return Page(status: Int(r.status.code), body: text, location: r.headers[.location])
    }

    /// Signs in with a fresh sign-in link for the person.
    func signIn(_ person: String, desk: BriefingDesk) async throws {
        let link = try await desk.issueSignInLink(for: person).secret
        try await get("/desk/signin/link/\(link)")
        let r = try await post("/desk/signin/link", [("secret", link), ("next", "/desk")])
        precondition(r.status == 303, "signing in as \(person) gave \(r.status): \(r.body.prefix(300))")
        try await get("/desk")
    }

    /// The value of the first hidden field with this name.
    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", ".", "~"])) ?? s
    }
}

/// The approve form's boxes under “What you judged”, every one ticked (`Approval.judgedRules`), as most approvals in
/// these tests are sent; tests of that judgement send their own.
let judgedBoxes: [(String, String)] = BriefingsDomain.Approval.judgedRules.map { ("judged[]", $0.rawValue) }
