-- briefings schema, version 1. Never edit once shipped: add 0002_….sql instead.
-- Times are Unix seconds (UTC); people type and read them in Europe/London.

CREATE TABLE council (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    name                TEXT NOT NULL DEFAULT '',
    profile             TEXT NOT NULL,
    overrides           TEXT NOT NULL DEFAULT '{}',   -- JSON object of setting -> value
    approver            TEXT,
    deputy_approver     TEXT,
    monitoring_officer  TEXT,
    created_at          INTEGER NOT NULL,
    imported_at         INTEGER,                -- last roster import
    roster_version      INTEGER NOT NULL DEFAULT 0   -- goes up on every import; readers cache by it
);

CREATE TABLE political_group (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    leader      TEXT NOT NULL,
    controlling INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 1
);

-- Everyone on the roster: members, political assistants, officers, staff.
-- Removed from a later roster => active = 0, never deleted, so history keeps its names.
CREATE TABLE person (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('member', 'assistant', 'officer', 'staff')),
    group_id      TEXT REFERENCES political_group(id),
    member_kind   TEXT CHECK (member_kind IN ('elected', 'co-opted')),
    title         TEXT,
    grade         TEXT,
    remit         TEXT,            -- JSON list of service areas
    hours         TEXT,            -- "Mon-Fri 08:30-17:30"
    line_manager  TEXT,
    administrator INTEGER NOT NULL DEFAULT 0,
    active        INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE room (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    capacity INTEGER,
    active   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE bank_holiday (
    date  TEXT PRIMARY KEY,        -- YYYY-MM-DD
    title TEXT NOT NULL
);

-- A request for officers at a group meeting (kind 'request'), or a group's own session
-- proposed in answer to an offer that the rules sent to the approver (kind 'acceptance').
CREATE TABLE request (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL CHECK (kind IN ('request', 'acceptance')),
    status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'declined', 'withdrawn')),
    group_id        TEXT NOT NULL REFERENCES political_group(id),
    requester       TEXT NOT NULL REFERENCES person(id),
    on_behalf_of    TEXT REFERENCES person(id),
    proposal        TEXT NOT NULL,   -- JSON SessionProposal
    verdicts        TEXT NOT NULL,   -- JSON [Verdict] seen at submission
    submitted_at    INTEGER NOT NULL,
    acknowledged_at INTEGER,
    decided_at      INTEGER,
    decided_by      TEXT REFERENCES person(id),
    decided_role    TEXT,
    reason          TEXT,
    overrides       TEXT,            -- JSON rule -> reason recorded by the approver
    briefing_id     INTEGER REFERENCES briefing(id),
    offer_id        INTEGER REFERENCES offer(id)
);
CREATE INDEX request_status ON request(status, submitted_at);

CREATE TABLE briefing (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id     INTEGER NOT NULL REFERENCES request(id),
    title          TEXT NOT NULL,
    details        TEXT NOT NULL,
    area           TEXT NOT NULL,
    linked_meeting TEXT,
    decision_date  TEXT,
    embargo_until  TEXT,
    joint_wish     INTEGER NOT NULL DEFAULT 0,
    officers       TEXT NOT NULL,    -- JSON [OfficerAttendance]: the same officers for every group
    material       TEXT,
    material_by    TEXT REFERENCES person(id),
    status         TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    created_at     INTEGER NOT NULL
);

CREATE TABLE offer (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    briefing_id INTEGER NOT NULL REFERENCES briefing(id),
    group_id    TEXT NOT NULL REFERENCES political_group(id),
    status      TEXT NOT NULL CHECK (status IN ('requested', 'open', 'pending', 'accepted', 'declined', 'lapsed')),
    answered_at INTEGER,
    answered_by TEXT REFERENCES person(id),
    reason      TEXT,
    UNIQUE (briefing_id, group_id)
);

CREATE TABLE session (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    briefing_id   INTEGER NOT NULL REFERENCES briefing(id),
    status        TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
    meeting_start INTEGER NOT NULL,
    meeting_end   INTEGER NOT NULL,
    segment_start INTEGER NOT NULL,
    segment_end   INTEGER NOT NULL,
    venue         TEXT NOT NULL,     -- JSON Venue
    attendees     TEXT NOT NULL,     -- JSON [Attendee]
    joinable      INTEGER NOT NULL DEFAULT 0,
    sequence      INTEGER NOT NULL DEFAULT 0,   -- iCalendar SEQUENCE: only ever goes up
    updated_at    INTEGER NOT NULL,
    cancelled_at  INTEGER,
    reason        TEXT,
    created_at    INTEGER NOT NULL,
    CHECK (meeting_end > meeting_start AND segment_end > segment_start)
);
CREATE INDEX session_briefing ON session(briefing_id);

CREATE TABLE session_group (
    session_id INTEGER NOT NULL REFERENCES session(id),
    group_id   TEXT NOT NULL REFERENCES political_group(id),
    offer_id   INTEGER NOT NULL REFERENCES offer(id),
    PRIMARY KEY (session_id, group_id)
);
CREATE INDEX session_group_group ON session_group(group_id);

CREATE TABLE session_officer (
    session_id     INTEGER NOT NULL REFERENCES session(id),
    officer_id     TEXT NOT NULL REFERENCES person(id),
    nominated_by   TEXT REFERENCES person(id),
    response       TEXT NOT NULL CHECK (response IN ('invited', 'confirmed', 'declined', 'represented')),
    reason         TEXT,
    represented_by TEXT REFERENCES person(id),
    responded_at   INTEGER,
    PRIMARY KEY (session_id, officer_id)
);
CREATE INDEX session_officer_officer ON session_officer(officer_id);

-- What holds an officer or a room at a time: scheduled sessions, and (later) imported busy times.
-- Overlap queries use (resource, start) with a bounded window, never a full scan.
CREATE TABLE booking (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    resource   TEXT NOT NULL,        -- 'officer:ID' or 'room:ID'
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    session_id INTEGER REFERENCES session(id),
    label      TEXT NOT NULL,
    CHECK (end > start)
);
CREATE INDEX booking_resource_start ON booking(resource, start);
CREATE INDEX booking_session ON booking(session_id);

CREATE TABLE notification (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         INTEGER NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    recipients TEXT NOT NULL          -- JSON list of roster ids, every one named
);

CREATE TABLE note (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id  INTEGER NOT NULL REFERENCES session(id),
    group_id    TEXT NOT NULL REFERENCES political_group(id),
    author      TEXT NOT NULL REFERENCES person(id),
    text        TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('draft', 'final')),
    verified_by TEXT REFERENCES person(id),
    verified_at INTEGER,
    created_at  INTEGER NOT NULL
);

-- Append-only audit trail; each entry's hash covers the previous entry's hash.
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    role      TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    details   TEXT NOT NULL,         -- JSON
    verdicts  TEXT NOT NULL,         -- JSON [Verdict]
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

-- The newest entry's hash and sequence, so a deleted tail is detected too.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
