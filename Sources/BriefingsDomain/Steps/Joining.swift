import Foundation

/// A group accepts an offer by joining a joint session the requesting group agreed to share (`equal-offer`), judged for
/// the joining group's own attendees; no override recorded for another group is inherited, so a `refer` sends the join
/// to the approver's queue.
public enum Joining {
    /// The session the joining group would make (that group first, acting as itself, with only its own attendees), or
    /// the refusal: the session must be a scheduled joint session of the offer's briefing.
    public static func proposal(_ s: Session, offer o: Offer, by actor: String, onBehalfOf: String?,
                                attendees: [Attendee], in c: Council) throws(Refusal) -> SessionProposal {
        try SessionAuthority.requireScheduled(s)
        guard Reference.format("BR", s.briefing) == o.briefing, s.joinable else {
            throw Refusal(.conflict, rule: .equalOffer, clauses: c.profile.clauses(.equalOffer),
                          "\(Reference.format("SE", s.id)) is not a joint session of this briefing", remedy: .joinListedOrPropose)
        }
        return s.joining(group: o.group, by: actor, onBehalfOf: onBehalfOf, attendees: attendees)
    }

    public enum Outcome: Sendable, Hashable {
        /// Joined under the briefing's approval.
        case joined(agreement: String)
        /// A rule referred: waiting for the approver.
        case queued
    }

    public struct Plan: Sendable {
        public var session: Session
        public var offer: Offer
        public var group: String
        public var actor: String
        public var role: String
        public var verdicts: [Verdict]
        public var outcome: Outcome
        public var deciders: [String]

        var ref: String { Reference.format("SE", session.id) }

        /// The audit entry; `request`: the queued change's reference when the join waits for the approver.
        public func audit(request: String?) -> AuditEntry {
            switch outcome {
            case .queued:
                AuditEntry(actor: actor, role: role, action: "offer.propose", subject: offer.ref,
                           details: ["request": request ?? "", "session": ref, "agreement": "waiting for the approver"], verdicts: verdicts)
            case .joined(let agreement):
                AuditEntry(actor: actor, role: role, action: "offer.join", subject: offer.ref,
                           details: ["session": ref, "groups": (session.groupIDs + [group]).joined(separator: ","), "agreement": agreement],
                           verdicts: verdicts)
            }
        }

        /// Who hears of a queued join (the deciders); a join agreed at once is told as the session's change when it is written.
        public func events(request: String?) -> [DeskEvent] {
            guard outcome == .queued else { return [] }
            return [.joinQueued(request: request ?? "", group: group, session: ref, matter: session.matter.title, start: session.meetingStart, referred: verdicts.referred.map(\.rule), tell: deciders)]
        }
    }

    /// `p` as `proposal` made it, its input checked; `verdicts`: every join rule's, against the bookings as they are now.
    public static func decide(_ p: SessionProposal, session s: Session, offer o: Offer, by actor: String, verdicts: [Verdict],
                              standingAgreement: String, in c: Council, presence: Decider.ApproverPresence) -> Result<Plan, Refusal> {
        if !verdicts.blocking.isEmpty { return .failure(.refused(verdicts, failing: verdicts.blocking, what: "joining \(Reference.format("SE", s.id))")) }
        let group = p.groups[0]
        return .success(Plan(session: s, offer: o, group: group, actor: actor, role: c.groupRole(actor, group: group), verdicts: verdicts,
                             outcome: verdicts.referred.isEmpty ? .joined(agreement: standingAgreement) : .queued,
                             deciders: Decider.deciders(c, presence: presence)))
    }
}
