/// One operative clause of a council's member/officer protocol, and how the scheduler holds it: the rules and
/// steps that enforce it, or what a person judges, or why no scheduler can. `briefings conformance` and
/// `docs/conformance/` are rendered from these (`ConformanceText`), with each rule's severity
/// under the council's profile; a test fails when a document differs from the code or names a test that does not
/// exist.
public struct ProtocolClause: Sendable, Equatable {
    public enum Handling: String, Sendable, CaseIterable {
        /// Rules or steps refuse, refer or record what the clause forbids or requires.
        case enforced
        /// The rules recognise what they can and refer it; the approver's decision records that they judged the rest.
        case judged
        /// Nothing a scheduler sees can show whether it was kept (what is said in the room, for example).
        case outOfReach = "out-of-reach"
    }

    /// The protocol, as its file prefix in `protocols/`: "000" … "004".
    public var council: String
    /// "§17.16.3", or for 002 (no numbers) its heading in quotes.
    public var clause: String
    /// The clause's operative words, quoted from the protocol (trimmed).
    public var says: String
    public var handling: Handling
    public var rules: [RuleID]
    /// The workflow steps where it is judged (RULES.md's "Sessions and who agrees them").
    public var steps: [String]
    /// How it is enforced; what a person judges and where it is recorded; or why it is out of a scheduler's reach.
    public var how: String
    /// The display names of the tests that prove it (`@Test("…")`).
    public var tests: [String]

    public init(_ council: String, _ clause: String, says: String, _ handling: Handling, rules: [RuleID] = [], steps: [String] = [],
                how: String, tests: [String] = []) {
        self.council = council; self.clause = clause; self.says = says; self.handling = handling; self.rules = rules
        self.steps = steps; self.how = how; self.tests = tests
    }

    /// As RULES.md cites it: `000 §17.16.3`.
    public var citation: String { "\(council) \(clause)" }
}

public enum Conformance {
    /// The protocols, by file prefix, as `protocols/README.md` describes them.
    public static let councils = ["000", "001", "002", "003", "004"]

    /// The operative clauses of one council's protocol, in the protocol's order.
    public static func clauses(of council: String) -> [ProtocolClause] { all.filter { $0.council == council } }

    /// The protocol a profile follows: a council's own profile is named after its protocol; `model` reads all five.
    public static func councils(for profile: String) -> [String] { councils.contains(profile) ? [profile] : councils }
}
