import ArgumentParser
import BriefingsDomain
import BriefingsStore
import Foundation

struct RequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request", abstract: "Request a briefing for your group, or look at one.",
        subcommands: [Create.self, List.self, Show.self, Acknowledge.self, FlagRequest.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask for named senior officers to brief your group at one of its meetings.",
            discussion: """
                Every rule is checked at once and every verdict printed. A block refuses the request and nothing is saved; \
                otherwise it waits in the approver's queue. Example:
                  briefings request create --as m-patel --group LAB --matter "Local Plan review" --area planning \\
                    --meeting "Cabinet 15 December 2026" --officer o-dir-place --start 2026-12-07T18:00 --duration 2h \\
                    --segment 45m --room cr1 --attendee m-patel --attendee m-okafor
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Option(help: "Your political group's id. A councillor without a group leaves it out and asks for themself.") var group: String?
        @Option(name: .customLong("on-behalf-of"), help: ArgumentHelp("As a group's political assistant: the member you ask for.", valueName: "member"))
        var onBehalfOf: String?
        @Option(help: "The matter of council business, in a line.") var matter: String
        @Option(help: "More about the matter and the questions for officers.") var details = ""
        @Option(help: "The service area (matched to officers' remits), e.g. planning, housing, finance.") var area: String
        @Option(help: ArgumentHelp("The forthcoming meeting that will consider it: a committee meeting's id from `briefings meetings list` (CM-0003), whose date then follows the meeting, or its name, e.g. \"Cabinet 15 December 2026\", with --meeting-date.", valueName: "meeting"))
        var meeting: String?
        @Option(name: .customLong("meeting-date"), help: ArgumentHelp("That meeting's date, YYYY-MM-DD: a briefing after it is referred (council-business).", valueName: "date"))
        var meetingDate: String?
        @Option(name: .customLong("decision-date"), help: ArgumentHelp("The date the decision is due, YYYY-MM-DD.", valueName: "date"))
        var decisionDate: String?
        @Option(name: .customLong("embargo-until"), help: ArgumentHelp("A budget briefing: hide even its title from other groups until this date.", valueName: "date"))
        var embargoUntil: String?
        @Option(name: .customLong("officer"), help: ArgumentHelp("A senior officer's id (repeat for each).", valueName: "officer"))
        var officers: [String] = []
        @Option(name: .customLong("nominee"), help: ArgumentHelp("A non-senior officer and the senior officer nominating them: OFFICER=SENIOR.", valueName: "officer=senior"))
        var nominees: [String] = []
        @OptionGroup var time: TimeOptions
        @OptionGroup var venue: VenueOptions
        @OptionGroup var people: AttendeeOptions
        @Flag(help: "You agree the briefing may be delivered jointly with other groups.") var joint = false
        @Flag(name: .customLong("written-report"), help: "Ask for a written report instead of officers attending (001 §4.10): no --start, venue or attendees; give --report-due. Approval commissions it from the officers, and every other group is offered the same report.")
        var writtenReport = false
        @Option(name: .customLong("report-due"), help: ArgumentHelp("With --written-report: the day you want the report by, YYYY-MM-DD.", valueName: "date"))
        var reportDue: String?
        @Flag(help: "A budget briefing (003 §7.13): your group's own; other groups are offered confidential discussions of their own with the same officers, never its title or material, until you release it (`briefing release`) or --embargo-until passes.")
        var budget = false

        func run() async throws {
            // A committee meeting's id (CM-0003) links the request to the committee calendar; anything else is the meeting's name.
            let meetingId = meeting.flatMap { Self.isMeetingID($0) ? $0 : nil }
            let form = RequestForm(group: group, onBehalfOf: onBehalfOf, matter: matter, details: details, area: area, meeting: meetingId == nil ? meeting : nil,
                                   decisionDate: decisionDate, embargoUntil: embargoUntil, officers: officers, nominees: nominees,
                                   joint: joint, budget: budget ? true : nil, meetingDate: meetingDate,
                                   session: time.start == nil && !venue.given && people.attendees.isEmpty && people.guests.isEmpty ? nil : try time.form(venue: venue, people: people),
                                   writtenReport: writtenReport ? true : nil, reportDue: reportDue, meetingId: meetingId)
            let (desk, me) = try store.service(acting)
            printReceipt(try await desk.submitRequest(form, as: me), store)
        }

        /// `CM-3`, `cm-0003`: a committee meeting's id rather than a meeting's name.
        static func isMeetingID(_ text: String) -> Bool {
            let t = text.trimmingCharacters(in: .whitespaces).uppercased()
            return t.hasPrefix("CM-") && t.count > 3 && t.dropFirst(3).allSatisfy(\.isNumber)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Your group's requests, oldest first, with where each stands (every group's for the approver and the Monitoring Officer).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        func run() async throws {
            let list = try await store.client(acting).requests(as: acting.me)
            store.emit(list) {
                if list.isEmpty { Console.current.print("No requests."); return }
                Console.current.print(table(["request", "kind", "status", "group", "submitted", "officers at", "by", "matter"], list.map {
                    [$0.ref, $0.kind, $0.status, $0.group, $0.submitted, $0.segmentStart, $0.requester + ($0.onBehalfOf.map { " for \($0)" } ?? ""), $0.matter]
                }))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a request in full (its own group, the approver and the Monitoring Officer only).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The request id, e.g. RQ-0001.") var request: String

        func run() async throws {
            let r = try await store.client(acting).request(request, as: acting.me)
            store.emit(r) {
                let out = Console.current, p = r.proposal
                out.print("\(r.ref) (\(r.kind)) — \(r.status)")
                out.print("  group \(r.group), requested by \(r.requester)" + (r.onBehalfOf.map { " on behalf of \($0)" } ?? ""))
                out.print("  matter: \(p.matter.title) [\(p.matter.area)]" + (p.matter.linkedMeeting.map { " for \($0)" } ?? "")
                          + (p.matter.meetingDate.map { " on \($0)" } ?? "") + (p.matter.meetingID.map { " (\($0))" } ?? "")
                          + (p.matter.meetingCancelled == true ? ": that meeting was cancelled" : ""))
                out.print("  officers: \(p.officers.map { $0.officer + ($0.nominatedBy.map { " (nominated by \($0))" } ?? "") }.joined(separator: ", "))")
                if p.isWrittenReport { out.print("  a written report, wanted by \(LocalDate(p.segmentStart))") }
                else { out.print("  meeting \(LondonTime.format(p.meetingStart))–\(LondonTime.format(p.meetingEnd).suffix(5)), officers \(LondonTime.format(p.segmentStart))–\(LondonTime.format(p.segmentEnd).suffix(5)), \(p.venue)") }
                if let d = r.decidedBy { out.print("  decided by \(d) as \(r.decidedRole ?? "")" + (r.reason.map { ": \($0)" } ?? "")) }
                if let o = r.overrides, !o.isEmpty { out.print("  overrides: " + o.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")) }
                if let b = r.briefing { out.print("  briefing \(b)") }
                out.print("  verdicts at submission:")
                printVerdicts(r.verdictsAtSubmission, verbose: store.verbose)
            }
        }
    }

    struct Acknowledge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "As the approver, acknowledge a request: what is happening and the date by which the requester will hear.",
            discussion: """
                The message says what is happening, and --reply-by the date by which the requester will hear (000 §17.8.2, \
                004 §6.5.8). That date falls within the council's response time (`request list` shows each request's \
                answer-by date) unless --reason says why not: that is the explanation of delay the requester is sent. A \
                missed reply-by date marks the request overdue and the requester is told. While you are recorded as away the \
                message names your deputy. Acknowledging again sends a further message with a new date. Under 000 an \
                explanatory acknowledgement in time meets the response deadline until its reply-by date.
                """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The request id.") var request: String
        @Option(help: "What is happening; the requester is sent it.") var message: String
        @Option(name: .customLong("reply-by"), help: ArgumentHelp("The date by which the requester will hear.", valueName: "YYYY-MM-DD"))
        var replyBy: String?
        @Option(help: "Why the requester will hear after the council's response date (what is being done is in the message).")
        var reason: String?

        func run() async throws {
            try await store.client(acting).acknowledge(request, as: acting.me, message: message,
                                                      replyBy: try date(replyBy, "--reply-by"), reason: reason)
            Console.current.print("Acknowledged \(request.uppercased()).")
        }
    }
}

extension RequestCommand {
    struct FlagRequest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "flag",
            abstract: "As an officer named in a request, flag it as unreasonable with a reason, for the approver to determine (001 §4.10).",
            discussion: "You see the requests that name you with `briefings request list` (their matter, meeting, times and venue; never the group's attendees).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Argument(help: "The request id.") var request: String
        @Option(help: "Why it is unreasonable; the approver sees it in the queue.") var reason: String

        func run() async throws {
            try await store.client(acting).flagRequest(request, as: acting.me, reason: reason)
            Console.current.print("Flagged \(request.uppercased()); the approver sees your reason in the queue.")
        }
    }
}

func printReceipt(_ r: BriefingDesk.Receipt, _ store: StoreOptions) {
    store.emit(r) {
        Console.current.print(r.message + ".")
        printVerdicts(r.verdicts, verbose: store.verbose)
    }
}

struct Queue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The approver's queue: open requests oldest first, with verdicts and working days waiting.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingAs

    func run() async throws {
        let items = try await store.client(acting).queue(as: acting.me)
        store.emit(items) {
            let out = Console.current
            if items.isEmpty { out.print("The queue is empty."); return }
            for i in items {
                let flag = i.clock.replyByMissed ? "  OVERDUE (reply-by date passed)" : i.clock.responseOverdue ? "  OVERDUE"
                    : i.clock.acknowledgementOverdue ? "  NOT ACKNOWLEDGED" : ""
                let promised = i.clock.replyBy.map { ", requester told they will hear by \($0)" } ?? ""
                out.print("\(i.ref)  \(i.group)  \(i.matter)  — \(i.kind), submitted \(i.submitted), \(i.clock.workingDaysWaiting) working day(s) waiting, answer by \(i.clock.respondBy)\(promised)\(flag)")
                out.print("  officers \(i.officers.joined(separator: ", ")) \(i.segmentStart)–\(i.segmentEnd.suffix(5)); requested by \(i.requester)" + (i.onBehalfOf.map { " for \($0)" } ?? ""))
                printVerdicts(i.verdicts, verbose: store.verbose)
                for f in i.flags { out.print("  FLAGGED by \(f.officer) (\(f.at)): \(f.reason)") }
                if let m = i.material {
                    out.print("  material held from the groups until you approve (release) it, or decline it with a reason:")
                    for line in m.split(separator: "\n", omittingEmptySubsequences: false) { out.print("    " + line) }
                }
                let refer = i.verdicts.referred
                if !refer.isEmpty || !i.toJudge.isEmpty {
                    out.print("  to approve: briefings approve \(i.ref) " + (refer.map { "--override \($0.rule.rawValue)=\"reason\"" }
                                                                           + i.toJudge.map { "--judged \($0.rawValue)" }).joined(separator: " "))
                }
                if !i.toJudge.isEmpty {
                    out.print("  you judge what the rules cannot: " + i.toJudge.map { "\($0.rawValue): \(BriefingsDomain.Approval.judgement($0))" }.joined(separator: "; "))
                }
            }
        }
    }
}

struct Approve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "As the approver (or deputy), agree a request: creates the briefing, its session and an offer to every other group.",
        discussion: """
            Every rule is re-checked now. Each [refer] verdict needs --override RULE="reason", recorded in the audit trail. \
            A new briefing also needs --judged for each rule whose pass only says what the words show (council-business, \
            no-individual-matter; `briefings queue` lists them): that you judged the matter is council business and \
            concerns no individual or confidential matter (000 §17.16.4, 003 §7.4, 004 §10.1). It is recorded in the audit trail.
            """)
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingAs
    @Argument(help: "The request id.") var request: String
    @Option(name: .customLong("override"), help: ArgumentHelp("Agree a referred rule with a reason: RULE=\"reason\" (repeat).", valueName: "rule=reason"))
    var overrideReasons: [String] = []
    @Option(name: .customLong("explain-delay"), help: ArgumentHelp("For a late answer: why it is late, what is being done and when (required under 004 §6.5.8).", valueName: "text"))
    var explainDelay: String?
    @Option(name: .customLong("judged"), help: ArgumentHelp("A rule you judged, which the rules cannot: council-business or no-individual-matter (repeat, or separate with commas).", valueName: "rule"))
    var judged: [String] = []

    func run() async throws {
        let a = try await store.client(acting).approve(request, as: acting.me, overrides: try overrides(overrideReasons), explainDelay: explainDelay,
                                                       judged: try judgedRules(judged))
        store.emit(a) {
            let out = Console.current
            out.print("Approved \(a.request): briefing \(a.briefing), " + (a.session.map { "session \($0)." } ?? "a written report commissioned from its officers."))
            if !a.offers.isEmpty { out.print("Offered to every other group (and every councillor without a group): \(a.offers.joined(separator: ", ")).") }
            for (rule, reason) in a.overrides.sorted(by: { $0.key < $1.key }) { out.print("  override \(rule): \(reason)") }
            if !a.judged.isEmpty { out.print("  you judged: " + a.judged.map(\.rawValue).joined(separator: ", ")) }
        }
    }
}

struct ApproverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approver", abstract: "The approver's absences: while the approver is away, the deputy decides.",
        discussion: "Outside a recorded absence the deputy's decisions are refused, unless the council sets deputyActsAnyTime in its roster's council.overrides.",
        subcommands: [Away.self, Absences.self])

    struct Away: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that the approver is away from one date to another (both included).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        @Option(help: ArgumentHelp("The first day away.", valueName: "YYYY-MM-DD")) var from: String
        @Option(help: ArgumentHelp("The last day away.", valueName: "YYYY-MM-DD")) var until: String
        func run() async throws {
            guard let first = try date(from, "--from"), let last = try date(until, "--until") else { return }
            try await store.client(acting).recordAbsence(from: first, until: last, as: acting.me)
            Console.current.print("The approver is recorded as away \(first) to \(last); the deputy decides on those days.")
        }
    }

    struct Absences: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The approver's recorded absences that have not ended.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingAs
        func run() async throws {
            let list = try await store.client(acting).absences(as: acting.me)
            store.emit(list) {
                if list.isEmpty { Console.current.print("No absence recorded: the approver decides.") }
                for a in list { Console.current.print("\(a.from) to \(a.until) (recorded by \(a.recordedBy))") }
            }
        }
    }
}

struct Decline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "As the approver (or deputy), decline a request with a reason.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingAs
    @Argument(help: "The request id.") var request: String
    @Option(help: "Why; the group sees it and the audit trail keeps it.") var reason: String
    @Option(name: .customLong("explain-delay"), help: ArgumentHelp("For a late answer: why it is late, what is being done and when (required under 004 §6.5.8).", valueName: "text"))
    var explainDelay: String?

    func run() async throws {
        try await store.client(acting).decline(request, as: acting.me, reason: reason, explainDelay: explainDelay)
        Console.current.print("Declined \(request.uppercased()).")
    }
}
