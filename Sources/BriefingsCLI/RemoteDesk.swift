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

    func rules() async throws -> BriefingDesk.RulesView { try await Wire.read(run { try await $0.getApiRules().ok.body.json }) }
    func submitRequest(_ form: RequestForm, as actor: String) async throws -> BriefingDesk.Receipt {
        let body: Components.Schemas.RequestForm = try Wire.make(form)
        return try await Wire.read(run { try await $0.postApiRequests(body: .json(body)).created.body.json })
    }
    func request(_ ref: String, as actor: String) async throws -> BriefingDesk.RequestView {
        let ref = try Ref.canonical(ref, "RQ")
        return try await Wire.read(run { try await $0.getApiRequestsRef(path: .init(ref: ref)).ok.body.json })
    }
    func requests(as actor: String) async throws -> [BriefingDesk.RequestLine] { try await Wire.read(run { try await $0.getApiRequests().ok.body.json }) }
    func acknowledge(_ ref: String, as actor: String, message: String) async throws {
        let ref = try Ref.canonical(ref, "RQ"), body = try Wire.make(["message": message], as: Operations.PostApiRequestsRefAcknowledge.Input.Body.JsonPayload.self)
        _ = try await run { try await $0.postApiRequestsRefAcknowledge(path: .init(ref: ref), body: .json(body)).noContent }
    }
    func flagRequest(_ ref: String, as actor: String, reason: String) async throws {
        let ref = try Ref.canonical(ref, "RQ"), body: Components.Schemas.Reason = try Wire.make(["reason": reason])
        _ = try await run { try await $0.postApiRequestsRefFlag(path: .init(ref: ref), body: .json(body)).noContent }
    }
    func queue(as actor: String) async throws -> [BriefingDesk.QueueItem] { try await Wire.read(run { try await $0.getApiQueue().ok.body.json }) }
    func approve(_ ref: String, as actor: String, overrides: [RuleID: String], explainDelay: String?) async throws -> BriefingDesk.Approval {
        struct Body: Encodable { var overrides: [String: String]; var explainDelay: String? }
        let ref = try Ref.canonical(ref, "RQ")
        let body = try Wire.make(Body(overrides: overrides.mapKeys(\.rawValue), explainDelay: explainDelay),
                                 as: Operations.PostApiRequestsRefApprove.Input.Body.JsonPayload.self)
        return try await Wire.read(run { try await $0.postApiRequestsRefApprove(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    func decline(_ ref: String, as actor: String, reason: String, explainDelay: String?) async throws {
        let ref = try Ref.canonical(ref, "RQ")
        let body = try Wire.make(["reason": reason, "explainDelay": explainDelay], as: Operations.PostApiRequestsRefDecline.Input.Body.JsonPayload.self)
        _ = try await run { try await $0.postApiRequestsRefDecline(path: .init(ref: ref), body: .json(body)).noContent }
    }
    func offers(as actor: String) async throws -> [BriefingDesk.OfferView] { try await Wire.read(run { try await $0.getApiOffers().ok.body.json }) }
    func suggestSlots(offer ref: String, as actor: String) async throws -> BriefingDesk.OfferSlots {
        let ref = try Ref.canonical(ref, "OF")
        return try await Wire.read(run { try await $0.getApiOffersRefSlots(path: .init(ref: ref)).ok.body.json })
    }
    func acceptOffer(_ ref: String, as actor: String, onBehalfOf: String?, join: String?, session: SessionForm?,
                     attendees: [String], guests: [String]) async throws -> BriefingDesk.Receipt {
        struct Body: Encodable { var onBehalfOf: String?; var join: String?; var session: SessionForm?; var attendees: [String]; var guests: [String] }
        let ref = try Ref.canonical(ref, "OF")
        // The session to join in the form the service writes it; one that does not parse is sent as given for the service to refuse.
        let body = try Wire.make(Body(onBehalfOf: onBehalfOf, join: join.map { (try? Ref.canonical($0, "SE")) ?? $0 }, session: session,
                                      attendees: attendees, guests: guests), as: Operations.PostApiOffersRefAccept.Input.Body.JsonPayload.self)
        return try await Wire.read(run { try await $0.postApiOffersRefAccept(path: .init(ref: ref), body: .json(body)).created.body.json })
    }
    func declineOffer(_ ref: String, as actor: String, onBehalfOf: String?, reason: String) async throws {
        let ref = try Ref.canonical(ref, "OF"), body: Components.Schemas.ReasonOnBehalf = try Wire.make(["reason": reason, "onBehalfOf": onBehalfOf])
        _ = try await run { try await $0.postApiOffersRefDecline(path: .init(ref: ref), body: .json(body)).noContent }
    }
    func lapseOffer(_ ref: String, as actor: String, reason: String) async throws {
        let ref = try Ref.canonical(ref, "OF"), body: Components.Schemas.Reason = try Wire.make(["reason": reason])
        _ = try await run { try await $0.postApiOffersRefLapse(path: .init(ref: ref), body: .json(body)).noContent }
    }
    func briefings(as actor: String) async throws -> [BriefingDesk.BriefingLine] { try await Wire.read(run { try await $0.getApiBriefings().ok.body.json }) }
    func briefing(_ ref: String, as actor: String) async throws -> BriefingDesk.BriefingView {
        let ref = try Ref.canonical(ref, "BR")
        return try await Wire.read(run { try await $0.getApiBriefingsRef(path: .init(ref: ref)).ok.body.json })
    }
    func attachMaterial(_ ref: String, as actor: String, text: String) async throws -> Verdict {
        let ref = try Ref.canonical(ref, "BR"), body: Components.Schemas.TextBody = try Wire.make(["text": text])
        return try await Wire.read(run { try await $0.postApiBriefingsRefMaterial(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    func closeBriefing(_ ref: String, as actor: String) async throws {
        let ref = try Ref.canonical(ref, "BR")
        _ = try await run { try await $0.postApiBriefingsRefClose(path: .init(ref: ref)).noContent }
    }
    func releaseBriefing(_ ref: String, as actor: String) async throws {
        let ref = try Ref.canonical(ref, "BR")
        _ = try await run { try await $0.postApiBriefingsRefRelease(path: .init(ref: ref)).noContent }
    }
    func respond(_ ref: String, as actor: String, _ answer: BriefingDesk.OfficerAnswer) async throws -> [Verdict] {
        let ref = try Ref.canonical(ref, "SE"), body = try Wire.make(answer, as: Operations.PostApiSessionsRefRespond.Input.Body.JsonPayload.self)
        return try await Wire.read(run { try await $0.postApiSessionsRefRespond(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    func sessions(as actor: String) async throws -> [BriefingDesk.SessionView] { try await Wire.read(run { try await $0.getApiSessions().ok.body.json }) }
    func session(_ ref: String, as actor: String) async throws -> BriefingDesk.SessionView {
        let ref = try Ref.canonical(ref, "SE")
        return try await Wire.read(run { try await $0.getApiSessionsRef(path: .init(ref: ref)).ok.body.json })
    }
    func reschedule(_ ref: String, as actor: String, to form: SessionForm, reason: String, overrides: [RuleID: String]) async throws -> BriefingDesk.Receipt {
        struct Body: Encodable { var session: SessionForm; var reason: String; var overrides: [String: String] }
        let ref = try Ref.canonical(ref, "SE")
        let body = try Wire.make(Body(session: form, reason: reason, overrides: overrides.mapKeys(\.rawValue)),
                                 as: Operations.PostApiSessionsRefReschedule.Input.Body.JsonPayload.self)
        return try await Wire.read(run { try await $0.postApiSessionsRefReschedule(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    func cancel(_ ref: String, as actor: String, reason: String) async throws {
        let ref = try Ref.canonical(ref, "SE"), body: Components.Schemas.Reason = try Wire.make(["reason": reason])
        _ = try await run { try await $0.postApiSessionsRefCancel(path: .init(ref: ref), body: .json(body)).noContent }
    }
    func withdraw(_ ref: String, as actor: String, onBehalfOf: String?, reason: String) async throws {
        let ref = try Ref.canonical(ref, "SE"), body: Components.Schemas.ReasonOnBehalf = try Wire.make(["reason": reason, "onBehalfOf": onBehalfOf])
        _ = try await run { try await $0.postApiSessionsRefWithdraw(path: .init(ref: ref), body: .json(body)).noContent }
    }
    func proposeTime(_ ref: String, as actor: String, to form: SessionForm, reason: String) async throws -> BriefingDesk.TimeProposalView {
        struct Body: Encodable { var session: SessionForm; var reason: String }
        let ref = try Ref.canonical(ref, "SE")
        let body = try Wire.make(Body(session: form, reason: reason), as: Operations.PostApiSessionsRefPropose.Input.Body.JsonPayload.self)
        return try await Wire.read(run { try await $0.postApiSessionsRefPropose(path: .init(ref: ref), body: .json(body)).created.body.json })
    }
    func answerProposal(_ ref: String, as actor: String, take: Bool, reason: String?) async throws -> BriefingDesk.ProposalAnswer {
        let ref = try Ref.canonical(ref, "TP")
        if take {
            let body = try Wire.make(["reason": reason], as: Operations.PostApiProposalsRefTake.Input.Body.JsonPayload.self)
            return try await Wire.read(run { try await $0.postApiProposalsRefTake(path: .init(ref: ref), body: .json(body)).ok.body.json })
        }
        let body: Components.Schemas.Reason = try Wire.make(["reason": reason])
        return try await Wire.read(run { try await $0.postApiProposalsRefRefuse(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    func recordAbsence(from: LocalDate, until: LocalDate, as actor: String) async throws {
        let body = try Wire.make(["from": from.description, "until": until.description], as: Operations.PostApiApproverAbsences.Input.Body.JsonPayload.self)
        _ = try await run { try await $0.postApiApproverAbsences(body: .json(body)).noContent }
    }
    func absences(as actor: String) async throws -> [BriefingDesk.AbsenceView] { try await Wire.read(run { try await $0.getApiApproverAbsences().ok.body.json }) }
    func audit(as actor: String?) async throws -> [AuditTrail.Entry] { try await Wire.read(run { try await $0.getApiAudit().ok.body.json }) }
    func verifyAudit(as actor: String?) async throws -> AuditTrail.Report { try await Wire.read(run { try await $0.getApiAuditVerify().ok.body.json }) }
    func parity(as actor: String?) async throws -> [BriefingDesk.ParityRow] { try await Wire.read(run { try await $0.getApiParity().ok.body.json }) }
    func notifications(for actor: String) async throws -> [BriefingDesk.NotificationView] {
        try await Wire.read(run { try await $0.getApiNotifications().ok.body.json })
    }

    func addNote(_ session: String, as actor: String, text: String) async throws -> BriefingDesk.NoteView {
        let ref = try Ref.canonical(session, "SE"), body: Components.Schemas.TextBody = try Wire.make(["text": text])
        return try await Wire.read(run { try await $0.postApiSessionsRefNotes(path: .init(ref: ref), body: .json(body)).created.body.json })
    }
    func verifyNote(_ ref: String, as actor: String, correction: String?) async throws -> BriefingDesk.NoteView {
        let ref = try Ref.canonical(ref, "NT"), body = try Wire.make(["correction": correction], as: Operations.PostApiNotesRefVerify.Input.Body.JsonPayload.self)
        return try await Wire.read(run { try await $0.postApiNotesRefVerify(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    func finaliseNote(_ ref: String, as actor: String, unverifiedReason: String?) async throws -> BriefingDesk.NoteView {
        let ref = try Ref.canonical(ref, "NT")
        let body = try Wire.make(["unverifiedReason": unverifiedReason], as: Operations.PostApiNotesRefFinalise.Input.Body.JsonPayload.self)
        return try await Wire.read(run { try await $0.postApiNotesRefFinalise(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    func notes(as actor: String) async throws -> [BriefingDesk.NoteView] { try await Wire.read(run { try await $0.getApiNotes().ok.body.json }) }

    /// The service decides the subscriber: the token's holder.
    func issueFeedSecret(_ subject: BriefingDesk.FeedSubject, for person: String) async throws -> String {
        let body = try Wire.make(["feed": subject.key], as: Operations.PostApiFeeds.Input.Body.JsonPayload.self)
        return try await run { try await $0.postApiFeeds(body: .json(body)).created.body.json.secret }
    }
    func revokeFeedSecrets(for person: String, subject: BriefingDesk.FeedSubject?) async throws -> Int {
        let body = try Wire.make(["feed": subject?.key], as: Operations.PostApiFeedsRevoke.Input.Body.JsonPayload.self)
        return try await run { try await $0.postApiFeedsRevoke(body: .json(body)).ok.body.json.revoked }
    }
    /// Whose token this is (their roster id).
    func me() async throws -> String { try await run { try await $0.getApiMe().ok.body.json.person } }

    /// One call to the service, its refusals turned back into the errors (and exit codes) of local mode.
    func run<T: Sendable>(_ operation: @escaping @Sendable (Client) async throws -> T) async throws -> T {
        do {
            return try await service.call(operation)
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
}
