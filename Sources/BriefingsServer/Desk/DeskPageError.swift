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
            ("You were signed out", "you were signed out before you sent this form (you signed out in another window or tab, or your sign-in ended), so nothing was sent or saved",
             "Sign in again, then fill in the form again and send it.")
        case .csrf:
            ("This page was out of date", "the page this form came from is older than your sign-in, or did not come from the briefings desk, so nothing was sent or saved",
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
