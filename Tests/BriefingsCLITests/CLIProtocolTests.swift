import BriefingsCLI
import BriefingsDomain
import Foundation
import Testing

/// Issue 25: each council's protocol exactly, tried at the command line as a new user would: a fresh database with
/// `init --profile P`, the demo's roster (or the town council's), and the clock at Monday 2 November 2026 09:00.
@Suite("Issue 25: each council's protocol exactly")
struct CLIProtocolTests {
    @Test("item 3: a move to a new time puts each officer back to awaiting confirmation: tentative until they confirm again, and they are told")
    func moveNeedsConfirmationAgain() async throws {
        let c = try await Council()
        #expect(await c.request().code == 0)
        #expect(await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo").code == 0)
        #expect(await c.run("officer", "confirm", "SE-0001", "--as", "o-dir-place").code == 0)
        var r = await c.run("session", "show", "SE-0001", "--as", "m-patel")
        #expect(r.out.contains("— confirmed") && r.out.contains("officer o-dir-place: confirmed"), "\(r)")
        #expect(await c.run("feed", "write", "--group", "LAB").out.contains("STATUS:CONFIRMED"))

        r = await c.run("session", "reschedule", "SE-0001", "--as", "m-patel", "--start", "2027-01-12T14:00", "--duration", "2h",
                        "--segment", "45m", "--reason", "Group meeting moved")
        #expect(r.code == 0, "\(r)")
        r = await c.run("session", "show", "SE-0001", "--as", "m-patel")
        #expect(r.out.contains("tentative until agreed and every officer confirms") && r.out.contains("officer o-dir-place: invited"), "\(r)")
        for feed in [["--group", "LAB"], ["--officer", "o-dir-place"], ["--overview"]] {
            let ics = await c.run(["feed", "write"] + feed).out
            #expect(ics.contains("STATUS:TENTATIVE") && !ics.contains("STATUS:CONFIRMED"), "\(feed): \(ics)")
        }
        r = await c.run("notifications", "--as", "o-dir-place")
        let moved = try #require(r.out.components(separatedBy: "\n2026-").last { $0.contains("Briefing moved") }, "\(r)")
        #expect(moved.contains("What is asked of you: confirm the new time on the desk") && !moved.contains("`"), "\(moved)")
        r = await c.run("audit", "--as", "o-mo")
        #expect(r.out.contains("session.reschedule SE-0001") && r.out.contains("reconfirm=o-dir-place"), "\(r)")

        // Confirmed again at the new time: CONFIRMED in every feed.
        #expect(await c.run("officer", "confirm", "SE-0001", "--as", "o-dir-place").code == 0)
        #expect(await c.run("session", "show", "SE-0001", "--as", "m-patel").out.contains("— confirmed"))
        #expect(await c.run("feed", "write", "--group", "LAB").out.contains("STATUS:CONFIRMED"))

        // A new room at the same time is no new time: the confirmation stands.
        r = await c.run("session", "reschedule", "SE-0001", "--as", "m-patel", "--start", "2027-01-12T14:00", "--duration", "2h",
                        "--segment", "45m", "--room", "cr2", "--reason", "Bigger room not needed")
        #expect(r.code == 0, "\(r)")
        #expect(await c.run("session", "show", "SE-0001", "--as", "m-patel").out.contains("officer o-dir-place: confirmed"))

        // A move the approver must agree: confirmed at the old time while it waits, awaiting confirmation once agreed.
        r = await c.run("session", "reschedule", "SE-0001", "--as", "m-patel", "--start", "2027-01-12T18:00", "--duration", "2h",
                        "--segment", "45m", "--reason", "Evening meeting")
        #expect(r.code == 0 && r.out.contains("RQ-0002"), "\(r)")
        #expect(await c.run("session", "show", "SE-0001", "--as", "m-patel").out.contains("— confirmed"))
        #expect(await c.run("approve", "RQ-0002", judgedAll, "--as", "o-ceo", "--override", "working-hours=Director agreed one evening").code == 0)
        r = await c.run("session", "show", "SE-0001", "--as", "m-patel")
        #expect(r.out.contains("officers 2027-01-12T18:00") && r.out.contains("officer o-dir-place: invited") && r.out.contains("tentative"), "\(r)")
    }

    @Test("item 7 (000 §17.16.3; 002): the deputy never records the approver's absence, so never authorises themself; the approver or an administrator does, and the audit says who")
    func deputyCannotAuthoriseThemself() async throws {
        let c = try await Council(roster: "examples/town-roster.json", profile: "002")
        #expect(await c.run("request", "create", "--as", "c-dunn", "--matter", "Allotment rents", "--area", "allotments", "--meeting", "Full Council",
                            "--officer", "o-deputy-clerk", "--start", "2026-12-08T10:00", "--duration", "1h", "--segment", "30m",
                            "--room", "chamber", "--attendee", "c-dunn").code == 0)
        let before = try c.snapshot()
        var r = await c.run("approver", "away", "--as", "o-deputy-clerk", "--from", "2026-11-02", "--until", "2026-11-02")
        #expect(r.code == CLI.ExitCode.forbidden.rawValue, "\(r)")
        #expect(r.err.contains("approval") && r.err.contains("002 (\"Some general principles\")") && r.err.contains("authorise themself"), "\(r)")
        #expect(r.err.contains("Proper Officer (Clerk) or an administrator") && r.err.contains("briefings approver away"), "\(r)")
        #expect(try c.snapshot() == before, "a refusal leaves the database as it was")
        r = await c.run("approve", "RQ-0001", judgedAll, "--as", "o-deputy-clerk")
        #expect(r.code == CLI.ExitCode.forbidden.rawValue && r.err.contains("not recorded as away"), "\(r)")

        #expect(await c.run("approver", "away", "--as", "o-clerk", "--from", "2026-11-02", "--until", "2026-11-02").code == 0)
        #expect(await c.run("approver", "away", "--as", "ds-admin", "--from", "2026-11-09", "--until", "2026-11-10").code == 0)
        r = await c.run("audit", "--as", "ds-admin")
        #expect(r.out.contains("o-clerk (approver) approver.away o-clerk from=2026-11-02 until=2026-11-02"), "\(r)")
        #expect(r.out.contains("ds-admin (administrator) approver.away o-clerk from=2026-11-09 until=2026-11-10"), "\(r)")
        r = await c.run("approve", "RQ-0001", judgedAll, "--as", "o-deputy-clerk")
        #expect(r.code == 0, "the deputy decides while the Clerk is recorded away: \(r)")
    }

    /// A Labour request for the Director of Place by `who`, with extra arguments.
    static func ask(_ c: Council, as who: String, _ extra: [String] = [], start: String = "2027-01-11T14:00") async -> (code: Int32, out: String, err: String) {
        await c.run(["request", "create", "--as", who, "--matter", "Local Plan review", "--area", "planning", "--meeting", "Cabinet 19 January 2027",
                     "--officer", "o-dir-place", "--start", start, "--duration", "2h", "--segment", "45m", "--room", "cr1"] + extra)
    }

    @Test("item 8 (001 §4.9, §4.10): an assistant asks on behalf of a member only where that member could ask themself")
    func assistantOnlyForWhoCouldAsk() async throws {
        let c = try await Council(profile: "001")
        let before = try c.snapshot()
        var r = await Self.ask(c, as: "pa-lab", ["--on-behalf-of", "m-okafor", "--attendee", "m-okafor"])
        #expect(r.code == CLI.ExitCode.refused.rawValue, "\(r)")
        #expect(r.err.contains("requester") && r.err.contains("001 §4.9") && r.err.contains("Cllr Tunde Okafor") && r.err.contains("may not ask"), "\(r)")
        #expect(r.err.contains("on behalf of Cllr Asha Patel"), "what to change: \(r)")
        #expect(try c.snapshot() == before, "a refusal leaves the database as it was")
        #expect(await Self.ask(c, as: "m-okafor", ["--attendee", "m-okafor"]).code == CLI.ExitCode.refused.rawValue, "who may not ask himself")
        r = await Self.ask(c, as: "pa-lab", ["--on-behalf-of", "m-patel", "--attendee", "m-okafor"])
        #expect(r.code == 0 && r.out.contains("RQ-0001"), "\(r)")
        r = await c.run("request", "show", "RQ-0001", "--as", "o-ceo", "--verbose")
        #expect(r.out.contains("requested by pa-lab on behalf of m-patel") && r.out.contains("requested by Sam Reid on behalf of Cllr Asha Patel"), "\(r)")
        #expect(await c.run("rules", "--json").out.contains("001 §4.9"))
    }

    @Test("item 8 (002 \"same rights\"): every councillor may ask, grouped or not; an assistant may ask for any member of the group; under the model profile a plain member may not")
    func everyCouncillorAsksUnder002() async throws {
        let c = try await Council(profile: "002")
        var r = await Self.ask(c, as: "m-okafor", ["--attendee", "m-okafor"])
        #expect(r.code == 0 && r.out.contains("RQ-0001"), "\(r)")
        r = await c.run("request", "show", "RQ-0001", "--as", "o-ceo", "--verbose")
        #expect(r.out.contains("group LAB, requested by m-okafor") && r.out.contains("every councillor may ask"), "\(r)")
        r = await c.run("audit", "--as", "o-mo")
        #expect(r.out.contains("m-okafor (member) request.submit RQ-0001"), "the audit records a member asking, not a leader: \(r)")
        r = await Self.ask(c, as: "m-clarke", ["--attendee", "m-clarke"], start: "2027-01-12T14:00")
        #expect(r.code == 0 && r.out.contains("RQ-0002"), "the ungrouped co-opted member asks too: \(r)")
        r = await Self.ask(c, as: "pa-lab", ["--on-behalf-of", "m-brown", "--attendee", "m-brown"], start: "2027-01-13T14:00")
        #expect(r.code == 0 && r.out.contains("RQ-0003"), "\(r)")
        #expect(await Self.ask(c, as: "o-mo", ["--group", "LAB", "--attendee", "m-brown"], start: "2027-01-14T14:00").code != 0, "an officer never asks")

        let model = try await Council()
        r = await Self.ask(model, as: "m-okafor", ["--attendee", "m-okafor"])
        #expect(r.code == CLI.ExitCode.refused.rawValue && r.err.contains("requester"), "\(r)")
    }

    @Test("item 9 (001 §4.28): in a joint session each group sees only its own attendees and notes, in session show, session list and the feeds")
    func jointSessionOwnBusiness() async throws {
        let c = try await Council(profile: "001")
        #expect(await c.request(["--joint"]).code == 0)
        #expect(await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo").code == 0)
        var r = await c.run("offer", "accept", "OF-0003", "--as", "m-evans", "--join", "SE-0001", "--attendee", "m-evans", "--attendee", "m-singh")
        #expect(r.code == 0 && r.out.contains("joins SE-0001"), "\(r)")

        r = await c.run("session", "show", "SE-0001", "--as", "m-evans")
        #expect(r.out.contains("attendees: Cllr Rhian Evans, Cllr Harpreet Singh"), "\(r)")
        #expect(!r.out.contains("Patel") && !r.out.contains("Okafor"), "the joined group sees the host's attendees: \(r)")
        r = await c.run("session", "show", "SE-0001", "--as", "m-patel", "--json")
        #expect(r.out.contains("Cllr Tunde Okafor") && !r.out.contains("Harpreet Singh"), "the host sees the joined group's attendees: \(r)")
        r = await c.run("session", "list", "--as", "m-singh", "--json")
        #expect(r.out.contains("SE-0001") && r.out.contains("Cllr Harpreet Singh") && !r.out.contains("Okafor"), "\(r)")
        r = await c.run("session", "show", "SE-0001", "--as", "o-mo")
        #expect(r.out.contains("Okafor") && r.out.contains("Harpreet Singh"), "the Monitoring Officer sees every group's: \(r)")
        r = await c.run("session", "show", "SE-0001", "--as", "o-dir-place")
        #expect(!r.out.contains("attendees:"), "an officer sees no group's attendees: \(r)")

        #expect(await c.run("note", "add", "SE-0001", "--as", "m-patel", "--text", "Labour's own record of the Director's answers").code == 0)
        #expect(await c.run("note", "add", "SE-0001", "--as", "m-evans", "--text", "Lib Dem record").code == 0)
        r = await c.run("note", "list", "--as", "m-singh")
        #expect(r.out.contains("NT-0002") && !r.out.contains("NT-0001"), "\(r)")
        r = await c.run("note", "list", "--as", "m-okafor", "--json")
        #expect(r.out.contains("Labour's own record") && !r.out.contains("Lib Dem record"), "\(r)")
        r = await c.run("note", "finalise", "NT-0001", "--as", "m-evans", "--unverified-reason", "x")
        #expect(r.code != 0, "another group's record is not its to finalise: \(r)")

        for feed in [["--group", "LD"], ["--member", "m-singh"]] {
            let ics = await c.run(["feed", "write"] + feed).out
            #expect(ics.contains("SE-0001") && !ics.contains("Okafor") && !ics.contains("Patel"), "\(feed): \(ics)")
        }
    }

    @Test("item 13 (002): the Clerk chooses which officer attends, so senior-officer does not block the Facilities Officer; where no political group meets the officers' part may be the whole meeting")
    func townCouncilRules() async throws {
        let c = try await Council(roster: "examples/town-roster.json", profile: "002")
        var r = await c.run("request", "create", "--as", "c-dunn", "--matter", "Allotment rents", "--area", "allotments", "--meeting", "Full Council",
                            "--officer", "o-facilities", "--start", "2026-12-08T10:00", "--duration", "1h", "--segment", "1h",
                            "--room", "chamber", "--attendee", "c-dunn", "--verbose")
        #expect(r.code == 0 && r.out.contains("RQ-0001"), "\(r)")
        #expect(r.out.contains("[pass] senior-officer") && r.out.contains("Proper Officer (Clerk) chooses"), "\(r)")
        #expect(r.out.contains("[pass] briefing-before-politics") && r.out.contains("no political group meets"), "\(r)")
        r = await c.run("approve", "RQ-0001", judgedAll, "--as", "o-clerk")
        #expect(r.code == 0 && r.out.contains("SE-0001"), "the Clerk approves the Facilities Officer: \(r)")
        r = await c.run("session", "show", "SE-0001", "--as", "c-dunn")
        #expect(r.out.contains("meeting 2026-12-08T10:00–11:00; officers 2026-12-08T10:00–11:00"), "\(r)")

        // Where a political group meets, its political discussion still follows the officers' part, under 002 too;
        // and under another protocol a non-senior officer still needs a senior officer's nomination.
        let grouped = try await Council(profile: "002")
        r = await grouped.request(["--segment", "2h"])
        #expect(r.code == CLI.ExitCode.refused.rawValue && r.err.contains("briefing-before-politics"), "\(r)")
        let model = try await Council(roster: "examples/town-roster.json", profile: "model")
        r = await model.run("request", "create", "--as", "c-dunn", "--matter", "Allotment rents", "--area", "allotments", "--meeting", "Full Council",
                            "--officer", "o-facilities", "--start", "2026-12-08T10:00", "--duration", "1h", "--segment", "30m",
                            "--room", "chamber", "--attendee", "c-dunn")
        #expect(r.code == CLI.ExitCode.refused.rawValue && r.err.contains("senior-officer"), "\(r)")
    }

    @Test("item 11 (003 §7.6): after confirming one group's session, an officer may still decline another group's session at which a non-member will be present")
    func consistencyYieldsToNonMember() async throws {
        let c = try await Council(profile: "003")
        #expect(await c.request().code == 0)
        #expect(await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo").code == 0)
        #expect(await c.run("officer", "confirm", "SE-0001", "--as", "o-dir-place").code == 0)
        var r = await c.run("offer", "accept", "OF-0003", "--as", "m-evans", "--start", "2027-01-12T10:00", "--duration", "90m", "--segment", "30m",
                            "--room", "cr2", "--attendee", "m-evans", "--guest", "Mr Smith (party agent)")
        #expect(r.code == 0 && r.out.contains("RQ-0002"), "members-only refers under 003: the take-up waits for the approver: \(r)")
        #expect(await c.run("approve", "RQ-0002", judgedAll, "--as", "o-ceo", "--override", "members-only=The agent leaves before the officers arrive").code == 0)
        r = await c.run("officer", "decline", "SE-0002", "--as", "o-dir-place", "--reason", "A non-member will be present")
        #expect(r.code == 0, "003 §7.6 lets the officer refuse a meeting with a non-member present: \(r)")
        r = await c.run("audit", "--as", "o-mo")
        #expect(r.out.contains("officer.decline SE-0002"), "\(r)")

        // The same decline of a members-only session stays refused (officer-consistency, 003 §7.8).
        let plain = try await Council(profile: "003")
        #expect(await plain.request().code == 0)
        #expect(await plain.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo").code == 0)
        #expect(await plain.run("officer", "confirm", "SE-0001", "--as", "o-dir-place").code == 0)
        #expect(await plain.run("offer", "accept", "OF-0003", "--as", "m-evans", "--start", "2027-01-12T10:00", "--duration", "90m",
                                "--segment", "30m", "--room", "cr2", "--attendee", "m-evans").code == 0)
        let before = try plain.snapshot()
        r = await plain.run("officer", "decline", "SE-0002", "--as", "o-dir-place", "--reason", "Busy")
        #expect(r.code == CLI.ExitCode.refused.rawValue && r.err.contains("officer-consistency") && r.err.contains("003 §7.8"), "\(r)")
        #expect(try plain.snapshot() == before, "a refusal leaves the database as it was")
    }

    @Test("item 14 (004 §10.1): private and confidential briefings: no offer to any other group unless the council turns offers on; parity still counts each group's briefings")
    func noOffersUnder004() async throws {
        let c = try await Council(profile: "004")
        #expect(await c.request().code == 0)
        var r = await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo")
        #expect(r.code == 0, "\(r)")
        for leader in ["m-hughes", "m-evans", "m-nowak", "m-clarke"] {
            r = await c.run("offer", "list", "--as", leader)
            #expect(r.code == 0 && !r.out.contains("OF-"), "\(leader) was offered a private briefing: \(r)")
        }
        r = await c.run("notifications", "--as", "m-hughes")
        #expect(!r.out.contains("Local Plan review"), "another group heard of it: \(r)")
        r = await c.run("parity", "--as", "o-mo", "--json")
        let parity = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]], "\(r)")
        #expect(parity.first { $0["group"] as? String == "LAB" } != nil, "the Monitoring Officer still sees Labour's briefing counted: \(parity)")
        #expect(await c.run("briefing", "close", "BR-0001", "--as", "o-ceo").code == 0, "no open offer keeps it open")
    }

    @Test("item 15: a move by a day keeps the approver's reasons for what it does not change (the venue, a non-member); a new venue or an evening is asked again, and only about that")
    func moveKeepsWhatItDoesNotChange() async throws {
        let c = try await Council(profile: "004")
        var r = await c.run("request", "create", "--as", "m-patel", "--group", "LAB", "--matter", "Local Plan review", "--area", "planning",
                            "--meeting", "Cabinet 19 January 2027", "--officer", "o-dir-place", "--start", "2027-01-11T14:00", "--duration", "2h",
                            "--segment", "45m", "--premises", "Trinity Community Hall", "--other-premises", "--attendee", "m-patel",
                            "--guest", "Mr Smith (planning agent)")
        #expect(r.code == 0, "\(r)")
        r = await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo", "--override", "venue=The hall is the only step-free room that evening",
                        "--override", "members-only=The agent leaves before the officers arrive")
        #expect(r.code == 0, "\(r)")

        // The same hall and people, a day later, in working hours: moved at once, nothing back in the queue.
        r = await c.run("session", "reschedule", "SE-0001", "--as", "m-patel", "--start", "2027-01-12T14:00", "--duration", "2h",
                        "--segment", "45m", "--reason", "Group meeting moved a day")
        #expect(r.code == 0 && r.out.contains("now runs 2027-01-12T14:00") && !r.out.contains("RQ-0002"), "\(r)")
        r = await c.run("queue", "--as", "o-ceo")
        #expect(!r.out.contains("RQ-0002"), "\(r)")

        // Again a day later: the reasons were kept with the session, so a second move is not asked again either.
        r = await c.run("session", "reschedule", "SE-0001", "--as", "m-patel", "--start", "2027-01-13T14:00", "--duration", "2h",
                        "--segment", "45m", "--reason", "Moved again")
        #expect(r.code == 0 && !r.out.contains("RQ-0002"), "\(r)")

        // An evening: asked again about the hours only.
        r = await c.run("session", "reschedule", "SE-0001", "--as", "m-patel", "--start", "2027-01-13T18:00", "--duration", "2h",
                        "--segment", "45m", "--reason", "Evening meeting")
        #expect(r.code == 0 && r.out.contains("RQ-0002") && r.out.contains("queue: working-hours needs their agreement;"), "\(r)")
        r = await c.run("approve", "RQ-0002", judgedAll, "--as", "o-ceo", "--override", "working-hours=Director agreed one evening")
        #expect(r.code == 0, "the approver agrees the hours alone; the venue and the agent stand: \(r)")

        // A new hall: the venue is asked again.
        r = await c.run("session", "reschedule", "SE-0001", "--as", "m-patel", "--start", "2027-01-13T18:00", "--duration", "2h",
                        "--segment", "45m", "--premises", "Station Road Scout Hut", "--other-premises", "--reason", "Hall flooded")
        #expect(r.code == 0 && r.out.contains("RQ-0003") && r.out.contains("queue: venue needs their agreement;"), "\(r)")
    }

    @Test("item 10 (003 §7.10): an officer who declined verifies nothing; a record is not final seconds after drafting, only once an attending officer verified it or the officers had five working days")
    func recordsVerifiedByWhoAttended() async throws {
        let c = try await Council(profile: "003")
        #expect(await c.request(["--officer", "o-hos-housing"]).code == 0)
        #expect(await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo").code == 0)
        #expect(await c.run("officer", "decline", "SE-0001", "--as", "o-hos-housing", "--reason", "Not my area after all").code == 0)
        #expect(await c.run("officer", "confirm", "SE-0001", "--as", "o-dir-place").code == 0)
        #expect(await c.run("note", "add", "SE-0001", "--as", "m-okafor", "--text", "The Director said the site list is provisional.").code == 0)

        let before = try c.snapshot()
        var r = await c.run("note", "verify", "NT-0001", "--as", "o-hos-housing")
        #expect(r.code != 0 && r.err.contains("record-verification") && r.err.contains("declined SE-0001"), "\(r)")
        r = await c.run("note", "finalise", "NT-0001", "--as", "m-patel", "--unverified-reason", "Nobody replied")
        #expect(r.code != 0 && r.err.contains("003 §7.10") && r.err.contains("have until 2026-11-09"), "\(r)")
        #expect(try c.snapshot() == before, "refusals leave the database as it was")

        // Five working days on, the group may finalise it without them.
        let later = try LondonTime.parse("2026-11-10T09:00")
        r = await CLI.capture(["note", "finalise", "NT-0001", "--as", "m-patel", "--database", c.path], now: later)
        #expect(r.code == 0 && r.out.contains("final"), "\(r)")
        // The Director, who attended, verifies a second record at once, and the group finalises it the same day.
        #expect(await c.run("note", "add", "SE-0001", "--as", "m-okafor", "--text", "Second record").code == 0)
        #expect(await c.run("note", "verify", "NT-0002", "--as", "o-dir-place").code == 0)
        #expect(await c.run("note", "finalise", "NT-0002", "--as", "m-patel").code == 0)
    }

    @Test("item 4 (003 §7.3; 001 §4.12): the answer-by clock stops while a take-up waits for the approver; a decline or a withdrawal opens the offer again with a fresh period")
    func offerClockStopsWhileWaiting() async throws {
        let c = try await Council(profile: "003")
        #expect(await c.request(["--joint"]).code == 0)
        #expect(await c.run("approve", "RQ-0001", judgedAll, "--as", "o-ceo").code == 0)
        func at(_ day: String, _ args: String...) async -> (code: Int32, out: String, err: String) {
            await CLI.capture(args + ["--database", c.path], now: try! LondonTime.parse(day))
        }
        // OF-0002 (Conservatives) is to be answered by Mon 16 Nov. An evening take-up on 13 Nov waits for the approver.
        var r = await at("2026-11-13T09:00", "offer", "accept", "OF-0002", "--as", "m-hughes", "--start", "2027-01-12T18:00", "--duration", "2h",
                         "--segment", "45m", "--room", "cr2", "--attendee", "m-hughes")
        #expect(r.code == 0 && r.out.contains("RQ-0002"), "\(r)")
        r = await at("2026-11-17T09:00", "decline", "RQ-0002", "--as", "o-ceo", "--reason", "Pick a daytime slot")
        #expect(r.code == 0, "\(r)")
        r = await at("2026-11-17T09:05", "offer", "list", "--as", "m-hughes")
        #expect(r.out.contains("OF-0002") && r.out.contains("open") && r.out.contains("2026-12-01"), "a fresh ten working days from 17 Nov: \(r)")
        r = await at("2026-11-17T10:00", "offer", "accept", "OF-0002", "--as", "m-hughes", "--start", "2027-01-12T14:00", "--duration", "2h",
                     "--segment", "45m", "--room", "cr2", "--attendee", "m-hughes")
        #expect(r.code == 0 && r.out.contains("booked for Conservative Group"), "the daytime take-up the same day is taken: \(r)")

        // The Liberal Democrats join the joint session in time, then withdraw after their answer-by date: open again, and answerable.
        r = await at("2026-11-10T09:00", "offer", "accept", "OF-0003", "--as", "m-evans", "--join", "SE-0001", "--attendee", "m-evans")
        #expect(r.code == 0, "\(r)")
        r = await at("2026-11-20T09:00", "session", "withdraw", "SE-0001", "--as", "m-evans", "--reason", "Our meeting moved")
        #expect(r.code == 0, "\(r)")
        r = await at("2026-11-20T09:05", "offer", "decline", "OF-0003", "--as", "m-evans", "--reason", "Briefed another way")
        #expect(r.code == 0, "withdrawn after the answer-by date, the offer is still answerable: \(r)")
    }
}

extension CLIProtocolTests {
    @Test("item 12 (000 §17.16.4; 003 §7.4; 004 §10.1): what the rules cannot judge, the approver says they judged, rule by rule, or the approval is refused; it is shown in the audit")
    func approverJudges() async throws {
        let c = try await Council(profile: "000")
        #expect(await c.request().code == 0)
        var r = await c.run("queue", "--as", "o-ceo")
        #expect(r.out.contains("to approve: briefings approve RQ-0001 --judged council-business --judged no-individual-matter"), "\(r)")
        #expect(r.out.contains("you judge what the rules cannot: council-business: the matter is council business"), "\(r)")
        let before = try c.snapshot()
        r = await c.run("approve", "RQ-0001", "--as", "o-ceo")
        #expect(r.code == CLI.ExitCode.invalid.rawValue, "\(r)")
        #expect(r.err.contains("needs your judgement") && r.err.contains("council-business (") && r.err.contains("no-individual-matter (")
                && r.err.contains("000 §17.16.4") && r.err.contains("the approver's judgement"), "\(r)")
        #expect(r.err.contains("What to do: Judge what the rules cannot, then say so: --judged council-business --judged no-individual-matter"), "\(r)")
        r = await c.run("approve", "RQ-0001", "--as", "o-ceo", "--judged", "council-business")
        #expect(r.code == CLI.ExitCode.invalid.rawValue && r.err.contains("--judged no-individual-matter") && !r.err.contains("--judged council-business"), "\(r)")
        r = await c.run("approve", "RQ-0001", "--as", "o-ceo", "--judged", "council-business,senior-officer")
        #expect(r.code == CLI.ExitCode.invalid.rawValue && r.err.contains("--judged 'senior-officer': the approver judges only council-business, no-individual-matter"), "\(r)")
        #expect(try c.snapshot() == before, "a refused approval changed nothing")

        r = await c.run("approve", "RQ-0001", "--as", "o-ceo", "--judged", "council-business", "--judged", "no-individual-matter")
        #expect(r.code == 0 && r.out.contains("you judged: council-business, no-individual-matter"), "\(r)")
        r = await c.run("audit", "--as", "o-mo")
        let first = r.out.split(separator: "\n").first { $0.contains("request.approve RQ-0001") }
        #expect(first?.contains("judged=council-business,no-individual-matter kind=request") == true, "\(r)")

        // The issue's own example: an application's reference is recognised and referred; the Chief Executive's reason
        // for agreeing records that judgement, so only council-business is left to say.
        #expect(await c.run(["request", "create", "--as", "m-hughes", "--group", "CON", "--matter", "Objection to 24/01234/FUL, 5 Mill Lane: Mr Smith's scheme",
                             "--area", "planning", "--meeting", "Planning Committee", "--meeting-date", "2027-01-20", "--officer", "o-dir-place",
                             "--start", "2027-01-13T10:00", "--duration", "2h", "--segment", "45m", "--room", "cr2", "--attendee", "m-hughes"]).code == 0)
        r = await c.run("queue", "--as", "o-ceo")
        #expect(r.out.contains("briefings approve RQ-0002 --override no-individual-matter=\"reason\" --judged council-business"), "\(r)")
        r = await c.run("approve", "RQ-0002", "--as", "o-ceo", "--override", "no-individual-matter=The group is briefed on the planning policy, not the case",
                        "--judged", "council-business")
        #expect(r.code == 0, "\(r)")
        r = await c.run("audit", "--as", "o-mo")
        let second = r.out.split(separator: "\n").first { $0.contains("request.approve RQ-0002") }
        #expect(second?.contains("judged=council-business kind=request") == true, "\(r)")
    }

    @Test("item 6 (004 §6.5.8; 000 §17.8.2): an acknowledgement explains and gives a reply-by date; a missed date is overdue and the requester is told; a late decision's explanation explains")
    func responseTimesHeld() async throws {
        let c = try await Council(profile: "004")
        #expect(await c.request().code == 0)
        func at(_ day: String, _ args: String...) async -> (code: Int32, out: String, err: String) {
            await CLI.capture(args + ["--database", c.path], now: try! LondonTime.parse(day))
        }
        // "." explains nothing, and an acknowledgement says by when the requester will hear.
        var r = await c.run("request", "acknowledge", "RQ-0001", "--as", "o-ceo", "--message", ".", "--reply-by", "2026-11-06")
        #expect(r.code != 0 && r.err.contains("response-time") && r.err.contains("004 §6.5.8") && r.err.contains("--message"), "\(r)")
        r = await c.run("request", "acknowledge", "RQ-0001", "--as", "o-ceo", "--message", "The Director is looking at the dates")
        #expect(r.code != 0 && r.err.contains("--reply-by") && r.err.contains("2026-11-16"), "the response date under 004 is ten working days on: \(r)")
        // Later than the response date only with the reason.
        r = await c.run("request", "acknowledge", "RQ-0001", "--as", "o-ceo", "--message", "The Director is looking at the dates", "--reply-by", "2026-11-27")
        #expect(r.code != 0 && r.err.contains("after RQ-0001's response date (2026-11-16)") && r.err.contains("--reason"), "\(r)")
        r = await c.run("request", "acknowledge", "RQ-0001", "--as", "o-ceo", "--message", "The Director is looking at the dates",
                        "--reply-by", "2026-11-13")
        #expect(r.code == 0, "\(r)")
        r = await c.run("notifications", "--as", "m-patel")
        #expect(r.out.contains("Request acknowledged: Local Plan review, you will hear by Fri 13 Nov (RQ-0001)"), "\(r)")

        // Twenty working days on, undecided: overdue in the queue (the promised date passed), and the requester is told
        // once, by the service's round (here `outbox deliver`, which runs it first).
        r = await at("2026-11-30T09:00", "queue", "--as", "o-ceo")
        #expect(r.out.contains("requester told they will hear by 2026-11-13  OVERDUE (reply-by date passed)"), "\(r)")
        r = await at("2026-11-30T09:00", "outbox", "deliver", "--sendmail", "/bin/cat", "--public-url", "https://briefings.example.gov.uk")
        #expect(r.code == 0, "\(r)")
        r = await at("2026-11-30T09:00", "outbox", "deliver", "--sendmail", "/bin/cat", "--public-url", "https://briefings.example.gov.uk")
        r = await at("2026-11-30T09:00", "notifications", "--as", "m-patel")
        #expect(r.out.components(separatedBy: "No decision yet on your request").count == 2, "told once: \(r)")
        #expect(r.out.contains("passed the date the Chief Executive said you would hear by (Fri 13 Nov 2026)"), "\(r)")

        // A late decision needs an explanation that explains.
        r = await at("2026-11-30T09:00", "approve", "RQ-0001", judgedAll, "--as", "o-ceo", "--explain-delay", ".")
        #expect(r.code != 0 && r.err.contains("response-time") && r.err.contains("--explain-delay"), "\(r)")
        r = await at("2026-11-30T09:00", "approve", "RQ-0001", judgedAll, "--as", "o-ceo", "--explain-delay",
                     "The Director was on leave; we checked the dates with her on her return")
        #expect(r.code == 0, "\(r)")
    }
}
