import BriefingsDomain
import BriefingsStore
import Foundation
import Hummingbird

/// The JSON API: one route per workflow step and read, each a thin call into `BriefingDesk`.
/// No rule is judged here; the desk refuses, and `ErrorMiddleware` turns refusals into JSON.
struct APIController {
    let desk: BriefingDesk

    func addRoutes(to group: RouterGroup<BriefingsContext>) {
        group.get("me") { _, c in try JSONBody.response(Me(person: c.person!, roles: try await desk.council().roster.roles(of: c.person!).map(\.description))) }
        group.get("rules") { _, _ in try JSONBody.response(try await desk.rules()) }

        group.post("requests") { req, c in
            let form = try await JSONBody.decode(RequestForm.self, req, c, fields: Fields.request, nested: ["session": Fields.session])
            return try JSONBody.response(try await desk.submitRequest(form, as: c.person!), status: .created)
        }
        group.get("requests") { _, c in try JSONBody.response(try await desk.requests(as: c.person!)) }
        group.get("requests/:ref") { _, c in try JSONBody.response(try await desk.request(c.ref("RQ"), as: c.person!)) }
        group.post("requests/:ref/acknowledge") { req, c in
            let b = try await JSONBody.decode(MessageBody.self, req, c, fields: ["message"])
            try await desk.acknowledge(c.ref("RQ"), as: c.person!, message: b.message)
            return JSONBody.noContent
        }
        group.post("requests/:ref/flag") { req, c in
            let b = try await JSONBody.decode(ReasonBody.self, req, c, fields: ["reason"])
            try await desk.flagRequest(c.ref("RQ"), as: c.person!, reason: b.reason)
            return JSONBody.noContent
        }
        group.post("requests/:ref/approve") { req, c in
            let body = try await JSONBody.decode(ApproveBody.self, req, c, fields: ["overrides", "explainDelay"])
            return try JSONBody.response(try await desk.approve(c.ref("RQ"), as: c.person!, overrides: try Self.rules(body.overrides), explainDelay: body.explainDelay))
        }
        group.post("requests/:ref/decline") { req, c in
            let body = try await JSONBody.decode(DeclineBody.self, req, c, fields: ["reason", "explainDelay"])
            try await desk.decline(c.ref("RQ"), as: c.person!, reason: body.reason, explainDelay: body.explainDelay)
            return JSONBody.noContent
        }
        group.get("queue") { _, c in try JSONBody.response(try await desk.queue(as: c.person!)) }

        group.get("offers") { _, c in try JSONBody.response(try await desk.offers(as: c.person!)) }
        group.get("offers/:ref/slots") { _, c in try JSONBody.response(try await desk.suggestSlots(offer: c.ref("OF"), as: c.person!)) }
        group.post("offers/:ref/accept") { req, c in
            let b = try await JSONBody.decode(AcceptBody.self, req, c, fields: ["onBehalfOf", "join", "session", "attendees", "guests"],
                                              nested: ["session": Fields.session])
            return try JSONBody.response(try await desk.acceptOffer(c.ref("OF"), as: c.person!, onBehalfOf: b.onBehalfOf, join: b.join, session: b.session,
                                                              attendees: b.attendees ?? [], guests: b.guests ?? []), status: .created)
        }
        group.post("offers/:ref/decline") { req, c in
            let b = try await JSONBody.decode(ReasonBody.self, req, c, fields: ["reason", "onBehalfOf"])
            try await desk.declineOffer(c.ref("OF"), as: c.person!, onBehalfOf: b.onBehalfOf, reason: b.reason)
            return JSONBody.noContent
        }
        group.post("offers/:ref/lapse") { req, c in
            let b = try await JSONBody.decode(ReasonBody.self, req, c, fields: ["reason"])
            try await desk.lapseOffer(c.ref("OF"), as: c.person!, reason: b.reason)
            return JSONBody.noContent
        }

        group.get("briefings") { _, c in try JSONBody.response(try await desk.briefings(as: c.person!)) }
        group.get("briefings/:ref") { _, c in try JSONBody.response(try await desk.briefing(c.ref("BR"), as: c.person!)) }
        group.post("briefings/:ref/material") { req, c in
            let b = try await JSONBody.decode(MaterialBody.self, req, c, fields: ["text"])
            return try JSONBody.response(try await desk.attachMaterial(c.ref("BR"), as: c.person!, text: b.text))
        }
        group.post("briefings/:ref/close") { _, c in try await desk.closeBriefing(c.ref("BR"), as: c.person!); return JSONBody.noContent }
        group.post("briefings/:ref/release") { _, c in try await desk.releaseBriefing(c.ref("BR"), as: c.person!); return JSONBody.noContent }

        group.get("sessions") { _, c in try JSONBody.response(try await desk.sessions(as: c.person!)) }
        group.get("sessions/:ref") { _, c in try JSONBody.response(try await desk.session(c.ref("SE"), as: c.person!)) }
        group.post("sessions/:ref/respond") { req, c in
            let answer = try await JSONBody.decode(BriefingDesk.OfficerAnswer.self, req, c, fields: ["answer", "reason", "representative", "nominee"])
            return try JSONBody.response(try await desk.respond(c.ref("SE"), as: c.person!, answer))
        }
        group.post("sessions/:ref/reschedule") { req, c in
            let b = try await JSONBody.decode(RescheduleBody.self, req, c, fields: ["session", "reason", "overrides"], nested: ["session": Fields.session])
            return try JSONBody.response(try await desk.reschedule(c.ref("SE"), as: c.person!, to: b.session, reason: b.reason, overrides: try Self.rules(b.overrides)))
        }
        group.post("sessions/:ref/cancel") { req, c in
            let b = try await JSONBody.decode(ReasonBody.self, req, c, fields: ["reason"])
            try await desk.cancel(c.ref("SE"), as: c.person!, reason: b.reason)
            return JSONBody.noContent
        }

        group.post("sessions/:ref/withdraw") { req, c in
            let b = try await JSONBody.decode(ReasonBody.self, req, c, fields: ["reason", "onBehalfOf"])
            try await desk.withdraw(c.ref("SE"), as: c.person!, onBehalfOf: b.onBehalfOf, reason: b.reason)
            return JSONBody.noContent
        }
        group.post("sessions/:ref/propose") { req, c in
            let b = try await JSONBody.decode(ProposeBody.self, req, c, fields: ["session", "reason"], nested: ["session": Fields.session])
            return try JSONBody.response(try await desk.proposeTime(c.ref("SE"), as: c.person!, to: b.session, reason: b.reason), status: .created)
        }
        group.post("proposals/:ref/take") { req, c in
            _ = try await JSONBody.decode([String: String?].self, req, c, fields: ["reason"])
            return try JSONBody.response(try await desk.answerProposal(c.ref("TP"), as: c.person!, take: true, reason: nil))
        }
        group.post("proposals/:ref/refuse") { req, c in
            let b = try await JSONBody.decode(ReasonBody.self, req, c, fields: ["reason"])
            return try JSONBody.response(try await desk.answerProposal(c.ref("TP"), as: c.person!, take: false, reason: b.reason))
        }
        group.get("approver/absences") { _, c in try JSONBody.response(try await desk.absences(as: c.person!)) }
        group.post("approver/absences") { req, c in
            let b = try await JSONBody.decode(AbsenceBody.self, req, c, fields: ["from", "until"])
            try await desk.recordAbsence(from: try Self.date(b.from, "from"), until: try Self.date(b.until, "until"), as: c.person!)
            return JSONBody.noContent
        }

        group.get("notes") { _, c in try JSONBody.response(try await desk.notes(as: c.person!)) }
        group.post("sessions/:ref/notes") { req, c in
            let b = try await JSONBody.decode(MaterialBody.self, req, c, fields: ["text"])
            return try JSONBody.response(try await desk.addNote(c.ref("SE"), as: c.person!, text: b.text), status: .created)
        }
        group.post("notes/:ref/verify") { req, c in
            let b = try await JSONBody.decode([String: String?].self, req, c, fields: ["correction"])
            return try JSONBody.response(try await desk.verifyNote(c.ref("NT"), as: c.person!, correction: b["correction"] ?? nil))
        }
        group.post("notes/:ref/finalise") { req, c in
            let b = try await JSONBody.decode([String: String?].self, req, c, fields: ["unverifiedReason"])
            return try JSONBody.response(try await desk.finaliseNote(c.ref("NT"), as: c.person!, unverifiedReason: b["unverifiedReason"] ?? nil))
        }

        group.post("feeds") { req, c in
            let b = try await JSONBody.decode(FeedBody.self, req, c, fields: ["feed"])
            let secret = try await desk.issueFeedSecret(try Self.feed(b.feed), for: c.person!)
            return try JSONBody.response(FeedSecret(secret: secret, path: "/feeds/\(secret).ics"), status: .created)
        }
        group.post("feeds/revoke") { req, c in
            let b = try await JSONBody.decode(FeedBody.self, req, c, fields: ["feed"])
            return try JSONBody.response(["revoked": try await desk.revokeFeedSecrets(for: c.person!, subject: b.feed == nil ? nil : try Self.feed(b.feed))])
        }

        group.get("audit") { _, c in try JSONBody.response(try await desk.audit(as: c.person!)) }
        group.get("audit/verify") { _, c in try JSONBody.response(try await desk.verifyAudit(as: c.person!)) }
        group.get("parity") { _, c in try JSONBody.response(try await desk.parity(as: c.person!)) }
        group.get("notifications") { _, c in try JSONBody.response(try await desk.notifications(for: c.person!)) }
    }

    /// A feed named as `officer:ID`, `group:ID`, `member:ID` or `overview`.
    static func feed(_ key: String?) throws -> BriefingDesk.FeedSubject {
        guard let key, let subject = BriefingDesk.FeedSubject(key: key) else {
            throw APIError(status: .badRequest, error: "invalid", message: "feed: '\(key ?? "")' names no feed",
                           fix: "Name the feed as officer:ID, group:ID, member:ID or overview.")
        }
        return subject
    }

    /// A `YYYY-MM-DD` date field.
    static func date(_ text: String, _ field: String) throws -> LocalDate {
        guard let d = LocalDate(text) else {
            throw APIError(status: .badRequest, error: "invalid", message: "\(field): '\(text)' is not a date", fix: "Write dates as YYYY-MM-DD.")
        }
        return d
    }

    /// `{"working-hours": "reason"}` as rule ids, refusing names that are not rules.
    static func rules(_ overrides: [String: String]?) throws -> [RuleID: String] {
        var result: [RuleID: String] = [:]
        for (key, reason) in overrides ?? [:] {
            guard let rule = RuleID(rawValue: key) else {
                throw APIError(status: .badRequest, error: "invalid", message: "overrides: '\(key)' is not a rule",
                               fix: "Override rules by id: \(RuleID.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            result[rule] = reason
        }
        return result
    }
}

extension BriefingsContext {
    /// The `:ref` path parameter, refused with 400 unless it is an id exactly as the service writes it (`RQ-0001`),
    /// as `openapi.yaml` describes it; the command line turns `rq-1` and `1` into that form before it sends them.
    func ref(_ prefix: String) throws -> String { try Ref.exact(parameters.get("ref") ?? "", prefix) }
}

struct Me: Codable { var person: String; var roles: [String] }
struct FeedBody: Codable { var feed: String? }
struct AbsenceBody: Codable { var from: String; var until: String }
struct ProposeBody: Decodable { var session: SessionForm; var reason: String }
/// A feed's new secret, and the path under the service's address that it opens.
struct FeedSecret: Codable { var secret: String; var path: String }
