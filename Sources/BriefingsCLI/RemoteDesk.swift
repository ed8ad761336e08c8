import BriefingsDomain
import BriefingsStore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The command line as a client of `briefings serve`: the same steps over the JSON API, with the
/// service's refusals turned back into the same errors (and exit codes) as local mode.
struct RemoteDesk: DeskService {
    let server: URL
    let token: String

    func rules() async throws -> BriefingDesk.RulesView { try await call("GET", "rules") }
    func submitRequest(_ form: RequestForm, as actor: String) async throws -> BriefingDesk.Receipt { try await call("POST", "requests", form) }
    func request(_ ref: String, as actor: String) async throws -> BriefingDesk.RequestView { try await call("GET", "requests/\(try Ref.canonical(ref, "RQ"))") }
    func requests(as actor: String) async throws -> [BriefingDesk.RequestLine] { try await call("GET", "requests") }
    func acknowledge(_ ref: String, as actor: String, message: String) async throws {
        try await send("POST", "requests/\(try Ref.canonical(ref, "RQ"))/acknowledge", ["message": message])
    }
    func flagRequest(_ ref: String, as actor: String, reason: String) async throws { try await send("POST", "requests/\(try Ref.canonical(ref, "RQ"))/flag", ["reason": reason]) }
    func queue(as actor: String) async throws -> [BriefingDesk.QueueItem] { try await call("GET", "queue") }
    func approve(_ ref: String, as actor: String, overrides: [RuleID: String], explainDelay: String?) async throws -> BriefingDesk.Approval {
        struct Body: Encodable { var overrides: [String: String]; var explainDelay: String? }
        return try await call("POST", "requests/\(try Ref.canonical(ref, "RQ"))/approve", Body(overrides: overrides.mapKeys(\.rawValue), explainDelay: explainDelay))
    }
    func decline(_ ref: String, as actor: String, reason: String, explainDelay: String?) async throws {
        struct Body: Encodable { var reason: String; var explainDelay: String? }
        try await send("POST", "requests/\(try Ref.canonical(ref, "RQ"))/decline", Body(reason: reason, explainDelay: explainDelay))
    }
    func offers(as actor: String) async throws -> [BriefingDesk.OfferView] { try await call("GET", "offers") }
    func suggestSlots(offer ref: String, as actor: String) async throws -> BriefingDesk.OfferSlots { try await call("GET", "offers/\(try Ref.canonical(ref, "OF"))/slots") }
    func acceptOffer(_ ref: String, as actor: String, onBehalfOf: String?, join: String?, session: SessionForm?,
                     attendees: [String], guests: [String]) async throws -> BriefingDesk.Receipt {
        struct Body: Encodable { var onBehalfOf: String?; var join: String?; var session: SessionForm?; var attendees: [String]; var guests: [String] }
        return try await call("POST", "offers/\(try Ref.canonical(ref, "OF"))/accept", Body(onBehalfOf: onBehalfOf,
                    // The session to join in the form the service writes it; one that does not parse is sent as given for the service to refuse.
                    join: join.map { (try? Ref.canonical($0, "SE")) ?? $0 }, session: session, attendees: attendees, guests: guests))
    }
    func declineOffer(_ ref: String, as actor: String, onBehalfOf: String?, reason: String) async throws {
        struct Body: Encodable { var reason: String; var onBehalfOf: String? }
        try await send("POST", "offers/\(try Ref.canonical(ref, "OF"))/decline", Body(reason: reason, onBehalfOf: onBehalfOf))
    }
    func lapseOffer(_ ref: String, as actor: String, reason: String) async throws { try await send("POST", "offers/\(try Ref.canonical(ref, "OF"))/lapse", ["reason": reason]) }
    func briefings(as actor: String) async throws -> [BriefingDesk.BriefingLine] { try await call("GET", "briefings") }
    func briefing(_ ref: String, as actor: String) async throws -> BriefingDesk.BriefingView { try await call("GET", "briefings/\(try Ref.canonical(ref, "BR"))") }
    func attachMaterial(_ ref: String, as actor: String, text: String) async throws -> Verdict { try await call("POST", "briefings/\(try Ref.canonical(ref, "BR"))/material", ["text": text]) }
    func closeBriefing(_ ref: String, as actor: String) async throws { try await send("POST", "briefings/\(try Ref.canonical(ref, "BR"))/close") }
    func releaseBriefing(_ ref: String, as actor: String) async throws { try await send("POST", "briefings/\(try Ref.canonical(ref, "BR"))/release") }
    func respond(_ ref: String, as actor: String, _ answer: BriefingDesk.OfficerAnswer) async throws -> [Verdict] { try await call("POST", "sessions/\(try Ref.canonical(ref, "SE"))/respond", answer) }
    func sessions(as actor: String) async throws -> [BriefingDesk.SessionView] { try await call("GET", "sessions") }
    func session(_ ref: String, as actor: String) async throws -> BriefingDesk.SessionView { try await call("GET", "sessions/\(try Ref.canonical(ref, "SE"))") }
    func reschedule(_ ref: String, as actor: String, to form: SessionForm, reason: String, overrides: [RuleID: String]) async throws -> BriefingDesk.Receipt {
        struct Body: Encodable { var session: SessionForm; var reason: String; var overrides: [String: String] }
        return try await call("POST", "sessions/\(try Ref.canonical(ref, "SE"))/reschedule", Body(session: form, reason: reason, overrides: overrides.mapKeys(\.rawValue)))
    }
    func cancel(_ ref: String, as actor: String, reason: String) async throws { try await send("POST", "sessions/\(try Ref.canonical(ref, "SE"))/cancel", ["reason": reason]) }
    func withdraw(_ ref: String, as actor: String, onBehalfOf: String?, reason: String) async throws {
        try await send("POST", "sessions/\(try Ref.canonical(ref, "SE"))/withdraw", ["reason": reason, "onBehalfOf": onBehalfOf])
    }
    func proposeTime(_ ref: String, as actor: String, to form: SessionForm, reason: String) async throws -> BriefingDesk.TimeProposalView {
        struct Body: Encodable { var session: SessionForm; var reason: String }
        return try await call("POST", "sessions/\(try Ref.canonical(ref, "SE"))/propose", Body(session: form, reason: reason))
    }
    func answerProposal(_ ref: String, as actor: String, take: Bool, reason: String?) async throws -> BriefingDesk.ProposalAnswer {
        try await call("POST", "proposals/\(try Ref.canonical(ref, "TP"))/\(take ? "take" : "refuse")", ["reason": reason])
    }
    func recordAbsence(from: LocalDate, until: LocalDate, as actor: String) async throws {
        try await send("POST", "approver/absences", ["from": from.description, "until": until.description])
    }
    func absences(as actor: String) async throws -> [BriefingDesk.AbsenceView] { try await call("GET", "approver/absences") }
    func audit(as actor: String?) async throws -> [AuditTrail.Entry] { try await call("GET", "audit") }
    func verifyAudit(as actor: String?) async throws -> AuditTrail.Report { try await call("GET", "audit/verify") }
    func parity(as actor: String?) async throws -> [BriefingDesk.ParityRow] { try await call("GET", "parity") }
    func notifications(for actor: String) async throws -> [BriefingDesk.NotificationView] { try await call("GET", "notifications") }

    func addNote(_ session: String, as actor: String, text: String) async throws -> BriefingDesk.NoteView {
        try await call("POST", "sessions/\(try Ref.canonical(session, "SE"))/notes", ["text": text])
    }
    func verifyNote(_ ref: String, as actor: String, correction: String?) async throws -> BriefingDesk.NoteView {
        try await call("POST", "notes/\(try Ref.canonical(ref, "NT"))/verify", ["correction": correction])
    }
    func finaliseNote(_ ref: String, as actor: String, unverifiedReason: String?) async throws -> BriefingDesk.NoteView {
        try await call("POST", "notes/\(try Ref.canonical(ref, "NT"))/finalise", ["unverifiedReason": unverifiedReason])
    }
    func notes(as actor: String) async throws -> [BriefingDesk.NoteView] { try await call("GET", "notes") }

    /// The service decides the subscriber: the token's holder.
    func issueFeedSecret(_ subject: BriefingDesk.FeedSubject, for person: String) async throws -> String {
        struct Issued: Decodable { var secret: String }
        let issued: Issued = try await call("POST", "feeds", ["feed": subject.key])
        return issued.secret
    }
    func revokeFeedSecrets(for person: String, subject: BriefingDesk.FeedSubject?) async throws -> Int {
        let answer: [String: Int] = try await call("POST", "feeds/revoke", ["feed": subject?.key])
        return answer["revoked"] ?? 0
    }
    /// Whose token this is (their roster id).
    func me() async throws -> String {
        struct Me: Decodable { var person: String }
        let me: Me = try await call("GET", "me")
        return me.person
    }

    struct Empty: Encodable {}

    func send(_ method: String, _ path: String) async throws { _ = try await exchange(method, path, Optional<Empty>.none) }
    func send<B: Encodable>(_ method: String, _ path: String, _ body: B) async throws { _ = try await exchange(method, path, body) }
    func call<T: Decodable>(_ method: String, _ path: String) async throws -> T { try await decode(exchange(method, path, Optional<Empty>.none)) }
    func call<T: Decodable, B: Encodable>(_ method: String, _ path: String, _ body: B) async throws -> T { try await decode(exchange(method, path, body)) }

    func decode<T: Decodable>(_ data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do { return try decoder.decode(T.self, from: data) } catch {
            throw CLIError(.failure, "the service at \(server.absoluteString) answered with something this client cannot read (\(error)); are client and server the same version?")
        }
    }

    /// One request to `/api/PATH`, and its answer.
    func exchange<B: Encodable>(_ method: String, _ path: String, _ body: B?) async throws -> Data {
        let escaped = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        var request = URLRequest(url: server.appendingPathComponent("api").appendingPathComponent(escaped))
        request.httpMethod = method
        request.timeoutInterval = 30
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONEncoder().encode(body)
        }
        let payload: Data, answer: URLResponse
        do {
            (payload, answer) = try await URLSession.shared.data(for: request)
        } catch {
            throw CLIError(.unreachable, "cannot reach the briefings service at \(server.absoluteString) (\(error.localizedDescription)); check --server or BRIEFINGS_SERVER, and that the service is running")
        }
        guard let response = answer as? HTTPURLResponse else {
            throw CLIError(.unreachable, "cannot reach the briefings service at \(server.absoluteString) (no answer); check --server or BRIEFINGS_SERVER, and that the service is running")
        }
        if (200..<300).contains(response.statusCode) { return payload }
        guard let problem = try? JSONDecoder().decode(Problem.self, from: payload) else {
            throw CLIError(.failure, "the service answered HTTP \(response.statusCode) without an explanation")
        }
        if response.statusCode == 401 {
            throw CLIError(.unauthorised, "the service refused the token: \(problem.message). \(problem.fix)")
        }
        throw DeskError(DeskError.Kind(rawValue: problem.error) ?? .invalid, rule: problem.rule.flatMap(RuleID.init), clauses: problem.clauses,
                        problem.message, fix: problem.fix, verdicts: problem.verdicts ?? [])
    }

    /// The service's JSON error body.
    struct Problem: Decodable {
        var error: String
        var rule: String?
        var clauses: [String]
        var message: String
        var fix: String
        var verdicts: [Verdict]?
    }
}
