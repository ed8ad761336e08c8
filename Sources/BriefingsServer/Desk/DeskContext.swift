import Hummingbird
import HummingbirdAuth

/// What a signed-in browser's session holds, stored server-side (`DeskSessionStore`); the cookie carries only its key.
public struct DeskSession: Codable, Sendable {
    /// The roster person signed in.
    public var person: String
    /// The synchroniser token every form of this session carries (CSRF).
    public var csrf: String
    /// How they signed in: `password`, `link`, or `oidc` (the council's identity provider).
    public var method: String
    /// A one-time message for the next page shown ("RQ-0002 approved").
    public var flash: String?
}

/// The web desk's request context: the API's context plus the browser's session, who it says is signed in (still on
/// the roster), the form a POST sent, and the CSRF token this page's forms carry.
struct DeskContext: ChildRequestContext, SessionRequestContext {
    typealias ParentContext = BriefingsContext
    var coreContext: CoreRequestContextStorage
    let sessions = SessionContext<DeskSession>()
    var peerAddress: String?
    /// The signed-in person; nil before sign-in.
    var person: String?
    /// A POST's form, read (and its CSRF token checked) before the handler runs; each handler decodes its own fields.
    var form = DeskForm.empty
    /// The token this page's forms carry: the session's once signed in, else the pre-sign-in cookie's.
    var csrf = ""

    init(context: BriefingsContext) throws {
        coreContext = context.coreContext
        peerAddress = context.peerAddress
    }

    var maxUploadSize: Int { 64 * 1024 }

    /// The signed-in person, or a redirect to the sign-in page (a refusal for a form sent while signed out).
    func signedIn() throws -> String {
        guard let person else { throw DeskPageError.signedOut }
        return person
    }
}
