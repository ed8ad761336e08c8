/// A council's changes to its profile's settings, as written in the roster's `council.overrides`.
extension PolicyProfile {
    /// The keys a council may override, with what each takes.
    public static let overrideKeys: [(key: String, takes: String)] = [
        ("approverTitle", "text"),
        ("acknowledgeWorkingDays", "whole number 0–60"),
        ("respondWorkingDays", "whole number 1–60"),
        ("jointBriefingsPreferred", "true or false"),
        ("budgetEmbargo", "true or false"),
        ("assistantDirectorsAreSenior", "true or false"),
        ("roomBufferMinutes", "whole number 0–240"),
        ("cancelledRetentionDays", "whole number 0–365"),
        ("feedRefreshMinutes", "whole number 5–1440"),
        ("deputyActsAnyTime", "true or false"),
        ("offerAnswerWorkingDays", "whole number 1–60"),
        ("openOffersInFeeds", "true or false"),
        ("requestsPerPersonPerDay", "whole number 1–100000"),
        ("pendingRequestsPerGroup", "whole number 1–100000"),
        ("directorsAgree", "true or false"),
        ("everyCouncillorRequests", "true or false"),
        ("seniorOfficersOnly", "true or false"),
        ("offersToOtherGroups", "true or false"),
        ("recordVerificationWorkingDays", "whole number 0–60"),
        ("meetingHorizonMonths", "whole number 1–36"),
        ("severity.<rule-id>", "block, refer, warn or info"),
    ]

    /// Applies overrides; returns the problems, one per bad key, and applies nothing if there is any.
    public func applying(_ overrides: [String: OverrideValue]) -> Result<PolicyProfile, OverrideErrors> {
        var p = self
        var problems: [String] = []
        func int(_ key: String, _ value: OverrideValue, _ range: ClosedRange<Int>) -> Int? {
            guard case .number(let n) = value, let i = Int(exactly: n), range.contains(i) else {
                problems.append("council.overrides.\(key): expected a whole number from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return i
        }
        func bool(_ key: String, _ value: OverrideValue) -> Bool? {
            guard case .bool(let b) = value else {
                problems.append("council.overrides.\(key): expected true or false")
                return nil
            }
            return b
        }
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "approverTitle":
                if case .text(let t) = value, !t.isEmpty { p.approverTitle = t } else {
                    problems.append("council.overrides.approverTitle: expected a non-empty text")
                }
            case "acknowledgeWorkingDays": int(key, value, 0...60).map { p.acknowledgeWorkingDays = $0 }
            case "respondWorkingDays": int(key, value, 1...60).map { p.respondWorkingDays = $0 }
            case "jointBriefingsPreferred": bool(key, value).map { p.jointBriefingsPreferred = $0 }
            case "budgetEmbargo": bool(key, value).map { p.budgetEmbargo = $0 }
            case "assistantDirectorsAreSenior": bool(key, value).map { p.assistantDirectorsAreSenior = $0 }
            case "roomBufferMinutes": int(key, value, 0...240).map { p.roomBufferMinutes = $0 }
            case "cancelledRetentionDays": int(key, value, 0...365).map { p.cancelledRetentionDays = $0 }
            case "feedRefreshMinutes": int(key, value, 5...1440).map { p.feedRefreshMinutes = $0 }
            case "deputyActsAnyTime": bool(key, value).map { p.deputyActsAnyTime = $0 }
            case "offerAnswerWorkingDays": int(key, value, 1...60).map { p.offerAnswerWorkingDays = $0 }
            case "openOffersInFeeds": bool(key, value).map { p.openOffersInFeeds = $0 }
            case "requestsPerPersonPerDay": int(key, value, 1...100_000).map { p.requestsPerPersonPerDay = $0 }
            case "pendingRequestsPerGroup": int(key, value, 1...100_000).map { p.pendingRequestsPerGroup = $0 }
            case "directorsAgree": bool(key, value).map { p.directorsAgree = $0 }
            case "everyCouncillorRequests": bool(key, value).map { p.everyCouncillorRequests = $0 }
            case "seniorOfficersOnly": bool(key, value).map { p.seniorOfficersOnly = $0 }
            case "offersToOtherGroups": bool(key, value).map { p.offersToOtherGroups = $0 }
            case "recordVerificationWorkingDays": int(key, value, 0...60).map { p.recordVerificationWorkingDays = $0 }
            case "meetingHorizonMonths": int(key, value, 1...36).map { p.meetingHorizonMonths = $0 }
            default:
                if key.hasPrefix("severity.") {
                    let ruleName = String(key.dropFirst("severity.".count))
                    guard let rule = RuleID(rawValue: ruleName) else {
                        problems.append("council.overrides.\(key): no rule '\(ruleName)'; rules are \(RuleID.allCases.map(\.rawValue).joined(separator: ", "))")
                        continue
                    }
                    guard case .text(let t) = value, let s = Severity(rawValue: t) else {
                        problems.append("council.overrides.\(key): expected block, refer, warn or info")
                        continue
                    }
                    p.severities[rule] = s
                } else {
                    problems.append("council.overrides.\(key): unknown setting; settings are \(Self.overrideKeys.map(\.key).joined(separator: ", "))")
                }
            }
        }
        if !problems.isEmpty { return .failure(OverrideErrors(problems: problems)) }
        if !overrides.isEmpty { p.description += " with council overrides" }
        return .success(p)
    }
}

/// A value written for one override key.
public enum OverrideValue: Sendable, Hashable, Codable {
    case text(String)
    case number(Double)
    case bool(Bool)

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else { self = .text(try c.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .text(let t): try c.encode(t)
        case .number(let n): try c.encode(n)
        case .bool(let b): try c.encode(b)
        }
    }
}

/// Every problem found in a council's overrides.
public struct OverrideErrors: Error, Sendable {
    public var problems: [String]
}
