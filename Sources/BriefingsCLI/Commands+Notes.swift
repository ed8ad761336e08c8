import ArgumentParser
import BriefingsStore
import Foundation

struct NoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "A group's written record of a session, which its officers may verify before it is final (003 §7.10).",
        subcommands: [Add.self, Verify.self, Finalise.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start a draft record of a session your group attended; its officers are asked to verify it.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The session id.") var session: String
        @Option(help: "The record's text.") var text: String
        func run() async throws { printNote(try await store.client(acting).addNote(session, as: acting.me, text: text), store) }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "As one of the session's officers, verify the record, with a correction if needed.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The note id, e.g. NT-0001.") var note: String
        @Option(help: "A correction to what the record attributes to you.") var correction: String?
        func run() async throws { printNote(try await store.client(acting).verifyNote(note, as: acting.me, correction: correction), store) }
    }

    struct Finalise: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make the record final: once an officer who attended verified it, or once the officers have had the council's time to (recordVerificationWorkingDays, default 5 working days).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The note id.") var note: String
        @Option(name: .customLong("unverified-reason"), help: "Why it is final although no officer verified it in their time (recorded).") var unverifiedReason: String?
        func run() async throws { printNote(try await store.client(acting).finaliseNote(note, as: acting.me, unverifiedReason: unverifiedReason), store) }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The records you may see: your group's, or as an officer those of your sessions.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        func run() async throws {
            let notes = try await store.client(acting).notes(as: acting.me)
            store.emit(notes) {
                Console.current.print(table(["note", "session", "group", "status", "verified by", "author"], notes.map {
                    [$0.ref, $0.session, $0.group, $0.status, $0.verifiedBy ?? "", $0.author]
                }))
            }
        }
    }
}

func printNote(_ n: BriefingDesk.NoteView, _ store: StoreOptions) {
    store.emit(n) {
        Console.current.print("\(n.ref) of \(n.session) (\(n.group)) — \(n.status)" + (n.verifiedBy.map { ", verified by \($0)" } ?? "")
                              + (n.unverifiedReason.map { ", final without verification: \($0)" } ?? ""))
        if let v = n.verdict { Console.current.print("  " + v.line) }
    }
}
