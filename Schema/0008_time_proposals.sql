-- briefings schema, version 8: an invited officer may propose another time for a session (officer-consistency: "they
-- may propose another time"); the host group takes it (then it is judged as a reschedule) or refuses it.
CREATE TABLE time_proposal (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id    INTEGER NOT NULL REFERENCES session(id),
    officer       TEXT NOT NULL REFERENCES person(id),
    meeting_start INTEGER NOT NULL,
    meeting_end   INTEGER NOT NULL,
    segment_start INTEGER NOT NULL,
    segment_end   INTEGER NOT NULL,
    reason        TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('open', 'taken', 'refused', 'withdrawn')),
    proposed_at   INTEGER NOT NULL,
    answered_at   INTEGER,
    answered_by   TEXT REFERENCES person(id),
    answer        TEXT,            -- the group's reason for refusing, or the outcome of taking it
    CHECK (meeting_end > meeting_start AND segment_end > segment_start)
);
CREATE INDEX time_proposal_session ON time_proposal(session_id, status);
