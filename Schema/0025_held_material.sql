-- briefings schema, version 25: material a rule warns about waits for the approver (issue 23 item 8; advice-limits,
-- 001 §4.11, §4.16, 004 §10.3). An officer's material that advice-limits (or any rule that warns) flags is no longer
-- published as it is attached: it waits in the approver's queue as a request of its own kind, 'material', and is kept
-- here until the approver releases it (then it becomes the briefing's material, or a budget discussion's) or declines it
-- with a reason the officer is told. Nobody but the officer who attached it and oversight reads it while it waits.
-- The request table learns the kind 'material'; SQLite cannot alter a CHECK constraint, so the table is rebuilt as in
-- version 21: same columns, rows, ids and AUTOINCREMENT counter, same indexes.

CREATE TABLE request_v25 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL CHECK (kind = 'request' OR kind = 'acceptance' OR kind = 'join' OR kind = 'reschedule' OR kind = 'nomination'
                                         OR kind = 'material'),
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
INSERT INTO request_v25 (id, kind, status, group_id, requester, on_behalf_of, proposal, verdicts, submitted_at, acknowledged_at,
                         decided_at, decided_by, decided_role, reason, overrides, briefing_id, offer_id, session_id,
                         acknowledgement, delay_explanation)
    SELECT id, kind, status, group_id, requester, on_behalf_of, proposal, verdicts, submitted_at, acknowledged_at,
           decided_at, decided_by, decided_role, reason, overrides, briefing_id, offer_id, session_id,
           acknowledgement, delay_explanation FROM request;
DELETE FROM sqlite_sequence WHERE name = 'request_v25';
INSERT INTO sqlite_sequence (name, seq) SELECT 'request_v25', seq FROM sqlite_sequence WHERE name = 'request';
DROP TABLE request;
ALTER TABLE request_v25 RENAME TO request;
CREATE INDEX request_status ON request(status, submitted_at);
CREATE INDEX request_session ON request(session_id);

-- The material a 'material' request holds: for which briefing, which group's own budget discussion (NULL for any other
-- briefing, whose material every session shares), what it says, any file (below), and who attached it when.
CREATE TABLE held_material (
    request_id  INTEGER PRIMARY KEY REFERENCES request(id),
    briefing_id INTEGER NOT NULL REFERENCES briefing(id),
    group_id    TEXT REFERENCES political_group(id),
    material    TEXT NOT NULL,
    material_by TEXT NOT NULL REFERENCES person(id),
    attached_at INTEGER NOT NULL,
    material_file INTEGER REFERENCES material_file(id)
);
CREATE INDEX held_material_briefing ON held_material(briefing_id);

-- A file an officer attaches as material (issue 23 item 8): a PDF or a Word document (.docx), kept whole, up to the
-- desk's limit (5 MB unless configured), for the readers entitled to the material to download. Text and Markdown files
-- are read as the material's text instead. The briefing's material, a budget discussion's, or held material names it.
CREATE TABLE material_file (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    briefing_id INTEGER NOT NULL REFERENCES briefing(id),
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind = 'pdf' OR kind = 'word'),
    size        INTEGER NOT NULL CHECK (size > 0),
    content     BLOB NOT NULL,
    attached_by TEXT NOT NULL REFERENCES person(id),
    attached_at INTEGER NOT NULL
);
ALTER TABLE briefing ADD COLUMN material_file INTEGER REFERENCES material_file(id);
ALTER TABLE budget_material ADD COLUMN material_file INTEGER REFERENCES material_file(id);
