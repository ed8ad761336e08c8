import Foundation

/// The same request sent again: the same group asks for the same matter with the same officers at a time that overlaps
/// one it has already asked for, and the earlier request is still open or agreed. A duplicate is never refused (the
/// group may mean a second meeting), but it is warned about when it is checked and sent, marked in the approver's
/// queue, and never counted twice in the parity report (`equal-offer`: each group's briefings are counted alike).
public enum Duplicates {
    /// A request as the duplicate judgement reads it.
    public struct Request: Sendable, Hashable {
        /// `RQ-0007`; empty for a request not yet sent.
        public var ref: String
        public var group: String
        public var matter: String
        public var officers: Set<String>
        public var start: Date
        public var end: Date
        public var status: RequestStatus
        /// When it was sent (a request not yet sent: now).
        public var submitted: Date

        public init(ref: String, group: String, matter: String, officers: Set<String>, start: Date, end: Date, status: RequestStatus, submitted: Date) {
            self.ref = ref; self.group = group; self.matter = matter; self.officers = officers; self.start = start; self.end = end
            self.status = status; self.submitted = submitted
        }

        /// A proposal as a request of `group` (its officers, the meeting's times), sent at `at`.
        public init(ref: String = "", _ p: SessionProposal, group: String, status: RequestStatus = .pending, submitted: Date) {
            self.init(ref: ref, group: group, matter: p.matter.title, officers: Set(p.officers.map(\.officer)), start: p.meetingStart,
                      end: p.meetingEnd, status: status, submitted: submitted)
        }
    }

    /// A matter as two requests are compared: case, spacing and closing punctuation ignored.
    static func key(_ matter: String) -> String {
        matter.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ".!?;:, "))
    }

    /// Whether `later` asks again for what `earlier` asked: same group, matter and officers, overlapping times, and the
    /// earlier one neither declined nor withdrawn (asking again after a refusal is a new request).
    public static func repeats(_ later: Request, _ earlier: Request) -> Bool {
        [.pending, .approved].contains(earlier.status) && later.ref != earlier.ref && earlier.group == later.group
            && key(earlier.matter) == key(later.matter) && earlier.officers == later.officers
            && earlier.start < later.end && later.start < earlier.end
    }

    /// Whether `a` was sent before `b`: by time, then (sent in the same second) by reference; a request not yet sent
    /// (no reference) comes after every one that was.
    static func precedes(_ a: Request, _ b: Request) -> Bool {
        if a.submitted != b.submitted { return a.submitted < b.submitted }
        if a.ref.isEmpty || b.ref.isEmpty { return b.ref.isEmpty && !a.ref.isEmpty }
        return (a.ref.count, a.ref) < (b.ref.count, b.ref)
    }

    /// The earliest request `candidate` repeats, if any, among those sent before it.
    public static func earlier(_ candidate: Request, among requests: [Request]) -> Request? {
        requests.filter { precedes($0, candidate) && repeats(candidate, $0) }.min(by: precedes)
    }

    /// Each request that repeats an earlier one, by ref, with the ref of the first it repeats.
    public static func marks(_ requests: [Request]) -> [String: String] {
        // Only requests of one group on one matter can repeat each other: compared within those, never all with all.
        let alike = Dictionary(grouping: requests) { "\($0.group)\n\(key($0.matter))" }
        var out: [String: String] = [:]
        for same in alike.values where same.count > 1 {
            for r in same { if let e = earlier(r, among: same) { out[r.ref] = e.ref } }
        }
        return out
    }

    /// The requests counted once each: those that repeat an earlier one left out.
    public static func distinct(_ requests: [Request]) -> [Request] {
        let repeated = marks(requests)
        return requests.filter { repeated[$0.ref] == nil }
    }

    /// The warning a repeated request carries (checked, sent, and in the queue), naming the earlier request and what to do.
    public static func warning(_ earlier: Request, profile: PolicyProfile, when: (Date) -> String) -> Verdict {
        let standing = earlier.status == .approved ? "was agreed" : "is waiting for the \(profile.approverTitle)'s decision"
        return Verdict(rule: .equalOffer, passed: false, severity: .warn, clauses: profile.clauses(.equalOffer),
                       message: "this repeats \(earlier.ref), sent \(when(earlier.submitted)): the same group, matter and officers at an overlapping time; it would be counted once in the parity report",
                       fix: "Do not send it again: \(earlier.ref) \(standing). If this is a different briefing, give it a matter that says how it differs, or another time.")
    }
}
