import Foundation
import HTTPTypes
import Hummingbird

/// `GET /feeds/{secret}.ics`: what calendar apps poll. `ETag` and `Last-Modified` with 304s; no gzip
/// (it broke an Outlook subscription) and nothing chosen by `Accept` (Google sends none). An unknown
/// or revoked secret gets the same plain 404, with no hint whether it ever existed.
struct FeedController {
    let cache: FeedCache

    func addRoutes(to router: Router<BriefingsContext>) {
        router.get("feeds/:file") { req, c in try await respond(req, c) }
        router.head("feeds/:file") { req, c in
            var r = try await respond(req, c)
            r.body = .init()
            return r
        }
    }

    func respond(_ request: Request, _ context: BriefingsContext) async throws -> Response {
        let file = context.parameters.get("file") ?? ""
        guard file.hasSuffix(".ics"), let entry = try await cache.feed(secret: String(file.dropLast(4))) else {
            return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "Not found\n")))
        }
        if Self.notModified(request.headers, entry) { return Response(status: .notModified, headers: entry.headers) }
        return Response(status: .ok, headers: entry.headers, body: .init(byteBuffer: entry.body))
    }

    /// Whether a poll's validators say the client has this entry already: an `If-None-Match` naming its tag, or (only
    /// without one) an `If-Modified-Since` no earlier than its last change. Here and in `FeedPollHandler`.
    static func notModified(_ headers: HTTPFields, _ entry: FeedCache.Entry) -> Bool {
        if let match = headers[.ifNoneMatch] { return matches(match, etag: entry.etag) }
        guard let since = headers[.ifModifiedSince].flatMap(parseHTTPDate), let modified = entry.lastModified else { return false }
        return modified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
    }

    /// Whether an `If-None-Match` list names the entity tag (or is `*`): each comma-separated member,
    /// blanks (tab and Unicode space separators) trimmed, compared exactly.
    static func matches(_ header: String, etag: String) -> Bool {
        if header == etag { return true }   // what a client that saw our ETag sends back
        return header.split(separator: ",").contains { member in
            let scalars = member.unicodeScalars
            guard let first = scalars.firstIndex(where: { !isBlank($0) }) else { return false }
            let last = scalars.lastIndex(where: { !isBlank($0) })!
            let tag = Substring(scalars[first...last])
            return tag == etag || tag == "*"
        }
    }

    /// `CharacterSet.whitespaces`: tab and the space separators.
    private static func isBlank(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || (s.value > 0x7F && s.properties.generalCategory == .spaceSeparator)
    }

    static func formatter() -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f
    }

    static func httpDate(_ date: Date) -> String { formatter().string(from: date) }
    static func parseHTTPDate(_ text: String) -> Date? { formatter().date(from: text) }
}
