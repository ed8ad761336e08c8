import BriefingsDomain
import Foundation

/// Each event of a step as its readers are told by email (and `briefings notifications`): one place for the words.
public enum EmailText {
    public static func render(_ event: DeskEvent, in c: Council) -> [MessageDraft] {
        switch event {
        case .requestApproved(let e): [approved(e, c)]
        case .requestSubmitted(let e): [submitted(e, c)]
        case .requestAcknowledged(let e): [acknowledged(e, c)]
        case .requestFlagged(let e): [flagged(e, c)]
        case .requestDeclined(let e): [declined(e, c)]
        case .reportCommissioned(let e): commissioned(e, c)
        case .offerMade(let e): [offer(e, c)]
        case .sessionInvited(let e): [invitation(e, c)]
        case .nomineeNamed(let e): [nominee(e, c)]
        case .sessionChanged(let session, let change): changed(session, change, c)
        case .takeUpQueued, .joinQueued, .moveQueued, .nominationQueued, .reportTakenUp, .reportReady, .timeProposed, .proposalRefused, .noteToVerify,
             .approverAway:
            afterApproval(event, c)
        }
    }

    /// The last lines of every email: everyone it is for by name (those without an address too), and where replies go.
    public static func footer(council c: Council, recipients: [String], desk: String) -> String {
        let unaddressed = recipients.filter { c.roster.email(of: $0) == nil }.map(c.name)
        var footer = "Sent by the briefings desk of \(c.roster.councilName) to \(Wording.list(recipients.map(c.name))); nobody else is copied."
        if !unaddressed.isEmpty {
            footer += " \(Wording.list(unaddressed)) \(unaddressed.count == 1 ? "has" : "have") no email address on the roster and "
                + "\(unaddressed.count == 1 ? "reads" : "read") it with `briefings notifications`."
        }
        return footer + "\nReplies reach \(desk), read by democratic services; the commands above are how to act."
    }

    static func late(_ explanation: String?) -> String {
        explanation.map { "This answer is late. \($0)\n\n" } ?? ""
    }

    static func submitted(_ e: DeskEvent.RequestSubmitted, _ c: Council) -> MessageDraft {
        let p = e.proposal, ref = e.request, group = c.name(p.groups[0])
        let officers = Wording.list(p.officers.map { c.name($0.officer) })
        let asked = p.isWrittenReport
            ? "a written report by \(officers) for \(group) on \"\(p.matter.title)\", wanted by \(LocalDate(p.segmentStart)) (no meeting: 001 §4.10)"
            : "\(officers) to brief \(group) on \"\(p.matter.title)\" at \(LondonTime.formatLong(p.segmentStart)) (\(Wording.location(p.venue, c) ?? p.venue.description))"
        let referred = e.referred.map(\.rawValue)
        return .note(subject: "\(ref): \(p.isWrittenReport ? "written report" : "briefing") request from \(group)",
                     body: "\(c.name(p.requester))\(p.onBehalfOf.map { " (for \(c.name($0)))" } ?? "") asks for \(asked). It awaits the \(c.profile.approverTitle)'s agreement"
                         + (referred.isEmpty ? "; every rule passes." : "; \(referred.joined(separator: ", ")) need\(referred.count == 1 ? "s" : "") a recorded reason to override.")
                         + "\n\nWhat you may do: read it with its verdicts in `briefings queue`; acknowledge it with `briefings request acknowledge \(ref) --message \"…\"`; agree with `briefings approve \(ref)`"
                         + (referred.isEmpty ? "" : " --override RULE=\"reason\"") + ", or decline with `briefings decline \(ref) --reason \"…\"`.",
                     to: e.to)
    }

    static func acknowledged(_ e: DeskEvent.RequestAcknowledged, _ c: Council) -> MessageDraft {
        .note(subject: "\(e.request) acknowledged: \(e.matter)",
              body: "\(e.message)\n\n(The \(c.profile.approverTitle)'s acknowledgement of \(e.request), from \(c.name(e.by)).) What you may do: nothing yet; you will hear of the decision. `briefings request show \(e.request)` shows where it stands.",
              to: e.to)
    }

    static func flagged(_ e: DeskEvent.RequestFlagged, _ c: Council) -> MessageDraft {
        .note(subject: "\(e.request) flagged as unreasonable by \(c.name(e.officer))",
              body: "Reason: \(e.reason). It is for the \(c.profile.approverTitle) to determine (001 §4.10).\n\nWhat you may do: the flag shows beside \(e.request) in `briefings queue`; decide it with `briefings approve` or `briefings decline`.",
              to: e.to)
    }

    static func approved(_ e: DeskEvent.RequestApproved, _ c: Council) -> MessageDraft {
        let r = e.request, p = r.proposal, session = e.session
        let what = switch r.kind {
        case .request: "officer attendance at \(LondonTime.formatLong(p.segmentStart))"
        case .acceptance: "\(c.name(r.group))'s session \(session) at \(LondonTime.formatLong(p.segmentStart))"
        case .join: "\(c.name(r.group)) joining \(session)"
        case .reschedule: "moving \(session) to \(LondonTime.formatLong(p.segmentStart))"
        case .nomination: "\(c.name(r.representative ?? "")) attending \(session) in \(c.name(r.requester))'s place"
        }
        return .note(subject: "\(r.ref) approved: \(session)",
                     body: late(e.lateExplanation)
                         + "The \(c.profile.approverTitle) agreed \(what)"
                         + (e.overridden.isEmpty ? "." : ", recording a reason for \(e.overridden.map(\.rawValue).joined(separator: ", ")).")
                         + (r.kind == .request ? " Every other group is offered the same briefing." : "")
                         + " Its officers and attendees are sent calendar invitations.\n\nWhat you may do: `briefings session show \(session)` shows it; the host group moves or cancels it with `briefings session reschedule|cancel \(session) … --reason \"…\"`.",
                     to: e.to)
    }

    static func declined(_ e: DeskEvent.RequestDeclined, _ c: Council) -> MessageDraft {
        .note(subject: "\(e.request) declined",
              body: late(e.lateExplanation)
                  + "The \(c.profile.approverTitle) did not agree \(e.request). Reason: \(e.reason)\n\nWhat you may do: ask again for another time or with other officers with `briefings request create …` (or, for an offer, `briefings offer accept` again).",
              to: e.to)
    }

    static func commissioned(_ e: DeskEvent.ReportCommissioned, _ c: Council) -> [MessageDraft] {
        let officers = Wording.list(e.officers.map(c.name)), title = c.profile.approverTitle
        return [
            .note(subject: "\(e.request) approved: written report \(e.briefing) commissioned",
                  body: late(e.lateExplanation) + "The \(title) commissioned a written report on \"\(e.matter)\" from \(officers), wanted by \(e.wantedBy). Every other group is offered the same report.\n\nWhat you may do: nothing yet; you are told when the officers attach it, and read it with `briefings briefing show \(e.briefing)`.",
                  to: e.requesterSide),
            .note(subject: "\(e.briefing): a written report commissioned from you: \(e.matter)",
                  body: "The \(title) commissioned a written report on \"\(e.matter)\" (\(e.request)) from \(officers), wanted by \(e.wantedBy), instead of officers attending (001 §4.10).\n\nWhat you may do: attach it with `briefings briefing material \(e.briefing) --file REPORT.txt`: material facts, options and their merits for the council, no recommendation to the group (advice-limits). Every group that takes it up reads the same text.",
                  to: e.authors),
        ]
    }

    static func offer(_ o: DeskEvent.OfferMade, _ c: Council) -> MessageDraft {
        let group = c.name(o.group), officers = Wording.list(o.officers.map(c.name))
        if o.writtenReport {
            return .note(subject: "\(o.offer): a written report offered to \(group): \(o.title)",
                         body: "A written report by \(officers) has been commissioned for another group, and every group is offered the same (equal-offer): this is \(group)'s offer, \(o.offer), to answer by \(o.answerBy). Nobody attends: it is a written report (001 §4.10).\n\nWhat you may do: take it up with `briefings offer accept \(o.offer)` (no time or room needed) and read it once attached with `briefings briefing show \(o.briefing)`, or decline it with `briefings offer decline \(o.offer) --reason \"…\"`.",
                         to: o.to)
        }
        let joint = o.jointSessions.first.map { ", join the joint session with `briefings offer accept \(o.offer) --join \($0) --attendee MEMBER …`" } ?? ""
        return .note(subject: "\(o.offer): a briefing offered to \(group): \(o.title)",
                     body: "A briefing by \(officers) has been agreed for another group, and every group is offered the same (equal-offer): this is \(group)'s offer, \(o.offer), to answer by \(o.answerBy).\n\nWhat you may do: see free times with `briefings offer slots \(o.offer)`; take it up with a session of your own with `briefings offer accept \(o.offer) --start YYYY-MM-DDTHH:MM --duration 1h --segment 30m --room ROOM --attendee MEMBER …`\(joint), or decline it with `briefings offer decline \(o.offer) --reason \"…\"`. `briefings offer list` shows it.",
                     to: o.to)
    }

    static func invitation(_ e: DeskEvent.SessionInvited, _ c: Council) -> MessageDraft {
        let s = e.session, title = c.profile.approverTitle
        let officers = "What you may do: confirm with `briefings officer confirm \(s)`; until you have confirmed a session on this matter you may decline (`briefings officer decline \(s) --reason \"…\"`), send a representative (`briefings officer nominate \(s) --representative OFFICER --reason \"…\"`) or propose another time (`briefings officer propose \(s) --start … --reason \"…\"`)."
        let attendees = "What you may do: nothing; the session is in your group's calendar feed too. Your group leader moves or cancels it with `briefings session reschedule|cancel \(s)`."
        return switch e.why {
        case .agreed:
            .invitation(session: s, headline: "Invitation", news: "The \(title) agreed this briefing (\(e.request)).",
                        officers: officers, attendees: attendees)
        case .moved(let group):
            .invitation(session: s, headline: "Moved", news: "\(s) has moved: the \(title) agreed \(c.name(group))'s new time (\(e.request)).",
                        officers: officers, attendees: attendees)
        case .nominationAgreed(let officer, let representative):
            .invitation(session: s, headline: "Invitation",
                        news: "The \(title) agreed your attending \(s) in \(c.name(officer))'s place (\(e.request)).",
                        officers: "What you may do: confirm with `briefings officer confirm \(s)`, or propose another time with `briefings officer propose \(s) --start … --reason \"…\"`.",
                        attendees: "", groups: [], only: [representative])
        case .nominationDeclined(let officer, let representative, let reason):
            .invitation(session: s, headline: "Invitation",
                        news: "The \(title) did not agree \(c.name(representative)) attending \(s) in your place (\(e.request)). Reason: \(reason). You are invited again.",
                        officers: officers, attendees: "", groups: [], only: [officer])
        }
    }

    static func nominee(_ e: DeskEvent.NomineeNamed, _ c: Council) -> MessageDraft {
        .note(subject: "\(e.session): \(c.name(e.group)) names \(c.name(e.nominee)) as your nominee",
              body: "\(c.name(e.group)) names \(c.name(e.nominee)) to attend \(e.session) as your nominee; they attend only once you confirm (\(c.profile.clauses(.seniorOfficer).joined(separator: ", "))).\n\nWhat you may do: confirm with `briefings officer endorse \(e.session) --nominee \(e.nominee)`, or refuse with `briefings officer refuse-nominee \(e.session) --nominee \(e.nominee) --reason \"…\"`.",
              to: [e.senior])
    }
}
