import BriefingsDomain
import Foundation
import GRDB

/// Requests sent again (`BriefingsDomain.Duplicates`): read here, judged there.
extension RequestRecord {
    /// This request as the duplicate judgement reads it.
    var asked: Duplicates.Request {
        Duplicates.Request(ref: ref, proposal, group: groupID, status: status, submitted: Date(unix: submittedAt))
    }

    /// Requests for briefings (not changes to sessions), of one group or of all, in the order they were sent.
    static func asked(_ db: Database, group: String? = nil) throws -> [Duplicates.Request] {
        var query = filter(Columns.kind == RequestKind.request)
        if let group { query = query.filter(Columns.groupID == group) }
        return try query.order(Columns.submittedAt, Columns.id).fetchAll(db).map(\.asked)
    }
}

extension BriefingDesk {
    /// The warning a request about to be checked or sent carries when it repeats one its group already sent.
    func duplicateWarning(_ db: Database, _ c: Council, _ p: SessionProposal, at: Date) throws -> Verdict? {
        guard let group = p.groups.first else { return nil }
        let candidate = Duplicates.Request(p, group: group, submitted: at)
        return try Duplicates.earlier(candidate, among: RequestRecord.asked(db, group: group)).map {
            Duplicates.warning($0, profile: c.profile, when: LondonTime.format)
        }
    }
}
