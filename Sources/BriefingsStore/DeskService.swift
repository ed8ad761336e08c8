import BriefingsDomain

extension BriefingDesk: DeskService {
    public func verifyAudit(as actor: String?) async throws -> AuditTrail.Report {
        if let actor { try await database.read { db in try requireOversight(actor, council(db), what: "verify the audit trail") } }
        return try await verifyAudit()
    }
}
