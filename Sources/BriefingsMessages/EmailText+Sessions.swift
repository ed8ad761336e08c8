import BriefingsDomain
import Foundation

/// The words for what happens to a session after approval: take-ups, joins, moves, cancellations, officers' answers,
/// proposed times, notes, written reports and absences.
extension EmailText {
    /// What the approver is asked of a change waiting in the queue.
    static func decide(_ referred: [RuleID]) -> String {
        asked("agree it, recording why \(rules(referred)) \(referred.count == 1 ? "is" : "are") acceptable here, or decline it with your reason.")
    }

    static func rules(_ referred: [RuleID]) -> String { Wording.list(referred.map(\.rawValue)) }

    /// The events `render` sends here; every other case it words itself.
    static func afterApproval(_ event: DeskEvent, _ c: Council) -> [MessageDraft] {
        let title = c.profile.approverTitle
        switch event {
        case .takeUpQueued(let rq, let group, let requester, let offer, let session, let briefing, let matter, let start, let referred, let tell):
            return [.note(subject: subject("Take-up from \(Wording.group(group, c)) for your decision", matter, Wording.when(start), rq, session),
                          letter: Letter(news: ["\(c.name(requester)) takes up \(offer) (briefing \(briefing)) for \(Wording.group(group, c)) with a session at \(LondonTime.formatLong(start)).",
                                                "\(rules(referred)) need\(referred.count == 1 ? "s" : "") the \(title)'s agreement. The session is held as tentative until then."],
                                         asked: decide(referred), links: decideLinks(rq)),
                          to: tell)]
        case .joinQueued(let rq, let group, let session, let matter, let start, let referred, let tell):
            return [.note(subject: subject("\(Wording.group(group, c, startsSentence: true)) asks to join, for your decision", matter, Wording.when(start), rq, session),
                          letter: Letter(news: ["\(Wording.group(group, c, startsSentence: true)) asks to join the joint session \(session). \(rules(referred)) need\(referred.count == 1 ? "s" : "") the \(title)'s agreement for them; reasons recorded for another group do not carry over."],
                                         asked: decide(referred), links: decideLinks(rq)),
                          to: tell)]
        case .nominationQueued(let rq, let officer, let representative, let session, let matter, let start, let referred, let tell):
            return [.note(subject: subject("\(c.name(officer)) sends \(c.name(representative)) in their place, for your decision", matter, Wording.when(start), rq, session),
                          letter: Letter(news: ["\(Self.officer(officer, c)) nominates \(Self.officer(representative, c)) to attend \(session) at \(LondonTime.formatLong(start)) in their place.",
                                                "\(rules(referred)) need\(referred.count == 1 ? "s" : "") the \(title)'s agreement for \(c.name(representative)): no officer attends without it. They are not invited, and the session stays tentative, until then."],
                                         asked: decide(referred), links: decideLinks(rq)),
                          to: tell)]
        case .moveQueued(let rq, let host, let session, let matter, let from, let to, let reason, let referred, let tell):
            return [.note(subject: subject("\(Wording.group(host, c, startsSentence: true)) asks to move a briefing, for your decision", matter, Wording.when(to), rq, session),
                          letter: Letter(news: ["\(Wording.group(host, c, startsSentence: true)) asks to move \(session) from \(LondonTime.formatLong(from)) to \(LondonTime.formatLong(to)). Reason: \(reason)",
                                                "\(rules(referred)) need\(referred.count == 1 ? "s" : "") the \(title)'s agreement. The session stays at its time until then; the new time is held."],
                                         asked: decide(referred), links: decideLinks(rq)),
                          to: tell)]
        case .reportTakenUp(let offer, let group, let briefing, let matter, let ready, let due, let tell):
            return [.note(subject: subject("Written report taken up by \(Wording.group(group, c))", matter, nil, offer, briefing),
                          letter: Letter(news: ["\(Wording.group(group, c, startsSentence: true)) takes up the written report on “\(matter)”."],
                                         asked: ready ? nothing("the report is attached; the group reads it on the desk.")
                                                      : asked("officers, attach the report by \(LocalDate(due).map(Wording.longDay) ?? due); \(Wording.group(group, c)) receives it then, with every group that took it up."),
                                         links: [.init("See the written report", DeskLink.briefing(briefing)), .init("See the offer", DeskLink.offer(offer))]),
                          to: tell)]
        case .reportReady(let briefing, let officer, let matter, let tell):
            return [.note(subject: subject("Written report ready", matter, nil, briefing),
                          letter: Letter(news: ["\(Self.officer(officer, c)) attached the written report on “\(matter)”. Every group that took it up reads the same text."],
                                         asked: nothing("read it on the desk."),
                                         links: [.init("Read the written report", DeskLink.briefing(briefing))]),
                          to: tell)]
        case .materialHeld(let rq, let briefing, let officer, let matter, let warned, let tell):
            return [.note(subject: subject("Material waits for the \(title)'s decision", matter, nil, rq, briefing),
                          letter: Letter(news: ["\(Self.officer(officer, c)) attached material to \(briefing) (“\(matter)”). \(rules(warned)) warn\(warned.count == 1 ? "s" : "") about it, so no group reads it, and nobody is told it is there, until the \(title) releases it."],
                                         asked: asked("the \(title) reads it in the queue and releases it to the groups, or declines it with a reason the officer is told. The officer need do nothing until then."),
                                         links: [.init("Decide it in your queue", DeskLink.queue(rq)), .init("See the briefing", DeskLink.briefing(briefing))]),
                          to: tell)]
        case .materialReleased(let rq, let briefing, let officer, let matter, let tell):
            return [.note(subject: subject("Material released", matter, nil, rq, briefing),
                          letter: Letter(news: ["The \(title) released the material \(c.name(officer)) attached to \(briefing) (“\(matter)”): the groups entitled to it read it from now on."],
                                         asked: nothing("it is on the briefing's page."),
                                         links: [.init("See the briefing", DeskLink.briefing(briefing))]),
                          to: tell)]
        case .timeProposed(let tp, let officer, let session, let matter, let from, let to, let reason, let tell):
            return [.note(subject: subject("\(c.name(officer)) proposes another time", matter, Wording.when(to), tp, session),
                          letter: Letter(news: ["\(Self.officer(officer, c)), invited to \(session) at \(LondonTime.formatLong(from)), proposes \(LondonTime.formatLong(to)) instead. Reason: \(reason)"],
                                         asked: asked("the host group takes the proposed time (it is judged as a move of the session) or refuses it with a reason."),
                                         links: [.init("See the session and its proposed times", DeskLink.session(session))]),
                          to: tell)]
        case .proposalRefused(let tp, let group, let session, let matter, let start, let answer, let tell):
            return [.note(subject: subject("Proposed time refused by \(Wording.group(group, c))", matter, Wording.when(start), tp, session),
                          letter: Letter(news: ["\(Wording.group(group, c, startsSentence: true)) keeps \(session) at its time. Reason: \(answer)"],
                                         asked: asked("attend as invited, or send a representative."),
                                         links: [.init("Answer on the desk", DeskLink.session(session))]),
                          to: tell)]
        case .noteToVerify(let note, let session, let group, let matter, let start, let tell):
            return [.note(subject: subject("Record to verify", matter, Wording.when(start), note, session),
                          letter: Letter(news: ["\(Wording.group(group, c, startsSentence: true)) keeps a written record of the briefing; you may verify what it attributes to you before it is final (003 §7.10)."],
                                         asked: asked("read the record and verify it, with any correction, on the desk."),
                                         links: [.init("Read and verify the record", DeskLink.session(session))]),
                          to: tell)]
        case .approverAway(let from, let until, let tell):
            let deputy = c.roster.deputyApprover.map { c.name($0) } ?? "The deputy"
            return [.note(subject: "The \(title) is away: \(Wording.day(from)) to \(Wording.day(until))",
                          letter: Letter(news: ["The \(title) is recorded as away from \(Wording.longDay(from)) to \(Wording.longDay(until)). \(deputy) decides requests in their place on those days, and hears of every new request and change waiting."],
                                         asked: asked("the deputy works through the queue on those days."),
                                         links: [.init("Open the queue", DeskLink.queue)]),
                          to: tell)]
        default:
            preconditionFailure("render words \(event) itself")
        }
    }

    static func changed(_ s: String, _ change: SessionChange, _ c: Council) -> [MessageDraft] {
        let title = c.profile.approverTitle
        let leftCalendar = nothing("it leaves your calendar.")
        switch change {
        case .takenUp(let group, let briefing, let agreement):
            return [.invitation(session: s, news: "\(Wording.group(group, c, startsSentence: true)) takes up the briefing \(briefing) with this session, booked under the \(title)'s approval of the briefing (\(agreement)): every rule passes.",
                                officers: confirm, attendees: attendees("Briefing booked"))]
        case .joined(let group, let agreement, let groups):
            return [.invitation(session: s, news: "\(s) is now a joint session: \(Wording.group(group, c)) joins under the \(title)'s agreement (\(agreement)); it serves \(Wording.list(groups.map(c.name))).",
                                officers: InvitationPart(headline: "Now a joint briefing",
                                                         asked: nothing("if you have confirmed; otherwise confirm on the desk. Each group keeps its own attendees and notes (\(c.profile.clauses(.confidentiality).first ?? "confidentiality"))."),
                                                         link: confirm.link),
                                attendees: attendees("Now a joint briefing", "the joint session is in your group's calendar feed. Each group's attendees and notes stay its own; your group's leader may withdraw it, or the host group move or cancel it."))]
        case .confirmed:
            return [.invitation(session: s, news: "\(s) is confirmed: the \(title) agreed it and every officer has confirmed.",
                                officers: InvitationPart(headline: "Briefing confirmed", asked: nothing("the session is confirmed in your calendar."), link: "See the briefing"),
                                attendees: attendees("Briefing confirmed", "the session is confirmed in your calendar and your group's feed."))]
        case .rescheduled(let from, let to, let reason, let confirmAgain):
            return [.invitation(session: s, news: "\(s) has moved from \(LondonTime.formatLong(from)) (the officers' part) to \(LondonTime.formatLong(to)). Reason: \(reason)",
                                officers: InvitationPart(headline: "Briefing moved",
                                                         asked: confirmAgain
                                                             ? asked("confirm the new time on the desk: a confirmation of the old time does not carry over, and the session is tentative until every officer has confirmed. If it does not suit you, propose another time or send a representative.")
                                                             : nothing("if the new place suits you; otherwise propose another time or send a representative on the desk."),
                                                         link: confirm.link),
                                attendees: attendees("Briefing moved", confirmAgain ? "your calendar and your group's feed show the new time, tentative until every officer confirms it."
                                                                                    : "your calendar and your group's feed show the change."))]
        case .cancelled(let by, let reason):
            return [.invitation(session: s, news: "\(s) is cancelled by \(c.name(by)). Reason: \(reason)",
                                officers: InvitationPart(headline: "Briefing cancelled", asked: nothing("the time is free again and the session leaves your calendar."), link: "See the session"),
                                attendees: attendees("Briefing cancelled", "your group's leader may take the offer up again, or ask for another briefing."))]
        case .withdrawn(let group, let offer, let reason, let left, let remaining):
            return [.cancellation(session: s, officerView: false,
                                  part: InvitationPart(headline: "Your group withdrew",
                                                       asked: nothing("your group's offer (\(offer)) is open to answer again: your group's leader may take it up with another session, or decline it."),
                                                       link: "See your group's offer", path: DeskLink.offer(offer), refs: [offer]),
                                  news: "\(Wording.group(group, c, startsSentence: true)) has withdrawn from \(s). Reason: \(reason)", to: left),
                    .invitation(session: s, news: "\(Wording.group(group, c, startsSentence: true)) has withdrawn from the joint session \(s); it goes ahead for \(Wording.list(remaining.map(c.name))).",
                                officers: InvitationPart(headline: "A group withdrew", asked: nothing("the session stands."), link: "See the briefing"),
                                attendees: attendees("A group withdrew", "the session stands."))]
        case .officerDeclined(let officer, let matter, let start, let reason, let tell):
            let me = c.roster.officer(officer)
            return [.cancellation(session: s, officerView: true, part: InvitationPart(headline: "You declined", asked: leftCalendar, link: "See the session"),
                                  news: "You declined \(s). Reason: \(reason)", to: [officer]),
                    .note(subject: subject("\(c.name(officer)) declined", matter, Wording.when(start), s),
                          letter: Letter(news: ["\(c.name(officer)) (\(me?.title ?? "")) declined the invitation to \(s) at \(LondonTime.formatLong(start)), a first invitation on this matter (\(c.profile.clauses(.officerMayDecline).joined(separator: ", "))). Reason: \(reason)"],
                                         asked: asked("the host group may move the session to a time that suits, or cancel it; the session's page shows who still attends."),
                                         links: [.init("See the session", DeskLink.session(s))]),
                          to: tell)]
        case .represented(let officer, let rep, let matter, let start, let reason, let waitingFor, let tell):
            let me = c.name(officer), name = c.name(rep)
            let waits = waitingFor.map { " Their attendance waits for the \(title)'s agreement (\($0)): they are invited, and the session can be confirmed, only once the \(title) agrees." } ?? ""
            return [.cancellation(session: s, officerView: true,
                                  part: InvitationPart(headline: "\(name) attends for you",
                                                       asked: nothing("it leaves your calendar, and \(name) is sent the invitation\(waitingFor == nil ? "" : " once agreed")."),
                                                       link: "See the session"),
                                  news: "\(name) attends \(s) in your place. Reason: \(reason)\(waits)", to: [officer]),
                    .note(subject: subject("\(name) will attend for \(me)", matter, Wording.when(start), s),
                          letter: Letter(news: ["\(me) nominates \(Self.officer(rep, c)) to attend \(s) in their place, as their nominee (\(c.profile.clauses(.seniorOfficer).joined(separator: ", "))). Reason: \(reason)\(waits)"],
                                         asked: nothing("the session's page shows its officers. The group may ask the \(title) if it objects."),
                                         links: [.init("See the session", DeskLink.session(s))]),
                          to: tell),
                    .invitation(session: s, news: "\(me) nominates you, \(name), to attend \(s) in their place. Reason: \(reason)",
                                officers: InvitationPart(headline: "Invitation to brief for \(me)",
                                                         asked: asked("confirm on the desk that you will attend; you may propose another time."),
                                                         link: confirm.link),
                                attendees: nil, groups: [], only: [rep])]
        case .nomination(let senior, let nominee, let matter, let start, let confirmed, let message, let tell):
            // A nominee holds no invitation until endorsed (003 §7.9): endorsed, they are invited now; refused, they never were
            // (the note below tells them).
            let invitation: [MessageDraft] = confirmed ? [
                .invitation(session: s, news: "\(c.name(senior)) endorsed you as their nominee to attend \(s) (\(c.profile.clauses(.seniorOfficer).joined(separator: ", "))).",
                            officers: confirm, attendees: nil, groups: [], only: [nominee]),
            ] : []
            return invitation + [
                .note(subject: subject("\(c.name(senior)) \(confirmed ? "confirmed" : "refused") \(c.name(nominee)) as nominee", matter, Wording.when(start), s),
                      letter: Letter(news: [message + "."],
                                     asked: confirmed ? nothing("the session's page shows its officers.")
                                                      : asked("the group may ask \(c.name(senior)) to attend, or to nominate someone else."),
                                     links: [.init("See the session", DeskLink.session(s))]),
                      to: tell),
            ]
        }
    }
}
