-- briefings schema, version 2: API tokens and calendar feed secrets, stored only as SHA-256 hashes.

CREATE TABLE api_token (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    person     TEXT NOT NULL REFERENCES person(id),
    hash       TEXT NOT NULL UNIQUE,
    label      TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX api_token_person ON api_token(person);

-- One revocable secret per subscriber and feed: calendar apps cannot send headers, so the secret is the URL.
CREATE TABLE feed_secret (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    hash       TEXT NOT NULL UNIQUE,
    subject    TEXT NOT NULL,          -- 'officer:ID', 'group:ID', 'member:ID' or 'overview'
    person     TEXT NOT NULL REFERENCES person(id),
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX feed_secret_subject ON feed_secret(subject, person);

-- A group's written record finalised without the officer's verification says why (003 §7.10).
ALTER TABLE note ADD COLUMN unverified_reason TEXT;
