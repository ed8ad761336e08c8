import Foundation

/// The approver acknowledges a request with a message that explains what is happening and the date by which the
/// requester will hear (`response-time`: `000 §17.8.2`, `004 §6.5.8`). That date falls within the council's response
/// time unless the approver says why not: an acknowledgement with a later date and its reason is the explanation of
/// delay `004 §6.5.8` asks for (why, what is being done, when). The requesting side hears; while the approver is
/// recorded as away the message names the deputy to contact. Acknowledging again sends a further message with a new
/// date; the acknowledgement clock stops at the first. A missed date marks the request overdue.
public enum Acknowledgement {
    public struct Input: Sendable {
        public var actor: String
        /// What is happening.
        public var message: String
        /// When the requester will hear.
        public var replyBy: LocalDate?
        /// Why that is after the council's response date (needed only then).
        public var reason: String?

        public init(actor: String, message: String, replyBy: LocalDate?, reason: String? = nil) {
            self.actor = actor; self.message = message; self.replyBy = replyBy; self.reason = reason
        }
    }

    public struct Plan: Sendable {
        public var request: BriefingRequest
        public var actor: String
        public var role: String
        /// The message as recorded and sent.
        public var message: String
        /// When the clock stopped: the first acknowledgement's time.
        public var acknowledged: Date
        public var replyBy: LocalDate
        /// Why the reply-by date is after the council's response date; nil when it is not.
        public var reason: String?
        /// The council's response date, which `replyBy` is within unless `reason` says why not.
        public var respondBy: LocalDate

        public var audit: AuditEntry {
            var details = ["message": message, "replyBy": replyBy.description]
            if let reason { details["reason"] = reason }
            return AuditEntry(actor: actor, role: role, action: "request.acknowledge", subject: request.ref, details: details)
        }

        public func events(in c: Council) -> [DeskEvent] {
            [.requestAcknowledged(.init(request: request.ref, matter: request.proposal.matter.title, message: message, by: actor,
                                        replyBy: replyBy, delayReason: reason, respondBy: respondBy, to: request.requesterSide(c)))]
        }
    }

    public static func decide(_ s: DecisionState, _ input: Input) -> Result<Plan, Refusal> {
        Result { () throws(Refusal) in
            let c = s.council
            let clauses = c.profile.clauses(.responseTime)
            try Decider.requireExplanation(input.message, rule: .responseTime, clauses: clauses,
                                           what: "an acknowledgement needs a message that explains what is happening", remedy: .giveAcknowledgement)
            let role = try Decider.approverRole(input.actor, in: c, presence: s.presence)
            let r = try Decider.pending(s.request, ref: s.ref, when: LondonTime.format)
            let clock = r.clock(now: s.now, profile: c.profile, days: s.days)
            let today = LocalDate(s.now)
            guard let replyBy = input.replyBy else {
                throw Refusal(.invalid, rule: .responseTime, clauses: clauses,
                              "an acknowledgement says by when the requester will hear", remedy: .giveReplyBy(respondBy: clock.respondBy))
            }
            if replyBy < today {
                throw Refusal(.invalid, rule: .responseTime, clauses: clauses,
                              "the date the requester will hear by (\(replyBy)) has already passed", remedy: .giveReplyBy(respondBy: clock.respondBy))
            }
            var reason: String?
            if replyBy > clock.respondBy {
                let given = input.reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                if given.isEmpty {
                    throw Refusal(.refused, rule: .responseTime, clauses: clauses,
                                  "\(replyBy) is after \(r.ref)'s response date (\(clock.respondBy)), and the requester must be told why",
                                  remedy: .explainReplyBy(respondBy: clock.respondBy))
                }
                try Decider.requireExplanation(given, rule: .responseTime, clauses: clauses,
                                               what: "the reason the answer will be later needs to say why", remedy: .explainReplyBy(respondBy: clock.respondBy))
                reason = given
            }
            var body = input.message
            if s.presence.away, let deputy = c.roster.deputyApprover {
                body += "\n\nThe \(c.profile.approverTitle) is away; until they are back, please contact \(c.name(deputy))."
            }
            return Plan(request: r, actor: input.actor, role: role, message: body, acknowledged: r.acknowledged ?? s.now,
                        replyBy: replyBy, reason: reason, respondBy: clock.respondBy)
        }
    }
}
