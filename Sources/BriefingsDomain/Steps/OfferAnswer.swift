import Foundation

/// A group answers an offer (`equal-offer`): who may answer it (its leader, or its assistant on behalf of a named member
/// who could ask themself;
/// an ungrouped councillor their own), whether it can still be answered, and what a decline or a lapse records.
public enum OfferAnswer {
    /// Refuses anyone who may not answer the offer, and an offer that can no longer be answered: lapsed, the requesting
    /// group's own line, already answered or waiting for the approver, or its briefing closed.
    public static func requireAnswerable(_ o: Offer, briefingClosed: Bool, by actor: String, onBehalfOf: String?, in c: Council,
                                         today: LocalDate) throws(Refusal) {
        let roles = try Decider.roles(actor, in: c)
        let leads = roles.contains(.groupLeader(group: o.group))
        let assists = c.assists(o.group, actor: actor, onBehalfOf: onBehalfOf)
        guard leads || assists else {
            if c.roster.group(o.group)?.individual == true {
                throw Refusal(.forbidden, rule: .requester, clauses: c.profile.clauses(.requester),
                              "\(c.name(actor)) cannot answer \(o.ref): it is offered to \(c.name(o.group)), who answers it themself",
                              remedy: .answerOwnOffers(actor: actor))
            }
            throw Refusal(.forbidden, rule: .requester, clauses: c.profile.clauses(.requester),
                          "\(c.name(actor)) cannot answer \(o.ref): only the leader of \(c.name(o.group)), or its assistant on behalf of a named member who could ask themself, can",
                          remedy: .askLeaderOrNameMember)
        }
        try requireOpen(o, briefingClosed: briefingClosed, in: c, today: today)
    }

    /// Refuses an offer that can no longer be answered (`equal-offer`).
    public static func requireOpen(_ o: Offer, briefingClosed: Bool, in c: Council, today: LocalDate) throws(Refusal) {
        let clauses = c.profile.clauses(.equalOffer)
        if o.status == .open, o.status(on: today) == .lapsed {
            throw Refusal(.conflict, rule: .equalOffer, clauses: clauses,
                          "\(o.ref) lapsed: it was to be answered by \(o.answerBy.map(\.description) ?? "its answer-by date")",
                          remedy: .askForOwnBriefing(approverTitle: c.profile.approverTitle))
        }
        if o.status == .requested {
            throw Refusal(.conflict, rule: .equalOffer, clauses: clauses,
                          "\(o.ref) is \(c.name(o.group))'s own line of \(o.briefing): it asked for the briefing, so nothing was offered to it",
                          remedy: .seeOwnSession)
        }
        guard o.status == .open else {
            throw Refusal(.conflict, rule: .equalOffer, clauses: clauses, "\(o.ref) is already \(o.status.rawValue)", remedy: .seeOfferAnswer)
        }
        try requireOpenBriefing(o.briefing, closed: briefingClosed)
    }

    /// Refuses a step on a closed briefing: every offer of it is answered, and nothing more is booked under it.
    public static func requireOpenBriefing(_ briefing: String, closed: Bool) throws(Refusal) {
        if closed { throw Refusal(.conflict, "\(briefing) is closed", remedy: .advice("Ask the approver for a new briefing.")) }
    }

    /// What a group's decline records: the answer, by whom, with its reason.
    public struct Declined: Sendable {
        public var offer: Offer
        public var actor: String
        public var reason: String
        public var audit: AuditEntry
    }

    public static func decline(_ o: Offer, briefingClosed: Bool, by actor: String, onBehalfOf: String?, reason: String, in c: Council,
                               today: LocalDate) -> Result<Declined, Refusal> {
        Result { () throws(Refusal) in
            try Decider.requireReason(reason, for: "declining an offer")
            try requireAnswerable(o, briefingClosed: briefingClosed, by: actor, onBehalfOf: onBehalfOf, in: c, today: today)
            return Declined(offer: o, actor: actor, reason: reason,
                            audit: AuditEntry(actor: actor, role: c.groupRole(actor, group: o.group), action: "offer.decline", subject: o.ref,
                                              details: ["reason": reason]))
        }
    }

    /// The approver records an offer past its answer-by date as lapsed; before then the group still has its time.
    /// `o`: the offer by `ref`, nil when there is none (refused only once the person is known to be the approver).
    public static func lapse(_ o: Offer?, ref: String, by actor: String, reason: String, in c: Council,
                             presence: Decider.ApproverPresence) -> Result<AuditEntry, Refusal> {
        Result { () throws(Refusal) in
            try Decider.requireReason(reason, for: "lapsing an offer")
            let role = try Decider.approverRole(actor, in: c, presence: presence)
            guard let o else { throw Refusal(.notFound, "no offer \(ref)", remedy: .seeOffers) }
            guard o.status == .open else {
                throw Refusal(.conflict, rule: .equalOffer, "\(o.ref) is \(o.status.rawValue), not open", remedy: .advice("Only an open offer can lapse."))
            }
            if let last = o.answerBy, presence.day <= last {
                throw Refusal(.conflict, rule: .equalOffer, clauses: c.profile.clauses(.equalOffer),
                              "\(o.ref) is open for \(c.name(o.group)) to answer until \(last)",
                              remedy: .advice("Wait until after \(last); an offer not answered by then lapses on its own."))
            }
            return AuditEntry(actor: actor, role: role, action: "offer.lapse", subject: o.ref, details: ["reason": reason])
        }
    }

    /// The answer-by date of an offer open to answer again, after the approver declined the group's take-up or join, or
    /// the group withdrew from a joint session (RULES.md "Offers"; `003 §7.3`, `001 §4.12`): a fresh period from today,
    /// so the time the take-up waited for the approver never counts against the group.
    public static func reopenedAnswerBy(in c: Council, days: WorkingDays, now: Date) -> LocalDate {
        days.adding(c.profile.offerAnswerWorkingDays, to: now)
    }
}
