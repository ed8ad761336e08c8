import BriefingsDomain
import Foundation

/// The words for what happens to a session after approval: take-ups, joins, moves, cancellations, officers' answers,
/// proposed times, notes, written reports and absences.
extension EmailText {
    /// What the approver may do with a change waiting in the queue.
    static func decide(_ rq: String) -> String {
        "What you may do: see it in `briefings queue`; agree with `briefings approve \(rq) --override RULE=\"reason\"` or decline with `briefings decline \(rq) --reason \"…\"`."
    }

    static func rules(_ referred: [RuleID]) -> String { referred.map(\.rawValue).joined(separator: ", ") }

    /// The events `render` sends here; every other case it words itself.
    static func afterApproval(_ event: DeskEvent, _ c: Council) -> [MessageDraft] {
        let title = c.profile.approverTitle
        switch event {
        case .takeUpQueued(let rq, let group, let requester, let offer, let session, let briefing, let start, let referred, let tell):
            return [.note(subject: "\(rq): \(c.name(group)) proposes \(session) for \(briefing)",
                          body: "\(c.name(requester)) takes up \(offer) for \(c.name(group)) with a session at \(LondonTime.formatLong(start)). Rules \(rules(referred)) need the \(title)'s agreement. The session is held as tentative until then.\n\n" + decide(rq),
                          to: tell)]
        case .joinQueued(let rq, let group, let session, let referred, let tell):
            return [.note(subject: "\(rq): \(c.name(group)) asks to join \(session)",
                          body: "Rules \(rules(referred)) need the \(title)'s agreement for \(c.name(group)); reasons recorded for another group do not carry over.\n\n" + decide(rq),
                          to: tell)]
        case .nominationQueued(let rq, let officer, let representative, let session, let start, let referred, let tell):
            return [.note(subject: "\(rq): \(c.name(officer)) sends \(c.name(representative)) to \(session)",
                          body: "\(c.name(officer)) nominates \(c.name(representative)) (\(c.roster.officer(representative)?.title ?? "")) to attend \(session) at \(LondonTime.formatLong(start)) in their place. Rules \(rules(referred)) need the \(title)'s agreement for \(c.name(representative)): no officer attends without it. They are not invited, and the session stays tentative, until then.\n\n" + decide(rq),
                          to: tell)]
        case .moveQueued(let rq, let host, let session, let from, let to, let reason, let referred, let tell):
            return [.note(subject: "\(rq): \(c.name(host)) asks to move \(session) to \(LondonTime.formatLong(to))",
                          body: "Rules \(rules(referred)) need the \(title)'s agreement. Reason: \(reason). \(session) stays at \(LondonTime.formatLong(from)) until then; the new time is held.\n\n" + decide(rq),
                          to: tell)]
        case .reportTakenUp(let offer, let group, let briefing, let ready, let due, let tell):
            return [.note(subject: "\(offer): \(c.name(group)) takes up the written report \(briefing)",
                          body: ready ? "The report is attached; read it with `briefings briefing show \(briefing)`."
                                      : "Officers: \(c.name(group)) will receive the report too once you attach it (due \(due)).",
                          to: tell)]
        case .reportReady(let briefing, let officer, let matter, let tell):
            return [.note(subject: "\(briefing): the written report is ready",
                          body: "\(c.name(officer)) attached the written report on \"\(matter)\". Read it with `briefings briefing show \(briefing)`.", to: tell)]
        case .timeProposed(let tp, let officer, let session, let from, let to, let reason, let tell):
            return [.note(subject: "\(tp): \(c.name(officer)) proposes moving \(session) to \(LondonTime.formatLong(to))",
                          body: "\(c.name(officer)), invited to \(session) at \(LondonTime.formatLong(from)), proposes \(LondonTime.formatLong(to)) instead. Reason: \(reason)\n\nWhat you may do: the host group takes it with `briefings session take-proposal \(tp)` (judged as a reschedule) or refuses it with `briefings session refuse-proposal \(tp) --reason \"…\"`.",
                          to: tell)]
        case .proposalRefused(let tp, let group, let session, let answer, let tell):
            return [.note(subject: "\(tp) refused by \(c.name(group))",
                          body: "\(c.name(group)) keeps \(session) at its time. Reason: \(answer)\n\nWhat you may do: attend as invited, or send a representative with `briefings officer nominate \(session)`.",
                          to: tell)]
        case .noteToVerify(let note, let session, let group, let tell):
            return [.note(subject: "\(note): a record of \(session) to verify",
                          body: "\(c.name(group)) keeps a written record of the briefing; you may verify what it attributes to you before it is final (003 §7.10).\n\nWhat you may do: read it in `briefings note list` and verify it with `briefings note verify \(note) [--correction \"…\"]`.",
                          to: tell)]
        case .approverAway(let from, let until, let tell):
            return [.note(subject: "The \(title) is away \(from) to \(until)",
                          body: "\(c.roster.deputyApprover.map { c.name($0) } ?? "The deputy") decides requests in their place on those days, and hears of every new request and change waiting.\n\nWhat you may do: the deputy works through `briefings queue`; `briefings approver absences` lists the recorded absences.",
                          to: tell)]
        default:
            preconditionFailure("render words \(event) itself")
        }
    }

    static func changed(_ s: String, _ change: SessionChange, _ c: Council) -> [MessageDraft] {
        let title = c.profile.approverTitle
        let attendeesMay = "What you may do: nothing; the session is in your group's calendar feed too. Your group leader moves or cancels it with `briefings session reschedule|cancel \(s)`."
        let leftCalendar = "What you may do: nothing; it leaves your calendar."
        switch change {
        case .takenUp(let group, let briefing, let agreement):
            return [.invitation(session: s, headline: "Invitation",
                                news: "\(c.name(group)) takes up the briefing \(briefing) with \(s), booked under the \(title)'s approval of the briefing (\(agreement)): every rule passes.",
                                officers: "What you may do: confirm with `briefings officer confirm \(s)`; until you have confirmed a session on this matter you may decline (`briefings officer decline \(s) --reason \"…\"`); you may always send a representative (`briefings officer nominate \(s) --representative OFFICER --reason \"…\"`) or propose another time (`briefings officer propose \(s) --start … --reason \"…\"`).",
                                attendees: attendeesMay)]
        case .joined(let group, let agreement, let groups):
            return [.invitation(session: s, headline: "Joint session",
                                news: "\(s) is now a joint session: \(c.name(group)) joins under the \(title)'s agreement (\(agreement)); it serves \(Wording.list(groups.map(c.name))).",
                                officers: "What you may do: nothing further if you have confirmed; otherwise confirm with `briefings officer confirm \(s)`. Each group keeps its own attendees and notes (\(c.profile.clauses(.confidentiality).first ?? "confidentiality")).",
                                attendees: "What you may do: nothing; the joint session is in your group's calendar feed. Each group's attendees and notes stay its own; your group's leader withdraws it with `briefings session withdraw \(s) --reason \"…\"` (a joined group) or the host moves or cancels it.")]
        case .confirmed:
            return [.invitation(session: s, headline: "Confirmed", news: "\(s) is confirmed: the \(title) agreed it and every officer has confirmed.",
                                officers: "What you may do: nothing; the session is confirmed in your calendar.",
                                attendees: "What you may do: nothing; the session is confirmed in your calendar and your group's feed.")]
        case .rescheduled(let from, let to, let reason, let confirmAgain):
            let otherwise = "propose another with `briefings officer propose \(s) --start … --reason \"…\"` or send a representative with `briefings officer nominate \(s)`."
            return [.invitation(session: s, headline: "Moved",
                                news: "\(s) has moved from \(LondonTime.formatLong(from)) (the officers' part) to \(LondonTime.formatLong(to)). Reason: \(reason)",
                                officers: confirmAgain
                                    ? "What you may do: confirm the new time with `briefings officer confirm \(s)`: a confirmation of the old time does not carry over, and the session is tentative until every officer has confirmed; if it does not suit you, " + otherwise
                                    : "What you may do: nothing, if the new place suits you; otherwise " + otherwise,
                                attendees: confirmAgain ? "What you may do: nothing; your calendar and your group's feed show the new time, tentative until every officer confirms it."
                                                        : "What you may do: nothing; your calendar and your group's feed show the change.")]
        case .cancelled(let by, let reason):
            return [.invitation(session: s, headline: "Cancelled", news: "\(s) is cancelled by \(c.name(by)). Reason: \(reason)",
                                officers: "What you may do: nothing; the time is free again and the session leaves your calendar.",
                                attendees: "What you may do: nothing; your group leader may take the offer up again or ask for another briefing with `briefings request create`.")]
        case .withdrawn(let group, let offer, let reason, let left, let remaining):
            return [.cancellation(session: s, officerView: false, headline: "Withdrawn", news: "\(c.name(group)) has withdrawn from \(s). Reason: \(reason)",
                                  may: "What you may do: your group's offer (\(offer)) is open to answer again: `briefings offer accept \(offer) …` or `briefings offer decline \(offer) --reason \"…\"`.",
                                  to: left),
                    .invitation(session: s, headline: "Updated invitation",
                                news: "\(c.name(group)) has withdrawn from the joint session \(s); it goes ahead for \(Wording.list(remaining.map(c.name))).",
                                officers: "What you may do: nothing; the session stands.", attendees: "What you may do: nothing; the session stands.")]
        case .officerDeclined(let officer, let start, let reason, let tell):
            let me = c.roster.officer(officer)
            return [.cancellation(session: s, officerView: true, headline: "Declined", news: "You declined \(s). Reason: \(reason)", may: leftCalendar, to: [officer]),
                    .note(subject: "\(c.name(officer)) declined \(s)",
                          body: "\(c.name(officer)) (\(me?.title ?? "")) declined the invitation to \(s) at \(LondonTime.formatLong(start)), a first invitation on this matter (\(c.profile.clauses(.officerMayDecline).joined(separator: ", "))). Reason: \(reason)\n\nWhat you may do: the host group may move the session (`briefings session reschedule \(s)`) or cancel it (`briefings session cancel \(s) --reason \"…\"`); `briefings session show \(s)` shows who still attends.",
                          to: tell)]
        case .represented(let officer, let rep, let reason, let waitingFor, let tell):
            let me = c.name(officer), name = c.name(rep)
            let waits = waitingFor.map { " Their attendance waits for the \(title)'s agreement (\($0)): they are invited, and the session can be confirmed, only once the \(title) agrees." } ?? ""
            return [.cancellation(session: s, officerView: true, headline: "Represented", news: "\(name) attends \(s) in your place. Reason: \(reason)\(waits)",
                                  may: "What you may do: nothing; it leaves your calendar, and \(name) is sent the invitation\(waitingFor == nil ? "" : " once agreed").", to: [officer]),
                    .note(subject: "\(name) will attend \(s) for \(me)",
                          body: "\(me) nominates \(name) (\(c.roster.officer(rep)?.title ?? "")) to attend \(s) in their place, as their nominee (\(c.profile.clauses(.seniorOfficer).joined(separator: ", "))). Reason: \(reason)\(waits)\n\nWhat you may do: nothing; `briefings session show \(s)` shows the officers. The group may ask the \(title) if it objects.",
                          to: tell),
                    .invitation(session: s, headline: "Invitation", news: "\(me) nominates \(name) to attend \(s) in their place. Reason: \(reason)",
                                officers: "What you may do: \(name), please confirm with `briefings officer confirm \(s)`; you may propose another time with `briefings officer propose \(s)`.",
                                attendees: "", groups: [], only: [rep])]
        case .nomination(let senior, let nominee, let confirmed, let message, let tell):
            // A nominee holds no invitation until endorsed (003 §7.9): endorsed, they are invited now; refused, they never were
            // (the note below tells them).
            let invitation: [MessageDraft] = confirmed ? [
                .invitation(session: s, headline: "Invitation",
                            news: "\(c.name(senior)) endorsed you as their nominee to attend \(s) (\(c.profile.clauses(.seniorOfficer).joined(separator: ", "))).",
                            officers: "What you may do: confirm with `briefings officer confirm \(s)`; you may propose another time with `briefings officer propose \(s) --start … --reason \"…\"`.",
                            attendees: "", groups: [], only: [nominee]),
            ] : []
            return invitation + [
                .note(subject: "\(s): \(c.name(senior)) \(confirmed ? "confirmed" : "refused") \(c.name(nominee)) as nominee",
                      body: message + ".\n\nWhat you may do: " + (confirmed ? "nothing; `briefings session show \(s)` shows the officers." : "the group may ask \(c.name(senior)) to attend, or to nominate someone else; `briefings session show \(s)` shows the officers."),
                      to: tell),
            ]
        }
    }
}
