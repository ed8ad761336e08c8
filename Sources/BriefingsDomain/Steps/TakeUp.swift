import Foundation

/// A group takes up an offer with a session of its own (`take-up`), judged by every proposal rule for that group by the
/// person acting: a `block` refuses it; one that passes every rule books under the briefing's approval (its standing
/// agreement); a `refer` books it tentatively, holding its officers and room, and sends it to the approver's queue.
public enum TakeUp {
    /// What the group proposes, whatever it typed: for itself, with the briefing's officers and its matter as that group
    /// sees it. Same matter, same officers for every group (`equal-offer`, `officer-consistency`); a budget briefing's
    /// other groups take up confidential discussions of their own (`matter`, as the store redacts it: 003 §7.13). A
    /// written report has no session to propose.
    public static func proposal(_ input: SessionProposal, offer: Offer, writtenReport: Bool, officers: [OfficerAttendance], matter: Matter,
                                in c: Council) throws(Refusal) -> SessionProposal {
        if writtenReport {
            throw Refusal(.invalid, rule: .equalOffer, clauses: c.profile.clauses(.equalOffer),
                          "\(offer.ref) is a written report (\(offer.briefing)): nobody attends, so there is no session to propose",
                          remedy: .takeUpWithoutSession(offer: offer.ref))
        }
        var p = input
        p.groups = [offer.group]
        p.officers = officers
        p.matter = matter
        return p
    }

    public enum Booking: Sendable, Hashable {
        /// Every rule passes: booked under the briefing's approval.
        case agreed(agreement: String)
        /// A rule refers: held as tentative, waiting in the approver's queue.
        case queued
    }

    public struct Plan: Sendable {
        public var proposal: SessionProposal
        public var offer: Offer
        public var verdicts: [Verdict]
        public var role: String
        public var booking: Booking
        /// Who decides it, when it waits for them.
        public var deciders: [String]

        public var group: String { proposal.groups[0] }

        /// The audit entry, once the store has booked `session` (and, when queued, filed `request`).
        public func audit(session: String, request: String?) -> AuditEntry {
            switch booking {
            case .agreed(let agreement):
                AuditEntry(actor: proposal.requester, role: role, action: "offer.accept", subject: offer.ref,
                           details: ["session": session, "agreement": agreement], verdicts: verdicts)
            case .queued:
                AuditEntry(actor: proposal.requester, role: role, action: "offer.propose", subject: offer.ref,
                           details: ["request": request ?? "", "session": session, "agreement": "waiting for the approver"], verdicts: verdicts)
            }
        }

        /// Booked: its officers and the group's attendees are invited, and each nominee's senior officer is asked to endorse
        /// them (a nominee is invited once endorsed). Queued: those who decide hear.
        public func events(session: String, request: String?) -> [DeskEvent] {
            switch booking {
            case .agreed(let agreement):
                [.sessionChanged(session: session, .takenUp(group: group, briefing: offer.briefing, agreement: agreement))]
                    + DeskEvent.nomineesNamed(session: session, matter: proposal.matter.title, start: proposal.meetingStart, group: group,
                                             proposal.officers)
            case .queued:
                [.takeUpQueued(request: request ?? "", group: group, requester: proposal.requester, offer: offer.ref, session: session,
                               briefing: offer.briefing, matter: proposal.matter.title, start: proposal.segmentStart, referred: verdicts.referred.map(\.rule), tell: deciders)]
            }
        }
    }

    /// `p` as `proposal` made it, its input checked; `verdicts`: every take-up rule's, against the bookings as they are now.
    public static func decide(_ p: SessionProposal, offer: Offer, verdicts: [Verdict], standingAgreement: String, in c: Council,
                              presence: Decider.ApproverPresence) -> Result<Plan, Refusal> {
        if !verdicts.blocking.isEmpty { return .failure(.refused(verdicts, failing: verdicts.blocking, what: "accepting \(offer.ref)")) }
        return .success(Plan(proposal: p, offer: offer, verdicts: verdicts, role: c.groupRole(p.requester, group: p.groups[0]),
                             booking: verdicts.referred.isEmpty ? .agreed(agreement: standingAgreement) : .queued,
                             deciders: Decider.deciders(c, presence: presence)))
    }

    /// A group takes up another group's written report (`001 §4.10`): nobody attends, so nothing is booked and no further
    /// agreement is needed; the group reads the report once its officers attach it (`ready`), with every other group that
    /// took it up (`equal-offer`: the same report for all). Refused for a briefing in person (a session is needed) and
    /// with attendees. `o` has been checked as answerable by `actor`.
    public static func report(_ o: Offer, matter: String, writtenReport: Bool, attendees: [String], ready: Bool, due: String, officers: [String],
                              by actor: String, onBehalfOf: String?, in c: Council) -> Result<(audit: AuditEntry, events: [DeskEvent]), Refusal> {
        Result { () throws(Refusal) in
            guard writtenReport else {
                throw Refusal(.invalid, "no session given for \(o.ref)", remedy: .giveSessionOrJoin(offer: o.ref))
            }
            if !attendees.isEmpty {
                throw Refusal(.invalid, "\(o.ref) is a written report: nobody attends", remedy: .advice("Leave out the attendees and guests."))
            }
            return (AuditEntry(actor: actor, role: c.groupRole(actor, group: o.group), action: "offer.accept", subject: o.ref,
                               details: ["briefing": o.briefing, "writtenReport": "true"]),
                    [.reportTakenUp(offer: o.ref, group: o.group, briefing: o.briefing, matter: matter, ready: ready, due: due,
                                    tell: [actor, onBehalfOf].compactMap { $0 } + officers)])
        }
    }
}
