import BriefingsCalendar
import BriefingsDomain
import BriefingsStore
import Foundation

/// Reads the council's forthcoming committee meetings (issue 26, item 2) from ModernGov's web service (its committees,
/// then each one's meetings from today to a year ahead) or from an iCalendar feed or file of meetings, under a file
/// import's limits (`WebFetch`), and hands them to the desk (`BriefingDesk.importMeetings`), which matches each on its
/// id at the source. Anything wrong with the source (a timeout, an error status, XML that is not well-formed, a
/// meeting without an id or date) refuses the whole import and writes nothing. `briefings meetings import` runs it at
/// once; `briefings serve` reads the kept source again every day.
public struct MeetingImporter: Sendable {
    /// A source to read.
    public enum Source: Sendable, Equatable {
        /// ModernGov's web service (`https://…/mgWebService.asmx`), and the committee ids to read (none: every current one).
        case moderngov(String, committees: [String])
        /// An iCalendar feed (https:// or webcal://) or a file of meetings.
        case ics(String)
    }

    public let desk: BriefingDesk
    public var fetch: WebFetch
    /// How long after a read the kept source is due again.
    public var interval: TimeInterval

    /// Once a day.
    public static let defaultInterval: TimeInterval = 86_400
    /// How far ahead ModernGov is asked for meetings.
    public static let monthsAhead = 12

    public init(desk: BriefingDesk, fetch: WebFetch = WebFetch(), interval: TimeInterval = Self.defaultInterval) {
        self.desk = desk
        self.fetch = fetch
        self.interval = interval
    }

    /// Reads `source` and imports its meetings, keeping it for `serve` when it is read over the web. Throws a
    /// `WebFetch.Failure` (or the desk's refusal) having written nothing.
    public func importNow(_ source: Source) async throws -> BriefingDesk.MeetingImportSummary {
        let (fetchSpec, shown, keep) = try Self.spec(source)
        let meetings = try await published(source)
        let whole = try await wholeRange(source, meetings, shown: shown)
        return try await desk.importMeetings(meetings, from: fetchSpec, shown: shown, keepSource: keep, nextIn: interval, whole: whole)
    }

    /// The days a read covered in full (ModernGov with every committee: a year from today; a feed or file: from today
    /// on), in which a meeting no longer published is cancelled; nil when only chosen committees were read. A source that
    /// publishes no meeting at all while forthcoming ones from it are held is refused: more likely a fault than every
    /// meeting cancelled at once.
    func wholeRange(_ source: Source, _ meetings: [PublishedMeeting], shown: String) async throws -> ClosedRange<LocalDate>? {
        let today = LocalDate(desk.now())
        let (kind, range): (MeetingSourceKind, ClosedRange<LocalDate>?) = switch source {
        case .moderngov(_, let committees): (.moderngov, committees.isEmpty ? today...today.adding(months: Self.monthsAhead) : nil)
        case .ics: (.ics, today...LocalDate(year: LondonTime.years.upperBound, month: 12, day: 31))
        }
        guard let range else { return nil }
        if meetings.isEmpty {
            let held = try await desk.committeeMeetings().filter { $0.sourceKey.hasPrefix(kind.rawValue + ":") && $0.status == .scheduled }
            if !held.isEmpty {
                throw WebFetch.Failure(message: "\(shown) published no forthcoming meeting at all, although \(held.count) imported from it before are still to come, so nothing was changed",
                                       fix: "Check the source in a browser; if every meeting really was withdrawn, they show as cancelled once the source publishes them so")
            }
        }
        return range
    }

    /// What `serve` does once a minute: reads the kept source if it is due. Nil when nothing was due; a failure is
    /// recorded on the source (what was imported before stays) and returned.
    public func refreshDue() async throws -> Result<BriefingDesk.MeetingImportSummary, WebFetch.Failure>? {
        guard let due = try await desk.meetingSourceDue() else { return nil }
        let source: Source = due.kind == .moderngov ? .moderngov(due.url, committees: due.committees) : .ics(due.url)
        do {
            let meetings = try await published(source), shown = CalendarAddress.shown(due.url)
            let whole = try await wholeRange(source, meetings, shown: shown)
            return .success(try await desk.importMeetings(meetings, from: due, shown: shown, keepSource: true, nextIn: interval, whole: whole))
        } catch let failure as WebFetch.Failure {
            try await desk.recordMeetingSourceFailure(due, failure.description, nextIn: interval)
            return .failure(failure)
        }
    }

    /// The source as stored, shown, and whether it is kept (a web address is; a file is read once).
    static func spec(_ source: Source) throws -> (BriefingDesk.MeetingSourceFetch, String, Bool) {
        switch source {
        case .moderngov(let url, let committees):
            let base = try serviceAddress(url)
            return (.init(kind: .moderngov, url: base, committees: committees), CalendarAddress.shown(base), true)
        case .ics(let place):
            if isWebAddress(place) {
                let url = try CalendarAddress.normalised(place)
                return (.init(kind: .ics, url: url), CalendarAddress.shown(url), true)
            }
            return (.init(kind: .ics, url: place), URL(fileURLWithPath: place).lastPathComponent, false)
        }
    }

    static func isWebAddress(_ s: String) -> Bool {
        let l = s.lowercased()
        return ["http://", "https://", "webcal://", "webcals://"].contains { l.hasPrefix($0) }
    }

    /// The web service's own address: `…/mgWebService.asmx`, added to a bare host.
    static func serviceAddress(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, !host.isEmpty else {
            throw WebFetch.Failure(message: "the ModernGov address is not a web address (it should start https://)",
                                   fix: "Give the council's ModernGov web service address, like https://democracy.example.gov.uk/mgWebService.asmx")
        }
        var base = trimmed
        while base.hasSuffix("/") { base.removeLast() }
        if let q = base.firstIndex(of: "?") { base = String(base[..<q]) }
        if base.lowercased().hasSuffix("/getcommittees") || base.lowercased().hasSuffix("/getmeetings") {
            base = String(base[..<base.lastIndex(of: "/")!])
        }
        return base.lowercased().hasSuffix(".asmx") ? base : base + "/mgWebService.asmx"
    }

    /// Every forthcoming meeting the source publishes.
    public func published(_ source: Source) async throws -> [PublishedMeeting] {
        let today = LocalDate(desk.now())
        switch source {
        case .moderngov(let url, let committees):
            return try await moderngov(try Self.serviceAddress(url), committees: committees, from: today)
        case .ics(let place):
            let data: Data
            if Self.isWebAddress(place) {
                guard case .document(let d, _, _) = try await fetch.get(try CalendarAddress.normalised(place), accept: "text/calendar, */*;q=0.5") else {
                    throw WebFetch.Failure(message: "the meetings feed answered 304 Not Modified although no copy was asked after", fix: "Try again; if it persists, the server is misconfigured")
                }
                data = d
            } else {
                data = try Self.file(place)
            }
            let events: [FeedEvent]
            do {
                events = try await OffPool.run { try CalendarImport.feedEvents(fromICS: data) }
            } catch let refused as CalendarImportError {
                throw WebFetch.Failure(message: "the meetings calendar could not be read, so nothing was imported: \(refused.description)",
                                       fix: "Check that it is the committee meetings' iCalendar (.ics) feed or file; the meetings imported before stay")
            }
            return try events.compactMap { e in
                guard !e.uid.isEmpty else {
                    throw WebFetch.Failure(message: "the meeting '\(e.title)' in the meetings calendar has no UID, so a later import could not tell it moved",
                                           fix: "Export the calendar with each event's UID (every calendar program writes one); nothing was imported")
                }
                let day = e.day ?? LocalDate(e.start)
                guard day >= today else { return nil }
                var title = e.title
                if title.hasPrefix("Cancelled: ") { title.removeFirst("Cancelled: ".count) }
                let time = e.day == nil ? String(LondonTime.format(e.start).suffix(5)) : nil
                return PublishedMeeting(sourceKey: "ics:" + e.uid, committee: title.isEmpty ? "Meeting" : title, date: day, time: time,
                                        location: e.location, cancelled: e.status == .cancelled)
            }
        }
    }

    static func file(_ path: String) throws -> Data {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = attributes?[.size] as? Int else {
            throw WebFetch.Failure(message: "there is no file \(path)", fix: "Give the path of the meetings' .ics file, or its https:// address")
        }
        guard size <= CalendarImport.maximumBytes else {
            throw WebFetch.Failure(message: "\(path) is more than 10 MB, so nothing was imported", fix: "Export a shorter date range of the meetings")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WebFetch.Failure(message: "\(path) could not be read", fix: "Check the file's permissions")
        }
        return data
    }

    /// ModernGov: the committees (for their names, and which are current), then each chosen committee's meetings.
    func moderngov(_ base: String, committees chosen: [String], from today: LocalDate) async throws -> [PublishedMeeting] {
        let shown = CalendarAddress.shown(base)
        let (root, committees) = try ModernGovXML.records(try await document(base + "/GetCommittees?lDummy=0"), named: "committee", what: "GetCommittees")
        guard root.contains("committee") else {
            throw WebFetch.Failure(message: "\(shown) answered GetCommittees with <\(root)>, not ModernGov's list of committees, so nothing was imported",
                                   fix: "Check that the address is the council's ModernGov web service (it ends mgWebService.asmx)")
        }
        var names: [String: String] = [:]
        var current: [String] = []
        for c in committees {
            guard let id = c["committeeid"], !id.isEmpty else { continue }
            names[id] = c["committeetitle"] ?? c["committeename"] ?? "Committee \(id)"
            if c["committeeexpired"]?.lowercased() != "true" && c["committeedeleted"]?.lowercased() != "true" { current.append(id) }
        }
        let unknown = chosen.filter { names[$0] == nil }
        if !unknown.isEmpty {
            throw WebFetch.Failure(message: "ModernGov at \(shown) has no committee \(unknown.joined(separator: ", ")), so nothing was imported",
                                   fix: "Give committee ids from its list of committees (\(names.keys.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }.prefix(12).map { "\($0) \(names[$0]!)" }.joined(separator: "; ")))")
        }
        let until = today.adding(months: Self.monthsAhead)
        func dmy(_ d: LocalDate) -> String { String(format: "%02d/%02d/%04d", d.day, d.month, d.year) }
        var out: [PublishedMeeting] = []
        for id in chosen.isEmpty ? current : chosen {
            let query = "/GetMeetings?lCommitteeId=\(id)&sFromDate=\(dmy(today))&sToDate=\(dmy(until))"
            let (root, meetings) = try ModernGovXML.records(try await document(base + query), named: "meeting", what: "GetMeetings for committee \(id)")
            guard root.contains("meeting") else {
                throw WebFetch.Failure(message: "\(shown) answered GetMeetings with <\(root)>, not ModernGov's list of meetings, so nothing was imported",
                                       fix: "Check that the address is the council's ModernGov web service (it ends mgWebService.asmx)")
            }
            for m in meetings {
                guard let mid = m["meetingid"], !mid.isEmpty else {
                    throw WebFetch.Failure(message: "a meeting of committee \(id) in ModernGov's answer has no meetingid, so nothing was imported",
                                           fix: "Check the web service's answer in a browser; the meetings imported before stay")
                }
                guard let p = m["meetingdate"].flatMap(ModernGovXML.date), let day = LocalDate(String(format: "%04d-%02d-%02d", p.year, p.month, p.day)) else {
                    throw WebFetch.Failure(message: "meeting \(mid) of committee \(id) has no date ModernGov's way (DD/MM/YYYY): '\(m["meetingdate"] ?? "")', so nothing was imported",
                                           fix: "Check the web service's answer in a browser; the meetings imported before stay")
                }
                guard day >= today else { continue }
                let status = (m["meetingstatus"] ?? "").lowercased()
                let time = m["meetingtime"].flatMap { $0.isEmpty ? nil : $0 }
                out.append(PublishedMeeting(sourceKey: "moderngov:\(mid)", committee: m["committeetitle"].flatMap { $0.isEmpty ? nil : $0 } ?? names[id]!,
                                            date: day, time: time, location: m["meetinglocation"] ?? m["location"],
                                            cancelled: status.contains("cancel")))
            }
        }
        return out
    }

    func document(_ url: String) async throws -> Data {
        let answer: WebFetch.Answer
        do {
            answer = try await fetch.get(url, accept: "text/xml, application/xml;q=0.9, */*;q=0.5")
        } catch var failure as WebFetch.Failure where failure.message.contains(" answered ") {
            // An error status: `WebFetch` words its advice for a published calendar; this is a web service.
            failure.fix = "Check that the address is the council's ModernGov web service (it ends mgWebService.asmx) and opens in a browser; it is tried again at the next daily read, and the meetings imported before stay"
            throw failure
        }
        guard case .document(let data, _, _) = answer else {
            throw WebFetch.Failure(message: "\(CalendarAddress.shown(url)) answered 304 Not Modified although no copy was asked after", fix: "Try again; if it persists, the server is misconfigured")
        }
        return data
    }
}
