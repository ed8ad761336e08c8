import BriefingsDomain
import Foundation
import GRDB

/// An officer's answer from their own calendar (issue 24): the iMIP `REPLY` or `COUNTER` their calendar sent to the reply
/// address of one invitation (`reply_token`), read by `BriefingsMail.IncomingReply` and handed here by `briefings mail
/// receive`. Loads the invitation its token names and the session, asks `CalendarReply.decide` what it may do, then applies
/// it in one transaction as the desk's own step would (`respondStep`, `proposeStep`: the same rules, its audit entry marked
/// `via: calendar reply`, its messages), and spends the token. A message the decision ignores changes nothing; a step a rule
/// refuses (officer-consistency refusing a decline) changes nothing but tells the officer why and what they may do instead,
/// unless the message was itself automatic (`Auto-Submitted`).
extension BriefingDesk {
    /// What one calendar answer did.
    public struct CalendarReplyOutcome: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable {
            /// The desk changed: the officer's attendance confirmed or declined, or their proposed time recorded.
            case applied
            /// A rule refused the step (the officer was told, unless the message was automatic); nothing changed.
            case refused
            /// Not acted on (unknown or used token, another sender, stale SEQUENCE, a cancelled session, malformed); nothing changed.
            case ignored
        }

        public var kind: Kind
        /// The session and officer its token names, when it names one.
        public var session: String?
        public var officer: String?
        /// What it did, or why nothing changed.
        public var detail: String
    }

    /// The council's desk address (the roster's `council.email`): the From of its email, and, plus-addressed with a token,
    /// where officers' calendars answer. Nil when the roster gives none.
    public func deskAddress() async throws -> String? {
        try await database.read { db in try self.council(db).roster.councilEmail }
    }

    /// Applies one calendar answer (see the extension's comment).
    public func receiveCalendarReply(_ m: CalendarReply.Message) async throws -> CalendarReplyOutcome {
        let at = now()
        return try await database.step { db in
            let c = try council(db)
            let token = try m.token.flatMap { try ReplyTokenRecord.fetchOne(db, key: Self.secretHash($0.lowercased())) }
            let s = try token.flatMap { t in try SessionRecord.exists(db, key: t.sessionID) ? try loadSession(db, t.sessionID) : nil }
            let session = token.map { Ref.format("SE", $0.sessionID) }
            let decision: CalendarReply.Decision
            switch CalendarReply.decide(m, invitation: token?.invitation, session: s) {
            case .failure(let ignored):
                return CalendarReplyOutcome(kind: .ignored, session: session, officer: token?.officerID, detail: ignored.reason)
            case .success(let d):
                decision = d
            }
            guard let token, let s else { preconditionFailure("CalendarReply.decide acts only on a known token's session") }
            let via = "calendar reply"
            let done: String
            do {
                switch decision {
                case .confirm:
                    _ = try respondStep(db, c, s, as: token.officerID, .confirm, at: at, via: via)
                    done = "\(c.name(token.officerID)) confirmed \(Ref.format("SE", s.id)) from their calendar"
                case .decline(let reason):
                    _ = try respondStep(db, c, s, as: token.officerID, .decline(reason: reason), at: at, via: via)
                    done = "\(c.name(token.officerID)) declined \(Ref.format("SE", s.id)) from their calendar: \(reason)"
                case .propose(let ss, let se, let reason):
                    let meeting = CalendarReply.meeting(for: s, segmentStart: ss, segmentEnd: se)
                    let p = try proposeStep(db, c, s, as: token.officerID, meetingStart: meeting.start, meetingEnd: meeting.end, segmentStart: ss,
                                            segmentEnd: se, reason: reason, at: at, via: via)
                    done = "\(c.name(token.officerID)) proposed \(p.segmentStart)–\(p.segmentEnd.suffix(5)) for \(p.session) from their calendar (\(p.ref))"
                }
            } catch let refusal as DeskError {
                // Thrown before the step wrote anything: the desk stands as it was. The officer hears why, and what to do instead.
                guard !m.autoSubmitted else {
                    return CalendarReplyOutcome(kind: .refused, session: session, officer: token.officerID,
                                                detail: "\(refusal.message) (an automatic message: not answered)")
                }
                try publish(db, c, [CalendarReply.refused(refusal, answer: decision, session: s, officer: token.officerID)], at: at)
                return CalendarReplyOutcome(kind: .refused, session: session, officer: token.officerID,
                                            detail: "\(refusal.message) (\(c.name(token.officerID)) was told)")
            }
            try ReplyTokenRecord.filter(key: token.hash).updateAll(db, [ReplyTokenRecord.Columns.usedAt.set(to: at.unix)])
            return CalendarReplyOutcome(kind: .applied, session: session, officer: token.officerID, detail: done)
        }
    }
}
