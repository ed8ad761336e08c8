-- briefings schema, version 4: every session's agreement by the approver, changes waiting for them, and the
-- approver's absences (the deputy decides only then). See docs/workflow.md.

-- Each group a session serves is covered by one approver act: the briefing's approval ('RQ-0001'), a change the
-- approver agreed ('RQ-0007'), or the approver's own act ('approver:o-ceo'). NULL while the approver has not agreed:
-- the session is tentative (it holds its bookings) until then.
ALTER TABLE session_group ADD COLUMN agreement TEXT;
-- The approver's recorded overrides for this group at this session (JSON rule -> reason); never inherited.
ALTER TABLE session_group ADD COLUMN overrides TEXT NOT NULL DEFAULT '{}';
-- The expected attendees this group brought (JSON [Attendee]); NULL for sessions booked before version 4.
ALTER TABLE session_group ADD COLUMN attendees TEXT;

-- Sessions booked before version 4 were agreed by the approval of their briefing's first request, or of the
-- group's own acceptance where the approver decided one.
UPDATE session_group SET agreement = COALESCE(
    (SELECT printf('RQ-%04d', r.id) FROM request r
      WHERE r.kind = 'acceptance' AND r.status = 'approved' AND r.offer_id = session_group.offer_id),
    (SELECT printf('RQ-%04d', b.request_id) FROM session s JOIN briefing b ON b.id = s.briefing_id
      WHERE s.id = session_group.session_id));

-- The request table learns two more kinds of change for the approver's queue ('join', 'reschedule') and the
-- session a change concerns. SQLite cannot alter a CHECK constraint, so the table is rebuilt (same rows, same ids).
CREATE TABLE request_v4 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL CHECK (kind IN ('request', 'acceptance', 'join', 'reschedule')),
    status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'declined', 'withdrawn')),
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
    session_id      INTEGER REFERENCES session(id)
);
INSERT INTO request_v4 (id, kind, status, group_id, requester, on_behalf_of, proposal, verdicts, submitted_at, acknowledged_at,
                        decided_at, decided_by, decided_role, reason, overrides, briefing_id, offer_id)
    SELECT id, kind, status, group_id, requester, on_behalf_of, proposal, verdicts, submitted_at, acknowledged_at,
           decided_at, decided_by, decided_role, reason, overrides, briefing_id, offer_id FROM request;
DROP TABLE request;
ALTER TABLE request_v4 RENAME TO request;
CREATE INDEX request_status ON request(status, submitted_at);
CREATE INDEX request_session ON request(session_id);

-- When the approver is away; the deputy decides only within one of these (unless the council sets deputyActsAnyTime).
CREATE TABLE approver_absence (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    from_date   TEXT NOT NULL,        -- YYYY-MM-DD, first day away
    until_date  TEXT NOT NULL,        -- YYYY-MM-DD, last day away
    recorded_by TEXT NOT NULL REFERENCES person(id),
    recorded_at INTEGER NOT NULL,
    CHECK (until_date >= from_date)
);
