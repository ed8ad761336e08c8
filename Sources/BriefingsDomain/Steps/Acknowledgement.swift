import Foundation

/// The approver acknowledges a request with a message that explains what is happening (`response-time`: `000 §17.8.2`,
/// `004 §6.5.8`). The requesting side hears; while the approver is recorded as away the message names the deputy to
/// contact. Acknowledging again sends a further message; the clock stops at the first.
public enum Acknowledgement {
    public struct Plan: Sendable {
        public var request: BriefingRequest
        public var actor: String
        public var role: String
        /// The message as recorded and sent.
        public var message: String
        /// When the clock stopped: the first acknowledgement's time.
        public var acknowledged: Date

        public var audit: AuditEntry {
            AuditEntry(actor: actor, role: role, action: "request.acknowledge", subject: request.ref, details: ["message": message])
        }

        public func events(in c: Council) -> [DeskEvent] {
            [.requestAcknowledged(.init(request: request.ref, matter: request.proposal.matter.title, message: message, by: actor,
                                        to: request.requesterSide(c)))]
        }
    }

    public static func decide(_ s: DecisionState, actor: String, message: String) -> Result<Plan, Refusal> {
        Result { () throws(Refusal) in
            if message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw Refusal(.invalid, rule: .responseTime, clauses: PolicyProfile.model.clauses(.responseTime),
                              "an acknowledgement needs a message that explains what is happening", remedy: .giveAcknowledgement)
            }
            let c = s.council
            let role = try Decider.approverRole(actor, in: c, presence: s.presence)
            let r = try Decider.pending(s.request, ref: s.ref, when: LondonTime.format)
            var body = message
            if s.presence.away, let deputy = c.roster.deputyApprover {
                body += "\n\nThe \(c.profile.approverTitle) is away; until they are back, please contact \(c.name(deputy))."
            }
            return Plan(request: r, actor: actor, role: role, message: body, acknowledged: r.acknowledged ?? s.now)
        }
    }
}
