import BriefingsDomain
import Crypto
import Foundation
import GRDB

/// The append-only audit trail: each entry's SHA-256 covers its fields and the previous entry's hash,
/// and `audit_head` holds the newest, so an edited, inserted or deleted entry is detected.
public enum AuditTrail {
    static let genesis = String(repeating: "0", count: 64)

    /// JSON for stored columns and audit entries: sorted keys, so the same value is always stored as the same text (the
    /// hash covers the stored text, and a test compares a request's verdicts with its audit entry's).
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    /// Reads what `encoder` wrote.
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    static func hash(prev: String, seq: Int64, at: Int, actor: String, role: String, action: String,
                     subject: String, details: String, verdicts: String) -> String {
        sha256Hex([prev, String(seq), String(at), actor, role, action, subject, details, verdicts].joined(separator: "\u{1F}"))
    }

    /// SHA-256 of a text as 64 lowercase hex digits.
    static func sha256Hex(_ text: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(text.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Appends a step's planned entry inside the caller's transaction, its map-valued details as JSON text.
    /// `verdictsJSON`: the verdicts as already encoded for the step's row, so both hold the same bytes.
    static func append(_ db: Database, at: Date, _ e: AuditEntry, verdictsJSON: String? = nil) throws {
        var details = e.details
        for (key, record) in e.records { details[key] = encode(record) }
        try append(db, at: at, actor: e.actor, role: e.role, action: e.action, subject: e.subject, details: details, verdicts: e.verdicts,
                   verdictsJSON: verdictsJSON)
    }

    /// Appends one entry inside the caller's transaction.
    static func append(_ db: Database, at: Date, actor: String, role: String, action: String, subject: String,
                       details: [String: String] = [:], verdicts: [Verdict] = [], verdictsJSON: String? = nil) throws {
        let head = try AuditHeadRecord.fetchOne(db, key: 1)
        let seq = (head?.seq ?? 0) + 1
        let prev = head?.hash ?? genesis
        let t = Int(at.timeIntervalSince1970)
        let d = encode(details), v = verdictsJSON ?? encode(verdicts)
        // SQLite would store text only up to a NUL while the hash covers all of it: `audit --verify` would then cry
        // tamper. The doors (`TextInput`) refuse such text; this is the backstop, so nothing is half-written.
        for text in [actor, role, action, subject, d, v] where text.utf8.contains(0) {
            throw DeskError(.invalid, "a text to be recorded contains a NUL character", fix: "Remove control characters from the text and try again.")
        }
        let h = hash(prev: prev, seq: seq, at: t, actor: actor, role: role, action: action, subject: subject, details: d, verdicts: v)
        try db.run(sql: """
            INSERT INTO audit (seq, at, actor, role, action, subject, details, verdicts, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [seq, t, actor, role, action, subject, d, v, prev, h])
        try db.run(sql: "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
                       arguments: [seq, h])
    }

    /// The trail oldest first (newest first when the page asks), a page at a time.
    static func entries(_ db: Database, page: Desk.PageRequest, filter: Desk.AuditFilter = .everything) throws -> Desk.Page<Entry> {
        let seq = Column(AuditRecord.CodingKeys.seq)
        return try Keyset(list: "audit", rows: rows(filter), sort: seq, id: seq, key: { ($0.seq, $0.seq) }).page(db, page).map { r in
            Entry(seq: r.seq, at: Date(timeIntervalSince1970: Double(r.at)), actor: r.actor, role: r.role, action: r.action, subject: r.subject,
                  details: (try? JSONDecoder().decode([String: String].self, from: Data(r.details.utf8))) ?? [:],
                  verdicts: (try? JSONDecoder().decode([Verdict].self, from: Data(r.verdicts.utf8))) ?? [],
                  prevHash: r.prevHash, hash: r.hash)
        }
    }

    /// The entries a filter keeps: its step, person and reference exactly, its days in London time (both ends included),
    /// sign-ins only when asked.
    static func rows(_ f: Desk.AuditFilter) -> QueryInterfaceRequest<AuditRecord> {
        typealias Columns = AuditRecord.CodingKeys
        var rows = AuditRecord.all()
        if let step = f.step { rows = rows.filter(Columns.action == step) }
        if let person = f.person { rows = rows.filter(Columns.actor == person) }
        if let reference = f.reference { rows = rows.filter(Columns.subject == reference) }
        if let from = f.from, let start = LondonTime.instant(on: from, minute: 0) { rows = rows.filter(Columns.at >= start.unix) }
        if let until = f.until, let end = LondonTime.instant(on: until.adding(days: 1), minute: 0) { rows = rows.filter(Columns.at < end.unix) }
        if !f.signIns && f.step == nil { rows = rows.filter(!Desk.AuditFilter.signInSteps.contains(Columns.action)) }
        return rows
    }

    /// Recomputes the chain from the stored columns and compares it with the stored hashes and head.
    static func verify(_ db: Database) throws -> Report {
        var problems: [String] = []
        var prev = genesis
        var expectedSeq: Int64 = 1
        let rows = try AuditRecord.order(AuditRecord.CodingKeys.seq).fetchAll(db)
        for r in rows {
            let seq = r.seq
            if seq != expectedSeq { problems.append("entry \(expectedSeq)\(seq > expectedSeq + 1 ? "–\(seq - 1)" : "") is missing (deleted)") }
            if r.prevHash != prev { problems.append("entry \(seq) does not follow the entry before it (an entry was deleted or replaced)") }
            let recomputed = hash(prev: r.prevHash, seq: seq, at: r.at, actor: r.actor, role: r.role, action: r.action,
                                  subject: r.subject, details: r.details, verdicts: r.verdicts)
            if recomputed != r.hash { problems.append("entry \(seq) (\(r.action) \(r.subject)) was edited after it was written") }
            prev = r.hash
            expectedSeq = seq + 1
        }
        let head = try AuditHeadRecord.fetchOne(db, key: 1)
        let headSeq = head?.seq ?? 0
        if headSeq != expectedSeq - 1 || (head?.hash ?? genesis) != prev {
            problems.append("the trail ends at entry \(expectedSeq - 1) but \(headSeq) entries were written (entries at the end were deleted)")
        }
        return Report(entries: rows.count, intact: problems.isEmpty, problems: problems)
    }
}

extension BriefingDesk {
    /// The audit trail, oldest first. Any roster person may read it except group people, who would
    /// otherwise see other groups' business (`confidentiality`).
    public func audit(as actorID: String?, page: Desk.PageRequest) async throws -> Desk.Page<AuditTrail.Entry> {
        try await audit(as: actorID, page: page, filter: .everything)
    }

    /// A page of the entries a filter keeps (the desk's audit page and its CSV export).
    public func audit(as actorID: String?, page: Desk.PageRequest, filter: Desk.AuditFilter) async throws -> Desk.Page<AuditTrail.Entry> {
        try await database.read { db in
            if let actorID { try requireOversight(actorID, council(db), what: "read the audit trail") }
            return try AuditTrail.entries(db, page: page, filter: filter)
        }
    }

    public func verifyAudit() async throws -> AuditTrail.Report {
        try await database.read { db in try AuditTrail.verify(db) }
    }

    /// Refuses anyone but the approver, deputy, Monitoring Officer or an administrator.
    func requireOversight(_ id: String, _ c: Council, what: String) throws {
        let roles = try actor(id, in: c)
        let allowed: [Role] = [.approver, .deputyApprover, .monitoringOfficer, .administrator]
        if !roles.contains(where: allowed.contains) {
            throw DeskError(.forbidden, rule: .confidentiality, clauses: c.profile.clauses(.confidentiality),
                            "\(c.name(id)) may not \(what): it spans every group's business",
                            fix: "Ask the Monitoring Officer or the \(c.profile.approverTitle).")
        }
    }
}
