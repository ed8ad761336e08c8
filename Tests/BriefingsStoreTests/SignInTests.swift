import BriefingsDomain
import BriefingsStore
import Foundation
import Testing

/// Signing in to the web desk: passwords (bcrypt), one-time links, and the limits on failed tries.
@Suite("Sign-in")
struct SignInTests {
    @Test("a password signs in; a wrong one, an unknown id or one without a password is refused alike; too short is refused when set")
    func passwords() async throws {
        let desk = try await Support.desk()
        await #expect(throws: DeskError.self) { try await desk.setPassword(for: "m-patel", to: "short") }
        await #expect(throws: DeskError.self) { try await desk.setPassword(for: "nobody", to: "three random words") }
        try await desk.setPassword(for: "m-patel", to: "correct horse battery")
        #expect(try await desk.signIn(person: "m-patel", password: "correct horse battery", address: "10.0.0.1") == "m-patel")
        for (person, password) in [("m-patel", "wrong horse battery"), ("nobody", "correct horse battery"), ("m-hughes", "correct horse battery")] {
            let refusal = try await #require(throws: SignInRefusal.self) { try await desk.signIn(person: person, password: password, address: "10.0.0.1") }
            #expect(!refusal.limited && refusal.message.contains("do not match"))
        }
        // Only the hash is stored, and it is bcrypt's.
        let stored = try await desk.database.writer.read { try String.fetchOne($0, sql: "SELECT hash FROM person_password WHERE person = 'm-patel'") }
        #expect(stored?.hasPrefix("$2") == true && stored?.contains("correct") == false)
        #expect(try await desk.audit(as: nil).contains { $0.action == "signin" && $0.actor == "m-patel" && $0.details["method"] == "password" })
    }

    @Test("after 5 failed tries for one person, sign-in pauses for them (the right password too, from anywhere) for 15 minutes")
    func perPerson() async throws {
        let clock = TestClock("2026-11-02T09:00")
        let desk = try await Support.desk(clock: clock)
        try await desk.setPassword(for: "m-patel", to: "correct horse battery")
        for i in 0..<BriefingDesk.signInFailuresPerPerson {
            await #expect(throws: SignInRefusal.self) { try await desk.signIn(person: "m-patel", password: "guess \(i)", address: "10.0.0.\(i)") }
        }
        let paused = try await #require(throws: SignInRefusal.self) { try await desk.signIn(person: "m-patel", password: "correct horse battery", address: "10.9.9.9") }
        #expect(paused.limited && paused.message.contains("paused"))
        // Someone else is not held up.
        try await desk.setPassword(for: "m-hughes", to: "another three words")
        #expect(try await desk.signIn(person: "m-hughes", password: "another three words", address: "10.0.0.1") == "m-hughes")
        clock.set("2026-11-02T09:16")
        #expect(try await desk.signIn(person: "m-patel", password: "correct horse battery", address: "10.9.9.9") == "m-patel")
    }

    @Test("failed sign-ins stay in the audit trail after a success, with the id tried and the address (an id not on the roster is not kept); a success forgives the failures counted before it")
    func evidence() async throws {
        let desk = try await Support.desk()
        try await desk.setPassword(for: "m-patel", to: "correct horse battery")
        for i in 0..<3 {
            await #expect(throws: SignInRefusal.self) { try await desk.signIn(person: "m-patel", password: "guess \(i)", address: "10.0.0.\(i)") }
        }
        await #expect(throws: SignInRefusal.self) { try await desk.signIn(person: "correct horse battery", password: "m-patel", address: "10.0.0.9") }
        await #expect(throws: SignInRefusal.self) { try await desk.signIn(link: "sil_not-a-link", address: "10.0.0.9") }
        #expect(try await desk.signIn(person: "m-patel", password: "correct horse battery", address: "10.0.0.1") == "m-patel")
        let failed = try await desk.audit(as: nil).filter { $0.action == "signin.failed" }
        #expect(failed.map(\.subject) == ["m-patel", "m-patel", "m-patel", "an id not on the roster", "a link that does not work"])
        #expect(failed.map { $0.details["address"] } == ["10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.9", "10.0.0.9"])
        #expect(failed.map { $0.details["method"] } == ["password", "password", "password", "password", "link"])
        #expect(try await !desk.audit(as: nil).contains { $0.subject.contains("horse") || $0.details.values.contains { $0.contains("horse") } })
        #expect(try await desk.verifyAudit().intact)
        // The success forgave the three: four more wrong tries and the right one still signs in.
        for i in 0..<4 {
            await #expect(throws: SignInRefusal.self) { try await desk.signIn(person: "m-patel", password: "again \(i)", address: "10.0.1.\(i)") }
        }
        #expect(try await desk.signIn(person: "m-patel", password: "correct horse battery", address: "10.0.1.9") == "m-patel")
    }

    @Test("after 20 failed tries from one address, sign-in from it pauses, whoever it is for")
    func perAddress() async throws {
        let desk = try await Support.desk()
        try await desk.setPassword(for: "m-patel", to: "correct horse battery")
        for i in 0..<BriefingDesk.signInFailuresPerAddress {
            await #expect(throws: SignInRefusal.self) { try await desk.signIn(link: "sil_not-a-link-\(i)", address: "192.0.2.7") }
        }
        let paused = try await #require(throws: SignInRefusal.self) { try await desk.signIn(person: "m-patel", password: "correct horse battery", address: "192.0.2.7") }
        #expect(paused.limited && paused.message.contains("this address"))
        #expect(try await desk.signIn(person: "m-patel", password: "correct horse battery", address: "192.0.2.8") == "m-patel")
    }

    @Test("a failed sign-in keeps at most 64 characters of the id typed (60 tries with 60 KB ids), and its row goes once it is past the 15-minute window")
    func failureRowsBounded() async throws {
        let clock = TestClock("2026-11-02T09:00")
        let desk = try await Support.desk(clock: clock)
        for i in 0..<60 {
            await #expect(throws: SignInRefusal.self) {
                try await desk.signIn(person: "\(i)-" + String(repeating: "é", count: 30_000), password: "guess", address: "192.0.2.\(i)")
            }
        }
        func stored() async throws -> (rows: Int, longest: Int) {
            try await desk.database.writer.read { db in
                (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM signin_failure")!,
                 try Int.fetchOne(db, sql: "SELECT MAX(LENGTH(person)) FROM signin_failure") ?? 0)
            }
        }
        #expect(try await stored() == (60, BriefingDesk.signInStoredIDLength))
        // Cut ids still count: the same long id is paused after 5 tries.
        let long = "a-" + String(repeating: "x", count: 60_000)
        for _ in 0..<BriefingDesk.signInFailuresPerPerson {
            await #expect(throws: SignInRefusal.self) { try await desk.signIn(person: long, password: "guess", address: "198.51.100.1") }
        }
        let paused = try await #require(throws: SignInRefusal.self) { try await desk.signIn(person: long, password: "guess", address: "198.51.100.2") }
        #expect(paused.limited)
        // Past the window, the next try deletes the old rows: only its own is left.
        clock.set("2026-11-02T09:16")
        await #expect(throws: SignInRefusal.self) { try await desk.signIn(link: "sil_not-a-link", address: "203.0.113.1") }
        #expect(try await stored().rows == 1)
        await #expect(throws: SignInRefusal.self) { try await desk.signIn(person: "m-patel", password: "guess", address: "203.0.113.1") }
        #expect(try await stored() == (2, "m-patel".count))
    }

    @Test("an ended web session is never saved back: not by a request that read it, nor as a new one under its key; a save with no expiry inserts nothing")
    func endedSessions() async throws {
        let desk = try await Support.desk()
        let expires = desk.now().addingTimeInterval(3600)
        #expect(try await desk.saveWebSession(key: "key-1", person: "m-patel", value: "{}", expires: expires))
        #expect(try await desk.saveWebSession(key: "key-1", person: "m-patel", value: #"{"flash":"saved"}"#, expires: nil))
        #expect(try await desk.webSession(key: "key-1")?.value == #"{"flash":"saved"}"#)
        #expect(try await desk.endWebSessions(for: "m-patel") == 1)
        #expect(try await !desk.saveWebSession(key: "key-1", person: "m-patel", value: #"{"flash":"late"}"#, expires: nil))
        #expect(try await !desk.saveWebSession(key: "key-1", person: "m-patel", value: "{}", expires: expires))
        #expect(try await desk.webSession(key: "key-1") == nil)
        #expect(try await !desk.saveWebSession(key: "key-2", person: "m-patel", value: "{}", expires: nil))
        #expect(try await desk.webSession(key: "key-2") == nil)
        #expect(try await desk.endWebSessions(for: "m-patel") == 0)
    }

    @Test("a sign-in link works once, within 15 minutes; a newer link replaces an unused one; only its hash is stored")
    func links() async throws {
        let clock = TestClock("2026-11-02T09:00")
        let desk = try await Support.desk(clock: clock)
        let first = try await desk.issueSignInLink(for: "o-ceo").secret
        let second = try await desk.issueSignInLink(for: "o-ceo").secret
        #expect(try await desk.signInLinkHolder(first) == nil, "replaced by the newer link")
        #expect(try await desk.signInLinkHolder(second) == "o-ceo")
        #expect(try await desk.signIn(link: second, address: nil) == "o-ceo")
        await #expect(throws: SignInRefusal.self) { try await desk.signIn(link: second, address: nil) }
        let late = try await desk.issueSignInLink(for: "o-mo").secret
        clock.set("2026-11-02T09:16")
        #expect(try await desk.signInLinkHolder(late) == nil)
        await #expect(throws: SignInRefusal.self) { try await desk.signIn(link: late, address: nil) }
        let stored = try await desk.database.writer.read { try String.fetchAll($0, sql: "SELECT hash FROM signin_link") }
        #expect(!stored.contains(second) && stored.count == 3)
    }
}
