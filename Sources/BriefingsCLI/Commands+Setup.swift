import ArgumentParser
import BriefingsDomain
import BriefingsImports
import BriefingsMessages
import BriefingsRemote
import BriefingsStore
import Foundation

struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the council's database with a policy profile.",
        discussion: "Profiles follow the five protocols: model (default), 000, 001, 002, 003, 004. `briefings rules --profile NAME` shows what each enforces.")

    @OptionGroup var store: StoreOptions
    @Option(help: "The policy profile: model, 000, 001, 002, 003 or 004.")
    var profile = "model"

    func run() async throws {
        try store.refuseServer()
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: store.path, isDirectory: &isDirectory), isDirectory.boolValue {
            _ = try StoreOptions.open(store.path)   // says it is a directory, with its own exit code
        }
        if FileManager.default.fileExists(atPath: store.path) {
            throw CLIError(.conflict, "\(store.path) already exists; use another --database path or import a roster into it")
        }
        guard PolicyProfile.named(profile) != nil else {
            throw CLIError(.invalid, "--profile: no profile '\(profile)'; choose one of \(PolicyProfile.all.map(\.name).joined(separator: ", "))")
        }
        let desk = BriefingDesk(database: try StoreOptions.open(store.path), now: try StoreOptions.clock())
        let p = try await desk.initialise(profile: profile)
        Console.current.print("Created \(store.path) with profile \(p.name): \(p.description).")
        Console.current.print("Next: briefings roster import ROSTER.json --database \(store.path)")
    }
}

struct RosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster", abstract: "Load or show the council's people, groups and rooms.",
        subcommands: [Import.self, Export.self, Show.self, Example.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a roster: a JSON file (see docs/roster.md) or a folder of CSV sheets from a spreadsheet (see `roster export`). Re-importing updates in place; anyone left out is kept as inactive.",
            discussion: """
                An invalid roster is refused whole, with every problem listed (by key, or by sheet and row); the database is left as it was.                 --preview lists who would join, leave, or change group or grade, and writes nothing.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The roster: a JSON file, or a folder holding groups.csv, members.csv, assistants.csv, officers.csv and rooms.csv.") var file: String
        @Flag(help: "Show what the import would change, and change nothing.") var preview = false

        func run() async throws {
            let desk = try store.desk()
            var folder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &folder) else {
                throw CLIError(.notFound, "cannot read roster \(file); check the path")
            }
            let data: Data
            if folder.boolValue {
                // The sheets hold the people and rooms; the council's own settings stay as the database holds them.
                let current = try await desk.council().roster
                do { data = try RosterCSV.rosterFile(from: URL(fileURLWithPath: file), council: current) } catch {
                    throw CLIError(.invalid, "the roster in \(file) was not imported; nothing changed:\n" + error.problems.map { "  " + $0 }.joined(separator: "\n")
                                   + "\nCorrect those rows and import the folder again.")
                }
            } else {
                guard let d = FileManager.default.contents(atPath: file) else { throw CLIError(.notFound, "cannot read roster file \(file); check the path") }
                data = d
            }
            if preview {
                let new: Roster
                do { new = try RosterFile.parse(data) } catch {
                    throw CLIError(.invalid, "the roster in \(file) would be refused; nothing changed:\n" + error.problems.map { "  " + $0 }.joined(separator: "\n"))
                }
                let changes = try await desk.council().roster.changes(to: new)
                Console.current.print(changes.isEmpty ? "Importing \(file) would change nobody. Nothing was written."
                                      : "Importing \(file) would make \(changes.count) change\(changes.count == 1 ? "" : "s") (nothing was written):")
                for c in changes { Console.current.print("  " + Self.line(c)) }
                return
            }
            let s = try await desk.importRoster(data)
            store.emit(s) {
                Console.current.print("Imported the roster of \(s.council) (profile \(s.profile)): \(s.groups) groups, \(s.members) members, \(s.assistants) assistants, \(s.officers) officers, \(s.rooms) rooms.")
                if !s.retired.isEmpty { Console.current.print("No longer on the roster (kept, inactive): \(s.retired.joined(separator: ", "))") }
            }
        }

        static func line(_ c: RosterChange) -> String {
            switch c {
            case .joins(let id, let name, let what): "joins: \(name) (\(id)), \(what)"
            case .leaves(let id, let name, let what): "leaves: \(name) (\(id)), \(what); kept as inactive with their history"
            case .changesGroup(let id, let name, let from, let to): "changes group: \(name) (\(id)) from \(from ?? "no group") to \(to ?? "no group")"
            case .changesGrade(let id, let name, let from, let to): "changes grade: \(name) (\(id)) from \(from.rawValue) to \(to.rawValue)"
            case .renamed(let id, let from, let to): "renamed: \(id) from \(from) to \(to)"
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the roster as CSV sheets (groups, members, assistants, officers, rooms) into a folder, to edit in a spreadsheet and import again.",
            discussion: "The council's own settings (name, address, profile, approver, deputy, Monitoring Officer, administrators) are not in the sheets; an import keeps them as they are.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The folder to write the sheets into (made if missing; sheets already there are replaced).") var folder: String

        func run() async throws {
            let written = try RosterCSV.export(try await store.desk().council().roster, to: URL(fileURLWithPath: folder))
            Console.current.print("Wrote \(written.map(\.lastPathComponent).joined(separator: ", ")) to \(folder).")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the roster's groups, members, officers and rooms with their ids.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let c = try await store.desk().council()
            let r = c.roster
            struct Out: Encodable { var council: String; var councilEmail: String?; var profile: String; var approver: String; var deputyApprover: String?
                var groups: [PoliticalGroup]; var members: [Member]; var assistants: [Assistant]; var officers: [Officer]; var rooms: [Room] }
            store.emit(Out(council: r.councilName, councilEmail: r.councilEmail, profile: c.profile.name, approver: r.approver, deputyApprover: r.deputyApprover,
                           groups: r.groups, members: r.members, assistants: r.assistants, officers: r.officers, rooms: r.rooms)) {
                let out = Console.current
                out.print("\(r.councilName) — profile \(c.profile.name); approver \(c.name(r.approver)) (\(c.profile.approverTitle))"
                          + (r.deputyApprover.map { ", deputy \(c.name($0))" } ?? "")
                          + (r.councilEmail.map { "; mail from \($0)" } ?? ""))
                out.print("\nGroups")
                out.print(table(["id", "name", "leader", "controlling"], r.groups.map { [$0.id, $0.name, "\(c.name($0.leader)) (\($0.leader))", $0.controlling ? "yes" : ""] }))
                out.print("\nMembers")
                out.print(table(["id", "name", "group", "kind", "email"], r.members.map { [$0.id, $0.name, $0.group ?? "-", $0.kind.rawValue, $0.email ?? ""] }))
                out.print("\nPolitical assistants (not members)")
                out.print(table(["id", "name", "group", "email"], r.assistants.map { [$0.id, $0.name, $0.group, $0.email ?? ""] }))
                out.print("\nOfficers")
                out.print(table(["id", "name", "title", "grade", "remit", "hours", "email"], r.officers.map {
                    [$0.id, $0.name, $0.title, $0.grade.rawValue, $0.remit.joined(separator: ","), $0.hours.description, $0.email ?? ""] }))
                out.print("\nRooms")
                out.print(table(["id", "name", "capacity"], r.rooms.map { [$0.id, $0.name, $0.capacity.map(String.init) ?? ""] }))
            }
        }
    }

    struct Example: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the example roster (the demo council) to start your own from.")
        @Flag(help: "A town council without political groups instead (profile 002; examples/town-roster.json).") var town = false
        func run() async throws { Console.current.print(town ? DemoCouncil.townRosterJSON : DemoCouncil.rosterJSON) }
    }
}

struct Rules: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every rule as enforced: severity under the profile, clauses, and the profile's settings.",
        discussion: "Without --profile, shows the profile in force in the database, or on the service with --server (with the council's overrides); with it, that profile's defaults.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Show this profile (model, 000 … 004) instead of the database's.")
    var profile: String?

    func run() async throws {
        let view = try await store.rules(profile: profile)
        store.emit(view) {
            let out = Console.current
            out.print("Profile \(view.profile): \(view.description)")
            out.print("Approver: \(view.approver) (\(view.approverClauses.joined(separator: ", "))). Acknowledge within \(view.acknowledgeWorkingDays), answer within \(view.respondWorkingDays) working days. Joint briefings preferred: \(view.jointBriefingsPreferred ? "yes" : "no"). Budget embargo: \(view.budgetEmbargo ? "yes" : "no"). Room buffer: \(view.roomBufferMinutes) min.\n")
            out.print(table(["rule", "severity", "clauses"], view.rules.map { [$0.id, $0.severity, $0.clauses.joined(separator: ", ")] }))
        }
    }
}

struct ConformanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "State, clause by clause, how the council's protocol is held: enforced (rules, steps, severity), judged by a person, or out of a scheduler's reach; and the tests that prove it.",
        discussion: """
            Prints Markdown. Without --profile, the profile in force in the database, or on the service with --server (with \
            the council's severities); with it, that profile's defaults. docs/conformance/000.md … 004.md are this command's \
            output for each profile (a test checks they are).
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "State this profile (model, 000 … 004) instead of the database's.")
    var profile: String?

    func run() async throws {
        Console.current.write(ConformanceText.markdown(try await store.rules(profile: profile)))
    }
}

extension StoreOptions {
    /// The rules as enforced: a named profile's defaults; else the council's, on the service or in the database; else
    /// the model profile's.
    func rules(profile: String?) async throws -> BriefingDesk.RulesView {
        if let profile {
            guard let named = PolicyProfile.named(profile) else {
                throw CLIError(.invalid, "--profile: no profile '\(profile)'; choose one of \(PolicyProfile.all.map(\.name).joined(separator: ", "))")
            }
            return .init(named)
        } else if let (url, token) = try remote() {
            return try await RemoteDesk(server: url, token: token).rules()
        } else if FileManager.default.fileExists(atPath: path) {
            return try await desk().rules()
        }
        return .init(.model)
    }
}
