/// A council officer with the grade that decides whether they may attend group meetings.
public struct Officer: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var title: String
    public var grade: Grade
    /// Service areas the officer may advise on (`000 §17.16.4`); `all` covers everything.
    public var remit: [String]
    public var hours: WorkingHours
    public var lineManager: String?
    public var email: String?

    public init(id: String, name: String, title: String, grade: Grade, remit: [String],
                hours: WorkingHours = .standard, lineManager: String? = nil, email: String? = nil) {
        self.id = id; self.name = name; self.title = title; self.grade = grade
        self.remit = remit; self.hours = hours; self.lineManager = lineManager; self.email = email
    }

    /// Officer grades, most senior first (`000 §17.16.3`, `003 §7.9`, `001` footnote 2).
    public enum Grade: String, Sendable, Hashable, Codable, CaseIterable {
        case chiefExecutive = "chief-executive"
        case deputyChiefExecutive = "deputy-chief-executive"
        case director
        case assistantDirector = "assistant-director"
        case headOfService = "head-of-service"
        case manager
        case officer
    }

    /// Whether the officer may attend a group meeting in their own right.
    public func isSenior(assistantDirectorsAreSenior: Bool) -> Bool {
        switch grade {
        case .chiefExecutive, .deputyChiefExecutive, .director, .headOfService: true
        case .assistantDirector: assistantDirectorsAreSenior
        case .manager, .officer: false
        }
    }

    /// Whether the officer's remit covers a service area.
    public func covers(area: String) -> Bool {
        remit.contains { $0.caseInsensitiveCompare("all") == .orderedSame || $0.caseInsensitiveCompare(area) == .orderedSame }
    }
}

/// When an officer normally works, in Europe/London local time.
public struct WorkingHours: Sendable, Hashable, Codable, CustomStringConvertible {
    /// ISO weekdays: 1 = Monday … 7 = Sunday.
    public var days: Set<Int>
    public var startMinute: Int
    public var endMinute: Int

    public init(days: Set<Int>, startMinute: Int, endMinute: Int) {
        self.days = days; self.startMinute = startMinute; self.endMinute = endMinute
    }

    public static let standard = WorkingHours(days: [1, 2, 3, 4, 5], startMinute: 8 * 60 + 30, endMinute: 17 * 60 + 30)

    static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// Parses `Mon-Fri 08:30-17:30` or `Mon,Tue,Thu 09:00-16:00`.
    public init?(parsing text: String) {
        let parts = text.split(separator: " ")
        guard parts.count == 2 else { return nil }
        var days: Set<Int> = []
        for chunk in parts[0].split(separator: ",") {
            let ends = chunk.split(separator: "-")
            let idx = ends.map { e in Self.dayNames.firstIndex { $0.caseInsensitiveCompare(e) == .orderedSame } }
            guard !idx.isEmpty, idx.allSatisfy({ $0 != nil }) else { return nil }
            if idx.count == 1 { days.insert(idx[0]! + 1) }
            else if idx.count == 2, idx[0]! <= idx[1]! { for d in idx[0]!...idx[1]! { days.insert(d + 1) } }
            else { return nil }
        }
        let times = parts[1].split(separator: "-")
        guard times.count == 2, let s = Self.minute(String(times[0])), let e = Self.minute(String(times[1])), s < e else { return nil }
        self.init(days: days, startMinute: s, endMinute: e)
    }

    static func minute(_ t: String) -> Int? {
        let hm = t.split(separator: ":")
        guard hm.count == 2, hm[0].count == 2, hm[1].count == 2, let h = Int(hm[0]), let m = Int(hm[1]),
              (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 24 * 60 else { return nil }
        return h * 60 + m
    }

    public var description: String {
        // Runs of consecutive days read as ranges: Mon-Fri, Mon-Wed,Fri.
        var runs: [[Int]] = []
        for d in days.sorted() {
            if let last = runs.last?.last, last == d - 1 { runs[runs.count - 1].append(d) } else { runs.append([d]) }
        }
        let names = runs.map { run in
            run.count == 1 ? Self.dayNames[run[0] - 1] : Self.dayNames[run.first! - 1] + "-" + Self.dayNames[run.last! - 1]
        }.joined(separator: ",")
        return "\(names) " + String(format: "%02d:%02d-%02d:%02d", startMinute / 60, startMinute % 60, endMinute / 60, endMinute % 60)
    }
}
