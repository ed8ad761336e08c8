import ArgumentParser
import BriefingsCalendar
import BriefingsDomain
import BriefingsRemote
import BriefingsStore
import Foundation

struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed", abstract: "Calendar feeds: write one, or give a subscriber their feed URL.",
        discussion: "The feed is what Outlook, Google Calendar and Apple Calendar subscribe to. Officers' feeds hold only their part of each meeting; a group's feed never holds another group's business.",
        subcommands: [Write.self, URLCommand.self, Revoke.self], defaultSubcommand: Write.self)
}

/// Which feed: exactly one of an officer's, a group's, a member's, or the overview.
struct FeedChoice: ParsableArguments {
    @Option(help: ArgumentHelp("An officer's feed: the sessions they attend.", valueName: "officer")) var officer: String?
    @Option(help: ArgumentHelp("A political group's feed: its sessions and open offers.", valueName: "group")) var group: String?
    @Option(help: ArgumentHelp("A member's feed: their group's sessions.", valueName: "member")) var member: String?
    @Flag(help: "The approver's overview: every session, and pending requests as tentative.") var overview = false

    func subject() throws -> BriefingDesk.FeedSubject {
        let subjects: [BriefingDesk.FeedSubject] = [officer.map { .officer($0) }, group.map { .group($0) },
                                                   member.map { .member($0) }, overview ? .overview : nil].compactMap { $0 }
        guard subjects.count == 1 else {
            throw CLIError(.invalid, "choose exactly one of --officer ID, --group ID, --member ID or --overview")
        }
        return subjects[0]
    }
}

struct Write: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a feed to standard output or a file (the default).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var choice: FeedChoice
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

    func run() async throws {
        let bytes = FeedRenderer.render(try await store.desk().feed(try choice.subject()))
        if let output {
            do { try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
                throw CLIError(.invalid, "cannot write \(output): \(error.localizedDescription)")
            }
            Console.current.print("Wrote \(output) (\(bytes.count) bytes).")
        } else {
            Console.current.write(String(decoding: bytes, as: UTF8.self))
        }
    }
}

struct URLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "url", abstract: "Give a subscriber the secret URL of a feed (replacing their earlier one for it).",
        discussion: "Calendar apps cannot send a token, so the URL carries a secret; `briefings feed revoke` withdraws it. Only people entitled to a feed get its URL. With --server you get your own (the token says who you are), addressed at the server; on the server an administrator gives anyone theirs with --for.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var choice: FeedChoice
    @Option(name: .customLong("for"), help: ArgumentHelp("The subscriber's roster id (with --server: you).", valueName: "person")) var person: String?
    @Option(name: .customLong("base-url"), help: ArgumentHelp("The service's public address (or $BRIEFINGS_PUBLIC_URL; with --server, the server's).", valueName: "url"))
    var baseURL: String?

    func run() async throws {
        let subject = try choice.subject()
        let (service, subscriber, server) = try await store.feedService(for: person)
        // The address is checked before the secret is issued: a refusal must not revoke the working URL.
        let base = try FeedURLs.base(baseURL ?? server?.absoluteString)
        let secret = try await service.issueFeedSecret(subject, for: subscriber)
        let urls = FeedURLs(base: base, secret: secret)
        store.emit(urls) {
            Console.current.print(urls.https)
            Console.current.print(urls.webcal)
        }
    }
}

/// A feed's subscription addresses: the web form and the `webcal://` form calendar apps open directly.
struct FeedURLs: Encodable {
    var https: String
    var webcal: String

    /// The public address feeds are under: --base-url, else $BRIEFINGS_PUBLIC_URL, else the local default;
    /// refused unless it is an http:// or https:// address, without its trailing slash.
    static func base(_ given: String?) throws -> String {
        let raw = given ?? ProcessInfo.processInfo.environment["BRIEFINGS_PUBLIC_URL"] ?? "https://127.0.0.1:8080"
        guard let url = URL(string: raw), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw CLIError(.invalid, "--base-url: '\(raw)' is not an http:// or https:// address; give the service's public address, e.g. https://briefings.example.gov.uk")
        }
        return raw.hasSuffix("/") ? String(raw.dropLast()) : raw
    }

    init(base: String, secret: String) {
        https = "\(base)/feeds/\(secret).ics"
        webcal = "webcal://" + https.drop(while: { $0 != ":" }).dropFirst(3)
    }
}

struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Withdraw a subscriber's feed URLs (one feed, or all of theirs).")
    @OptionGroup var store: StoreOptions
    @Option(name: .customLong("for"), help: ArgumentHelp("The subscriber's roster id (with --server: you).", valueName: "person")) var person: String?
    @Option(help: ArgumentHelp("Only this group's feed.", valueName: "group")) var group: String?
    @Option(help: ArgumentHelp("Only this officer's feed.", valueName: "officer")) var officer: String?
    @Option(help: ArgumentHelp("Only this member's feed.", valueName: "member")) var member: String?
    @Flag(help: "Only the overview.") var overview = false

    func run() async throws {
        let subject: BriefingDesk.FeedSubject? = officer.map { .officer($0) } ?? group.map { .group($0) } ?? member.map { .member($0) } ?? (overview ? .overview : nil)
        let (service, subscriber, _) = try await store.feedService(for: person)
        let n = try await service.revokeFeedSecrets(for: subscriber, subject: subject)
        Console.current.print("Revoked \(n) feed URL(s) of \(subscriber).")
    }
}

extension StoreOptions {
    /// Where a feed command goes and whose feeds it is for: with --server, the token holder's own (a
    /// different --for is refused); locally, the --for person's.
    func feedService(for person: String?) async throws -> (service: DeskService, subscriber: String, server: URL?) {
        if let (url, token) = try remote() {
            let remote = RemoteDesk(server: url, token: token)
            let me = try await remote.me()
            if let person, person != me {
                throw CLIError(.forbidden, "--for \(person): with --server you get and withdraw your own feed URLs, and this token is \(me)'s. Leave out --for, or ask an administrator to run the command for \(person) on the server.")
            }
            return (remote, me, url)
        }
        guard let person else { throw CLIError(.invalid, "--for PERSON: say whose feed URL this is (their roster id)") }
        return (try desk(), person, nil)
    }
}

struct BusyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "busy", abstract: "An officer's busy times from their own calendar: a file, or its published address.",
        subcommands: [Import.self, BusyURLCommand.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace an officer's busy times with those in an exported .ics file (no-double-booking then sees them).",
            discussion: "Recurring events are expanded over the planning horizon. A malformed file is refused whole, naming the line; nothing is half-imported.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The officer's id.") var officer: String
        @Option(help: ArgumentHelp("The planning horizon in days from today.", valueName: "days")) var horizon = 365
        @Argument(help: "The .ics file.") var file: String

        func run() async throws {
            let desk = try store.desk()
            let data = try readCalendar(file)
            guard (1...3660).contains(horizon) else { throw CLIError(.invalid, "--horizon: give 1 to 3660 days") }
            let from = desk.now(), to = from.addingTimeInterval(Double(horizon) * 86_400)
            let intervals: [BusyInterval]
            do { intervals = try CalendarImport.busyIntervals(fromICS: data, from: from, to: to) } catch {
                throw CLIError(.invalid, "\(file): \(error.description)")
            }
            let pieces = try await desk.importBusy(officer: officer, intervals, source: URL(fileURLWithPath: file).lastPathComponent, within: from ..< to)
            Console.current.print("Imported \(intervals.count) busy time(s) for \(officer) over the next \(horizon) days (\(pieces) booking(s)); earlier imports replaced.")
        }
    }
}

struct HolidaysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays", abstract: "Bank holidays for counting working days.", subcommands: [Import.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the bank holidays with the gov.uk England and Wales calendar (https://www.gov.uk/bank-holidays/england-and-wales.ics).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The .ics file.") var file: String

        func run() async throws {
            let desk = try store.desk()
            let data = try readCalendar(file)
            let holidays: [BankHoliday]
            do { holidays = try CalendarImport.bankHolidays(fromICS: data) } catch {
                throw CLIError(.invalid, "\(file): \(error.description)")
            }
            let count = try await desk.importHolidays(holidays, source: URL(fileURLWithPath: file).lastPathComponent)
            Console.current.print("Imported \(count) bank holidays (\(holidays.first!.date) to \(holidays.last!.date)); they replace the earlier ones.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The bank holidays in force.")
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let list = try await store.desk().holidays()
            store.emit(list) { Console.current.print(table(["date", "holiday"], list.map { [$0.date.description, $0.title] })) }
        }
    }
}

/// Reads a calendar file, refusing what is plainly not one before it reaches the parser.
func readCalendar(_ path: String) throws -> Data {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), let size = attributes[.size] as? Int else {
        throw CLIError(.notFound, "cannot read \(path); check the path")
    }
    if size > 10 * 1_048_576 {
        throw CLIError(.invalid, "\(path): the file is \(size / 1_048_576) MB; the limit is 10 MB. Export a shorter date range")
    }
    guard let data = FileManager.default.contents(atPath: path) else { throw CLIError(.notFound, "cannot read \(path); check the path") }
    return data
}
