import BriefingsDomain
import BriefingsMessages
import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The desk's templates, compiled into the binary from `Templates/` by the EmbedTemplates plugin and parsed once.
enum DeskTemplates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (file, text) in EmbeddedTemplates.files where file.hasSuffix(".mustache") {
            do { try library.register(text, named: String(file.dropLast(".mustache".count))) } catch {
                preconditionFailure("Templates/\(file) does not parse: \(error)")   // a test renders every page
            }
        }
        return library
    }()

    /// A static file from `Templates/` (the stylesheet, the copy button's script).
    static func file(_ name: String) -> String? { EmbeddedTemplates.files[name] }
}

/// Text escaped for HTML here, in one pass over its bytes, for a template to render with three braces (`{{{messageHTML}}}`)
/// as it is. The queue shows a dozen verdicts for each of up to a thousand requests, and swift-mustache's own escaping
/// (a dictionary lookup per character) was a fifth of the page's cost. Only values of this type are ever given to a
/// three-brace tag, under keys ending in `HTML`; everything else is escaped by the template as usual.
struct HTMLText: MustacheCustomRenderable, Sendable {
    let renderText: String
    var isNull: Bool { false }

    init(escaping text: String) {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        renderText = String(decoding: out, as: UTF8.self)
    }
}

/// One page to render: its template, title, values, and any errors to summarise at its top.
struct Page {
    var template: String
    var title: String
    var status: HTTPResponse.Status = .ok
    var values: [String: Any] = [:]
    var errors: [Problem] = []

    /// An error for the summary: what was wrong and what to do, linked to the field to change (its element id).
    struct Problem {
        var field: String?
        var message: String
        var fix: String

        /// Times in the desk's one format (`DeskTime.text`), whichever step's words they came in.
        var values: [String: Any] { ["field": field ?? "main", "message": Self.sentence(DeskTime.text(message)), "fix": DeskTime.text(fix)] }

        /// A desk message starts lower case; on a page it is a sentence.
        static func sentence(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
    }
}

extension DeskError {
    /// The remedy as the desk words it: the form's boxes and the desk's pages, never a command or an option.
    var deskFix: String { DeskText.fix(remedy) }
}

/// Who is looking at a page, and what the desk lets them do: what the navigation offers.
struct Viewer {
    let id: String
    let council: BriefingDesk.Council
    let roles: [Role]
    /// For the deputy: whether they decide today (`Decider.deputyActs`), the absence that lets them, and the next one.
    var deputy: Deputy?

    struct Deputy {
        var acts: Bool
        var absence: Desk.AbsenceView?
        var next: Desk.AbsenceView?
    }

    var name: String { council.name(id) }
    var group: String? { council.roster.groupOf(id) }
    var isOfficer: Bool { roles.contains(.officer) }
    /// The approver, the deputy, or (where the council lets Directors agree, 001) a Director: they have a queue.
    var decides: Bool {
        roles.contains(.approver) || roles.contains(.deputyApprover)
            || (council.profile.directorsAgree && council.roster.officer(id)?.grade == .director)
    }
    /// Whether the answers (approve, decline, acknowledge) are theirs to give now: the approver, the deputy while they
    /// act, a Director (the Domain refuses a request outside their line). Others who see the queue only read it.
    var decidesNow: Bool { roles.contains(.approver) || deputy?.acts == true || (decides && !roles.contains(.deputyApprover)) }

    /// The approver as the deputy is told of them: `the Chief Executive (Catherine Moss)`.
    var approverNamed: String {
        let approver = council.roster.approver
        return "the \(council.roster.officer(approver)?.title ?? council.profile.approverTitle) (\(council.name(approver)))"
    }

    /// The banner the deputy sees on every page while they decide in the approver's place.
    var actingLine: String? {
        guard let deputy, deputy.acts, !roles.contains(.approver) else { return nil }
        guard let absence = deputy.absence else { return "You are acting for \(approverNamed): the council lets the deputy decide at any time." }
        return "You are acting for \(approverNamed), who is recorded as away until \(DeskTime.day(absence.until)): you decide the queue in their place."
    }

    /// For the deputy who may not decide today: when they may.
    var whenDeputyDecides: String? {
        guard let deputy, !deputy.acts, !roles.contains(.approver) else { return nil }
        let now = "You may decide only while \(approverNamed) is recorded as away; until then they decide, and you can read the queue."
        guard let next = deputy.next else {
            return now + " No absence is recorded: \(approverNamed) or an administrator records one (the deputy may not record their own authority, 000 §17.16.3)."
        }
        return now + " Their next recorded absence is from \(DeskTime.day(next.from)) to \(DeskTime.day(next.until)): you decide on those days."
    }

    var oversight: Bool { roles.contains { [.approver, .deputyApprover, .monitoringOfficer, .administrator].contains($0) } }
    /// A group's leader or assistant, or a councillor without a group: they ask for briefings and answer offers.
    var requests: Bool {
        roles.contains { role in
            switch role {
            case .groupLeader, .assistant: true
            case .member(let g): g == nil
            default: false
            }
        }
    }
    var assistant: Bool { roles.contains { if case .assistant = $0 { true } else { false } } }

    /// The navigation, in the order of the day's work.
    func navigation(current: String) -> [[String: Any]] {
        var items: [(String, String)] = [("/desk", "Home")]
        if decides { items.append(("/desk/queue", "Queue")) }
        if requests || group != nil || isOfficer || oversight { items.append(("/desk/requests", "Requests")) }
        if requests || oversight { items.append(("/desk/offers", "Offers")) }
        if group != nil || isOfficer || oversight { items.append(("/desk/sessions", isOfficer && group == nil && !oversight ? "Invitations" : "Sessions")) }
        if group != nil || isOfficer || oversight { items.append(("/desk/briefings", "Briefings")) }
        if oversight { items.append(("/desk/parity", "Parity")); items.append(("/desk/audit", "Audit trail")); items.append(("/desk/absences", "Absences")) }
        items.append(("/desk/subscribe", "Calendar feeds"))
        if roles.contains(.administrator) { items.append(("/desk/admin", "Administration")) }
        // The section a page belongs to is current: /desk/requests/RQ-0001 is under Requests.
        return items.map { ["href": $0.0, "label": $0.1, "current": $0.0 == current || ($0.0 != "/desk" && current.hasPrefix($0.0 + "/"))] }
    }

    var roleLine: String { roles.map(\.description).joined(separator: ", ") }
}

extension Response {
    /// An HTML page with the desk's headers: never cached, no framing, no referrer (a sign-in link's secret is in its
    /// address), and scripts, styles and form targets only from the desk itself.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// 303 See Other: where a browser goes after a form (Post/Redirect/Get) or before signing in.
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}
