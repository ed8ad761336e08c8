import Foundation

extension Desk {
    /// Which entries of the audit trail the Monitoring Officer asks for (issue 23 item 9): one step, one person, one
    /// reference, a span of days; sign-ins (successful and failed) only when asked, since they are half the trail.
    public struct AuditFilter: Sendable, Equatable {
        public var step: String?
        public var person: String?
        public var reference: String?
        public var from: LocalDate?
        public var until: LocalDate?
        public var signIns: Bool

        public init(step: String? = nil, person: String? = nil, reference: String? = nil, from: LocalDate? = nil, until: LocalDate? = nil,
                    signIns: Bool = false) {
            self.step = step; self.person = person; self.reference = reference; self.from = from; self.until = until; self.signIns = signIns
        }

        /// Everything, sign-ins too: what the command line's `audit` lists.
        public static let everything = AuditFilter(signIns: true)

        /// The steps that are a person signing in, hidden unless asked for.
        public static let signInSteps = ["signin", "signin.failed"]
    }
}
