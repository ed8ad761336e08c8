import BriefingsDomain
import Foundation

/// A session form's times and venue, checked as the desk reads them.
extension SessionForm {
    /// (meeting start, meeting end, segment start, segment end), refusing malformed, impossible or skipped times,
    /// and a line break in any of the form's one-line fields (every use of a form reads its times first).
    public func times() throws -> (Date, Date, Date, Date) {
        try Forms.oneLine([("room", room), ("virtual link", virtual), ("premises", premises)]
                          + (attendees ?? []).map { ("attendee", $0) } + (guests ?? []).map { ("guest", $0) })
        let meetingStart = try Self.time(start, "start")
        let meetingEnd = meetingStart.addingTimeInterval(Double(try Self.minutes(duration ?? "2h", "duration") * 60))
        var segStart = meetingStart
        if let s = segmentStart {
            segStart = s.count == 5 && s.contains(":")
                ? try Self.time(String(LondonTime.format(meetingStart).prefix(10)) + "T" + s, "segment start")
                : try Self.time(s, "segment start")
        }
        let segEnd = segStart.addingTimeInterval(Double(try Self.minutes(segment ?? "45m", "segment") * 60))
        // A start inside the window may still end after it: no session runs past its last minute either.
        for (end, field) in [(meetingEnd, "duration"), (segEnd, "segment")] where end > LondonTime.window.upperBound {
            throw DeskError(.invalid, "\(field): the \(field == "duration" ? "meeting" : "officers' part") would end at \(LondonTime.format(end)), after the times this service takes (\(LondonTime.windowText))",
                            fix: "Give a start and length that end by \(LondonTime.format(LondonTime.window.upperBound)).")
        }
        return (meetingStart, meetingEnd, segStart, segEnd)
    }

    /// The venue, when one is given; more than one is refused.
    public func venue() throws -> Venue? {
        let chosen = [room.map { Venue.room($0) }, virtual.map { Venue.virtual($0) },
                      premises.map { Venue.external(description: $0, party: partyPremises ?? false) }].compactMap { $0 }
        if chosen.count > 1 {
            throw DeskError(.invalid, "more than one venue given", fix: "Give exactly one of a council room, a virtual link or other premises.")
        }
        // Declared, never assumed: "Labour Club, High St" is not ordinary premises because nobody said otherwise.
        if let premises, partyPremises == nil {
            throw DeskError(.invalid, rule: .venue, clauses: PolicyProfile.model.clauses(.venue),
                            "'\(premises)' is not a council room: say whether it is a political party's premises (never allowed) or other non-council premises",
                            remedy: .declarePremises)
        }
        return chosen.first
    }

    public func requiredVenue() throws -> Venue {
        guard let v = try venue() else {
            throw DeskError(.invalid, "no venue given", remedy: .giveField(.venue))
        }
        return v
    }

    public var attendeeList: [Attendee] { (attendees ?? []).map { .person($0) } + (guests ?? []).map { .guest($0) } }

    static func time(_ text: String, _ field: String) throws -> Date {
        do { return try LondonTime.parse(text) } catch {
            throw DeskError(.invalid, "\(field): \(error.description)",
                            fix: "Write local times as YYYY-MM-DDTHH:MM in Europe/London, \(LondonTime.windowText).")
        }
    }

    static func minutes(_ text: String, _ field: String) throws -> Int {
        do { return try Minutes.parse(text).value } catch {
            throw DeskError(.invalid, "\(field): \(error.description)", fix: "Write a length from 1m to 24h, like 30m, 1h or 1h30m.")
        }
    }
}

/// A request form read as the proposal it asks for, checked as the desk reads it.
extension RequestForm {
    public func proposal(requester: String) throws -> SessionProposal {
        try Forms.oneLine([("group", group), ("on behalf of", onBehalfOf), ("matter", matter), ("area", area), ("meeting", meeting)]
                          + officers.map { ("officer", $0) } + (nominees ?? []).map { ("nominee", $0) })
        var attendance = officers.map { OfficerAttendance(officer: $0) }
        for n in nominees ?? [] {
            let parts = n.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw DeskError(.invalid, "nominee '\(n)' is not OFFICER=SENIOR", fix: "Write each nominee as OFFICER=SENIOR.") }
            attendance.append(OfficerAttendance(officer: parts[0], nominatedBy: parts[1]))
        }
        let m = Matter(title: matter, details: details ?? "", area: area, linkedMeeting: meeting,
                       decisionDate: try Self.date(decisionDate, "decision date"), embargoUntil: try Self.date(embargoUntil, "embargo date"),
                       budget: budget == true ? true : nil, meetingDate: try Self.date(meetingDate, "meeting date"), meetingID: meetingId)
        if writtenReport == true { return try reportProposal(requester: requester, matter: m, officers: attendance) }
        if reportDue != nil {
            throw DeskError(.invalid, "a report due date is only for a written report", remedy: .reportDueWithoutReport)
        }
        guard let session else {
            throw DeskError(.invalid, "the session is missing: no meeting given",
                            remedy: .giveMeetingOrReport)
        }
        let (ms, me, ss, se) = try session.times()
        return SessionProposal(
            requester: requester, onBehalfOf: onBehalfOf, groups: group.map { [$0] } ?? [], matter: m,
            officers: attendance, meetingStart: ms, meetingEnd: me, segmentStart: ss, segmentEnd: se,
            venue: try session.requiredVenue(), attendees: session.attendeeList, jointWish: joint ?? false)
    }

    /// A written report (`001 §4.10`): nobody attends, so no meeting, venue or attendees; its times are the working day
    /// it is due by (09:00–17:00, Europe/London), which `council-business` compares with the linked meeting.
    func reportProposal(requester: String, matter m: Matter, officers: [OfficerAttendance]) throws -> SessionProposal {
        if session != nil {
            throw DeskError(.invalid, "a written report has no meeting", remedy: .reportWithMeeting)
        }
        if m.budget == true {
            throw DeskError(.invalid, rule: .confidentiality, clauses: PolicyProfile.model.clauses(.confidentiality),
                            "a budget briefing is confidential discussions of your group's own (003 §7.13), and a written report would be offered to every group",
                            remedy: .budgetNotReport)
        }
        guard let dueText = reportDue else {
            throw DeskError(.invalid, "a written report needs the date it is wanted by", remedy: .giveField(.reportDue))
        }
        let due = try Self.date(dueText, "report due date")!
        let from = try SessionForm.time("\(due)T09:00", "report due date"), to = try SessionForm.time("\(due)T17:00", "report due date")
        return SessionProposal(requester: requester, onBehalfOf: onBehalfOf, groups: group.map { [$0] } ?? [], matter: m, officers: officers,
                               meetingStart: from, meetingEnd: to, segmentStart: from, segmentEnd: to, venue: .writtenReport, attendees: [],
                               jointWish: false, writtenReport: true)
    }

    static func date(_ text: String?, _ field: String) throws -> LocalDate? {
        guard let text else { return nil }
        do { return try LocalDate.parse(text) } catch { throw DeskError(.invalid, "\(field): \(error.description)", fix: LocalDate.fix) }
    }
}

/// Checks the forms share.
enum Forms {
    /// Refuses a line break (or a control character) in a one-line field, naming it: (name, value) pairs, nil
    /// values skipped. Details, reasons, notes and material are the fields that may run over several lines.
    static func oneLine(_ fields: [(String, String?)]) throws {
        for case let (field, value?) in fields {
            if let problem = TextInput.lineProblem(value) {
                throw DeskError(.invalid, "\(field): \(problem)",
                                fix: "Give the \(field) on one line; only details, reasons, notes and material may run over several lines.")
            }
        }
    }
}

extension BriefingDesk {
    /// Submits a request from its form.
    public func submitRequest(_ form: RequestForm, as actorID: String) async throws -> Receipt {
        try await submitRequest(try await linkingMeeting(form).proposal(requester: actorID))
    }

    /// Accepts an offer with the group's own session, or by joining a joint one.
    public func acceptOffer(_ ref: String, as actorID: String, onBehalfOf: String?, join: String?, session form: SessionForm?,
                            attendees: [String] = [], guests: [String] = []) async throws -> Receipt {
        try Forms.oneLine([("on behalf of", onBehalfOf), ("session to join", join)] + attendees.map { ("attendee", $0) } + guests.map { ("guest", $0) })
        if let join {
            if form != nil {
                throw DeskError(.invalid, "joining takes the joint session's time and venue", fix: "Give either a session of your own or the joint session to join, not both.")
            }
            return try await joinSession(offer: ref, session: join, as: actorID, onBehalfOf: onBehalfOf,
                                   attendees: attendees.map { .person($0) } + guests.map { .guest($0) })
        }
        guard let form else { return try await takeUpReport(ref, as: actorID, onBehalfOf: onBehalfOf, attendees: attendees + guests) }
        let (ms, me, ss, se) = try form.times()
        let p = SessionProposal(requester: actorID, onBehalfOf: onBehalfOf, groups: [], matter: Matter(title: "", area: ""), officers: [],
                                meetingStart: ms, meetingEnd: me, segmentStart: ss, segmentEnd: se,
                                venue: try form.requiredVenue(), attendees: form.attendeeList)
        return try await acceptOffer(ref, p)
    }

    /// Moves a session to the form's times (and venue, if one is given).
    public func reschedule(_ ref: String, as actorID: String, to form: SessionForm, reason: String, overrides: [RuleID: String] = [:]) async throws -> Receipt {
        let (ms, me, ss, se) = try form.times()
        return try await reschedule(ref, as: actorID, meetingStart: ms, meetingEnd: me, segmentStart: ss, segmentEnd: se,
                              venue: try form.venue(), reason: reason, overrides: overrides)
    }
}
