import BriefingsDomain
import BriefingsStore
import Foundation
import GRDB
import Testing

private typealias S = Support

/// The durable outbox (issue 12): each step writes its messages in its own transaction, to the people the issue's
/// "Who hears what" names, every one on the To line, nothing confidential to another group; delivery claims and
/// records them so that a failure or a killed deliverer loses nothing.
@Suite("The outbox")
struct OutboxTests {
    /// Every message in the outbox with its stored content, oldest first.
    static func messages(_ desk: BriefingDesk) async throws -> [(item: BriefingDesk.OutboxItem, message: OutgoingMessage)] {
        var messages: [(item: BriefingDesk.OutboxItem, message: OutgoingMessage)] = []
        for item in try await desk.outbox() { messages.append((item, try await desk.outboxMessage(item.id))) }
        return messages
    }

    static func email(_ desk: BriefingDesk, _ ids: [String]) async throws -> Set<String> {
        let r = try await desk.council().roster
        return Set(ids.compactMap { r.email(of: $0) })
    }

    static func count(_ desk: BriefingDesk) async throws -> Int { try await desk.outbox().count }

    @Test("a new request goes to the approver alone, written with the step; the deputy hears only while the approver is away")
    func newRequest() async throws {
        let desk = try await S.desk()
        _ = try await desk.submitRequest(S.request())
        var all = try await Self.messages(desk)
        #expect(all.count == 1)
        #expect(await Set(all[0].item.to) == (try Self.email(desk, ["o-ceo"])))
        #expect(all[0].message.subject == "Request from the Labour Group for your decision: Local Plan review, Mon 7 Dec 14:00 (RQ-0001)")
        #expect(all[0].message.letter?.links.first == Letter.Link("Decide it in your queue", "/desk/queue#h-RQ-0001"))
        #expect(all[0].message.letter?.asked.contains("acknowledge it by Wed 4 Nov 2026") == true, "by when, in working days")
        #expect(all[0].item.status == "pending" && all[0].item.attempts == 0)
        #expect(all[0].message.from.email == "briefings@example.gov.uk")
        try await desk.recordAbsence(from: LocalDate("2026-11-02")!, until: LocalDate("2026-11-06")!, as: "o-ceo")
        _ = try await desk.submitRequest(S.request(day: "2026-12-08"))
        all = try await Self.messages(desk)
        #expect(await Set(all.last!.item.to) == (try Self.email(desk, ["o-ceo", "o-dce"])))
    }

    @Test("a refused step writes no message, and a step that fails after its notification rolls its messages back")
    func refusedStep() async throws {
        let desk = try await S.desk()
        _ = try await desk.submitRequest(S.request())
        let before = try S.snapshot(desk)
        // A block verdict (a party agent present): refused, nothing written.
        var p = S.request(day: "2026-12-09")
        p.attendees.append(.guest("Party agent"))
        await #expect { try await desk.submitRequest(p) } throws: { ($0 as? DeskError)?.kind == .refused }
        // A refer without the approver's reason.
        _ = try await desk.submitRequest(S.request(day: "2026-12-10", at: "19:00"))
        let beforeApprove = try S.snapshot(desk)
        await #expect { try await desk.approve("RQ-0002", as: "o-ceo") } throws: { ($0 as? DeskError)?.kind == .refused }
        #expect(try S.snapshot(desk) == beforeApprove)
        #expect(try await Self.count(desk) == 2, "the two requests' messages, nothing for the refusals")
        _ = before
    }

    @Test("approval: a decision to the requester and their leader, each other group its own offer, invitations to officers and attendees")
    func approval() async throws {
        let desk = try await S.desk()
        var p = S.request(by: "pa-lab")
        p.onBehalfOf = "m-patel"
        _ = try await desk.submitRequest(p)
        let first = try await Self.count(desk)
        _ = try await desk.approve("RQ-0001", as: "o-ceo")
        let sent = await Array(try Self.messages(desk).dropFirst(first))
        func one(_ part: String) throws -> (item: BriefingDesk.OutboxItem, message: OutgoingMessage) {
            let hits = sent.filter { $0.message.subject.contains(part) }
            try #require(hits.count == 1, "\(part): \(sent.map(\.message.subject))")
            return hits[0]
        }
        #expect(await Set(try one("Request agreed").item.to) == (try Self.email(desk, ["pa-lab", "m-patel"])))
        // Offers: every other group (and the ungrouped councillor), each to its leader and assistants only.
        let offers = sent.filter { $0.message.subject.hasPrefix("Offer for ") }
        #expect(offers.count == 4)
        #expect(await Set(try one("(OF-0003)").item.to) == (try Self.email(desk, ["m-evans", "pa-ld"])))
        #expect(await Set(try one("(OF-0002)").item.to) == (try Self.email(desk, ["m-hughes"])))
        #expect(try one("(OF-0003)").message.subject == "Offer for the Liberal Democrat Group: Local Plan review, answer by Mon 16 Nov (OF-0003)")
        #expect(try one("(OF-0003)").message.letter?.links == [Letter.Link("Answer the offer", "/desk/offers#h-OF-0003")])
        // Invitations: the officers (their segment only), the group's attendees (the whole meeting).
        let invitations = sent.filter { $0.message.invitation != nil }
        #expect(invitations.count == 2)
        let feed = try await desk.feed(.officer("o-dir-place")).events[0]
        let officers = try #require(invitations.first { $0.item.to == ["nadia.rahman@example.gov.uk"] })
        #expect(officers.message.invitation?.method == .request)
        #expect(officers.message.invitation?.event == feed, "the officer's invitation is the event of their feed")
        let attendees = try #require(invitations.first { $0.item.to != ["nadia.rahman@example.gov.uk"] })
        #expect(await Set(attendees.item.to) == (try Self.email(desk, ["m-patel", "m-okafor"])))
        #expect(attendees.message.invitation?.event == (try await desk.feed(.group("LAB")).events.first { $0.uid == feed.uid }))
        #expect(attendees.message.invitation?.event.end != feed.end, "attendees get the whole meeting, officers their segment")
        // Every message names all its recipients on the To line and says so; nobody is copied silently.
        for m in sent { #expect(m.message.to.map(\.email) == m.item.to && m.message.letter?.footer.first?.contains("nobody else is copied") == true) }
    }

    @Test("confidentiality: another group's messages never carry an embargoed or budget title, nor another group's attendees")
    func confidentiality() async throws {
        let desk = try await S.desk()
        var p = S.request(title: "Budget 2027/28 savings options")
        p.matter.embargoUntil = LocalDate("2027-02-01")
        _ = try await desk.submitRequest(p)
        _ = try await desk.approve("RQ-0001", as: "o-ceo")
        var q = S.request(day: "2026-12-09", title: "Budget 2027/28 capital programme")
        q.matter.budget = true
        _ = try await desk.submitRequest(q)
        _ = try await desk.approve("RQ-0002", as: "o-ceo")
        // Messages to other groups' people (officers of a session, and the approver, see its title as their feeds do).
        let roster = try await desk.council().roster
        let others = Set((roster.members.filter { $0.party != "LAB" }.map(\.id) + roster.assistants.filter { $0.group != "LAB" }.map(\.id))
            .compactMap { roster.email(of: $0) })
        let theirs = try await Self.messages(desk).filter { Set($0.item.to).isSubset(of: others) }
        #expect(theirs.count == 8, "two offers to each of four other lines")
        for m in theirs {
            let text = m.message.subject + m.message.body + (m.message.invitation.map { $0.event.title + $0.event.description } ?? "")
            #expect(!text.contains("savings") && !text.contains("capital programme"), "\(m.message.subject) to \(m.item.to)")
        }
        // The Greens take up their budget discussions of their own; the Labour attendees never appear in their messages.
        let green = try #require(try await desk.offers(as: "m-nowak").first { $0.briefing == "BR-0002" })
        _ = try await desk.acceptOffer(green.ref, S.request(group: "GRN", by: "m-nowak", day: "2026-12-10", attendees: ["m-nowak", "m-adams"]))
        let greens = try await Self.messages(desk).filter { $0.item.to.contains("cllr.ewa.nowak@example.gov.uk") }
        #expect(!greens.isEmpty)
        for m in greens {
            let text = m.message.subject + m.message.body + (m.message.invitation.map { $0.event.title + $0.event.description } ?? "")
            #expect(!text.contains("capital programme") && !text.contains("Okafor") && !text.contains("savings"), "\(text)")
        }
    }

    @Test("moved and cancelled: updated REQUESTs, then a CANCEL with a higher SEQUENCE, to the officers and every group's own attendees")
    func movedAndCancelled() async throws {
        let desk = try await S.desk()
        _ = try await desk.submitRequest(S.request(joint: true))
        _ = try await desk.approve("RQ-0001", as: "o-ceo")
        let ld = try #require(try await desk.offers(as: "m-evans").first)
        _ = try await desk.joinSession(offer: ld.ref, session: "SE-0001", as: "m-evans", attendees: [.person("m-evans"), .person("m-singh")])
        _ = try await desk.reschedule("SE-0001", as: "m-patel", to: SessionForm(start: "2026-12-08T14:00", duration: "2h", segment: "45m"), reason: "Clash")
        var start = try await Self.count(desk)
        try await desk.cancel("SE-0001", as: "m-patel", reason: "Group meeting off")
        let cancels = await Array(try Self.messages(desk).dropFirst(start))
        #expect(cancels.count == 3, "officers, Labour's attendees, the Liberal Democrats' attendees: \(cancels.map(\.item.to))")
        let feed = try await desk.feed(.group("LAB")).events[0]
        for m in cancels {
            #expect(m.message.invitation?.method == .cancel && m.message.invitation?.event.status == .cancelled)
            #expect(m.message.invitation?.event.uid == feed.uid && m.message.invitation?.event.sequence == feed.sequence)
        }
        let lab = try await Self.email(desk, ["m-patel", "m-okafor"]), libdem = try await Self.email(desk, ["m-evans", "m-singh"])
        #expect(cancels.contains { Set($0.item.to) == lab } && cancels.contains { Set($0.item.to) == libdem })
        // Every invitation for the session before, in order, carried a SEQUENCE no higher than the cancellation's.
        let sequences = try await Self.messages(desk).compactMap { $0.message.invitation }.filter { $0.event.uid == feed.uid }.map(\.event.sequence)
        #expect(sequences == sequences.sorted() && sequences.filter { $0 == feed.sequence }.count == 3)
        start = try await Self.count(desk)
        await #expect { try await desk.cancel("SE-0001", as: "m-patel", reason: "Again") } throws: { ($0 as? DeskError)?.kind == .conflict }
        #expect(try await Self.count(desk) == start)
    }

    @Test("a council without addresses sends no mail; the notifications are still recorded")
    func noAddresses() async throws {
        let desk = BriefingDesk(database: try AppDatabase.inMemory(), now: { S.t("2026-11-02T09:00") })
        _ = try await desk.initialise(profile: "model")
        let withoutAddresses = String(decoding: S.exampleRoster, as: UTF8.self)
            .replacing(/, "email": "[^"]*"|"email": "[^"]*",/, with: "")
        #expect(!withoutAddresses.contains("@"))
        _ = try await desk.importRoster(Data(withoutAddresses.utf8))
        _ = try await desk.submitRequest(S.request())
        _ = try await desk.approve("RQ-0001", as: "o-ceo")
        let approver = "o-ceo"
        #expect(try await desk.outbox().isEmpty)
        #expect(try await !desk.notifications(for: approver).isEmpty)
    }

    @Test("delivery: a failure stays pending with its error and a later retry; after the last attempt it is failed until retried")
    func failures() async throws {
        let desk = try await S.desk()
        _ = try await desk.submitRequest(S.request())
        let alive: @Sendable (String) -> Bool = { _ in true }
        let now = Date()
        let claimed = try #require(try await desk.claimNextMessage(by: "here:1", now: now, isAlive: alive))
        let status = try await desk.outbox()[0].status
        #expect(claimed.attempt == 1 && status == "sending")
        #expect(try await desk.claimNextMessage(by: "here:2", now: now, isAlive: alive) == nil, "one deliverer at a time per message")
        #expect(try await desk.recordFailure(claimed.id, error: "the sendmail command /usr/sbin/sendmail does not exist", now: now))
        var item = try await desk.outbox(failedOnly: true, now: now)[0]
        #expect(item.status == "pending" && item.lastError?.contains("does not exist") == true && item.nextAttempt != nil)
        #expect(try await desk.claimNextMessage(by: "here:1", now: now, isAlive: alive) == nil, "not before its backoff")
        #expect(try await desk.request("RQ-0001", as: "o-ceo").status == "pending", "the step stands")
        // Run out of attempts: failed, listed, and retried on request.
        var t = now
        for _ in 2...OutboxPolicy.maxAttempts {
            t += 3601
            let c = try #require(try await desk.claimNextMessage(by: "here:1", now: t, isAlive: alive))
            try await desk.recordFailure(c.id, error: "exit 75: relay unavailable", now: t)
        }
        item = try await desk.outbox(failedOnly: true, now: t)[0]
        #expect(item.status == "failed" && item.attempts == OutboxPolicy.maxAttempts)
        let counts = try await desk.outboxCounts()
        #expect(counts.failed == 1 && counts.pending == 0 && counts.sending == 0 && counts.sent == 0)
        #expect(try await desk.claimNextMessage(by: "here:1", now: t + 86_400, isAlive: alive) == nil)
        #expect(try await desk.retryMessage(item.id, now: t).status == "pending")
        let again = try #require(try await desk.claimNextMessage(by: "here:1", now: t, isAlive: alive))
        #expect(again.attempt == 1 && again.message.messageID == claimed.message.messageID, "the same Message-ID on every attempt")
        try await desk.recordSent(again.id, now: t)
        await #expect { try await desk.retryMessage(again.id) } throws: { ($0 as? DeskError)?.kind == .conflict }
        await #expect { try await desk.retryMessage(999) } throws: { ($0 as? DeskError)?.kind == .notFound }
    }

    @Test("a deliverer killed mid-send: its claim is taken back at once when its process is gone, else after the stale time")
    func killedDeliverer() async throws {
        let desk = try await S.desk()
        _ = try await desk.submitRequest(S.request())
        let now = Date()
        let first = try #require(try await desk.claimNextMessage(by: "here:100", now: now, isAlive: { _ in true }))
        #expect(try await desk.claimNextMessage(by: "here:200", now: now, isAlive: { _ in true }) == nil)
        #expect(try await desk.claimNextMessage(by: "here:200", now: now + OutboxPolicy.staleClaim + 1, isAlive: { _ in true })?.id == first.id)
        let desk2 = try await S.desk()
        _ = try await desk2.submitRequest(S.request())
        let a = try #require(try await desk2.claimNextMessage(by: "here:100", now: now, isAlive: { _ in true }))
        let b = try #require(try await desk2.claimNextMessage(by: "here:200", now: now, isAlive: { $0 != "here:100" }))
        #expect(a.id == b.id && a.message.messageID == b.message.messageID && b.attempt == 2)
        #expect(try await desk2.outbox()[0].lastError?.contains("may arrive twice") == true)
        // A deliverer's own claim still standing is one it failed to record (the database busy after the hand-over): sent again.
        #expect(try await desk2.claimNextMessage(by: "here:200", now: now, isAlive: { _ in true })?.attempt == 3)
    }
}
