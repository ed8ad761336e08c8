import BriefingsDomain
import Foundation

/// Each event of a step as its readers are told by email (and among their notifications): one place for the words.
/// Every message is written for its reader: a subject that says what happened or what is asked, then the matter and any
/// date, references last ("Offer for the Conservative Group: Town centre regeneration, answer by Mon 21 Dec (OF-0007)");
/// a letter saying what happened, what is asked of them and by when, and a link to the desk page where they act. No
/// command, no option: people act on the desk (`DeskLink`).
public enum EmailText {
    public static func render(_ event: DeskEvent, in c: Council) -> [MessageDraft] {
        switch event {
        case .requestApproved(let e): [approved(e, c)]
        case .requestSubmitted(let e): [submitted(e, c)]
        case .requestAcknowledged(let e): [acknowledged(e, c)]
        case .requestPastDue(let e): [pastDue(e, c)]
        case .meetingChanged(let e): [meetingChanged(e, c)]
        case .requestFlagged(let e): [flagged(e, c)]
        case .requestDeclined(let e): [declined(e, c)]
        case .reportCommissioned(let e): commissioned(e, c)
        case .offerMade(let e): [offer(e, c)]
        case .sessionInvited(let e): [invitation(e, c)]
        case .nomineeNamed(let e): [nominee(e, c)]
        case .calendarAnswerRefused(let e): [calendarAnswerRefused(e, c)]
        case .sessionChanged(let session, let change): changed(session, change, c)
        case .takeUpQueued, .joinQueued, .moveQueued, .nominationQueued, .reportTakenUp, .reportReady, .materialHeld, .materialReleased, .timeProposed, .proposalRefused, .noteToVerify,
             .approverAway:
            afterApproval(event, c)
        }
    }

    /// The last lines of every email: everyone it is for by name (those without an address too), and where replies go.
    public static func footer(council c: Council, recipients: [String], desk: String) -> [String] {
        let unaddressed = recipients.filter { c.roster.email(of: $0) == nil }.map(c.name)
        var sent = "Sent by the briefings desk of \(c.roster.councilName) to \(Wording.list(recipients.map(c.name))); nobody else is copied."
        if !unaddressed.isEmpty {
            sent += " \(Wording.list(unaddressed)) \(unaddressed.count == 1 ? "has" : "have") no email address on the roster; the desk keeps "
                + "this message among \(unaddressed.count == 1 ? "their" : "their") notifications."
        }
        return [sent, "Replies reach \(desk), read by democratic services; to act, use the desk through the link above."]
    }

    // MARK: The pieces every message is made of

    /// A subject: what happened or is asked, the matter, any date, then the references.
    static func subject(_ what: String, _ matter: String, _ date: String? = nil, _ refs: String...) -> String {
        "\(what): \(matter)" + (date.map { ", \($0)" } ?? "") + (refs.isEmpty ? "" : " (\(refs.joined(separator: ", ")))")
    }

    /// What is asked of the reader.
    static func asked(_ text: String) -> String { "What is asked of you: \(text)" }

    /// That nothing is asked of the reader, and why.
    static func nothing(_ text: String) -> String { "Nothing is asked of you: \(text)" }

    /// Where a request waiting for the approver is decided (the queue, at it) and, once it has left the queue (decided
    /// already, or read by an officer it names), its own page.
    static func decideLinks(_ request: String) -> [Letter.Link] {
        [.init("Decide it in your queue", DeskLink.queue(request)), .init("See the request", DeskLink.request(request))]
    }

    static func late(_ explanation: String?) -> [String] {
        explanation.map { ["This answer is late. \($0)"] } ?? []
    }

    /// `Nadia Rahman (Director of Place)`.
    static func officer(_ id: String, _ c: Council) -> String {
        c.roster.officer(id).map { "\($0.name) (\($0.title))" } ?? c.name(id)
    }

    static func officers(_ ids: [String], _ c: Council) -> String { Wording.list(ids.map { officer($0, c) }) }

    // MARK: Requests and decisions

    static func submitted(_ e: DeskEvent.RequestSubmitted, _ c: Council) -> MessageDraft {
        let p = e.proposal, ref = e.request, group = Wording.group(p.groups[0], c), title = c.profile.approverTitle
        let referred = e.referred.map(\.rawValue)
        let who = c.name(p.requester) + (p.onBehalfOf.map { " (for \(c.name($0)))" } ?? "")
        var facts = [Letter.Fact("Group", c.name(p.groups[0])), Letter.Fact("Officers", officers(p.officers.map(\.officer), c))]
        let news: String, subject: String
        if p.isWrittenReport {
            news = "\(who) asks for a written report by \(officers(p.officers.map(\.officer), c)) for \(group) on “\(p.matter.title)”, instead of officers attending (001 §4.10)."
            subject = Self.subject("Written report request from \(group) for your decision", p.matter.title, "wanted by \(Wording.day(LocalDate(p.segmentStart)))", ref)
            facts.append(.init("Wanted by", Wording.longDay(LocalDate(p.segmentStart))))
        } else {
            news = "\(who) asks for \(officers(p.officers.map(\.officer), c)) to brief \(group) on “\(p.matter.title)”."
            subject = Self.subject("Request from \(group) for your decision", p.matter.title, Wording.when(p.meetingStart), ref)
            facts += [.init("Meeting", Wording.span(p.meetingStart, p.meetingEnd)), .init("Officers' part", Wording.span(p.segmentStart, p.segmentEnd)),
                      .init("Where", Wording.location(p.venue, c) ?? p.venue.description)]
        }
        facts.append(.init("The rules", referred.isEmpty ? "every rule passes"
                           : "\(referred.joined(separator: ", ")) need\(referred.count == 1 ? "s" : "") your recorded reason to agree it"))
        let by = [e.acknowledgeBy.map { "acknowledge it by \(Wording.longDay($0)), saying what happens next and when the requester will hear" },
                  e.decideBy.map { "agree or decline it by \(Wording.longDay($0))" }].compactMap { $0 }
        return .note(subject: subject,
                     letter: Letter(news: [news, "It waits for the \(title)'s agreement."], facts: facts,
                                    asked: asked((by.isEmpty ? "acknowledge it, then agree or decline it" : by.joined(separator: "; "))
                                                 + (referred.isEmpty ? "." : "; to agree it, record why each rule it refers is acceptable.")),
                                    links: decideLinks(ref)),
                     to: e.to)
    }

    static func acknowledged(_ e: DeskEvent.RequestAcknowledged, _ c: Council) -> MessageDraft {
        let title = c.profile.approverTitle
        var news = [e.message, "The \(title)'s acknowledgement of your request, sent by \(c.name(e.by))."]
        if let reason = e.delayReason {
            news.append("This is later than the council's response date (\(Wording.longDay(e.respondBy))) because: \(reason)")
        }
        return .note(subject: subject("Request acknowledged", e.matter, "you will hear by \(Wording.day(e.replyBy))", e.request),
                     letter: Letter(news: news, facts: [.init("You will hear by", Wording.longDay(e.replyBy))],
                                    asked: nothing("you will hear of the \(title)'s decision by \(Wording.longDay(e.replyBy)); if not, you are told."),
                                    links: [.init("See where your request stands", DeskLink.request(e.request))]),
                     to: e.to)
    }

    static func pastDue(_ e: DeskEvent.RequestPastDue, _ c: Council) -> MessageDraft {
        let title = c.profile.approverTitle
        let date = e.promised ? "the date the \(title) said you would hear by (\(Wording.longDay(e.due)))"
                              : "the council's response date (\(Wording.longDay(e.due)))"
        let contact = e.deputy.map { "the \(title) is away; you may contact \(c.name($0)), who decides in their place." }
            ?? "you may ask the \(title)'s office why, or wait for their decision."
        return .note(subject: subject("No decision yet on your request", e.matter, "due \(Wording.day(e.due))", e.request),
                     letter: Letter(news: ["Your request has passed \(date) without a decision. It still waits in the \(title)'s queue, marked overdue."],
                                    asked: nothing(contact),
                                    links: [.init("See where your request stands", DeskLink.request(e.request))]),
                     to: e.to)
    }

    static func meetingChanged(_ e: DeskEvent.MeetingChanged, _ c: Council) -> MessageDraft {
        let title = c.profile.approverTitle, request = e.subject.hasPrefix("RQ-")
        let what = request ? "your request" : "the briefing"
        let meeting = "The \(e.committee) meeting of \(Wording.longDay(e.was)) (\(e.meeting)), which \(what) is to inform,"
        var news: [String], asked: String
        let link: Letter.Link = request ? .init("See where your request stands", DeskLink.request(e.subject))
            : e.sessionAfter.map { .init("Move or cancel the session", DeskLink.session($0)) } ?? .init("See the briefing", DeskLink.briefing(e.subject))
        if let now = e.now {
            news = ["\(meeting) has moved to \(Wording.longDay(now)) in the council's committee calendar."]
            if let session = e.sessionAfter, let start = e.sessionStart {
                news.append("\(Wording.group(e.group, c, startsSentence: true))'s session \(session) (\(Wording.when(start))) now comes after it, so it can no longer inform it.")
                asked = EmailText.asked("\(Wording.group(e.group, c))'s leader moves the session to a time before \(Wording.longDay(now)), or cancels it, on the desk; its officers need do nothing until then.")
            } else {
                news.append(request ? "The request now carries the new date; the \(title) decides it with that date."
                                    : "The briefing now carries the new date, and the times suggested to other groups end before it.")
                asked = nothing("the \(request ? "request" : "briefing") follows its meeting.")
            }
        } else {
            news = ["\(meeting) has been cancelled in the council's committee calendar."]
            news.append(request ? "Your request now has no meeting left for it to inform (council-business): the \(title) sees that when deciding it."
                                : "The briefing has no meeting left to inform; its sessions stand unless their groups cancel them.")
            asked = request ? nothing("if the matter goes to another meeting, the \(title) may decline this request and you may ask again linked to that meeting.")
                            : EmailText.asked("each group with a session decides whether it is still wanted, and cancels it on the desk if not.")
        }
        let date = e.now.map { "now \(Wording.day($0))" } ?? "\(e.committee) of \(Wording.day(e.was))"
        return .note(subject: subject(e.now == nil ? "Meeting cancelled" : "Meeting moved", e.matter, date, e.subject),
                     letter: Letter(news: news, asked: asked, links: [link]), to: e.to)
    }

    static func flagged(_ e: DeskEvent.RequestFlagged, _ c: Council) -> MessageDraft {
        let title = c.profile.approverTitle
        return .note(subject: subject("Request flagged as unreasonable by \(c.name(e.officer))", e.matter, nil, e.request),
                     letter: Letter(news: ["\(officer(e.officer, c)) flags the request as unreasonable. Reason: \(e.reason)",
                                           "It is for the \(title) to determine (001 §4.10); the flag shows beside the request in the queue."],
                                    asked: asked("the \(title) (or the deputy, while they decide) determines it: agree or decline it in the queue. The officer who flagged it need do nothing more."),
                                    links: decideLinks(e.request)),
                     to: e.to)
    }

    /// What the approver agreed, by the kind of request.
    static func agreed(_ kind: RequestKind) -> String {
        switch kind {
        case .request: "Request agreed"
        case .acceptance: "Take-up agreed"
        case .join: "Joining agreed"
        case .reschedule: "Move agreed"
        case .nomination: "Representative agreed"
        case .material: "Material released"
        }
    }

    static func approved(_ e: DeskEvent.RequestApproved, _ c: Council) -> MessageDraft {
        let r = e.request, p = r.proposal, session = e.session, title = c.profile.approverTitle
        let what = switch r.kind {
        case .request: "officers attending \(Wording.group(r.group, c)) at \(LondonTime.formatLong(p.segmentStart))"
        case .acceptance: "\(Wording.group(r.group, c))'s session at \(LondonTime.formatLong(p.segmentStart))"
        case .join: "\(Wording.group(r.group, c)) joining the session"
        case .reschedule: "moving the session to \(LondonTime.formatLong(p.segmentStart))"
        case .nomination: "\(c.name(r.representative ?? "")) attending in \(c.name(r.requester))'s place"
        case .material: "releasing the material to the groups"
        }
        let news = "The \(title) agreed \(what)" + (e.overridden.isEmpty ? "." : ", recording a reason for \(e.overridden.map(\.rawValue).joined(separator: ", ")).")
            + (r.kind == .request ? " Every other group is offered the same briefing." : "")
        return .note(subject: subject(agreed(r.kind), p.matter.title, Wording.when(p.meetingStart), r.ref, session),
                     letter: Letter(news: late(e.lateExplanation) + [news, "Its officers and attendees are sent calendar invitations."],
                                    asked: nothing("the briefing is in your group's calendar feed. Your group's leader may move or cancel it on the desk."),
                                    links: [.init("See the briefing", DeskLink.session(session))]),
                     to: e.to)
    }

    static func declined(_ e: DeskEvent.RequestDeclined, _ c: Council) -> MessageDraft {
        let what = switch e.kind {
        case .request: "Request declined"
        case .acceptance: "Take-up declined"
        case .join: "Joining declined"
        case .reschedule: "Move declined"
        case .nomination: "Representative declined"
        case .material: "Material not released"
        }
        let may = switch e.kind {
        case .request: "you may ask again, for another time or with other officers."
        case .acceptance, .join: "your group's offer may be answered again, with another time or session."
        case .reschedule: "the session stays at its time; you may ask to move it to another."
        case .nomination: "you are invited to the session again: confirm it, propose another time, or nominate someone else."
        case .material: "no group has read it. You may attach it again, limited to facts, options and their merits (advice-limits)."
        }
        let again: Letter.Link = switch e.kind {
        case .request: .init("Ask for a briefing", DeskLink.newRequest)
        case .nomination: .init("Answer your invitations", DeskLink.sessions)
        case .material: .init("See your briefings", DeskLink.briefings)
        case .acceptance, .join, .reschedule: .init("See your group's offers", "/desk/offers")
        }
        return .note(subject: subject(what, e.matter, nil, e.request),
                     letter: Letter(news: late(e.lateExplanation) + ["The \(c.profile.approverTitle) did not agree it. Reason: \(e.reason)"],
                                    asked: nothing(may),
                                    links: [.init("See the request", DeskLink.request(e.request)), again]),
                     to: e.to)
    }

    static func commissioned(_ e: DeskEvent.ReportCommissioned, _ c: Council) -> [MessageDraft] {
        let title = c.profile.approverTitle, by = Wording.day(e.wantedBy), longBy = Wording.longDay(e.wantedBy)
        return [
            .note(subject: subject("Written report commissioned", e.matter, "wanted by \(by)", e.request, e.briefing),
                  letter: Letter(news: late(e.lateExplanation) + ["The \(title) commissioned a written report on “\(e.matter)” from \(officers(e.officers, c)), wanted by \(longBy). Every other group is offered the same report."],
                                 asked: nothing("you are told when the officers attach it."),
                                 links: [.init("See your request", DeskLink.request(e.request))]),
                  to: e.requesterSide),
            .note(subject: subject("Written report asked of you", e.matter, "wanted by \(by)", e.briefing, e.request),
                  letter: Letter(news: ["The \(title) commissioned a written report on “\(e.matter)” from \(officers(e.officers, c)), instead of officers attending a group meeting (001 §4.10)."],
                                 asked: asked("write the report and attach it on the desk by \(longBy): material facts, options and their merits for the council, no recommendation to the group (advice-limits). Every group that takes it up reads the same text."),
                                 links: [.init("Attach the report", DeskLink.briefing(e.briefing)), .init("See the request", DeskLink.request(e.request))]),
                  to: e.authors),
        ]
    }

    static func offer(_ o: DeskEvent.OfferMade, _ c: Council) -> MessageDraft {
        let group = Wording.group(o.group, c), officers = Self.officers(o.officers, c)
        let by = Wording.day(o.answerBy), longBy = Wording.longDay(o.answerBy)
        var facts = [Letter.Fact("Matter", o.title), Letter.Fact("Offered to", c.name(o.group)), Letter.Fact("Officers", officers),
                     Letter.Fact("Answer by", longBy)]
        if o.writtenReport {
            return .note(subject: subject("Written report offered to \(group)", o.title, "answer by \(by)", o.offer),
                         letter: Letter(news: ["A written report by \(officers) has been commissioned for another group, and every group is offered the same (equal-offer). This is \(group)'s offer. Nobody attends: it is a written report (001 §4.10)."],
                                        facts: facts,
                                        asked: asked("take it up (no time or room needed) or decline it, by \(longBy). You read it once its officers attach it."),
                                        links: [.init("Answer the offer", DeskLink.offer(o.offer))]),
                         to: o.to)
        }
        if !o.jointSessions.isEmpty { facts.append(.init("Joint session", Wording.list(o.jointSessions) + ", which your group may join")) }
        return .note(subject: subject("Offer for \(group)", o.title, "answer by \(by)", o.offer),
                     letter: Letter(news: ["A briefing by \(officers) has been agreed for another group, and every group is offered the same (equal-offer). This is \(group)'s offer."],
                                    facts: facts,
                                    asked: asked("take it up with a session of your own" + (o.jointSessions.isEmpty ? "" : ", join the joint session")
                                                 + ", or decline it, by \(longBy). An offer not answered by then lapses."),
                                    links: [.init("Answer the offer", DeskLink.offer(o.offer))]),
                     to: o.to)
    }

    // MARK: Invitations

    /// What an officer invited to a session is asked.
    static let confirm = InvitationPart(
        headline: "Invitation to brief",
        asked: "What is asked of you: confirm on the desk that you will attend. Until you have confirmed a session on this matter you may decline it; you may also send a representative or propose another time.",
        link: "Answer the invitation")

    /// What a group's attendees of a session are told when nothing is asked of them.
    static func attendees(_ headline: String, _ text: String = "the briefing is in your calendar and your group's feed. Your group's leader may move or cancel it.") -> InvitationPart {
        InvitationPart(headline: headline, asked: nothing(text), link: "See the briefing")
    }

    static func invitation(_ e: DeskEvent.SessionInvited, _ c: Council) -> MessageDraft {
        let title = c.profile.approverTitle
        return switch e.why {
        case .agreed:
            .invitation(session: e.session, news: "The \(title) agreed this briefing (\(e.request)).", officers: confirm,
                        attendees: attendees("Briefing agreed"))
        case .moved(let group):
            .invitation(session: e.session, news: "The briefing has moved: the \(title) agreed \(Wording.group(group, c))'s new time (\(e.request)).",
                        officers: InvitationPart(headline: "Briefing moved", asked: confirm.asked, link: confirm.link),
                        attendees: attendees("Briefing moved", "your calendar and your group's feed show the new time."))
        case .nominationAgreed(let officer, let representative):
            .invitation(session: e.session, news: "The \(title) agreed your attending in \(c.name(officer))'s place (\(e.request)).",
                        officers: InvitationPart(headline: "Invitation to brief for \(c.name(officer))",
                                                 asked: asked("confirm on the desk that you will attend; you may propose another time."), link: confirm.link),
                        attendees: nil, groups: [], only: [representative])
        case .nominationDeclined(let officer, let representative, let reason):
            .invitation(session: e.session, news: "The \(title) did not agree \(c.name(representative)) attending in your place (\(e.request)). Reason: \(reason). You are invited again.",
                        officers: InvitationPart(headline: "Invited again", asked: confirm.asked, link: confirm.link),
                        attendees: nil, groups: [], only: [officer])
        }
    }

    /// The full text an invitation's readers get: a subject naming the session's matter and time, and a letter with the
    /// session's facts as their calendar event shows them (`event`: the officers' part for officers).
    public static func invitation(session ref: String, matter: String, event: FeedEvent, officerView: Bool, news: String,
                                  part: InvitationPart) -> (subject: String, letter: Letter) {
        let status = switch event.status {
        case .confirmed: "confirmed"
        case .tentative: "tentative until every officer has confirmed" + (officerView ? " (you too)" : "")
        case .cancelled: "cancelled"
        }
        let facts = [Letter.Fact("What", event.title),
                     Letter.Fact("When", Wording.span(event.start, event.end) + (officerView ? " (the officers' part only)" : "")),
                     Letter.Fact("Where", event.location ?? "to be arranged"),
                     Letter.Fact("Status", status),
                     Letter.Fact("Reference", "\(ref), the same event as in your briefings calendar feed")]
        return ("\(part.headline): \(matter), \(Wording.when(event.start)) (\(([ref] + part.refs).joined(separator: ", ")))",
                Letter(news: [news], facts: facts, asked: part.asked, links: [.init(part.link, part.path ?? DeskLink.session(ref))]))
    }

    /// An officer's answer from their calendar that a rule refused: what they tried, why (the rule and its clauses) and
    /// what they may do instead, on the desk.
    static func calendarAnswerRefused(_ e: DeskEvent.CalendarAnswerRefused, _ c: Council) -> MessageDraft {
        let r = e.refusal
        let rule = r.rule.map { " (\($0.rawValue)\(r.clauses.isEmpty ? "" : ", " + r.clauses.joined(separator: ", ")))" } ?? ""
        return .note(subject: subject("Your answer was not recorded", e.matter, Wording.when(e.start), e.session),
                     letter: Letter(news: ["Your calendar sent the desk your answer to \(e.tried) the invitation to \(e.session). It is refused\(rule): \(r.message). Nothing has changed: you are still invited."],
                                    asked: asked(DeskText.fix(r.remedy)),
                                    links: [.init("Answer the invitation", DeskLink.session(e.session))]),
                     to: e.to)
    }

    static func nominee(_ e: DeskEvent.NomineeNamed, _ c: Council) -> MessageDraft {
        .note(subject: subject("\(c.name(e.nominee)) named as your nominee", e.matter, Wording.when(e.start), e.session),
              letter: Letter(news: ["\(Wording.group(e.group, c, startsSentence: true)) names \(officer(e.nominee, c)) to attend \(e.session) as your nominee; they attend only once you confirm (\(c.profile.clauses(.seniorOfficer).joined(separator: ", ")))."],
                             asked: asked("confirm \(c.name(e.nominee)) as your nominee, or refuse with your reason."),
                             // The senior officer sees the sessions that name their nominee (003 §7.9).
                             links: [.init("Answer for your nominee", DeskLink.session(e.session))]),
              to: [e.senior])
    }
}

/// What one audience of an invitation or cancellation is told: the subject's first words, what is asked of them, and
/// the words of the link to the desk (to the session's page unless `path` says otherwise, with `refs` after the
/// session's in the subject: what that page is about).
public struct InvitationPart: Sendable, Hashable {
    public var headline: String
    public var asked: String
    public var link: String
    public var path: String?
    public var refs: [String]

    public init(headline: String, asked: String, link: String, path: String? = nil, refs: [String] = []) {
        self.headline = headline; self.asked = asked; self.link = link; self.path = path; self.refs = refs
    }
}
