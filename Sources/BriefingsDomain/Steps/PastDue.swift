import Foundation

/// A request still undecided after the date its requester was to hear by (the approver's reply-by date, else the
/// council's response date) is overdue, and the requesting side is told so once for that date (`response-time`:
/// `004 §6.5.8`, `000 §17.8.2`); a later reply-by date that passes tells them again. The service runs this with its
/// outbox rounds; the command line's `outbox send` runs it too.
public enum PastDue {
    public struct Notice: Sendable {
        public var request: BriefingRequest
        /// The date that passed (recorded, so it is told once).
        public var due: LocalDate

        public var audit: AuditEntry {
            AuditEntry(actor: "system", role: "service", action: "request.past-due", subject: request.ref, details: ["due": due.description])
        }

        public func events(in c: Council, presence: Decider.ApproverPresence) -> [DeskEvent] {
            [.requestPastDue(.init(request: request.ref, matter: request.proposal.matter.title, due: due, promised: request.replyBy == due,
                                   deputy: presence.away ? c.roster.deputyApprover : nil, to: request.requesterSide(c)))]
        }
    }

    /// The notices due now: `pending` are the requests waiting for the approver, each with the date its requester was
    /// last told had passed (nil: never).
    public static func notices(_ pending: [(request: BriefingRequest, told: LocalDate?)], in c: Council, days: WorkingDays, now: Date) -> [Notice] {
        let today = LocalDate(now)
        return pending.compactMap { item in
            guard item.request.kind == .request, item.request.status == .pending else { return nil }
            let due = item.request.clock(now: now, profile: c.profile, days: days).promised
            guard today > due, item.told != due else { return nil }
            return Notice(request: item.request, due: due)
        }
    }
}
