import ArgumentParser
import BriefingsDomain
import BriefingsStore
import Foundation

/// Signing in to the web desk, on the server: a person's password, a one-time sign-in link, ending their sessions.
struct PersonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "Let a roster person sign in to the web desk (on the server): a password, or a one-time link.",
        discussion: "The desk is at /desk on the service. A password is stored only as its bcrypt hash; a sign-in link works once, for 15 minutes, and only its hash is stored. Revoking a person's token (`briefings token revoke`) also signs them out of every browser.",
        subcommands: [Password.self, SignInLink.self, SignOut.self])

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set (or replace) a person's desk password, read from standard input or typed at a prompt.",
            discussion: "At a terminal it asks twice, without showing what is typed; otherwise it reads the first line of standard input (`printf '%s\\n' \"$PASSWORD\" | briefings person password --for m-patel`). At least 12 characters.")
        @OptionGroup var store: StoreOptions
        @Option(name: .customLong("for"), help: ArgumentHelp("The roster id of the person.", valueName: "person")) var person: String
        @Flag(help: "Remove the password instead: they can then sign in only with a link.") var remove = false

        func run() async throws {
            let desk = try store.desk()
            if remove {
                try await desk.removePassword(for: person)
                Console.current.print("Removed the password of \(person). They can sign in with a link: `briefings person signin-link --for \(person)`.")
                return
            }
            try await desk.setPassword(for: person, to: try PasswordInput.read(for: person))
            Console.current.print("Set the desk password of \(try await desk.council().name(person)) (\(person)). Only its bcrypt hash is stored.")
        }
    }

    struct SignInLink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "signin-link", abstract: "Give a person a link that signs them in to the desk once, within 15 minutes.",
            discussion: "Send it to them as you would a password. A newer link replaces one not yet used. Opening it asks them to confirm, so a mail scanner that fetches it does not use it up.")
        @OptionGroup var store: StoreOptions
        @Option(name: .customLong("for"), help: ArgumentHelp("The roster id of the person.", valueName: "person")) var person: String
        @Option(name: .customLong("base-url"), help: ArgumentHelp("The service's public address (or $BRIEFINGS_PUBLIC_URL; default http://127.0.0.1:8080).", valueName: "url"))
        var baseURL: String?

        func run() async throws {
            let desk = try store.desk()
            let base = try FeedURLs.base(baseURL ?? ProcessInfo.processInfo.environment["BRIEFINGS_PUBLIC_URL"] ?? "http://127.0.0.1:8080")
            let link = try await desk.issueSignInLink(for: person)
            struct Out: Encodable { var person: String; var url: String; var expires: String }
            let out = Out(person: person, url: "\(base)/desk/signin/link/\(link.secret)", expires: LondonTime.format(link.expires))
            store.emit(out) {
                Console.current.print(out.url)
                Console.current.print("A sign-in link for \(person), working once until \(LondonTime.formatLong(link.expires)). Only its hash is stored.")
            }
        }
    }

    struct SignOut: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "signout", abstract: "End every desk session of a person now (every browser they signed in on).")
        @OptionGroup var store: StoreOptions
        @Option(name: .customLong("for"), help: ArgumentHelp("The roster id of the person.", valueName: "person")) var person: String

        func run() async throws {
            let n = try await store.desk().endWebSessions(for: person)
            Console.current.print("Ended \(n) desk session(s) of \(person).")
        }
    }
}

/// Where a new password comes from: a prompt at a terminal (typed twice, not shown), else standard input's first line.
enum PasswordInput {
    /// What tests feed in place of standard input.
    @TaskLocal static var given: String?

    static func read(for person: String) throws -> String {
        if let given { return given }
        if isatty(STDIN_FILENO) == 1 {
            let first = try prompt("New desk password for \(person): ")
            let second = try prompt("Type it again: ")
            guard first == second else { throw CLIError(.invalid, "the two passwords differ; nothing was changed. Run the command again and type the same password twice.") }
            return first
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CLIError(.invalid, "no password on standard input; pipe one line in (printf '%s\\n' \"$PASSWORD\" | briefings person password --for \(person)) or run it at a terminal to be asked")
        }
        return line
    }

    /// Reads a line from the terminal with echo off.
    static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        defer { tcsetattr(STDIN_FILENO, TCSANOW, &saved); FileHandle.standardError.write(Data("\n".utf8)) }
        guard let line = readLine(strippingNewline: true) else { throw CLIError(.invalid, "no password was typed; nothing was changed") }
        return line
    }
}
