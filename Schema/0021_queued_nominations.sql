-- briefings schema, version 21: a nomination a rule refers waits for the approver (000 §17.5.1, §17.16.3; 004 §10.2).
-- A senior officer's representative whose hours (or a day they never work) need the approver's agreement is recorded
-- on the session as waiting for that queued change (`session_officer.waiting_for`, its `RQ-…`): no invitation and no
-- CONFIRMED until the approver agrees it. The request table learns the kind 'nomination'; SQLite cannot alter a CHECK
-- constraint, so the table is rebuilt as in version 17: same columns, rows, ids and AUTOINCREMENT counter, same indexes.

CREATE TABLE request_v21 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL CHECK (kind = 'request' OR kind = 'acceptance' OR kind = 'join' OR kind = 'reschedule' OR kind = 'nomination'),
    status          TEXT NOT NULL CHECK (status = 'pending' OR status = 'approved' OR status = 'declined' OR status = 'withdrawn'),
    group_id        TEXT NOT NULL REFERENCES political_group(id),
    requester       TEXT NOT NULL REFERENCES person(id),
    on_behalf_of    TEXT REFERENCES person(id),
    proposal        TEXT NOT NULL,
    verdicts        TEXT NOT NULL,
    submitted_at    INTEGER NOT NULL,
    acknowledged_at INTEGER,
    decided_at      INTEGER,
    decided_by      TEXT REFERENCES person(id),
    decided_role    TEXT,
    reason          TEXT,
    overrides       TEXT,
    briefing_id     INTEGER REFERENCES briefing(id),
    offer_id        INTEGER REFERENCES offer(id),
    session_id      INTEGER REFERENCES session(id),
    acknowledgement TEXT,
    delay_explanation TEXT
);
INSERT INTO request_v21 (id, kind, status, group_id, requester, on_behalf_of, proposal, verdicts, submitted_at, acknowledged_at,
                         decided_at, decided_by, decided_role, reason, overrides, briefing_id, offer_id, session_id,
                         acknowledgement, delay_explanation)
    SELECT id, kind, status, group_id, requester, on_behalf_of, proposal, verdicts, submitted_at, acknowledged_at,
           decided_at, decided_by, decided_role, reason, overrides, briefing_id, offer_id, session_id,
           acknowledgement, delay_explanation FROM request;
-- The AUTOINCREMENT counter carries over (a row deleted at the top leaves its id used: ids are never reused).
DELETE FROM sqlite_sequence WHERE name = 'request_v21';
INSERT INTO sqlite_sequence (name, seq) SELECT 'request_v21', seq FROM sqlite_sequence WHERE name = 'request';
DROP TABLE request;
ALTER TABLE request_v21 RENAME TO request;
CREATE INDEX request_status ON request(status, submitted_at);
CREATE INDEX request_session ON request(session_id);

ALTER TABLE session_officer ADD COLUMN waiting_for TEXT;
