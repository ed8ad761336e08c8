-- briefings schema, version 17: the CHECKs that list a column's values are written as comparisons. SQLite checks
-- `status IN ('a', 'b', 'c')` (more than two values) by building a temporary table for the list on every insert and
-- update, which was about a third of the cost of writing an outbox message, an offer or a request; `status = 'a' OR
-- status = 'b' OR …` allows and refuses exactly the same values without one. SQLite cannot alter a CHECK constraint,
-- so each table is rebuilt as in version 4: same columns, rows, ids and AUTOINCREMENT counters, same indexes.

CREATE TABLE request_v17 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL CHECK (kind = 'request' OR kind = 'acceptance' OR kind = 'join' OR kind = 'reschedule'),
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
INSERT INTO request_v17 (id, kind, status, group_id, requester, on_behalf_of, proposal, verdicts, submitted_at, acknowledged_at,
                         decided_at, decided_by, decided_role, reason, overrides, briefing_id, offer_id, session_id,
                         acknowledgement, delay_explanation)
    SELECT id, kind, status, group_id, requester, on_behalf_of, proposal, verdicts, submitted_at, acknowledged_at,
           decided_at, decided_by, decided_role, reason, overrides, briefing_id, offer_id, session_id,
           acknowledgement, delay_explanation FROM request;

CREATE TABLE offer_v17 (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    briefing_id INTEGER NOT NULL REFERENCES briefing(id),
    group_id    TEXT NOT NULL REFERENCES political_group(id),
    status      TEXT NOT NULL CHECK (status = 'requested' OR status = 'open' OR status = 'pending' OR status = 'accepted'
                                     OR status = 'declined' OR status = 'lapsed'),
    answered_at INTEGER,
    answered_by TEXT REFERENCES person(id),
    reason      TEXT,
    answer_by   TEXT,
    UNIQUE (briefing_id, group_id)
);
INSERT INTO offer_v17 (id, briefing_id, group_id, status, answered_at, answered_by, reason, answer_by)
    SELECT id, briefing_id, group_id, status, answered_at, answered_by, reason, answer_by FROM offer;

CREATE TABLE session_officer_v17 (
    session_id     INTEGER NOT NULL REFERENCES session(id),
    officer_id     TEXT NOT NULL REFERENCES person(id),
    nominated_by   TEXT REFERENCES person(id),
    response       TEXT NOT NULL CHECK (response = 'invited' OR response = 'confirmed' OR response = 'declined' OR response = 'represented'),
    reason         TEXT,
    represented_by TEXT REFERENCES person(id),
    responded_at   INTEGER,
    nomination_confirmed INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (session_id, officer_id)
);
INSERT INTO session_officer_v17 (session_id, officer_id, nominated_by, response, reason, represented_by, responded_at, nomination_confirmed)
    SELECT session_id, officer_id, nominated_by, response, reason, represented_by, responded_at, nomination_confirmed FROM session_officer;

CREATE TABLE outbox_v17 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    notification_id INTEGER NOT NULL REFERENCES notification(id),
    message_id      TEXT NOT NULL UNIQUE,          -- RFC 5322 Message-ID without the <>: the same on every attempt
    created_at      INTEGER NOT NULL,              -- the step's time: the Date header
    recipients      TEXT NOT NULL,                 -- JSON list of addresses, every one on the To line
    subject         TEXT NOT NULL,
    message         TEXT NOT NULL,                 -- JSON OutgoingMessage: headers, body, invitation, rendered on delivery
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status = 'pending' OR status = 'sending' OR status = 'sent' OR status = 'failed'),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,    -- wall-clock Unix seconds: not tried again before
    claimed_at      INTEGER,                       -- while 'sending': when, and by which deliverer (host:pid)
    claimed_by      TEXT,
    sent_at         INTEGER,
    last_error      TEXT                           -- what the last failed attempt said; kept after a later success
);
INSERT INTO outbox_v17 (id, notification_id, message_id, created_at, recipients, subject, message, status, attempts, next_attempt_at,
                        claimed_at, claimed_by, sent_at, last_error)
    SELECT id, notification_id, message_id, created_at, recipients, subject, message, status, attempts, next_attempt_at,
           claimed_at, claimed_by, sent_at, last_error FROM outbox;

CREATE TABLE time_proposal_v17 (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id    INTEGER NOT NULL REFERENCES session(id),
    officer       TEXT NOT NULL REFERENCES person(id),
    meeting_start INTEGER NOT NULL,
    meeting_end   INTEGER NOT NULL,
    segment_start INTEGER NOT NULL,
    segment_end   INTEGER NOT NULL,
    reason        TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status = 'open' OR status = 'taken' OR status = 'refused' OR status = 'withdrawn'),
    proposed_at   INTEGER NOT NULL,
    answered_at   INTEGER,
    answered_by   TEXT REFERENCES person(id),
    answer        TEXT,            -- the group's reason for refusing, or the outcome of taking it
    CHECK (meeting_end > meeting_start AND segment_end > segment_start)
);
INSERT INTO time_proposal_v17 (id, session_id, officer, meeting_start, meeting_end, segment_start, segment_end, reason, status,
                               proposed_at, answered_at, answered_by, answer)
    SELECT id, session_id, officer, meeting_start, meeting_end, segment_start, segment_end, reason, status,
           proposed_at, answered_at, answered_by, answer FROM time_proposal;

-- The AUTOINCREMENT counters carry over (a row deleted at the top leaves its id used: ids are never reused).
DELETE FROM sqlite_sequence WHERE name IN ('request_v17', 'offer_v17', 'outbox_v17', 'time_proposal_v17');
INSERT INTO sqlite_sequence (name, seq)
    SELECT name || '_v17', seq FROM sqlite_sequence WHERE name IN ('request', 'offer', 'outbox', 'time_proposal');

DROP TABLE request;
DROP TABLE offer;
DROP TABLE session_officer;
DROP TABLE outbox;
DROP TABLE time_proposal;
ALTER TABLE request_v17 RENAME TO request;
ALTER TABLE offer_v17 RENAME TO offer;
ALTER TABLE session_officer_v17 RENAME TO session_officer;
ALTER TABLE outbox_v17 RENAME TO outbox;
ALTER TABLE time_proposal_v17 RENAME TO time_proposal;

CREATE INDEX request_status ON request(status, submitted_at);
CREATE INDEX request_session ON request(session_id);
CREATE INDEX session_officer_officer ON session_officer(officer_id);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX time_proposal_session ON time_proposal(session_id, status);
