import BriefingsAPI
import BriefingsClient
import BriefingsDomain
import Foundation

/// The command line as a client of `briefings serve`: the same steps over the JSON API through the client generated
/// from `openapi.yaml`, with the service's refusals turned back into the same errors (and exit codes) as local mode.
/// What goes over the wire is mapped to and from the desk's values field by field in one place, `RemoteDesk+Wire.swift`.
/// It links no database: this target does not depend on `BriefingsStore`, so it cannot import it.
public struct RemoteDesk: DeskService {
    let service: ServiceClient

    public init(server: URL, token: String) { service = ServiceClient(server: server, token: token) }
    public var server: URL { service.server }

    public func rules() async throws -> Desk.RulesView { Desk.RulesView(try await run { try await $0.getApiRules().ok.body.json }) }
    public func submitRequest(_ form: RequestForm, as actor: String) async throws -> Desk.Receipt {
        let body = Components.Schemas.RequestForm(form)
        return try Desk.Receipt(await run { try await $0.postApiRequests(body: .json(body)).created.body.json })
    }
    public func request(_ ref: String, as actor: String) async throws -> Desk.RequestView {
        let ref = try Ref.canonical(ref, "RQ")
        return try Desk.RequestView(await run { try await $0.getApiRequestsRef(path: .init(ref: ref)).ok.body.json })
    }
    public func requests(as actor: String, page: Desk.PageRequest) async throws -> Desk.Page<Desk.RequestLine> {
        let body = try await run { try await $0.getApiRequests(query: .init(limit: page.limit, cursor: page.cursor?.text)).ok.body.json }
        return Desk.Page(items: try body.items.map(Desk.RequestLine.init), next: body.next)
    }
    public func acknowledge(_ ref: String, as actor: String, message: String, replyBy: LocalDate?, reason: String?) async throws {
        let ref = try Ref.canonical(ref, "RQ")
        let body = Operations.PostApiRequestsRefAcknowledge.Input.Body.JsonPayload(message: message, replyBy: replyBy?.description, reason: reason)
        _ = try await run { try await $0.postApiRequestsRefAcknowledge(path: .init(ref: ref), body: .json(body)).noContent }
    }
    public func flagRequest(_ ref: String, as actor: String, reason: String) async throws {
        let ref = try Ref.canonical(ref, "RQ")
        _ = try await run { try await $0.postApiRequestsRefFlag(path: .init(ref: ref), body: .json(.init(reason: reason))).noContent }
    }
    public func queue(as actor: String, page: Desk.PageRequest) async throws -> Desk.Page<Desk.QueueItem> {
        let body = try await run { try await $0.getApiQueue(query: .init(limit: page.limit, cursor: page.cursor?.text)).ok.body.json }
        return Desk.Page(items: try body.items.map(Desk.QueueItem.init), next: body.next)
    }
    public func approve(_ ref: String, as actor: String, overrides: [RuleID: String], explainDelay: String?, judged: Set<RuleID>) async throws -> Desk.Approval {
        let ref = try Ref.canonical(ref, "RQ")
        // Only a rule a person judges can be said to be judged: the command line refuses any other before it asks.
        let said = judged.sorted { $0.rawValue < $1.rawValue }.compactMap { Components.Schemas.JudgedRule(rawValue: $0.rawValue) }
        let body = Operations.PostApiRequestsRefApprove.Input.Body.JsonPayload(overrides: Wire.overrides(overrides), explainDelay: explainDelay,
                                                                               judged: said)
        return try Desk.Approval(await run { try await $0.postApiRequestsRefApprove(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    public func decline(_ ref: String, as actor: String, reason: String, explainDelay: String?) async throws {
        let ref = try Ref.canonical(ref, "RQ")
        let body = Operations.PostApiRequestsRefDecline.Input.Body.JsonPayload(reason: reason, explainDelay: explainDelay)
        _ = try await run { try await $0.postApiRequestsRefDecline(path: .init(ref: ref), body: .json(body)).noContent }
    }
    public func offers(as actor: String, page: Desk.PageRequest) async throws -> Desk.Page<Desk.OfferView> {
        let body = try await run { try await $0.getApiOffers(query: .init(limit: page.limit, cursor: page.cursor?.text)).ok.body.json }
        return Desk.Page(items: try body.items.map(Desk.OfferView.init), next: body.next)
    }
    public func suggestSlots(offer ref: String, as actor: String) async throws -> Desk.OfferSlots {
        let ref = try Ref.canonical(ref, "OF")
        return Desk.OfferSlots(try await run { try await $0.getApiOffersRefSlots(path: .init(ref: ref)).ok.body.json })
    }
    public func acceptOffer(_ ref: String, as actor: String, onBehalfOf: String?, join: String?, session: SessionForm?,
                            attendees: [String], guests: [String]) async throws -> Desk.Receipt {
        let ref = try Ref.canonical(ref, "OF")
        // The session to join in the form the service writes it; one that does not parse is sent as given for the service to refuse.
        let body = Operations.PostApiOffersRefAccept.Input.Body.JsonPayload(
            onBehalfOf: onBehalfOf, join: join.map { (try? Ref.canonical($0, "SE")) ?? $0 },
            session: session.map(Components.Schemas.NewSessionForm.init), attendees: attendees, guests: guests)
        return try Desk.Receipt(await run { try await $0.postApiOffersRefAccept(path: .init(ref: ref), body: .json(body)).created.body.json })
    }
    public func declineOffer(_ ref: String, as actor: String, onBehalfOf: String?, reason: String) async throws {
        let ref = try Ref.canonical(ref, "OF")
        _ = try await run {
            try await $0.postApiOffersRefDecline(path: .init(ref: ref), body: .json(.init(reason: reason, onBehalfOf: onBehalfOf))).noContent
        }
    }
    public func lapseOffer(_ ref: String, as actor: String, reason: String) async throws {
        let ref = try Ref.canonical(ref, "OF")
        _ = try await run { try await $0.postApiOffersRefLapse(path: .init(ref: ref), body: .json(.init(reason: reason))).noContent }
    }
    public func briefings(as actor: String) async throws -> [Desk.BriefingLine] {
        try await run { try await $0.getApiBriefings().ok.body.json }.map(Desk.BriefingLine.init)
    }
    public func briefing(_ ref: String, as actor: String) async throws -> Desk.BriefingView {
        let ref = try Ref.canonical(ref, "BR")
        return Desk.BriefingView(try await run { try await $0.getApiBriefingsRef(path: .init(ref: ref)).ok.body.json })
    }
    public func attachMaterial(_ ref: String, as actor: String, text: String, group: String?, file: Desk.Upload?) async throws -> Desk.Receipt {
        let ref = try Ref.canonical(ref, "BR")
        let body = Components.Schemas.MaterialBody(text: text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text,
                                                   file: file.map { .init(name: $0.name, content: .init(Array($0.content))) }, group: group)
        return try Desk.Receipt(await run { try await $0.postApiBriefingsRefMaterial(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    public func closeBriefing(_ ref: String, as actor: String) async throws {
        let ref = try Ref.canonical(ref, "BR")
        _ = try await run { try await $0.postApiBriefingsRefClose(path: .init(ref: ref)).noContent }
    }
    public func releaseBriefing(_ ref: String, as actor: String) async throws {
        let ref = try Ref.canonical(ref, "BR")
        _ = try await run { try await $0.postApiBriefingsRefRelease(path: .init(ref: ref)).noContent }
    }
    public func respond(_ ref: String, as actor: String, _ answer: Desk.OfficerAnswer) async throws -> [Verdict] {
        let ref = try Ref.canonical(ref, "SE"), body = Operations.PostApiSessionsRefRespond.Input.Body.JsonPayload(answer)
        return try await run { try await $0.postApiSessionsRefRespond(path: .init(ref: ref), body: .json(body)).ok.body.json }.map(Verdict.init)
    }
    public func sessions(as actor: String, page: Desk.PageRequest) async throws -> Desk.Page<Desk.SessionView> {
        let body = try await run { try await $0.getApiSessions(query: .init(limit: page.limit, cursor: page.cursor?.text)).ok.body.json }
        return Desk.Page(items: try body.items.map(Desk.SessionView.init), next: body.next)
    }
    public func session(_ ref: String, as actor: String) async throws -> Desk.SessionView {
        let ref = try Ref.canonical(ref, "SE")
        return Desk.SessionView(try await run { try await $0.getApiSessionsRef(path: .init(ref: ref)).ok.body.json })
    }
    public func reschedule(_ ref: String, as actor: String, to form: SessionForm, reason: String, overrides: [RuleID: String]) async throws -> Desk.Receipt {
        let ref = try Ref.canonical(ref, "SE")
        let body = Operations.PostApiSessionsRefReschedule.Input.Body.JsonPayload(session: .init(form), reason: reason, overrides: Wire.overrides(overrides))
        return try Desk.Receipt(await run { try await $0.postApiSessionsRefReschedule(path: .init(ref: ref), body: .json(body)).ok.body.json })
    }
    public func cancel(_ ref: String, as actor: String, reason: String) async throws {
        let ref = try Ref.canonical(ref, "SE")
        _ = try await run { try await $0.postApiSessionsRefCancel(path: .init(ref: ref), body: .json(.init(reason: reason))).noContent }
    }
    public func withdraw(_ ref: String, as actor: String, onBehalfOf: String?, reason: String) async throws {
        let ref = try Ref.canonical(ref, "SE")
        _ = try await run {
            try await $0.postApiSessionsRefWithdraw(path: .init(ref: ref), body: .json(.init(reason: reason, onBehalfOf: onBehalfOf))).noContent
        }
    }
    public func proposeTime(_ ref: String, as actor: String, to form: SessionForm, reason: String) async throws -> Desk.TimeProposalView {
        let ref = try Ref.canonical(ref, "SE")
        let body = Operations.PostApiSessionsRefPropose.Input.Body.JsonPayload(session: .init(form), reason: reason)
        return Desk.TimeProposalView(try await run { try await $0.postApiSessionsRefPropose(path: .init(ref: ref), body: .json(body)).created.body.json })
    }
    public func answerProposal(_ ref: String, as actor: String, take: Bool, reason: String?) async throws -> Desk.ProposalAnswer {
        let ref = try Ref.canonical(ref, "TP")
        if take {
            return try Desk.ProposalAnswer(await run {
                try await $0.postApiProposalsRefTake(path: .init(ref: ref), body: .json(.init(reason: reason))).ok.body.json
            })
        }
        // A refusal needs a reason: without one an empty one is sent, and the service refuses it as the desk would.
        return try Desk.ProposalAnswer(await run {
            try await $0.postApiProposalsRefRefuse(path: .init(ref: ref), body: .json(.init(reason: reason ?? ""))).ok.body.json
        })
    }
    public func recordAbsence(from: LocalDate, until: LocalDate, as actor: String) async throws {
        let body = Operations.PostApiApproverAbsences.Input.Body.JsonPayload(from: from.description, until: until.description)
        _ = try await run { try await $0.postApiApproverAbsences(body: .json(body)).noContent }
    }
    public func absences(as actor: String) async throws -> [Desk.AbsenceView] {
        try await run { try await $0.getApiApproverAbsences().ok.body.json }.map(Desk.AbsenceView.init)
    }
    public func audit(as actor: String?, page: Desk.PageRequest) async throws -> Desk.Page<Desk.AuditEntry> {
        let body = try await run { try await $0.getApiAudit(query: .init(limit: page.limit, cursor: page.cursor?.text)).ok.body.json }
        return Desk.Page(items: try body.items.map(Desk.AuditEntry.init), next: body.next)
    }
    public func verifyAudit(as actor: String?) async throws -> Desk.AuditReport {
        Desk.AuditReport(try await run { try await $0.getApiAuditVerify().ok.body.json })
    }
    public func parity(as actor: String?) async throws -> [Desk.ParityRow] {
        try await run { try await $0.getApiParity().ok.body.json }.map(Desk.ParityRow.init)
    }
    public func notifications(for actor: String, page: Desk.PageRequest) async throws -> Desk.Page<Desk.NotificationView> {
        let body = try await run { try await $0.getApiNotifications(query: .init(limit: page.limit, cursor: page.cursor?.text)).ok.body.json }
        return Desk.Page(items: try body.items.map(Desk.NotificationView.init), next: body.next)
    }

    public func addNote(_ session: String, as actor: String, text: String) async throws -> Desk.NoteView {
        let ref = try Ref.canonical(session, "SE")
        return try Desk.NoteView(await run { try await $0.postApiSessionsRefNotes(path: .init(ref: ref), body: .json(.init(text: text))).created.body.json })
    }
    public func verifyNote(_ ref: String, as actor: String, correction: String?) async throws -> Desk.NoteView {
        let ref = try Ref.canonical(ref, "NT")
        return try Desk.NoteView(await run {
            try await $0.postApiNotesRefVerify(path: .init(ref: ref), body: .json(.init(correction: correction))).ok.body.json
        })
    }
    public func finaliseNote(_ ref: String, as actor: String, unverifiedReason: String?) async throws -> Desk.NoteView {
        let ref = try Ref.canonical(ref, "NT")
        return try Desk.NoteView(await run {
            try await $0.postApiNotesRefFinalise(path: .init(ref: ref), body: .json(.init(unverifiedReason: unverifiedReason))).ok.body.json
        })
    }
    public func notes(as actor: String) async throws -> [Desk.NoteView] { try await run { try await $0.getApiNotes().ok.body.json }.map(Desk.NoteView.init) }

    /// The service decides the subscriber: the token's holder.
    public func issueFeedSecret(_ subject: Desk.FeedSubject, for person: String) async throws -> String {
        try await run { try await $0.postApiFeeds(body: .json(.init(feed: subject.key))).created.body.json.secret }
    }
    public func revokeFeedSecrets(for person: String, subject: Desk.FeedSubject?) async throws -> Int {
        try await run { try await $0.postApiFeedsRevoke(body: .json(.init(feed: subject?.key))).ok.body.json.revoked }
    }
    /// Whose token this is (their roster id).
    public func me() async throws -> String { try await run { try await $0.getApiMe().ok.body.json.person } }

    /// One call to the service, its refusals turned back into the errors (and exit codes) of local mode.
    func run<T: Sendable>(_ operation: @escaping @Sendable (Client) async throws -> T) async throws -> T {
        do {
            return try await service.call(operation)
        } catch let problem as ServiceProblem {
            guard problem.explained else { throw RemoteFailure(.failure, problem.message) }
            if problem.status == 401 {
                throw RemoteFailure(.unauthorised, "the service refused the token: \(problem.message). \(problem.fix)")
            }
            throw DeskError(DeskError.Kind(rawValue: problem.error ?? "") ?? .invalid, rule: problem.rule.flatMap(RuleID.init),
                            clauses: problem.clauses, problem.message, fix: problem.fix, verdicts: problem.verdicts)
        } catch let unreadable as ServiceUnreadable {
            throw RemoteFailure(.failure, unreadable.message)
        } catch let unreachable as ServiceUnreachable {
            throw RemoteFailure(.unreachable, "cannot reach the briefings service at \(server.absoluteString) (\(unreachable.reason)); check --server or BRIEFINGS_SERVER, and that the service is running")
        }
    }
}

/// A failure of the remote client itself (not a refusal by the desk, which is a `DeskError`): the command line prints its
/// message and exits with the code its kind names.
public struct RemoteFailure: Error, Sendable {
    public enum Kind: Sendable {
        /// The answer could not be read, or the request could not be written.
        case failure
        /// The service refused the token.
        case unauthorised
        /// No answer from the service.
        case unreachable
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
}
