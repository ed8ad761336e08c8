import BriefingsDomain
import BriefingsServer
import BriefingsStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing

/// Sign-in and sign-out against the real service on 127.0.0.1, raced as an attacker (or an unlucky administrator)
/// would race them: each request on a connection of its own.
@Suite("Sign-in and sign-out races on 127.0.0.1")
struct SignInRaceTests {
    /// One request on a connection of its own to the service on 127.0.0.1, as a browser would send it.
    static func send(_ port: Int, _ method: HTTPRequest.Method, _ uri: String, cookie: String, form: String? = nil) async throws -> TestClient.Response {
        var fields: HTTPFields = [.cookie: cookie]
        if form != nil { fields[.contentType] = "application/x-www-form-urlencoded" }
        let headers = fields
        // A minute, not the client's 15 seconds: the whole suite runs beside these on a small machine.
        return try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(60))) { client in
            try await client.execute(TestClient.Request(uri, method: method, authority: "127.0.0.1", headers: headers, body: form.map { ByteBuffer(string: $0) }))
        }
    }

    @Test("60 simultaneous password tries for one person from one address: at most 5 passwords are checked, the rest are refused as paused (429); each checked failure is in the audit trail and stays there after a success")
    func passwordGuessing() async throws {
        let path = LiveServiceTests.temporaryPath()
        defer { LiveServiceTests.remove(path) }
        let f = try await Fixture.make(path: path)
        try await f.desk.setPassword(for: "m-patel", to: "correct horse battery")
        let right = 30
        try await f.app.test(.live) { client in
            let port = client.port!
            // The sign-in page's form cookie and token, which every try carries (as one browser's tabs would).
            let b = DeskBrowser(client)
            try await b.get("/desk/signin")
            let cookie = b.cookieHeader, csrf = b.csrf
            let answers = try await withThrowingTaskGroup(of: (try: Int, status: Int).self) { group in
                for i in 0..<60 {
                    let password = i == right ? "correct horse battery" : "wrong guess number \(i)"
                    let form = DeskBrowser.formBody([("person", "m-patel"), ("password", password), ("next", "/desk")], csrf: csrf)
                    group.addTask { (i, Int(try await Self.send(port, .post, "/desk/signin/password", cookie: cookie, form: form).status.code)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let statuses = answers.map(\.status)
            print("60 simultaneous tries: \(statuses.filter { $0 == 401 }.count) wrong passwords checked, \(statuses.filter { $0 == 303 }.count) signed in, \(statuses.filter { $0 == 429 }.count) refused as paused")
            #expect(Set(statuses).isSubset(of: [303, 401, 429]), "\(statuses)")
            let checked = answers.filter { $0.status != 429 }
            #expect(checked.count <= BriefingDesk.signInFailuresPerPerson, "only \(BriefingDesk.signInFailuresPerPerson) tries may be checked in the window; \(checked.count) were")
            #expect(answers.filter { $0.status == 303 }.allSatisfy { $0.try == right }, "only the right password signs in")
            // Every failure that was checked is evidence in the audit trail, naming the person and the address.
            let failed = try await f.desk.audit(as: nil).filter { $0.action == "signin.failed" }
            #expect(failed.count == statuses.filter { $0 == 401 }.count)
            #expect(failed.allSatisfy { $0.subject == "m-patel" && $0.details["address"] == "127.0.0.1" && $0.details["method"] == "password" })
            // Still paused: the right password too.
            let again = DeskBrowser.formBody([("person", "m-patel"), ("password", "correct horse battery"), ("next", "/desk")], csrf: csrf)
            if !statuses.contains(303) {
                #expect(try await Self.send(port, .post, "/desk/signin/password", cookie: cookie, form: again).status == .tooManyRequests)
            }
            // After the window the right password signs in; the failures before it stay in the audit trail.
            f.clock.set("2026-11-02T09:16")
            #expect(try await Self.send(port, .post, "/desk/signin/password", cookie: cookie, form: again).status == .seeOther)
            let after = try await f.desk.audit(as: nil)
            #expect(after.filter { $0.action == "signin.failed" }.count == failed.count)
            #expect(after.last?.action == "signin" && after.last?.subject == "m-patel")
        }
    }

    /// Posts a form as a browser on a slow line would: the request's head and the first half of its body, then a pause
    /// in which the service has begun the request (its session is read as the head arrives) but cannot finish it; `during`
    /// runs in that pause; then the rest of the body, and the answer's head. NIO's HTTP client codec writes the request.
    static func heldPost(_ port: Int, _ uri: String, cookie: String, form: String, during: () async throws -> Void) async throws -> HTTPResponseHead {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHTTPClientHandlers()
                return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
            }
        }
        return try await channel.executeThenClose { inbound, outbound in
            var body = ByteBuffer(string: form)
            let headers = HTTPHeaders([("Host", "127.0.0.1:\(port)"), ("Content-Type", "application/x-www-form-urlencoded"),
                                       ("Content-Length", "\(body.readableBytes)"), ("Cookie", cookie)])
            try await outbound.write(.head(HTTPRequestHead(version: .http1_1, method: .POST, uri: uri, headers: headers)))
            try await outbound.write(.body(.byteBuffer(body.readSlice(length: body.readableBytes / 2)!)))
            // Time for the service to read the head and the session (beside 400 other tests on two cores half a second
            // was sometimes too little: the sign-out came first and the form was answered "you were signed out").
            try await Task.sleep(for: .seconds(2))
            try await during()
            try await outbound.write(.body(.byteBuffer(body)))
            try await outbound.write(.end(nil))
            for try await part in inbound { if case .head(let head) = part { return head } }
            throw TestClient.Error.noResponse
        }
    }

    @Test("a form in flight when `person signout --for` or `token revoke` ends the person's sessions does not bring their session back")
    func signOutRace() async throws {
        let path = LiveServiceTests.temporaryPath()
        defer { LiveServiceTests.remove(path) }
        let f = try await Fixture.make(path: path)
        let token = try #require(try await f.desk.tokens().first { $0.person == "m-patel" })
        try await f.app.test(.live) { client in
            for (start, command, said) in [("2026-12-15T18:30", ["person", "signout", "--for", "m-patel"], "Ended 1 desk session(s) of m-patel."),
                                           ("2026-12-16T18:30", ["token", "revoke", "\(token.id)"], "Revoked token \(token.id).")] {
                let b = DeskBrowser(client)
                try await b.signIn("m-patel", desk: f.desk)
                #expect(try await b.get("/desk/requests/new").status == 200)
                let fields = DeskRequestTests.evening.map { $0.0 == "startDate" ? ($0.0, String(start.prefix(10))) : $0 }
                let answer = try await Self.heldPost(client.port!, "/desk/requests", cookie: b.cookieHeader, form: DeskBrowser.formBody(fields, csrf: b.csrf)) {
                    let ended = await LiveServiceTests.cli(command + ["--database", path])
                    #expect(ended.code == 0 && ended.out.contains(said), "\(ended)")
                }
                // The form was begun signed in (the service read its session before the sign-out) and was answered as such…
                #expect(answer.status == .seeOther && answer.headers["Location"].first?.hasPrefix("/desk/requests/RQ-") == true, "\(answer)")
                // …and the browser is signed out all the same: its session is not saved back.
                let after = try await b.get("/desk/requests")
                #expect(after.status == 303 && after.location?.hasPrefix("/desk/signin") == true, "\(command.joined(separator: " ")): the session came back (\(after.status))")
            }
        }
    }
}
