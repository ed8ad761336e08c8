import ArgumentParser
import BriefingsDomain
import BriefingsMail
import BriefingsServer
import BriefingsStore
import Foundation
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the briefings service (JSON API, web desk, feeds, /health, /metrics) over the database.",
        discussion: "Stops gracefully on SIGTERM or SIGINT, finishing requests in flight. The web desk is at /desk (people sign in with `briefings person password` or `briefings person signin-link`). Delivers the outbox's email in the background through the sendmail command (see `briefings outbox --help`), unless --no-mail. With --demo it first builds the demo council in the database and prints, for each demo person, a sign-in link, a token, their feed URL and a command to try; the demo council's email stays in the outbox unless --sendmail is given.")

    @OptionGroup var store: StoreOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.") var logLevel = "info"
    @Option(name: .customLong("public-url"), help: ArgumentHelp("The address people reach the service at, behind its reverse proxy (or $BRIEFINGS_PUBLIC_URL): every email links to its page on the desk under it, the desk's cookies are Secure when it is https, and its feed links start with it. --demo uses its own address.", valueName: "url"))
    var publicURL: String?
    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Seconds a connection may send nothing (idle, or a request's head or body stalled) before it is closed, 1 to 3600 (or $BRIEFINGS_IDLE_TIMEOUT; default 30).", valueName: "seconds"))
    var idleTimeout: Double?
    @Option(name: .customLong("max-connections"), help: ArgumentHelp("Connections served at once, 16 or more (or $BRIEFINGS_MAX_CONNECTIONS; default 512); keep it well under the descriptor limit (LimitNOFILE).", valueName: "n"))
    var maxConnections: Int?
    @Flag(help: "Replace the database with the demo council first, and print sign-in links, tokens and feed URLs for its people.") var demo = false
    @OptionGroup var mail: MailOptions
    @Flag(name: .customLong("no-mail"), help: "Send no email from the service: the messages wait in the outbox for `briefings outbox deliver`.") var noMail = false
    @OptionGroup(title: "Single sign-on (OpenID Connect; docs/operations.md)") var signOn: SingleSignOnOptions
    @Option(name: .customLong("calendar-refresh"), help: ArgumentHelp("Minutes between reads of each officer's calendar address (`briefings busy url`).", valueName: "minutes"))
    var calendarRefresh = 60
    @Flag(name: .customLong("no-imports"), help: "Read no other system's calendar from the service: neither officers' calendar addresses nor the committee meetings' source (`briefings meetings import`, read daily).") var noImports = false
    @Option(name: .customLong("material-file-limit"), help: ArgumentHelp("The largest file an officer may attach as a briefing's material on the desk, in MB, 1 to 50 (or $BRIEFINGS_MATERIAL_FILE_LIMIT; default 5).", valueName: "MB"))
    var materialFileLimit: Int?

    struct Arguments: AppArguments {
        var host: String
        var port: Int
        var logLevel: Logger.Level
        var sendmail: SendmailCommand?
        var publicURL: String?
        var singleSignOn: SingleSignOn?
        var idleTimeout: TimeInterval
        var maxConnections: Int
        var imports: ImportSchedule?
    }

    /// An option, else its environment variable, else the default; a value outside `range` is refused naming both.
    static func limit<T: Comparable & LosslessStringConvertible>(_ given: T?, _ option: String, _ variable: String, _ range: ClosedRange<T>,
                                                                _ fallback: T) throws -> T {
        let environment = ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        guard let text = given.map({ "\($0)" }) ?? environment else { return fallback }
        guard let value = T(text), range.contains(value) else {
            throw CLIError(.invalid, "\(given != nil ? option : variable): '\(text)' is not from \(range.lowerBound) to \(range.upperBound); give a number in that range, or leave it out for the default \(fallback)")
        }
        return value
    }

    func run() async throws {
        try store.refuseServer()
        guard let level = Logger.Level(rawValue: logLevel) else { throw CLIError(.invalid, "--log-level: '\(logLevel)' is not a log level") }
        guard (1...65535).contains(port) else { throw CLIError(.invalid, "--port: give 1 to 65535") }
        let idle = try Self.limit(idleTimeout, "--idle-timeout", "BRIEFINGS_IDLE_TIMEOUT", ServiceLimits.idleTimeouts, ServiceLimits.idleTimeout)
        let connections = try Self.limit(maxConnections, "--max-connections", "BRIEFINGS_MAX_CONNECTIONS", ServiceLimits.connections, ServiceLimits.maxConnections)
        guard (5...10_080).contains(calendarRefresh) else { throw CLIError(.invalid, "--calendar-refresh: give 5 to 10080 minutes (a week)") }
        SystemMemory.limitArenas(to: 2)   // before the service's threads start: see SystemMemory
        let command = try mail.command()
        // The demo council's people have made-up addresses: its mail goes nowhere unless a command is named here.
        let deliver = !noMail && (!demo || mail.sendmail != nil)
        var publicURL = try PublicURLOptions.resolve(publicURL)
        if demo {
            // The demo's links lead to this very service: its own loopback address unless one is given.
            let base = publicURL ?? "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)"
            try await DemoService.prepare(path: store.path, base: base)
            publicURL = base
        }
        let singleSignOn = try signOn.settings(publicURL: publicURL)
        var desk = try store.desk()
        desk.materialFileLimit = try Self.limit(materialFileLimit, "--material-file-limit", "BRIEFINGS_MATERIAL_FILE_LIMIT", 1...50,
                                                MaterialFile.defaultLimit / (1024 * 1024)) * 1024 * 1024
        // Held until the process ends: `briefings restore` refuses while it is.
        let lock = ServiceLock(database: store.path)
        defer { withExtendedLifetime(lock) {} }
        if demo && !deliver && !noMail {
            Console.current.print("The demo council's email waits in the outbox (`briefings outbox list --database \(store.path)`); pass --sendmail to send it.")
        }
        if deliver && publicURL == nil {
            Console.current.print("Email links to the desk, but its public address is not set: messages wait in the outbox until `--public-url` (or \(MailMessage.publicURLVariable)) gives it.")
        }
        let app = buildApplication(desk: desk, Arguments(host: host, port: port, logLevel: level, sendmail: deliver ? command : nil, publicURL: publicURL,
                                                         singleSignOn: singleSignOn, idleTimeout: idle, maxConnections: connections,
                                                         imports: noImports ? nil : ImportSchedule(busyInterval: Double(calendarRefresh) * 60)))
        do {
            try await app.runService()
        } catch where isAddressInUse(error) {
            throw CLIError(.addressInUse, "\(host) port \(port) is already in use by another program (another `briefings serve`?); stop it, or pass another --port (and point the reverse proxy at it)")
        } catch {
            throw CLIError(.failure, "the service stopped: \(error)")
        }
    }
}

/// `serve`'s single sign-on settings: the council's identity provider, the desk's client id there, its secret (from a
/// file or the environment, never the command line, where every user of the machine could read it) and the claim matched
/// to the roster. Each option may come from the environment instead.
struct SingleSignOnOptions: ParsableArguments {
    @Option(name: .customLong("oidc-issuer"), help: ArgumentHelp("The council's identity provider (or $BRIEFINGS_OIDC_ISSUER), its issuer as its discovery document gives it, e.g. https://login.microsoftonline.com/TENANT-ID/v2.0: the desk's sign-in page then offers \"Sign in with your council account\". Needs --public-url, whose /desk/signin/oidc/callback is the redirect URI to register.", valueName: "url"))
    var issuer: String?
    @Option(name: .customLong("oidc-client-id"), help: ArgumentHelp("The desk's application (client) id at the provider (or $BRIEFINGS_OIDC_CLIENT_ID).", valueName: "id"))
    var clientID: String?
    @Option(name: .customLong("oidc-client-secret-file"), help: ArgumentHelp("A file holding the client secret (or the secret itself in $BRIEFINGS_OIDC_CLIENT_SECRET); without either, the desk signs in as a public client with PKCE only.", valueName: "path"))
    var secretFile: String?
    @Option(name: .customLong("oidc-claim"), help: ArgumentHelp("The ID token's claim matched to the roster's email addresses (or $BRIEFINGS_OIDC_CLAIM; default email; Entra ID without the optional email claim: preferred_username).", valueName: "name"))
    var claim: String?

    func settings(publicURL: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SingleSignOn? {
        func given(_ value: String?, _ variable: String) -> String? {
            (value ?? environment[variable]).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let issuer = given(self.issuer, "BRIEFINGS_OIDC_ISSUER"), clientID = given(self.clientID, "BRIEFINGS_OIDC_CLIENT_ID")
        guard let issuer else {
            if clientID != nil || secretFile != nil || self.claim != nil {
                throw CLIError(.invalid, "--oidc-client-id, --oidc-client-secret-file and --oidc-claim need --oidc-issuer (or $BRIEFINGS_OIDC_ISSUER): give the council's identity provider, or leave them out")
            }
            return nil
        }
        guard let clientID else {
            throw CLIError(.invalid, "--oidc-issuer needs --oidc-client-id (or $BRIEFINGS_OIDC_CLIENT_ID): the application id the identity provider registered the desk under")
        }
        guard publicURL != nil else {
            throw CLIError(.invalid, "--oidc-issuer needs --public-url (or $BRIEFINGS_PUBLIC_URL): the provider sends people back to <public-url>/desk/signin/oidc/callback, the redirect URI registered with it")
        }
        var secret: String?
        if let secretFile {
            guard let text = try? String(contentsOfFile: secretFile, encoding: .utf8) else {
                throw CLIError(.invalid, "--oidc-client-secret-file: '\(secretFile)' cannot be read; give a file readable by the service's user holding the client secret")
            }
            secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            secret = environment["BRIEFINGS_OIDC_CLIENT_SECRET"]?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let settings = SingleSignOn(issuer: issuer, clientID: clientID, clientSecret: secret, claim: given(claim, "BRIEFINGS_OIDC_CLAIM") ?? "email")
        if let problem = settings.problem {
            throw CLIError(.invalid, "single sign-on: \(problem); see docs/operations.md, \"Single sign-on\"")
        }
        return settings
    }
}

/// The demo council behind `briefings serve --demo`: the demo story, then a desk sign-in link, a token and a feed URL each.
enum DemoService {
    static let people: [(id: String, feed: BriefingDesk.FeedSubject, tryLine: String)] = [
        ("o-ceo", .overview, "queue"),
        ("o-dce", .overview, "briefing list"),
        ("o-mo", .overview, "parity"),
        ("m-patel", .group("LAB"), "session list"),
        ("pa-lab", .group("LAB"), "offer list"),
        ("m-hughes", .group("CON"), "offer list"),
        ("m-evans", .group("LD"), "session list"),
        ("m-nowak", .group("GRN"), "offer list"),
        ("m-okafor", .member("m-okafor"), "session list"),
        ("o-dir-place", .officer("o-dir-place"), "session list"),
    ]

    static func prepare(path: String, base: String) async throws {
        let story = Console(capturing: true)
        let code = await Console.$current.withValue(story) { await CLI.run(["demo", "--database", path]) }
        guard code == 0 else { throw CLIError(.failure, "the demo council could not be built:\n" + story.captured.out.suffix(2000)) }
        let transcript = path + ".story.txt"
        try? story.captured.out.write(toFile: transcript, atomically: true, encoding: .utf8)
        let desk = BriefingDesk(database: try StoreOptions.open(path), now: try StoreOptions.clock())
        let out = Console.current
        out.print("The demo council is in \(path) and the service is starting on \(base).")
        out.print("Its story so far (a request, a refusal, an approval with an override, the equal offers, a decline, a joint session, a cancellation) is in \(transcript).\n")
        let me = CommandLine.arguments.first.map { $0.hasSuffix("briefings") ? $0 : "briefings" } ?? "briefings"
        out.print("Open the web desk at \(base)/desk: each person's sign-in link below works once, for 15 minutes (a new one:")
        out.print("`\(me) person signin-link --for ID --database \(path)`; or set a password with `\(me) person password --for ID --database \(path)`).\n")
        for person in people {
            let token = try await desk.issueToken(for: person.id, label: "demo").token
            let urls = FeedURLs(base: try FeedURLs.base(base), secret: try await desk.issueFeedSecret(person.feed, for: person.id))
            let link = try await desk.issueSignInLink(for: person.id)
            out.print("\(try await desk.council().name(person.id)) (\(person.id))")
            out.print("  desk:  \(base)/desk/signin/link/\(link.secret)")
            out.print("  token: \(token)")
            out.print("  feed:  \(urls.https)")
            out.print("  try:   \(me) \(person.tryLine) --server \(base) --token \(token)")
        }
        out.print("\nStop the service with Ctrl-C.")
        fflush(nil)
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Issue, revoke and list API tokens (on the server; only their hashes are stored).",
        subcommands: [Issue.self, RevokeToken.self, List.self])

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a bearer token for a roster person; it is shown once.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The roster person the token acts as.") var person: String
        @Option(help: "A note to recognise it by, e.g. the laptop.") var label = ""
        func run() async throws {
            let (id, token) = try await store.desk().issueToken(for: person, label: label)
            struct Out: Encodable { var id: Int64; var person: String; var token: String }
            store.emit(Out(id: id, person: person, token: token)) {
                Console.current.print(token)
                Console.current.print("Token \(id) for \(person). It is shown only now; keep it secret. Revoke it with `briefings token revoke \(id)`.")
            }
        }
    }

    struct RevokeToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by its id.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The token's id from `briefings token list`.") var id: Int64
        func run() async throws {
            try await store.desk().revokeToken(id)
            Console.current.print("Revoked token \(id).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never the tokens themselves).")
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let list = try await store.desk().tokens()
            store.emit(list) {
                Console.current.print(table(["id", "person", "label", "issued", "revoked"], list.map { [String($0.id), $0.person, $0.label, $0.created, $0.revoked ?? ""] }))
            }
        }
    }
}

struct OpenAPI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "openapi", abstract: "Print the service's OpenAPI 3.1 description.")
    func run() async throws { Console.current.print(OpenAPIDocument.yaml) }
}
