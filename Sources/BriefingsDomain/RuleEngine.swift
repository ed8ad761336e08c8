import Foundation

/// What the rules need to know besides the proposal itself.
public struct ValidationContext: Sendable {
    public var roster: Roster
    public var profile: PolicyProfile
    /// Existing sessions and imported busy times that overlap the proposal (the store finds them by index).
    public var bookings: [Booking]
    /// Bank holidays: nobody's normal working day (`working-hours`), whatever weekdays their hours name.
    public var bankHolidays: Set<LocalDate>

    public init(roster: Roster, profile: PolicyProfile, bookings: [Booking] = [], bankHolidays: Set<LocalDate> = []) {
        self.roster = roster; self.profile = profile; self.bookings = bookings; self.bankHolidays = bankHolidays
    }
}

/// Checks a proposed session against every rule that can be judged from it, one verdict per rule.
public struct RuleEngine: Sendable {
    public var context: ValidationContext
    var roster: Roster { context.roster }
    var profile: PolicyProfile { context.profile }

    public init(_ context: ValidationContext) { self.context = context }

    /// The rules `validate` judges, in the order their verdicts are listed.
    public static let proposalRules: [RuleID] = [
        .requester, .seniorOfficer, .membersOnly, .confidentiality, .venue, .councilBusiness,
        .noIndividualMatter, .professionalRemit, .briefingBeforePolitics, .workingHours, .noDoubleBooking,
    ]

    /// The rules a session's time and room decide (the rest look at who asks, who attends and what about): a time
    /// suggested for taking an offer up passes each of them (`SlotSearch`).
    public static let slotRules: Set<RuleID> = [.venue, .briefingBeforePolitics, .workingHours, .noDoubleBooking]

    public func validate(_ p: SessionProposal) -> [Verdict] {
        // Nobody attends a written report: only the rules about the request and its matter apply (`Transition.writtenReport`).
        let rules = p.isWrittenReport ? Self.proposalRules.filter(Transition.writtenReport.judged.contains) : Self.proposalRules
        return rules.compactMap { judge($0, p) }
    }

    /// Whether every one of `rules` passes, judged in `validate`'s order and stopping at the first that fails: for a
    /// search that asks many times (`SlotSearch`).
    public func passes(_ p: SessionProposal, _ rules: Set<RuleID>) -> Bool {
        Self.proposalRules.allSatisfy { !rules.contains($0) || judge($0, p)?.passed != false }
    }

    /// One proposal rule's verdict (nil for a rule that is not judged from a proposal).
    func judge(_ rule: RuleID, _ p: SessionProposal) -> Verdict? {
        switch rule {
        case .requester: requester(p)
        case .seniorOfficer: seniorOfficer(p)
        case .membersOnly: membersOnly(p)
        case .confidentiality: confidentiality(p)
        case .venue: venue(p)
        case .councilBusiness: councilBusiness(p)
        case .noIndividualMatter: noIndividualMatter(p)
        case .professionalRemit: professionalRemit(p)
        case .briefingBeforePolitics: briefingBeforePolitics(p)
        case .workingHours: workingHours(p)
        case .noDoubleBooking: noDoubleBooking(p)
        default: nil
        }
    }

    /// The verdicts of the rules that judge one step (`Transition.judged`), for the proposal's first group, by the
    /// person acting. `approverActing`: the approver (or the deputy while acting) takes the step themself, so the
    /// `requester` rule is met by their own agreement rather than by a group's leadership.
    public func validate(_ p: SessionProposal, as transition: Transition, approverActing: Bool = false) -> [Verdict] {
        let judged = Set(transition.judged)
        return validate(p).filter { judged.contains($0.rule) }.map { v in
            guard approverActing, v.rule == .requester else { return v }
            return Verdict(rule: .requester, passed: true, severity: v.severity, clauses: v.clauses,
                           message: "\(transition.rawValue) by the \(profile.approverTitle) (\(roster.name(of: p.requester) ?? p.requester)), who agrees officer attendance")
        }
    }

    /// A verdict for `rule` under the active profile: passed when `problems` is empty.
    func verdict(_ rule: RuleID, _ problems: [String], fix: String, passMessage: String,
                 severity: Severity? = nil) -> Verdict {
        Verdict(rule: rule, passed: problems.isEmpty, severity: severity ?? profile.severity(rule),
                clauses: profile.clauses(rule),
                message: problems.isEmpty ? passMessage : problems.joined(separator: "; "),
                fix: problems.isEmpty ? "" : fix)
    }

    func requester(_ p: SessionProposal) -> Verdict {
        let group = p.groups.first ?? ""
        let roles = roster.roles(of: p.requester)
        let who = roster.name(of: p.requester) ?? p.requester
        let everyone = profile.everyCouncillorRequests
        let mayAsk = { (member: String) in self.roster.mayAsk(member, for: group, everyCouncillorRequests: everyone) }
        let leader = roster.group(group).map { roster.name(of: $0.leader) ?? $0.leader }
        var problems: [String] = []
        var pass = roster.group(group)?.individual == true ? "requested by \(who) for themself (a councillor without a group)"
                                                           : "requested by \(who), leader of group \(group)"
        if roles.contains(.groupLeader(group: group)) {
            // The Leader of the Council is the controlling group's leader and asks for that group.
        } else if roles.contains(.assistant(group: group)) {
            if let member = p.onBehalfOf {
                let name = roster.name(of: member) ?? member
                if roster.member(member)?.party != group {
                    problems.append("\(who) is group \(group)'s assistant but \(member) is not a member of group \(group)")
                } else if !mayAsk(member) {
                    problems.append("\(who) asks on behalf of \(name), who may not ask for a briefing themself: an assistant acts for a member only where that member could ask, and only the group's leader may")
                }
                pass = "requested by \(who) on behalf of \(name)"
            } else {
                problems.append("\(who) is group \(group)'s political assistant and must name the member on whose behalf they ask")
            }
        } else if mayAsk(p.requester) {
            // Every councillor has the same right to ask (`002`).
            pass = "requested by \(who), a councillor of group \(group): every councillor may ask"
        } else if roster.member(p.requester)?.party == group {
            problems.append("\(who) is a member of group \(group) but not its leader; only the leader may ask for a briefing")
        } else {
            problems.append("\(who) is not the leader of group \(group) nor its political assistant")
        }
        let fix = everyone ? "Ask as a councillor of the group, or as the group's assistant name the member you ask on behalf of."
            : "Ask the group's leader\(leader.map { " (\($0))" } ?? "") to make the request, or as the group's assistant ask on behalf of \(leader ?? "the leader"); a member who is not the leader may not ask."
        return verdict(.requester, problems, fix: fix, passMessage: pass)
    }

    func seniorOfficer(_ p: SessionProposal) -> Verdict {
        var problems: [String] = []
        let adSenior = profile.assistantDirectorsAreSenior
        for a in p.officers {
            guard let o = roster.officer(a.officer) else { problems.append("\(a.officer) is not an officer on the roster"); continue }
            if o.isSenior(assistantDirectorsAreSenior: adSenior) || !profile.seniorOfficersOnly { continue }
            guard let by = a.nominatedBy else {
                problems.append("\(o.name) (\(o.grade.rawValue)) is not a senior officer and no senior officer nominated them")
                continue
            }
            guard let nominator = roster.officer(by), nominator.isSenior(assistantDirectorsAreSenior: adSenior) else {
                problems.append("\(o.name) is nominated by \(by), who is not a senior officer")
                continue
            }
        }
        if p.officers.isEmpty { problems.append("no officer is named") }
        return verdict(.seniorOfficer, problems,
                       fix: "Name a senior officer (Chief Executive, Deputy, Director or Head of Service), or record the senior officer who nominates this one.",
                       passMessage: profile.seniorOfficersOnly ? "every officer is senior or a senior officer's recorded nominee"
                           : "not judged by grade: the \(profile.approverTitle) chooses which officer attends, and agrees it by approving")
    }

    func membersOnly(_ p: SessionProposal) -> Verdict {
        var problems: [String] = []
        for a in p.attendees {
            switch a {
            case .person(let id):
                if roster.member(id) != nil { continue }
                let name = roster.name(of: id) ?? id
                if roster.assistant(id) != nil { problems.append("\(name) is a political assistant, not a council member") }
                else if roster.officer(id) != nil { problems.append("\(name) is an officer; name officers among the officers asked for, not as attendees") }
                else { problems.append("\(name) is not a council member") }
            case .guest(let name):
                problems.append("\(name) is not a council member")
            }
        }
        return verdict(.membersOnly, problems,
                       fix: "Remove every attendee who is not an elected or co-opted council member.",
                       passMessage: "all \(p.attendees.count) expected attendees are council members")
    }

    func confidentiality(_ p: SessionProposal) -> Verdict {
        var problems: [String] = []
        for case .person(let id) in p.attendees {
            if let m = roster.member(id), !p.groups.contains(m.party) {
                problems.append(m.group.map { "\(m.name) belongs to group \($0), which this session does not serve" }
                                ?? "\(m.name) is a councillor without a group, whom this session does not serve")
            }
        }
        return verdict(.confidentiality, problems,
                       fix: "Invite only members of the groups the session serves; another group can take up its own offer or a joint session.",
                       passMessage: "no attendee from a group the session does not serve")
    }

    func venue(_ p: SessionProposal) -> Verdict {
        switch p.venue {
        case .room(let id):
            let ok = roster.room(id) != nil
            return verdict(.venue, ok ? [] : ["\(id) is not a listed council room"],
                           fix: "Choose one of the council's rooms on the roster, or hold the meeting virtually.",
                           passMessage: "council premises: \(roster.room(id)?.name ?? id)")
        case .virtual(let link):
            let ok = link.hasPrefix("https://") && link.count > 10 && !link.contains(" ")
            return verdict(.venue, ok ? [] : ["'\(link)' is not a meeting link starting https://"],
                           fix: "Give the virtual meeting's https:// link.", passMessage: "virtual meeting")
        case .writtenReport:
            return verdict(.venue, [], fix: "", passMessage: "a written report: no meeting")
        case .external(let d, let party):
            if party {
                return verdict(.venue, ["\(d) is party premises, which are never allowed"],
                               fix: "Hold the meeting in a council room or virtually.",
                               passMessage: "", severity: .block)
            }
            return verdict(.venue, ["\(d) is not council premises"],
                           fix: "Hold the meeting in a council room or virtually.", passMessage: "")
        }
    }

    static let partyBusinessWords = ["election", "campaign", "manifesto", "candidate", "selection", "canvass",
                                     "leaflet", "party conference", "fundraising", "party membership", "whip"]
    static let individualMatterWords = ["planning application", "application ref", "licence application",
                                        "individual case", "personal data", "personal information", "named resident",
                                        "named tenant", "named employee", "disciplinary", "confidential", "exempt information",
                                        "executive briefing", "complaint about"]

    /// A run of letters and digits joined by `/`: a candidate application reference. Built from a string, not a regex
    /// literal, so the Domain also compiles where bare `/…/` literals are not enabled (`scripts/fuzz.sh` runs swiftc on it).
    nonisolated(unsafe) static let referencePattern = try! Regex(#"(?i)\b[A-Z0-9]{1,8}(?:/[A-Z0-9]{1,8}){1,3}\b"#)

    /// Planning, licensing and similar application references as councils write them (`24/01234/FUL`, `PL/2024/01234`,
    /// `DC/24/0123/LBC`): segments joined by `/`, one of three or more digits and one of letters. Dates (`15/12/2026`)
    /// have no letters and are not references.
    static func applicationReferences(in text: String) -> [String] {
        text.matches(of: referencePattern).map { String(text[$0.range]) }.filter { ref in
            let parts = ref.split(separator: "/")
            return parts.contains { $0.count >= 3 && $0.allSatisfy(\.isNumber) } && parts.contains { $0.count >= 2 && $0.allSatisfy(\.isLetter) }
        }
    }

    /// The words (lower case) that occur in the text, ignoring case: a plain byte search, since every
    /// request and approval runs it.
    static func found(_ words: [String], in text: String) -> [String] {
        let lower = Array(text.lowercased().utf8)
        return words.filter { word in
            let w = Array(word.utf8)
            guard !w.isEmpty, w.count <= lower.count else { return w.isEmpty }
            return (0...(lower.count - w.count)).contains { start in
                lower[start] == w[0] && lower[start..<(start + w.count)].elementsEqual(w)
            }
        }
    }

    func councilBusiness(_ p: SessionProposal) -> Verdict {
        var problems: [String] = []
        let party = Self.found(Self.partyBusinessWords, in: p.matter.title + " " + p.matter.details)
        if !party.isEmpty { problems.append("the matter looks like party business (mentions \(party.map { "\"\($0)\"" }.joined(separator: ", ")))") }
        if p.matter.linkedMeeting == nil && p.matter.decisionDate == nil && p.matter.meetingDate == nil {
            problems.append("the matter is not linked to a forthcoming meeting or decision date")
        }
        // "Currently or shortly" before the council (000 §17.16.4): a briefing after the meeting or decision it is meant to
        // inform cannot inform it. The same day may still come before it.
        let day = LocalDate(p.segmentStart)
        let what = p.isWrittenReport ? "the report due on \(day)" : "the session on \(day)"
        if let meeting = p.matter.meetingDate, day > meeting {
            problems.append("\(what) comes after the linked meeting\(p.matter.linkedMeeting.map { " (\($0))" } ?? "") on \(meeting), which it cannot inform")
        }
        if p.matter.meetingCancelled == true {
            problems.append("the linked meeting\(p.matter.linkedMeeting.map { " (\($0))" } ?? "") was cancelled, so there is no meeting left for it to inform")
        }
        if let decision = p.matter.decisionDate, day > decision {
            problems.append("\(what) comes after the decision on \(decision) it is meant to inform")
        }
        // "Currently or shortly": a meeting or decision beyond the council's horizon is not shortly before it.
        let horizon = day.adding(months: profile.meetingHorizonMonths)
        for (label, date) in [("linked meeting", p.matter.meetingDate), ("decision", p.matter.decisionDate)] {
            if let date, date > horizon {
                problems.append("the \(label) on \(date) is more than \(profile.meetingHorizonMonths) months after \(what), so not \"currently or shortly\" before the council")
            }
        }
        return verdict(.councilBusiness, problems,
                       fix: "Link the matter to the council, cabinet or committee meeting that will consider it with that meeting's date (or the date of the decision), and hold the briefing before it; party business cannot be briefed by officers.",
                       passMessage: (p.matter.linkedMeeting.map { "linked to \($0)" } ?? p.matter.decisionDate.map { "linked to the decision on \($0)" } ?? "linked")
                        + " in time, and no words of party business found; whether it is council business rather than party business is the approver's judgement")
    }

    func noIndividualMatter(_ p: SessionProposal) -> Verdict {
        let text = p.matter.title + " " + p.matter.details
        let hits = Self.found(Self.individualMatterWords, in: text)
        var problems = hits.isEmpty ? [] : ["the matter mentions \(hits.map { "\"\($0)\"" }.joined(separator: ", ")), which suggests an individual or confidential matter"]
        let references = Self.applicationReferences(in: text)
        if !references.isEmpty {
            problems.append("the matter names \(references.joined(separator: ", ")), the reference of an individual planning, licensing or similar application")
        }
        return verdict(.noIndividualMatter, problems,
                       fix: "Reword the matter as the policy question for the council, without individual cases or confidential information.",
                       passMessage: "no application reference or words of an individual case found; whether it concerns an individual or confidential matter is the approver's judgement")
    }

    func professionalRemit(_ p: SessionProposal) -> Verdict {
        let outside = p.officers.compactMap { a -> String? in
            guard let o = roster.officer(a.officer), !o.covers(area: p.matter.area) else { return nil }
            return "\(o.name)'s remit (\(o.remit.joined(separator: ", "))) does not cover \(p.matter.area)"
        }
        return verdict(.professionalRemit, outside,
                       fix: "Ask an officer whose remit covers the matter, or check the matter's service area.",
                       passMessage: "every officer's remit covers \(p.matter.area)")
    }

    func briefingBeforePolitics(_ p: SessionProposal) -> Verdict {
        var problems: [String] = []
        // A councillor without a group, or a council without groups: no political group meets, so no political discussion
        // follows and the officers' part may be the whole meeting (RULES.md `briefing-before-politics`).
        let noGroupMeets = !p.groups.isEmpty && p.groups.allSatisfy { roster.group($0)?.individual == true }
        if p.meetingEnd <= p.meetingStart { problems.append("the meeting ends before it starts") }
        if p.segmentEnd <= p.segmentStart { problems.append("the officers' part ends before it starts") }
        if p.segmentStart < p.meetingStart || p.segmentEnd > p.meetingEnd {
            problems.append("the officers' part (\(LondonTime.format(p.segmentStart))–\(LondonTime.format(p.segmentEnd))) is not inside the meeting (\(LondonTime.format(p.meetingStart))–\(LondonTime.format(p.meetingEnd)))")
        } else if p.segmentEnd >= p.meetingEnd && !noGroupMeets {
            problems.append("the officers' part runs to the end of the meeting, leaving no separate political discussion after they leave")
        }
        return verdict(.briefingBeforePolitics, problems,
                       fix: "Make the officers' part a separate segment inside the meeting that ends before the group's political discussion (e.g. a 45-minute part from 18:00 in a two-hour meeting).",
                       passMessage: noGroupMeets && p.segmentEnd >= p.meetingEnd
                           ? "no political group meets (a councillor without a group), so the officers' part may be the whole meeting"
                           : "officers leave at \(LondonTime.format(p.segmentEnd)), before the political discussion")
    }

    func workingHours(_ p: SessionProposal) -> Verdict {
        let day = LocalDate(p.segmentStart)
        let sameDay = LocalDate(p.segmentEnd.addingTimeInterval(-1)) == day
        let from = LondonTime.minuteOfDay(p.segmentStart)
        let to = sameDay ? from + Int(p.segmentEnd.timeIntervalSince(p.segmentStart) / 60) : 24 * 60 + 1
        let holiday = context.bankHolidays.contains(day)
        let outside = p.officers.compactMap { a -> String? in
            guard let o = roster.officer(a.officer) else { return nil }
            let h = o.hours
            if holiday { return "\(o.name) normally works \(h), and \(day) is a bank holiday" }
            if h.days.contains(day.isoWeekday), from >= h.startMinute, to <= h.endMinute { return nil }
            return "\(o.name) normally works \(h), and the officers' part is \(LondonTime.formatLong(p.segmentStart))–\(LondonTime.format(p.segmentEnd).suffix(5))"
        }
        return verdict(.workingHours, outside,
                       fix: "Move the officers' part into their working hours, or ask the approver to agree the exception.",
                       passMessage: "within every officer's working hours")
    }

    func noDoubleBooking(_ p: SessionProposal) -> Verdict {
        var problems: [String] = []
        let buffer = TimeInterval(profile.roomBufferMinutes * 60)
        let officerIDs = Set(p.officers.map(\.officer))
        for b in context.bookings {
            switch b.resource {
            case .officer(let id) where officerIDs.contains(id):
                if b.start < p.segmentEnd && p.segmentStart < b.end {
                    problems.append("\(roster.name(of: id) ?? id) is already booked \(LondonTime.format(b.start))–\(LondonTime.format(b.end).suffix(5)) (\(b.reference))")
                }
            case .room(let id) where id == p.venue.roomID:
                if b.start < p.meetingEnd.addingTimeInterval(buffer) && p.meetingStart < b.end.addingTimeInterval(buffer) {
                    problems.append("\(roster.room(id)?.name ?? id) is booked \(LondonTime.format(b.start))–\(LondonTime.format(b.end).suffix(5)) (\(b.reference)), within the \(profile.roomBufferMinutes)-minute buffer")
                }
            default: continue
            }
        }
        return verdict(.noDoubleBooking, problems,
                       fix: "Choose another time or room, or another officer.",
                       passMessage: "no officer or room clash")
    }
}
