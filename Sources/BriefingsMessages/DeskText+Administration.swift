/// What the administrator's desk pages (`/desk/admin`: people's sign-in, tokens, feeds, the outbox) say when a form
/// cannot be done, in the desk's words; the store's own refusals come worded through `DeskText.fix`.
import BriefingsDomain

extension DeskText {
    public enum Administration {
        /// Anyone but an administrator, at any administrator's page or form.
        public static let onlyAdministrators = (
            message: "only the council's administrators manage people's sign-in, API tokens, calendar feed links and the outgoing email",
            fix: "Ask democratic services (the council's administrator) to do it for you.")
        /// The new password's box left empty.
        public static let givePassword = (
            message: "enter the new password",
            fix: "Enter the new password in “New password”, then the same again in “Type it again”: at least 12 characters (three random words work well).")
        /// The two boxes differ.
        public static let passwordsDiffer = (
            message: "the two passwords differ, so the password was not changed",
            fix: "Type the same password in “New password” and in “Type it again”.")
        /// A roster sheet the import form left empty (issue 26 item 4).
        public static func missingSheet(_ file: String) -> String {
            "The sheet \(file) was not chosen: choose all five sheets (a sheet with nobody in it keeps its header row)"
        }
        /// The import previewed changes nobody.
        public static let rosterUnchanged = "Importing these sheets would change nobody."
        /// One change a roster import would make, for the preview.
        public static func rosterChange(_ c: RosterChange) -> String {
            switch c {
            case .joins(let id, let name, let what): "Joins: \(name) (\(id)), \(what)"
            case .leaves(let id, let name, let what): "Leaves: \(name) (\(id)), \(what); kept as inactive with their history"
            case .changesGroup(let id, let name, let from, let to): "Changes group: \(name) (\(id)) from \(from ?? "no group") to \(to ?? "no group")"
            case .changesGrade(let id, let name, let from, let to): "Changes grade: \(name) (\(id)) from \(from.rawValue) to \(to.rawValue)"
            case .renamed(let id, let from, let to): "Renamed: \(id) from \(from) to \(to)"
            }
        }
        /// A token or message the page listed that has gone meanwhile (revoked, or not this person's).
        public static let tokenGone = (
            message: "that token is not one of this person's working tokens: it may have been revoked already",
            fix: "Nothing to do if it is listed as revoked; the person's working tokens are listed under “API tokens”.")
    }
}
