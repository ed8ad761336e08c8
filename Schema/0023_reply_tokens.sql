-- briefings schema, version 23 (issue 24, "answers from the calendar"): one reply token per invitation an officer is
-- sent. The invitation's ORGANIZER (and Reply-To) is the council's desk address plus-addressed with the token
-- (`briefings+TOKEN@…`), so a calendar's REPLY or COUNTER proves it reached that officer. Stored only as its SHA-256
-- hash (as API tokens and feed secrets are); tied to the session, the officer, the address it was sent to and the
-- invitation's SEQUENCE. A token answers once: `used_at` is set when its reply changed the desk.
CREATE TABLE reply_token (
    hash        TEXT PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES session(id),
    officer_id  TEXT NOT NULL REFERENCES person(id),
    email       TEXT NOT NULL,
    sequence    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    used_at     INTEGER
);
CREATE INDEX reply_token_session ON reply_token(session_id, officer_id);
