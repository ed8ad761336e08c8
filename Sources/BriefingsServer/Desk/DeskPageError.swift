import BriefingsStore
import Hummingbird

/// Why the desk could not show a page or accept a form, before any desk step ran.
enum DeskPageError: Error {
    /// Not signed in (or the session ended): pages redirect to sign in; a form is refused.
    case signedOut
    /// A form without this session's token: sent from elsewhere, or from a page older than the session.
    case csrf
    /// A body that is not an ordinary HTML form, or a field with a control character.
    case badForm(String)
    /// No such page.
    case notFound
    /// An address that takes other methods (these) than the one it was asked with.
    case methodNotAllowed([String])

    var status: HTTPResponse.Status {
        switch self {
        case .signedOut: .unauthorized
        case .csrf: .forbidden
        case .badForm: .badRequest
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        }
    }

    var problem: (title: String, message: String, fix: String) {
        switch self {
        case .signedOut:
            ("You are signed out", "this form was sent without a signed-in session (it ended, or was ended by an administrator)",
             "Sign in again, then go back to the page and send the form again.")
        case .csrf:
            ("This form could not be accepted", "the form did not carry this session's form token, so it may not have come from the desk",
             "Go back, reload the page and send the form again. If it keeps happening, sign out and sign in again.")
        case .badForm(let what):
            ("This form could not be read", what, "Go back, correct the form and send it again.")
        case .notFound:
            ("Page not found", "there is no such page on the briefings desk", "Check the address, or start again from the desk's home page.")
        case .methodNotAllowed:
            ("This page cannot do that", "this address is for the desk's own links and forms", "Go back and use the page's links and buttons.")
        }
    }
}
