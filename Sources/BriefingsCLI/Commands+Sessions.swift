import ArgumentParser
import BriefingsDomain
import BriefingsStore
import Foundation

struct OfficerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "officer", abstract: "As an officer, answer a session invitation.",
        subcommands: [Confirm.self, DeclineInvitation.self, Nominate.self, Propose.self, Endorse.self, RefuseNominee.self])

    struct Propose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose another time for a session you are invited to; the host group takes it (judged as a reschedule) or refuses it.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The session id.") var session: String
        @OptionGroup var time: TimeOptions
        @Option(help: "Why; the group sees it.") var reason: String
        func run() async throws {
            let p = try await store.client(acting).proposeTime(session, as: acting.me, to: SessionForm(start: try time.requiredStart(), duration: time.duration, segmentStart: time.segmentStart, segment: time.segment), reason: reason)
            store.emit(p) {
                Console.current.print("\(p.ref): you propose \(p.segmentStart)–\(p.segmentEnd.suffix(5)) for \(p.session); its host group answers.")
            }
        }
    }

    struct Endorse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "As the senior officer a group named, confirm an officer as your nominee for a session (senior-officer).",
            discussion: "A group may suggest a non-senior officer as a senior officer's nominee; they attend only once that senior officer confirms. Until then the session is tentative in every feed.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The session id.") var session: String
        @Option(help: "The nominee's officer id.") var nominee: String
        func run() async throws {
            let v = try await store.client(acting).respond(session, as: acting.me, .endorse(nominee: nominee))
            Console.current.print("\(nominee) is confirmed as your nominee for \(session.uppercased()).")
            printVerdicts(v, verbose: store.verbose)
        }
    }

    struct RefuseNominee: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refuse-nominee", abstract: "As the senior officer a group named, refuse to nominate that officer, with a reason.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The session id.") var session: String
        @Option(help: "The nominee's officer id.") var nominee: String
        @Option(help: "Why; the group and the approver see it.") var reason: String
        func run() async throws {
            let v = try await store.client(acting).respond(session, as: acting.me, .refuseNominee(nominee: nominee, reason: reason))
            Console.current.print("\(nominee) will not attend \(session.uppercased()) as your nominee.")
            printVerdicts(v, verbose: store.verbose)
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Confirm you will attend.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The session id.") var session: String
        func run() async throws {
            _ = try await store.client(acting).respond(session, as: acting.me, .confirm)
            Console.current.print("Confirmed \(session.uppercased()).")
        }
    }

    struct DeclineInvitation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decline", abstract: "Decline a first invitation on a matter, with a reason (officer-may-decline).",
            discussion: "Once you have been invited to brief one group on a matter you may not decline another group's session on it (officer-consistency); nominate a representative instead.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The session id.") var session: String
        @Option(help: "Why; the approver sees it.") var reason: String
        func run() async throws {
            _ = try await store.client(acting).respond(session, as: acting.me, .decline(reason: reason))
            Console.current.print("Declined \(session.uppercased()); the approver and the group are told why.")
        }
    }

    struct Nominate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send a representative in your place; a non-senior one is recorded as your nominee.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The session id.") var session: String
        @Option(help: "The representative's officer id.") var representative: String
        @Option(help: "Why.") var reason: String
        func run() async throws {
            let client = try store.client(acting)
            let v = try await client.respond(session, as: acting.me, .nominate(representative: representative, reason: reason))
            // A rule referred them (their hours): their attendance waits in the approver's queue.
            let shown = try await client.session(session, as: acting.me)
            if let line = shown.officers.first(where: { $0.officer == representative }), let change = line.waitingFor {
                let approver = try await client.rules().approver
                Console.current.print("\(representative) is to attend \(shown.ref) in your place; that waits for the \(approver)'s agreement (\(change)): they are invited once it is agreed.")
            } else {
                Console.current.print("\(representative) will attend \(session.uppercased()) in your place.")
            }
            printVerdicts(v, verbose: store.verbose)
        }
    }
}

struct SessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session", abstract: "Sessions you may see; reschedule or cancel one.",
        subcommands: [List.self, Show.self, Reschedule.self, Cancel.self, Withdraw.self, TakeProposal.self, RefuseProposal.self])

    struct TakeProposal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "take-proposal",
            abstract: "As the host group's leader, take an officer's proposed time: judged as your reschedule (a rule that refers sends it to the approver).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The proposed time's id (TP-…).") var proposal: String
        func run() async throws {
            let a = try await store.client(acting).answerProposal(proposal, as: acting.me, take: true, reason: nil)
            if let r = a.receipt { printReceipt(r, store) }
        }
    }

    struct RefuseProposal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "refuse-proposal", abstract: "As the host group's leader, refuse an officer's proposed time, with a reason.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The proposed time's id (TP-…).") var proposal: String
        @Option(help: "Why; the officer sees it.") var reason: String
        func run() async throws {
            let a = try await store.client(acting).answerProposal(proposal, as: acting.me, take: false, reason: reason)
            store.emit(a) { Console.current.print("Refused \(a.proposal.ref); the session stays at its time.") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sessions you may see: your group's, your own as an officer (the officers' part only), or all as the approver.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        func run() async throws {
            let list = try await store.client(acting).sessions(as: acting.me)
            store.emit(list) {
                Console.current.print(table(["session", "briefing", "status", "groups", "from", "to", "venue", "title"], list.map {
                    [$0.ref, $0.briefing, $0.status, $0.groups.joined(separator: "+"), $0.meetingStart, String($0.meetingEnd.suffix(5)), $0.venue, $0.title]
                }))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One session in full, if it is yours to see.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The session id.") var session: String
        func run() async throws {
            let s = try await store.client(acting).session(session, as: acting.me)
            store.emit(s) {
                let out = Console.current
                out.print("\(s.ref) of \(s.briefing): \(s.title) — \(s.status)" + (s.reason.map { " (\($0))" } ?? ""))
                out.print("  " + s.groups.map { "\($0): " + (s.agreements[$0].map { "agreed (\($0))" } ?? "waiting for the approver") }.joined(separator: "; ")
                          + (s.status == "cancelled" ? "" : s.confirmed ? " — confirmed" : " — tentative until agreed and every officer confirms"))
                out.print("  groups \(s.groups.joined(separator: ", ")); meeting \(s.meetingStart)–\(s.meetingEnd.suffix(5)); officers \(s.segmentStart)–\(s.segmentEnd.suffix(5)); \(s.venue)")
                for o in s.officers {
                    out.print("  officer \(o.officer): \(o.response)" + (o.nominatedBy.map { ", nominated by \($0)" + (o.nominationConfirmed ? "" : " (awaiting their confirmation)") } ?? "")
                              + (o.waitingFor.map { ", waiting for the approver's agreement (\($0))" } ?? "")
                              + (o.representedBy.map { ", represented by \($0)" } ?? "") + (o.reason.map { " — \($0)" } ?? ""))
                }
                if !s.attendees.isEmpty { out.print("  attendees: \(s.attendees.joined(separator: ", "))") }
                if let m = s.material { out.print("  material: \(m.prefix(200))") }
                for p in s.proposals {
                    out.print("  \(p.ref): \(p.officer) proposes \(p.segmentStart)–\(p.segmentEnd.suffix(5)) (\(p.reason)) — \(p.status)" + (p.answer.map { ": \($0)" } ?? ""))
                }
            }
        }
    }

    struct Reschedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a session (its group's leader, or the approver with --override for referred rules).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The session id.") var session: String
        @OptionGroup var time: TimeOptions
        @OptionGroup var venue: VenueOptions
        @Option(help: "Why it moves.") var reason: String
        @Option(name: .customLong("override"), help: ArgumentHelp("As the approver: agree a referred rule, RULE=\"reason\".", valueName: "rule=reason"))
        var overrideReasons: [String] = []
        func run() async throws {
            let (desk, me) = try store.service(acting)
            let r = try await desk.reschedule(session, as: me, to: try time.form(venue: venue), reason: reason,
                                        overrides: try overrides(overrideReasons))
            printReceipt(r, store)
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take your group out of a joint session it joined; the host group's session stands.",
            discussion: "Your group's attendees leave the session and your offer is open to answer again (a session of your own, or a decline). Only the host group or the approver cancels the whole session.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The session id.") var session: String
        @Option(name: .customLong("on-behalf-of"), help: ArgumentHelp("As the group's assistant: the member you act for.", valueName: "member"))
        var onBehalfOf: String?
        @Option(help: "Why.") var reason: String
        func run() async throws {
            try await store.client(acting).withdraw(session, as: acting.me, onBehalfOf: onBehalfOf, reason: reason)
            Console.current.print("Your group has withdrawn from \(session.uppercased()); your offer is open to answer again.")
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a session with a reason (its host group or the approver); it keeps its history.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The session id.") var session: String
        @Option(help: "Why.") var reason: String
        func run() async throws {
            try await store.client(acting).cancel(session, as: acting.me, reason: reason)
            Console.current.print("Cancelled \(session.uppercased()).")
        }
    }
}

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the audit trail, or check it with --verify (exit 8 if any entry was edited or deleted).")
    @OptionGroup var store: StoreOptions
    @Option(name: .customLong("as"), help: ArgumentHelp("Read as this roster person (Monitoring Officer, approver or administrator); omit on the server.", valueName: "person"))
    var person: String?
    @Flag(help: "Recompute the hash chain and report any tampering.") var verify = false

    func run() async throws {
        let desk = try store.oversightService()
        if verify {
            let report = try await desk.verifyAudit(as: person)
            store.emit(report) {
                if report.intact { Console.current.print("The audit trail is intact: \(report.entries) entries, every hash checks.") }
            }
            if !report.intact {
                throw CLIError(.auditBroken, "the audit trail has been tampered with:\n" + report.problems.map { "  - \($0)" }.joined(separator: "\n")
                               + "\nRestore the database from a backup and tell the Monitoring Officer.")
            }
            return
        }
        let entries = try await desk.audit(as: person)
        store.emit(entries) {
            for e in entries {
                let details = e.details.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                Console.current.print("#\(e.seq) \(LondonTime.format(e.at)) \(e.actor) (\(e.role)) \(e.action) \(e.subject) \(details)")
                for v in e.verdicts where !v.passed { Console.current.print("    " + v.line) }
            }
        }
    }
}

struct Parity: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Per group: offers received and answered, sessions held, officer hours — was every group treated alike?")
    @OptionGroup var store: StoreOptions
    @Option(name: .customLong("as"), help: ArgumentHelp("Read as this roster person; omit on the server.", valueName: "person"))
    var person: String?

    func run() async throws {
        let rows = try await store.oversightService().parity(as: person)
        store.emit(rows) {
            Console.current.print(table(["group", "requests", "offers", "accepted", "declined", "lapsed", "open", "held", "upcoming", "officer hours"], rows.map {
                [$0.group, "\($0.requestsMade)", "\($0.offersReceived)", "\($0.accepted)", "\($0.declined)", "\($0.lapsed)", "\($0.open)",
                 "\($0.sessionsHeld)", "\($0.sessionsScheduled)", String(format: "%.2f", $0.officerHours)]
            }))
        }
    }
}

struct Notifications: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Messages sent to you; each names every recipient (no-silent-copies).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingAs

    func run() async throws {
        let list = try await store.client(acting).notifications(for: acting.me)
        store.emit(list) {
            for n in list { Console.current.print("\(n.at)  \(n.subject)\n  to: \(n.to.joined(separator: ", "))\n  \(n.body)") }
        }
    }
}
