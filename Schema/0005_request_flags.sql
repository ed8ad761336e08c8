-- briefings schema, version 5: an officer named in a request may flag it as unreasonable, with a reason, for the
-- approver to determine (001 §4.10); the approver sees every flag in the queue.

CREATE TABLE request_flag (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id  INTEGER NOT NULL REFERENCES request(id),
    officer     TEXT NOT NULL REFERENCES person(id),
    reason      TEXT NOT NULL,
    flagged_at  INTEGER NOT NULL
);
CREATE INDEX request_flag_request ON request_flag(request_id);
