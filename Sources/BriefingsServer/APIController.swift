import BriefingsAPI
import BriefingsDomain
import BriefingsStore
import Foundation
import Hummingbird

/// The JSON API: the `APIProtocol` generated from `openapi.yaml`, each operation a thin call into `BriefingDesk`.
/// No rule is judged here; the desk refuses, and `ErrorMiddleware` turns refusals into JSON with the status the
/// description lists. `APIWire+Values.swift` maps the desk's values to the generated types and the bodies to its forms, field by field.
struct APIController: APIProtocol {
    let desk: BriefingDesk

    func getApiMe(_ input: Operations.GetApiMe.Input) async throws -> Operations.GetApiMe.Output {
        let person = try SignedIn.current()
        return .ok(.init(body: .json(.init(person: person, roles: try await desk.council().roster.roles(of: person).map(\.description)))))
    }
    func getApiRules(_ input: Operations.GetApiRules.Input) async throws -> Operations.GetApiRules.Output {
        .ok(.init(body: .json(try .init(try await desk.rules()))))
    }

    func postApiRequests(_ input: Operations.PostApiRequests.Input) async throws -> Operations.PostApiRequests.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let form = RequestForm(try Wire.checked(body))
        return .created(.init(body: .json(.init(try await desk.submitRequest(form, as: try SignedIn.current())))))
    }
    func getApiRequests(_ input: Operations.GetApiRequests.Input) async throws -> Operations.GetApiRequests.Output {
        let page = try await desk.requests(as: try SignedIn.current(), page: try Desk.PageRequest(list: "requests", limit: input.query.limit, cursor: input.query.cursor))
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0) }, next: page.next))))
    }
    func getApiRequestsRef(_ input: Operations.GetApiRequestsRef.Input) async throws -> Operations.GetApiRequestsRef.Output {
        .ok(.init(body: .json(.init(try await desk.request(try Wire.ref(input.path.ref, "RQ"), as: try SignedIn.current())))))
    }
    func postApiRequestsRefAcknowledge(_ input: Operations.PostApiRequestsRefAcknowledge.Input) async throws -> Operations.PostApiRequestsRefAcknowledge.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        try await desk.acknowledge(try Wire.ref(input.path.ref, "RQ"), as: try SignedIn.current(), message: b.message,
                                   replyBy: try b.replyBy.map { try Wire.date($0, "replyBy") }, reason: b.reason)
        return .noContent(.init())
    }
    func postApiRequestsRefFlag(_ input: Operations.PostApiRequestsRefFlag.Input) async throws -> Operations.PostApiRequestsRefFlag.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        try await desk.flagRequest(try Wire.ref(input.path.ref, "RQ"), as: try SignedIn.current(), reason: b.reason)
        return .noContent(.init())
    }
    func postApiRequestsRefApprove(_ input: Operations.PostApiRequestsRefApprove.Input) async throws -> Operations.PostApiRequestsRefApprove.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        return .ok(.init(body: .json(.init(try await desk.approve(try Wire.ref(input.path.ref, "RQ"), as: try SignedIn.current(),
                                                                      overrides: try Wire.rules(b.overrides?.additionalProperties), explainDelay: b.explainDelay,
                                                                      judged: Wire.judged(b.judged))))))
    }
    func postApiRequestsRefDecline(_ input: Operations.PostApiRequestsRefDecline.Input) async throws -> Operations.PostApiRequestsRefDecline.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        try await desk.decline(try Wire.ref(input.path.ref, "RQ"), as: try SignedIn.current(), reason: b.reason, explainDelay: b.explainDelay)
        return .noContent(.init())
    }
    func getApiQueue(_ input: Operations.GetApiQueue.Input) async throws -> Operations.GetApiQueue.Output {
        let page = try await desk.queue(as: try SignedIn.current(), page: try Desk.PageRequest(list: "queue", limit: input.query.limit, cursor: input.query.cursor))
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0) }, next: page.next))))
    }

    func getApiOffers(_ input: Operations.GetApiOffers.Input) async throws -> Operations.GetApiOffers.Output {
        let page = try await desk.offers(as: try SignedIn.current(), page: try Desk.PageRequest(list: "offers", limit: input.query.limit, cursor: input.query.cursor))
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0) }, next: page.next))))
    }
    func getApiOffersRefSlots(_ input: Operations.GetApiOffersRefSlots.Input) async throws -> Operations.GetApiOffersRefSlots.Output {
        .ok(.init(body: .json(.init(try await desk.suggestSlots(offer: try Wire.ref(input.path.ref, "OF"), as: try SignedIn.current())))))
    }
    func postApiOffersRefAccept(_ input: Operations.PostApiOffersRefAccept.Input) async throws -> Operations.PostApiOffersRefAccept.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        return .created(.init(body: .json(.init(try await desk.acceptOffer(
            try Wire.ref(input.path.ref, "OF"), as: try SignedIn.current(), onBehalfOf: b.onBehalfOf, join: b.join, session: b.session.map { SessionForm($0.value1) },
            attendees: b.attendees ?? [], guests: b.guests ?? [])))))
    }
    func postApiOffersRefDecline(_ input: Operations.PostApiOffersRefDecline.Input) async throws -> Operations.PostApiOffersRefDecline.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        try await desk.declineOffer(try Wire.ref(input.path.ref, "OF"), as: try SignedIn.current(), onBehalfOf: b.onBehalfOf, reason: b.reason)
        return .noContent(.init())
    }
    func postApiOffersRefLapse(_ input: Operations.PostApiOffersRefLapse.Input) async throws -> Operations.PostApiOffersRefLapse.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        try await desk.lapseOffer(try Wire.ref(input.path.ref, "OF"), as: try SignedIn.current(), reason: b.reason)
        return .noContent(.init())
    }

    func getApiBriefings(_ input: Operations.GetApiBriefings.Input) async throws -> Operations.GetApiBriefings.Output {
        .ok(.init(body: .json(try await desk.briefings(as: try SignedIn.current()).map { .init($0) })))
    }
    func getApiBriefingsRef(_ input: Operations.GetApiBriefingsRef.Input) async throws -> Operations.GetApiBriefingsRef.Output {
        .ok(.init(body: .json(.init(try await desk.briefing(try Wire.ref(input.path.ref, "BR"), as: try SignedIn.current())))))
    }
    func postApiBriefingsRefMaterial(_ input: Operations.PostApiBriefingsRefMaterial.Input) async throws -> Operations.PostApiBriefingsRefMaterial.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        let file = b.file.map { Desk.Upload(name: $0.name, content: Data($0.content.data)) }
        return .ok(.init(body: .json(.init(try await desk.attachMaterial(try Wire.ref(input.path.ref, "BR"), as: try SignedIn.current(), text: b.text ?? "",
                                                                         group: b.group, file: file)))))
    }
    func postApiBriefingsRefClose(_ input: Operations.PostApiBriefingsRefClose.Input) async throws -> Operations.PostApiBriefingsRefClose.Output {
        try await desk.closeBriefing(try Wire.ref(input.path.ref, "BR"), as: try SignedIn.current())
        return .noContent(.init())
    }
    func postApiBriefingsRefRelease(_ input: Operations.PostApiBriefingsRefRelease.Input) async throws -> Operations.PostApiBriefingsRefRelease.Output {
        try await desk.releaseBriefing(try Wire.ref(input.path.ref, "BR"), as: try SignedIn.current())
        return .noContent(.init())
    }

    func getApiSessions(_ input: Operations.GetApiSessions.Input) async throws -> Operations.GetApiSessions.Output {
        let page = try await desk.sessions(as: try SignedIn.current(), page: try Desk.PageRequest(list: "sessions", limit: input.query.limit, cursor: input.query.cursor))
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0) }, next: page.next))))
    }
    func getApiSessionsRef(_ input: Operations.GetApiSessionsRef.Input) async throws -> Operations.GetApiSessionsRef.Output {
        .ok(.init(body: .json(.init(try await desk.session(try Wire.ref(input.path.ref, "SE"), as: try SignedIn.current())))))
    }
    func postApiSessionsRefRespond(_ input: Operations.PostApiSessionsRefRespond.Input) async throws -> Operations.PostApiSessionsRefRespond.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let answer = try Desk.OfficerAnswer(try Wire.checked(body))
        return .ok(.init(body: .json(try await desk.respond(try Wire.ref(input.path.ref, "SE"), as: try SignedIn.current(), answer).map { .init($0) })))
    }
    func postApiSessionsRefReschedule(_ input: Operations.PostApiSessionsRefReschedule.Input) async throws -> Operations.PostApiSessionsRefReschedule.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        return .ok(.init(body: .json(.init(try await desk.reschedule(try Wire.ref(input.path.ref, "SE"), as: try SignedIn.current(), to: SessionForm(b.session),
                                                                         reason: b.reason, overrides: try Wire.rules(b.overrides?.additionalProperties))))))
    }
    func postApiSessionsRefCancel(_ input: Operations.PostApiSessionsRefCancel.Input) async throws -> Operations.PostApiSessionsRefCancel.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        try await desk.cancel(try Wire.ref(input.path.ref, "SE"), as: try SignedIn.current(), reason: b.reason)
        return .noContent(.init())
    }
    func postApiSessionsRefWithdraw(_ input: Operations.PostApiSessionsRefWithdraw.Input) async throws -> Operations.PostApiSessionsRefWithdraw.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        try await desk.withdraw(try Wire.ref(input.path.ref, "SE"), as: try SignedIn.current(), onBehalfOf: b.onBehalfOf, reason: b.reason)
        return .noContent(.init())
    }
    func postApiSessionsRefPropose(_ input: Operations.PostApiSessionsRefPropose.Input) async throws -> Operations.PostApiSessionsRefPropose.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        return .created(.init(body: .json(.init(try await desk.proposeTime(try Wire.ref(input.path.ref, "SE"), as: try SignedIn.current(),
                                                                               to: SessionForm(b.session), reason: b.reason)))))
    }
    func postApiProposalsRefTake(_ input: Operations.PostApiProposalsRefTake.Input) async throws -> Operations.PostApiProposalsRefTake.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        _ = try Wire.checked(body)
        return .ok(.init(body: .json(.init(try await desk.answerProposal(try Wire.ref(input.path.ref, "TP"), as: try SignedIn.current(),
                                                                             take: true, reason: nil)))))
    }
    func postApiProposalsRefRefuse(_ input: Operations.PostApiProposalsRefRefuse.Input) async throws -> Operations.PostApiProposalsRefRefuse.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        return .ok(.init(body: .json(.init(try await desk.answerProposal(try Wire.ref(input.path.ref, "TP"), as: try SignedIn.current(),
                                                                             take: false, reason: b.reason)))))
    }
    func getApiApproverAbsences(_ input: Operations.GetApiApproverAbsences.Input) async throws -> Operations.GetApiApproverAbsences.Output {
        .ok(.init(body: .json(try await desk.absences(as: try SignedIn.current()).map { .init($0) })))
    }
    func postApiApproverAbsences(_ input: Operations.PostApiApproverAbsences.Input) async throws -> Operations.PostApiApproverAbsences.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        try await desk.recordAbsence(from: try Wire.date(b.from, "from"), until: try Wire.date(b.until, "until"), as: try SignedIn.current())
        return .noContent(.init())
    }

    func getApiNotes(_ input: Operations.GetApiNotes.Input) async throws -> Operations.GetApiNotes.Output {
        .ok(.init(body: .json(try await desk.notes(as: try SignedIn.current()).map { .init($0) })))
    }
    func postApiSessionsRefNotes(_ input: Operations.PostApiSessionsRefNotes.Input) async throws -> Operations.PostApiSessionsRefNotes.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        return .created(.init(body: .json(.init(try await desk.addNote(try Wire.ref(input.path.ref, "SE"), as: try SignedIn.current(), text: b.text)))))
    }
    func postApiNotesRefVerify(_ input: Operations.PostApiNotesRefVerify.Input) async throws -> Operations.PostApiNotesRefVerify.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        return .ok(.init(body: .json(.init(try await desk.verifyNote(try Wire.ref(input.path.ref, "NT"), as: try SignedIn.current(),
                                                                         correction: b.correction)))))
    }
    func postApiNotesRefFinalise(_ input: Operations.PostApiNotesRefFinalise.Input) async throws -> Operations.PostApiNotesRefFinalise.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        return .ok(.init(body: .json(.init(try await desk.finaliseNote(try Wire.ref(input.path.ref, "NT"), as: try SignedIn.current(),
                                                                           unverifiedReason: b.unverifiedReason)))))
    }

    func postApiFeeds(_ input: Operations.PostApiFeeds.Input) async throws -> Operations.PostApiFeeds.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        let me = try SignedIn.current()
        let secret = try await desk.issueFeedSecret(try Wire.feed(b.feed), for: me, by: me)
        return .created(.init(body: .json(.init(secret: secret, path: "/feeds/\(secret).ics"))))
    }
    func postApiFeedsRevoke(_ input: Operations.PostApiFeedsRevoke.Input) async throws -> Operations.PostApiFeedsRevoke.Output {
        guard case .json(let body) = input.body else { throw Wire.noBody }
        let b = try Wire.checked(body)
        let me = try SignedIn.current()
        let revoked = try await desk.revokeFeedSecrets(for: me, subject: b.feed == nil ? nil : try Wire.feed(b.feed), by: me)
        return .ok(.init(body: .json(.init(revoked: revoked))))
    }

    func getApiAudit(_ input: Operations.GetApiAudit.Input) async throws -> Operations.GetApiAudit.Output {
        let page = try await desk.audit(as: try SignedIn.current(), page: try Desk.PageRequest(list: "audit", limit: input.query.limit, cursor: input.query.cursor))
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0) }, next: page.next))))
    }
    func getApiAuditVerify(_ input: Operations.GetApiAuditVerify.Input) async throws -> Operations.GetApiAuditVerify.Output {
        .ok(.init(body: .json(.init(try await desk.verifyAudit(as: try SignedIn.current())))))
    }
    func getApiParity(_ input: Operations.GetApiParity.Input) async throws -> Operations.GetApiParity.Output {
        .ok(.init(body: .json(try await desk.parity(as: try SignedIn.current()).map { .init($0) })))
    }
    func getApiNotifications(_ input: Operations.GetApiNotifications.Input) async throws -> Operations.GetApiNotifications.Output {
        let page = try await desk.notifications(for: try SignedIn.current(),
                                                page: try Desk.PageRequest(list: "notifications", limit: input.query.limit, cursor: input.query.cursor))
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0) }, next: page.next))))
    }

    // `/health`, `/metrics`, `/openapi.yaml` and the feeds are plain routes (OpsController, FeedController): the feed's
    // ETag and 304 and the metrics' text are no JSON. `APIRoutes` registers only `/api/…`, so these are never called.
    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output { throw Wire.plainRoute }
    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output { throw Wire.plainRoute }
    func getOpenapi_yaml(_ input: Operations.GetOpenapi_yaml.Input) async throws -> Operations.GetOpenapi_yaml.Output { throw Wire.plainRoute }
    func getFeedsFile(_ input: Operations.GetFeedsFile.Input) async throws -> Operations.GetFeedsFile.Output { throw Wire.plainRoute }
    func headFeedsFile(_ input: Operations.HeadFeedsFile.Input) async throws -> Operations.HeadFeedsFile.Output { throw Wire.plainRoute }
}
