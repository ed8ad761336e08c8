@testable import BriefingsStore
import Foundation
import GRDB
import Testing

@Suite("Schema version 17: the value-list CHECKs without temporary tables")
struct SchemaChecksTests {
    /// The tables whose CHECKs list more than two values, and an insert into each (a valid row but for `bad`, which
    /// replaces the listed column's value).
    static func inserts(_ bad: String? = nil) -> [(table: String, sql: String)] {
        [("request", "INSERT INTO request (kind, status, group_id, requester, proposal, verdicts, submitted_at) VALUES ('request', '\(bad ?? "pending")', 'LAB', 'm-patel', '{}', '[]', 0)"),
         ("offer", "INSERT INTO offer (briefing_id, group_id, status) VALUES (1, 'GRN', '\(bad ?? "open")')"),
         ("session_officer", "INSERT INTO session_officer (session_id, officer_id, response) VALUES (1, 'm-hughes', '\(bad ?? "invited")')"),
         ("outbox", "INSERT INTO outbox (notification_id, message_id, created_at, recipients, subject, message, status) VALUES (1, 'm-new', 0, '[]', 's', '{}', '\(bad ?? "pending")')"),
         ("time_proposal", "INSERT INTO time_proposal (session_id, officer, meeting_start, meeting_end, segment_start, segment_end, reason, status, proposed_at) VALUES (1, 'm-patel', 10, 20, 10, 15, 'r', '\(bad ?? "open")', 0)")]
    }

    /// A council with its groups and two members, as the migrated rows refer to them.
    static let council = """
        INSERT INTO council (id, profile, created_at) VALUES (1, 'model', 0);
        INSERT INTO political_group (id, name, leader) VALUES ('LAB', 'Labour', 'm-patel'), ('CON', 'Conservative', 'm-hughes'),
            ('LD', 'Liberal Democrat', 'm-patel'), ('GRN', 'Green', 'm-hughes');
        INSERT INTO person (id, name, kind, group_id) VALUES ('m-patel', 'Patel', 'member', 'LAB'), ('m-hughes', 'Hughes', 'member', 'CON');
        """

    static func opcodes(_ db: Database, _ sql: String) throws -> [String] {
        try Row.fetchAll(db, sql: "EXPLAIN " + sql).map { $0["opcode"] }
    }

    /// Columns later versions add (NULL in every row they migrate): left out, so a snapshot compares what was there.
    static let addedLater: Set<String> = ["waiting_for", "reply_by", "reply_by_reason", "past_due_told"]

    /// Every row of the rebuilt tables, the AUTOINCREMENT counters and the indexes, as text.
    static func snapshot(_ db: Database) throws -> [String] {
        var lines: [String] = []
        for table in ["request", "offer", "session_officer", "outbox", "time_proposal"] {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid") {
                lines.append("\(table) " + row.filter { !addedLater.contains($0.0) }.map { "\($0.0):\($0.1)" }.joined(separator: " "))
            }
            for index in try Row.fetchAll(db, sql: "PRAGMA index_list(\(table))") {
                let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?)", arguments: [index["name"] as String])
                lines.append("\(table) index unique=\(index["unique"] as Int) \(columns)")
            }
        }
        lines += try Row.fetchAll(db, sql: "SELECT * FROM sqlite_sequence ORDER BY name").map { "sequence \($0)" }
        return lines
    }

    @Test("a version 16 database migrates with every row, id, counter and index kept; inserts build no temporary table; bad values are still refused")
    func fromVersion16() async throws {
        let queue = try Support.database(atVersion: 16)
        try await queue.write { db in
            try db.execute(sql: Self.council)
            try db.execute(sql: """
                INSERT INTO request (id, kind, status, group_id, requester, proposal, verdicts, submitted_at, acknowledgement, delay_explanation)
                    VALUES (1, 'request', 'approved', 'LAB', 'm-patel', '{"a":1}', '[]', 5, 'noted', 'late'),
                           (2, 'reschedule', 'pending', 'LAB', 'm-patel', '{}', '[]', 6, NULL, NULL),
                           (9, 'join', 'withdrawn', 'CON', 'm-hughes', '{}', '[]', 7, NULL, NULL);
                INSERT INTO briefing (id, request_id, title, details, area, officers, status, created_at) VALUES (1, 1, 'T', '', 'planning', '[]', 'open', 0);
                INSERT INTO offer (id, briefing_id, group_id, status, answer_by) VALUES (1, 1, 'LAB', 'requested', NULL), (4, 1, 'CON', 'lapsed', '2026-12-01');
                INSERT INTO session (id, briefing_id, status, meeting_start, meeting_end, segment_start, segment_end, venue, attendees, updated_at, created_at)
                    VALUES (1, 1, 'scheduled', 10, 20, 10, 15, '{}', '[]', 0, 0);
                INSERT INTO session_officer (session_id, officer_id, response, nomination_confirmed) VALUES (1, 'm-patel', 'represented', 0);
                INSERT INTO notification (id, at, subject, body, recipients) VALUES (1, 0, 's', 'b', '[]');
                INSERT INTO outbox (id, notification_id, message_id, created_at, recipients, subject, message, status, attempts, last_error)
                    VALUES (3, 1, 'm-3', 0, '["a@b"]', 's', '{}', 'failed', 4, 'sendmail exited 75');
                INSERT INTO time_proposal (id, session_id, officer, meeting_start, meeting_end, segment_start, segment_end, reason, status, proposed_at)
                    VALUES (2, 1, 'm-patel', 10, 20, 10, 15, 'r', 'taken', 0);
                """)
            // The highest ids deleted: each counter is above its table's highest id, and must stay there.
            try db.execute(sql: """
                INSERT INTO request (id, kind, status, group_id, requester, proposal, verdicts, submitted_at) VALUES (12, 'request', 'pending', 'LAB', 'm-patel', '{}', '[]', 0);
                DELETE FROM request WHERE id = 12;
                INSERT INTO offer (id, briefing_id, group_id, status) VALUES (8, 1, 'LD', 'open'); DELETE FROM offer WHERE id = 8;
                INSERT INTO outbox (id, notification_id, message_id, created_at, recipients, subject, message) VALUES (6, 1, 'm-6', 0, '[]', 's', '{}');
                DELETE FROM outbox WHERE id = 6;
                """)
        }
        // Today: each of these inserts opens a temporary table for its CHECK's list.
        for (table, sql) in Self.inserts() {
            #expect(try await queue.read { try Self.opcodes($0, sql) }.contains("OpenEphemeral"), "\(table) before")
        }
        let before = try await queue.read { try Self.snapshot($0) }

        _ = try AppDatabase(queue)

        #expect(try await queue.read { try Self.snapshot($0) } == before)
        #expect(try await queue.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
        #expect(try await queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") } == ["ok"])
        for (table, sql) in Self.inserts() {
            #expect(try await queue.read { try Self.opcodes($0, sql) }.contains("OpenEphemeral") == false, "\(table) after")
        }
        // The same values refused, and the same allowed.
        for (table, sql) in Self.inserts("bogus") {
            let error = await #expect(throws: DatabaseError.self, "\(table)") { try await queue.write { try $0.execute(sql: sql) } }
            #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_CHECK, "\(table)")
        }
        let ids = try await queue.write { db in
            try Self.inserts().map { insert -> Int64 in try db.execute(sql: insert.sql); return db.lastInsertedRowID }
        }
        #expect(ids[0] == 13 && ids[1] == 9 && ids[3] == 7 && ids[4] == 3)   // after the counters, not the highest ids left
    }

    @Test("issue 25 item 2: a version 20 database migrates to 21 with every request, id, counter and index kept; a queued nomination is a kind of request")
    func fromVersion20() async throws {
        let queue = try Support.database(atVersion: 20)
        try await queue.write { db in
            try db.execute(sql: Self.council)
            try db.execute(sql: """
                INSERT INTO request (id, kind, status, group_id, requester, proposal, verdicts, submitted_at, acknowledgement, delay_explanation)
                    VALUES (1, 'request', 'approved', 'LAB', 'm-patel', '{"a":1}', '[]', 5, 'noted', 'late'),
                           (4, 'reschedule', 'pending', 'LAB', 'm-patel', '{}', '[]', 6, NULL, NULL);
                INSERT INTO request (id, kind, status, group_id, requester, proposal, verdicts, submitted_at) VALUES (7, 'request', 'pending', 'LAB', 'm-patel', '{}', '[]', 0);
                DELETE FROM request WHERE id = 7;
                """)
        }
        let nomination = "INSERT INTO request (kind, status, group_id, requester, proposal, verdicts, submitted_at) VALUES ('nomination', 'pending', 'LAB', 'm-patel', '{}', '[]', 0)"
        await #expect(throws: DatabaseError.self, "version 20 has no queued nominations") { try await queue.write { try $0.execute(sql: nomination) } }
        let before = try await queue.read { try Self.snapshot($0) }

        _ = try AppDatabase(queue)

        #expect(try await queue.read { try Self.snapshot($0) } == before)
        #expect(try await queue.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
        let id = try await queue.write { db -> Int64 in try db.execute(sql: nomination); return db.lastInsertedRowID }
        #expect(id == 8, "after the counter, not the highest id left")
        let bogus = nomination.replacingOccurrences(of: "'nomination'", with: "'bogus'")
        let error = await #expect(throws: DatabaseError.self) { try await queue.write { try $0.execute(sql: bogus) } }
        #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_CHECK)
        #expect(try await queue.read { try Row.fetchAll($0, sql: "PRAGMA table_info(session_officer)").contains { $0["name"] == "waiting_for" } })
    }
}
