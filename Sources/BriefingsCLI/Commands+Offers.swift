import ArgumentParser
import BriefingsDomain
import BriefingsStore
import Foundation

struct OfferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offer", abstract: "See and answer the briefings offered to your group.",
        subcommands: [List.self, Slots.self, Accept.self, DeclineOffer.self, Lapse.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Your group's offers (the approver and Monitoring Officer see all).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs

        func run() async throws {
            let offers = try await store.client(acting).offers(as: acting.me)
            store.emit(offers) {
                Console.current.print(table(["offer", "briefing", "group", "status", "answer by", "title", "officers", "joint sessions"], offers.map {
                    [$0.ref, $0.briefing, $0.group, $0.status, $0.answerBy ?? "", ($0.writtenReport == true ? "[written report] " : "") + $0.title,
                     $0.officers.joined(separator: ", "), $0.jointSessions.joined(separator: ",")]
                }))
                for o in offers where !o.suggestedSlots.isEmpty {
                    Console.current.print("Free times to take \(o.ref) up: \(o.suggestedSlots.map { $0.start.replacingOccurrences(of: "T", with: " ") + " (" + $0.room + ")" }.joined(separator: ", ")); `briefings offer slots \(o.ref)` prints the commands.")
                }
            }
        }
    }

    struct Slots: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Up to three free times to take up an offer, each with the `offer accept` command that takes it up.",
            discussion: """
                Each is a session like the briefing's own (its length and the officers' part), with the same officers, on a \
                different working day: the earliest start on the half hour inside every officer's working hours, clear of \
                their sessions and imported busy times, with a council room free (the briefing's own room first) and the \
                council's buffer kept. It looks from the next working day until the day before the linked meeting or \
                decision date, at most \(SlotSearch.workingDaysAhead) working days ahead. A suggestion is only a suggestion: \
                taken up with `offer accept`, it is judged by every rule like any other time. Your group's people and the \
                approver may ask; the offer must be open.
                """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The offer id, e.g. OF-0002.") var offer: String

        func run() async throws {
            let found = try await store.client(acting).suggestSlots(offer: offer, as: acting.me)
            store.emit(found) {
                let console = Console.current
                guard !found.slots.isEmpty else {
                    console.print(found.from > found.until
                        ? "No working day is left before the linked meeting or decision date to suggest a time for \(found.offer)."
                        : "No free time for \(found.offer) on a working day from \(found.from) to \(found.until).")
                    console.print("Propose your own: briefings offer accept \(found.offer) --start YYYY-MM-DDTHH:MM --room ROOM (judged by every rule).")
                    return
                }
                console.print("Free times for \(found.offer) (\(found.group)), searching the working days \(found.from) to \(found.until):")
                for s in found.slots {
                    let end = s.end.prefix(10) == s.start.prefix(10) ? String(s.end.suffix(5)) : s.end
                    console.print("  \(s.start)–\(end), officers \(s.segmentStart.suffix(5))–\(s.segmentEnd.suffix(5)), \(s.roomName)")
                    console.print("    briefings offer accept \(found.offer) --start \(s.start) --duration \(s.duration) --segment-start \(s.segmentStart) --segment \(s.segment) --room \(s.room)")
                }
                console.print("Add --attendee MEMBER for each member expected. Taken up, a time is judged by every rule like any other.")
            }
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept an offer: propose your group's own session, or join a joint session with --join; a written report with neither.",
            discussion: "Your session is checked by the same rules: a block refuses it, a refer sends it to the approver's queue, otherwise it is booked at once. An offered written report (marked in `offer list`) is taken up with no time or venue: `briefings offer accept OF-0002`.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The offer id, e.g. OF-0002.") var offer: String
        @Option(name: .customLong("on-behalf-of"), help: ArgumentHelp("As the group's assistant: the member you act for.", valueName: "member"))
        var onBehalfOf: String?
        @Option(help: ArgumentHelp("Join this joint session instead of proposing your own.", valueName: "session"))
        var join: String?
        @Option(help: ArgumentHelp("When your meeting starts, local time (not with --join).", valueName: "time")) var start: String?
        @Option(help: "How long your meeting lasts.") var duration = "2h"
        @Option(name: .customLong("segment-start"), help: ArgumentHelp("When the officers' part starts.", valueName: "time")) var segmentStart: String?
        @Option(help: "How long the officers' part lasts.") var segment = "45m"
        @OptionGroup var venue: VenueOptions
        @OptionGroup var people: AttendeeOptions

        func run() async throws {
            if join != nil && (start != nil || venue.given) {
                throw CLIError(.invalid, "--join takes the joint session's time and venue; drop --start and the venue")
            }
            if join == nil && start == nil && venue.given {
                throw CLIError(.invalid, "a venue needs --start: when your session starts (a written report is taken up with neither)")
            }
            let form = start.map {
                SessionForm(start: $0, duration: duration, segmentStart: segmentStart, segment: segment, room: venue.room, virtual: venue.virtual,
                            premises: venue.premises, partyPremises: venue.premisesAreParty, attendees: people.attendees, guests: people.guests)
            }
            let (desk, me) = try store.service(acting)
            printReceipt(try await desk.acceptOffer(offer, as: me, onBehalfOf: onBehalfOf, join: join, session: form,
                                              attendees: people.attendees, guests: people.guests), store)
        }
    }

    struct DeclineOffer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "decline", abstract: "Decline an offer for your group, with a reason.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The offer id.") var offer: String
        @Option(name: .customLong("on-behalf-of"), help: ArgumentHelp("As the group's assistant: the member you act for.", valueName: "member"))
        var onBehalfOf: String?
        @Option(help: "Why; recorded for the parity report.") var reason: String

        func run() async throws {
            try await store.client(acting).declineOffer(offer, as: acting.me, onBehalfOf: onBehalfOf, reason: reason)
            Console.current.print("Declined \(offer.uppercased()).")
        }
    }

    struct Lapse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "As the approver, record that an offer lapsed unanswered.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The offer id.") var offer: String
        @Option(help: "Why it lapsed.") var reason: String

        func run() async throws {
            try await store.client(acting).lapseOffer(offer, as: acting.me, reason: reason)
            Console.current.print("Recorded \(offer.uppercased()) as lapsed.")
        }
    }
}

struct BriefingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "briefing", abstract: "Briefings: list, attach material, close.",
        subcommands: [List.self, Show.self, Material.self, Close.self, Release.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a briefing and its material: a written report's text once its officers attach it.",
            discussion: "For the group that asked for it, each group that took up its offer, its officers, the approver and the Monitoring Officer.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The briefing id, e.g. BR-0001.") var briefing: String

        func run() async throws {
            let b = try await store.client(acting).briefing(briefing, as: acting.me)
            store.emit(b) {
                let out = Console.current
                out.print("\(b.ref) — \(b.title) [\(b.area)], \(b.status)")
                out.print("  officers: \(b.officers.joined(separator: ", "))")
                if b.writtenReport == true { out.print("  a written report, wanted by \(b.reportDue ?? "")") }
                if let m = b.material {
                    out.print("  material" + (b.materialBy.map { " (attached by \($0))" } ?? "") + ":")
                    for line in m.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false) { out.print("    " + line) }
                } else {
                    out.print("  no material attached yet" + (b.writtenReport == true ? ": you are told when the officers attach the report" : ""))
                }
                if let f = b.materialFile {
                    out.print("  file: \(f.name) (\(f.kind.label), \(f.size) bytes): download it from the desk's page for \(b.ref)")
                }
                if let held = b.held, !held.isEmpty {
                    out.print("  material waiting for the approver (no group reads it until released): \(held.joined(separator: ", "))")
                }
            }
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "As the leader of the group whose budget briefing it is, release it: other groups then see what it was about (003 §7.13).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The briefing id.") var briefing: String

        func run() async throws {
            try await store.client(acting).releaseBriefing(briefing, as: acting.me)
            Console.current.print("Released \(briefing.uppercased()): it is no longer confidential to your group.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every briefing with each group's offer status (approver, Monitoring Officer).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs

        func run() async throws {
            let list = try await store.client(acting).briefings(as: acting.me)
            store.emit(list) {
                Console.current.print(table(["briefing", "status", "title", "offers", "sessions"], list.map {
                    [$0.ref, $0.status, $0.title, $0.offers.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " "), $0.sessions.joined(separator: ",")]
                }))
            }
        }
    }

    struct Material: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "As one of its officers, attach the briefing's material (shared by every session), checked against advice-limits.",
            discussion: "A budget briefing's discussions are each group's own (003 §7.13), and so is their material: give --group for the group whose discussion it is for; only that group reads it.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The briefing id.") var briefing: String
        @Option(help: "The material: a text (.txt), Markdown (.md), PDF (.pdf) or Word (.docx) file, at most 5 MB (a text file is read as the material's text; a PDF or Word file is kept whole, and the approver reads it before any group does).")
        var file: String
        @Option(help: ArgumentHelp("A budget briefing: the group whose own discussion the material is for.", valueName: "group")) var group: String?

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIError(.notFound, "cannot read \(file); check the path")
            }
            let upload = Desk.Upload(name: URL(fileURLWithPath: file).lastPathComponent, content: data)
            let receipt = try await store.client(acting).attachMaterial(briefing, as: acting.me, text: "", group: group, file: upload)
            let whose = group.map { " for \($0)" } ?? ""
            let lines = receipt.verdicts.map { "\n  " + $0.line }.joined()
            store.emit(receipt) {
                if receipt.status == "held" {
                    Console.current.print("Held for the approver as \(receipt.ref): no group reads it until it is approved (released) or declined with a reason; you are told either way.\(lines)")
                } else {
                    Console.current.print("Attached to \(briefing.uppercased())\(whose).\(lines)")
                }
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "As the approver, close a briefing once every offer is answered.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The briefing id.") var briefing: String

        func run() async throws {
            try await store.client(acting).closeBriefing(briefing, as: acting.me)
            Console.current.print("Closed \(briefing.uppercased()).")
        }
    }
}
