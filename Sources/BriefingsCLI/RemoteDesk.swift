import BriefingsAPI
import BriefingsClient
import BriefingsDomain
import BriefingsStore
import Foundation

/// The command line as a client of `briefings serve`: the same steps over the JSON API through the client generated
/// from `openapi.yaml`, with the service's refusals turned back into the same errors (and exit codes) as local mode.
/// What goes over the wire is read into the values local mode prints in one place, `RemoteDesk+Wire.swift`.
struct RemoteDesk: DeskService {
    let service: ServiceClient

    init(server: URL, token: String) { service = ServiceClient(server: server, token: token) }
    var server: URL { service.server }

    func rules() throws -> BriefingDesk.RulesView { try Wire.read(run { try await $0.getApiRules().ok.body.json }) }
    func submitRequest(_ form: RequestForm, as actor: String) throws -> BriefingDesk.Receipt {
        let body: Components.Schemas.RequestForm = try Wire.make(form)
        return try Wire.read(run { try await $0.postApiRequests(body: .json(body)).created.body.json })
    }
    func request(_ ref: String, as actor: String) throws -> BriefingDesk.RequestView {
        let ref = try Ref.canonical(ref, "RQ")
        return try Wire.read(run { try await $0.getApiRequestsRef(path: .init(ref: ref)).ok.body.json })
    }
    func requests(as actor: String) throws -> [BriefingDesk.RequestLine] { try Wire.read(run { try await $0.getApiRequests().ok.body.json }) }
    func acknowledge(_ ref: String, as actor: String, message: String) throws {
        let ref = try Ref.canonical(ref, "RQ"), body = try Wire.make(["message": message], as: Operations.PostApiRequestsRefAcknowledge.Input.Body.JsonPayload.self)
        _ = try run { try await $0.postApiRequestsRefAcknowledge(path: .init(ref: ref), body: .json(body)).noContent }
    }
    func flagRequest(_ ref: String, as actor: String, reason: String) throws {
        let ref = try Ref.canonical(ref, "RQ"), body: Components.Schemas.Reason = try Wire.make(["reason": reason])
        _ = try run { try await $0.postApiRequestsRefFlag(path: .init(ref: ref), body: .json(body)).noContent }
    }
    func queue(as actor: String) throws -> [BriefingDesk.QueueItem] { try Wire.read(run { try await $0.getApiQueue().ok.body.json }) }
    func approve(_ ref: String, as actor: String, overrides: [RuleID: String], explainDelay: String?) throws -> BriefingDesk.Approval {
        struct Body: Encodable { var overrides: [String: String]; var explainDelay: String? }
        let ref = try Ref.canonical(ref, "RQ")
        let body = try Wire.make(Body(overrides: overrides.mapKeys(\.rawValue), explainDelay: explainDelay),
                                 as: Operations.PostApiRequestsRefApprove.Input.Body.JsonPayload.self)
        return try Wire.read(run { try await $0.postApiRequestsRefApprove(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    func decline(_ ref: String, as actor: String, reason: String, explainDelay: String?) throws {
        let ref = try Ref.canonical(ref, "RQ")
        let body = try Wire.make(["reason": reason, "explainDelay": explainDelay], as: Operations.PostApiRequestsRefDecline.Input.Body.JsonPayload.self)
        _ = try run { try await $0.postApiRequestsRefDecline(path: .init(ref: ref), body: .json(body)).noContent }
    }
    func offers(as actor: String) throws -> [BriefingDesk.OfferView] { try Wire.read(run { try await $0.getApiOffers().ok.body.json }) }
    func suggestSlots(offer ref: String, as actor: String) throws -> BriefingDesk.OfferSlots {
        let ref = try Ref.canonical(ref, "OF")
        return try Wire.read(run { try await $0.getApiOffersRefSlots(path: .init(ref: ref)).ok.body.json })
    }
    func acceptOffer(_ ref: String, as actor: String, onBehalfOf: String?, join: String?, session: SessionForm?,
                     attendees: [String], guests: [String]) throws -> BriefingDesk.Receipt {
        struct Body: Encodable { var onBehalfOf: String?; var join: String?; var session: SessionForm?; var attendees: [String]; var guests: [String] }
        let ref = try Ref.canonical(ref, "OF")
        // The session to join in the form the service writes it; one that does not parse is sent as given for the service to refuse.
        let body = try Wire.make(Body(onBehalfOf: onBehalfOf, join: join.map { (try? Ref.canonical($0, "SE")) ?? $0 }, session: session,
                                      attendees: attendees, guests: guests), as: Operations.PostApiOffersRefAccept.Input.Body.JsonPayload.self)
        return try Wire.read(run { try await $0.postApiOffersRefAccept(path: .init(ref: ref), body: .json(body)).created.body.json })
    }
    func declineOffer(_ ref: String, as actor: String, onBehalfOf: String?, reason: String) throws {
        let ref = try Ref.canonical(ref, "OF"), body: Components.Schemas.ReasonOnBehalf = try Wire.make(["reason": reason, "onBehalfOf": onBehalfOf])
        _ = try run { try await $0.postApiOffersRefDecline(path: .init(ref: ref), body: .json(body)).noContent }
    }
    func lapseOffer(_ ref: String, as actor: String, reason: String) throws {
        let ref = try Ref.canonical(ref, "OF"), body: Components.Schemas.Reason = try Wire.make(["reason": reason])
        _ = try run { try await $0.postApiOffersRefLapse(path: .init(ref: ref), body: .json(body)).noContent }
    }
    func briefings(as actor: String) throws -> [BriefingDesk.BriefingLine] { try Wire.read(run { try await $0.getApiBriefings().ok.body.json }) }
    func briefing(_ ref: String, as actor: String) throws -> BriefingDesk.BriefingView {
        let ref = try Ref.canonical(ref, "BR")
        return try Wire.read(run { try await $0.getApiBriefingsRef(path: .init(ref: ref)).ok.body.json })
    }
    func attachMaterial(_ ref: String, as actor: String, text: String) throws -> Verdict {
        let ref = try Ref.canonical(ref, "BR"), body: Components.Schemas.TextBody = try Wire.make(["text": text])
        return try Wire.read(run { try await $0.postApiBriefingsRefMaterial(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    func closeBriefing(_ ref: String, as actor: String) throws {
        let ref = try Ref.canonical(ref, "BR")
        _ = try run { try await $0.postApiBriefingsRefClose(path: .init(ref: ref)).noContent }
    }
    func releaseBriefing(_ ref: String, as actor: String) throws {
        let ref = try Ref.canonical(ref, "BR")
        _ = try run { try await $0.postApiBriefingsRefRelease(path: .init(ref: ref)).noContent }
    }
    func respond(_ ref: String, as actor: String, _ answer: BriefingDesk.OfficerAnswer) throws -> [Verdict] {
        let ref = try Ref.canonical(ref, "SE"), body = try Wire.make(answer, as: Operations.PostApiSessionsRefRespond.Input.Body.JsonPayload.self)
        return try Wire.read(run { try await $0.postApiSessionsRefRespond(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    func sessions(as actor: String) throws -> [BriefingDesk.SessionView] { try Wire.read(run { try await $0.getApiSessions().ok.body.json }) }
    func session(_ ref: String, as actor: String) throws -> BriefingDesk.SessionView {
        let ref = try Ref.canonical(ref, "SE")
        return try Wire.read(run { try await $0.getApiSessionsRef(path: .init(ref: ref)).ok.body.json })
    }
    func reschedule(_ ref: String, as actor: String, to form: SessionForm, reason: String, overrides: [RuleID: String]) throws -> BriefingDesk.Receipt {
        struct Body: Encodable { var session: SessionForm; var reason: String; var overrides: [String: String] }
        let ref = try Ref.canonical(ref, "SE")
        let body = try Wire.make(Body(session: form, reason: reason, overrides: overrides.mapKeys(\.rawValue)),
                                 as: Operations.PostApiSessionsRefReschedule.Input.Body.JsonPayload.self)
        return try Wire.read(run { try await $0.postApiSessionsRefReschedule(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    func cancel(_ ref: String, as actor: String, reason: String) throws {
        let ref = try Ref.canonical(ref, "SE"), body: Components.Schemas.Reason = try Wire.make(["reason": reason])
        _ = try run { try await $0.postApiSessionsRefCancel(path: .init(ref: ref), body: .json(body)).noContent }
    }
    func withdraw(_ ref: String, as actor: String, onBehalfOf: String?, reason: String) throws {
        let ref = try Ref.canonical(ref, "SE"), body: Components.Schemas.ReasonOnBehalf = try Wire.make(["reason": reason, "onBehalfOf": onBehalfOf])
        _ = try run { try await $0.postApiSessionsRefWithdraw(path: .init(ref: ref), body: .json(body)).noContent }
    }
    func proposeTime(_ ref: String, as actor: String, to form: SessionForm, reason: String) throws -> BriefingDesk.TimeProposalView {
        struct Body: Encodable { var session: SessionForm; var reason: String }
        let ref = try Ref.canonical(ref, "SE")
        let body = try Wire.make(Body(session: form, reason: reason), as: Operations.PostApiSessionsRefPropose.Input.Body.JsonPayload.self)
        return try Wire.read(run { try await $0.postApiSessionsRefPropose(path: .init(ref: ref), body: .json(body)).created.body.json })
    }
    func answerProposal(_ ref: String, as actor: String, take: Bool, reason: String?) throws -> BriefingDesk.ProposalAnswer {
        let ref = try Ref.canonical(ref, "TP")
        if take {
            let body = try Wire.make(["reason": reason], as: Operations.PostApiProposalsRefTake.Input.Body.JsonPayload.self)
            return try Wire.read(run { try await $0.postApiProposalsRefTake(path: .init(ref: ref), body: .json(body)).ok.body.json })
        }
        let body: Components.Schemas.Reason = try Wire.make(["reason": reason])
        return try Wire.read(run { try await $0.postApiProposalsRefRefuse(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    func recordAbsence(from: LocalDate, until: LocalDate, as actor: String) throws {
        let body = try Wire.make(["from": from.description, "until": until.description], as: Operations.PostApiApproverAbsences.Input.Body.JsonPayload.self)
        _ = try run { try await $0.postApiApproverAbsences(body: .json(body)).noContent }
    }
    func absences(as actor: String) throws -> [BriefingDesk.AbsenceView] { try Wire.read(run { try await $0.getApiApproverAbsences().ok.body.json }) }
    func audit(as actor: String?) throws -> [AuditTrail.Entry] { try Wire.read(run { try await $0.getApiAudit().ok.body.json }) }
    func verifyAudit(as actor: String?) throws -> AuditTrail.Report { try Wire.read(run { try await $0.getApiAuditVerify().ok.body.json }) }
    func parity(as actor: String?) throws -> [BriefingDesk.ParityRow] { try Wire.read(run { try await $0.getApiParity().ok.body.json }) }
    func notifications(for actor: String) throws -> [BriefingDesk.NotificationView] {
        try Wire.read(run { try await $0.getApiNotifications().ok.body.json })
    }

    func addNote(_ session: String, as actor: String, text: String) throws -> BriefingDesk.NoteView {
        let ref = try Ref.canonical(session, "SE"), body: Components.Schemas.TextBody = try Wire.make(["text": text])
        return try Wire.read(run { try await $0.postApiSessionsRefNotes(path: .init(ref: ref), body: .json(body)).created.body.json })
    }
    func verifyNote(_ ref: String, as actor: String, correction: String?) throws -> BriefingDesk.NoteView {
        let ref = try Ref.canonical(ref, "NT"), body = try Wire.make(["correction": correction], as: Operations.PostApiNotesRefVerify.Input.Body.JsonPayload.self)
        return try Wire.read(run { try await $0.postApiNotesRefVerify(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    func finaliseNote(_ ref: String, as actor: String, unverifiedReason: String?) throws -> BriefingDesk.NoteView {
        let ref = try Ref.canonical(ref, "NT")
        let body = try Wire.make(["unverifiedReason": unverifiedReason], as: Operations.PostApiNotesRefFinalise.Input.Body.JsonPayload.self)
        return try Wire.read(run { try await $0.postApiNotesRefFinalise(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    func notes(as actor: String) throws -> [BriefingDesk.NoteView] { try Wire.read(run { try await $0.getApiNotes().ok.body.json }) }

    /// The service decides the subscriber: the token's holder.
    func issueFeedSecret(_ subject: BriefingDesk.FeedSubject, for person: String) throws -> String {
        let body = try Wire.make(["feed": subject.key], as: Operations.PostApiFeeds.Input.Body.JsonPayload.self)
        return try run { try await $0.postApiFeeds(body: .json(body)).created.body.json.secret }
    }
    func revokeFeedSecrets(for person: String, subject: BriefingDesk.FeedSubject?) throws -> Int {
        let body = try Wire.make(["feed": subject?.key], as: Operations.PostApiFeedsRevoke.Input.Body.JsonPayload.self)
        return try run { try await $0.postApiFeedsRevoke(body: .json(body)).ok.body.json.revoked }
    }
    /// Whose token this is (their roster id).
    func me() throws -> String { try run { try await $0.getApiMe().ok.body.json.person } }

    /// One call to the service; waits for the answer (the command line is synchronous until `DeskService` is async:
    /// then this bridge goes and each method awaits its call).
    func run<T: Sendable>(_ operation: @escaping @Sendable (Client) async throws -> T) throws -> T {
        let outcome = Outcome<T>()
        let done = DispatchSemaphore(value: 0)
        let service = service
        Task {
            outcome.set(await Result(catching: { try await service.call(operation) }))
            done.signal()
        }
        done.wait()
        do {
            return try outcome.get().get()
        } catch let problem as ServiceProblem {
            guard problem.explained else { throw CLIError(.failure, problem.message) }
            if problem.status == 401 {
                throw CLIError(.unauthorised, "the service refused the token: \(problem.message). \(problem.fix)")
            }
            throw DeskError(DeskError.Kind(rawValue: problem.error ?? "") ?? .invalid, rule: problem.rule.flatMap(RuleID.init),
                            clauses: problem.clauses, problem.message, fix: problem.fix, verdicts: problem.verdicts)
        } catch let unreadable as ServiceUnreadable {
            throw CLIError(.failure, unreadable.message)
        } catch let unreachable as ServiceUnreachable {
            throw CLIError(.unreachable, "cannot reach the briefings service at \(server.absoluteString) (\(unreachable.reason)); check --server or BRIEFINGS_SERVER, and that the service is running")
        }
    }

    /// The answer handed from the task making the call to the waiting command.
    final class Outcome<T: Sendable>: @unchecked Sendable {
        // Written once by the task before `signal()`, read after `wait()`: the semaphore orders them.
        private var value: Result<T, any Error>?
        func set(_ r: Result<T, any Error>) { value = r }
        func get() -> Result<T, any Error> { value! }
    }
}

extension Result where Failure == any Error {
    /// The outcome of an async throwing body.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
