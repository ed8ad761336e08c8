-- briefings schema, version 15: signing in to the web desk. Passwords as bcrypt hashes, one-time sign-in links and web
-- sessions as SHA-256 hashes of their secrets (never the secrets themselves), and failed sign-ins for rate limiting.

-- A password an administrator set for a person (`briefings person password --for ID`): bcrypt, never the password.
CREATE TABLE person_password (
    person     TEXT PRIMARY KEY REFERENCES person(id),
    hash       TEXT NOT NULL,
    set_at     INTEGER NOT NULL
);

-- A one-time sign-in link (`briefings person signin-link --for ID`): used once, within its expiry.
CREATE TABLE signin_link (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    person     TEXT NOT NULL REFERENCES person(id),
    hash       TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX signin_link_person ON signin_link(person);

-- A failed sign-in, counted per person and per address over a recent window; successes clear the person's.
CREATE TABLE signin_failure (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    person     TEXT,
    address    TEXT,
    at         INTEGER NOT NULL
);
CREATE INDEX signin_failure_person ON signin_failure(person, at);
CREATE INDEX signin_failure_address ON signin_failure(address, at);

-- A signed-in browser: the session cookie's hash, whose session it is, and what it holds (JSON). Revoking a person's
-- tokens, or their leaving the roster, ends their sessions.
CREATE TABLE web_session (
    key_hash   TEXT PRIMARY KEY,
    person     TEXT,
    value      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER
);
CREATE INDEX web_session_person ON web_session(person);
