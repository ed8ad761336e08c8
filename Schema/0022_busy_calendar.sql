-- briefings schema, version 22 (issue 26, item 3): an officer's published calendar address (Outlook's "publish
-- calendar" ICS link, Google's secret address), stored once and read on a schedule by `serve` with conditional GETs.
-- Each calendar read replaces the officer's imported busy times exactly as a file import does (booking rows with no
-- session). The address is a secret: it is kept here only, never logged, never shown beyond its scheme and host.
CREATE TABLE busy_calendar (
    officer_id    TEXT PRIMARY KEY REFERENCES person(id),
    url           TEXT NOT NULL,
    horizon_days  INTEGER NOT NULL CHECK (horizon_days >= 1 AND horizon_days <= 3660),
    -- the validators of the calendar last imported, sent back as If-None-Match and If-Modified-Since
    etag          TEXT,
    last_modified TEXT,
    -- SHA-256 of the copy last imported: a server that ignores the validators and sends the same calendar again
    -- imports nothing either
    digest        TEXT,
    status        TEXT NOT NULL CHECK (status = 'waiting' OR status = 'imported' OR status = 'unchanged' OR status = 'failed'),
    -- what went wrong at the last attempt (never the address)
    error         TEXT,
    -- failed attempts since the last good read
    failures      INTEGER NOT NULL DEFAULT 0,
    -- busy times the calendar last imported held within the horizon
    busy_times    INTEGER,
    created_at    INTEGER NOT NULL,
    attempted_at  INTEGER,
    -- the last time the calendar was read: imported, or answered 304 Not Modified
    read_at       INTEGER,
    -- the last time its busy times replaced the officer's
    imported_at   INTEGER,
    -- when `serve` reads it next
    next_at       INTEGER NOT NULL
);
CREATE INDEX busy_calendar_next ON busy_calendar(next_at);
