-- briefings schema, version 24 (issue 26, item 2): the council's forthcoming committee meetings, imported from
-- ModernGov's web service (mgWebService: its committees and their meetings) or an iCalendar feed of meetings, and
-- refreshed daily by `serve`. Each meeting is keyed by its id at the source, so a re-import updates it (a moved
-- meeting keeps its row and remembers the date it moved from) or marks it cancelled, and never duplicates it.
CREATE TABLE committee_meeting (
    -- CM-0001: what a request names
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    -- the source and its own id for the meeting: moderngov:17355, ics:<UID>
    source_key    TEXT NOT NULL UNIQUE,
    committee     TEXT NOT NULL,
    -- YYYY-MM-DD (Europe/London)
    date          TEXT NOT NULL,
    -- the start time as the source gives it
    time          TEXT,
    location      TEXT,
    status        TEXT NOT NULL CHECK (status = 'scheduled' OR status = 'cancelled'),
    -- the date before the latest move
    previous_date TEXT,
    imported_at   INTEGER NOT NULL,
    changed_at    INTEGER NOT NULL
);
CREATE INDEX committee_meeting_date ON committee_meeting(date);

-- Where the meetings come from: at most one source, read again by `serve` once a day. The address may be a secret
-- (a published calendar's), so it is shown only as its scheme and host.
CREATE TABLE meeting_source (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    kind          TEXT NOT NULL CHECK (kind = 'moderngov' OR kind = 'ics'),
    url           TEXT NOT NULL,
    -- ModernGov committee ids to read, comma-separated; empty: every current committee
    committees    TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status = 'imported' OR status = 'failed'),
    error         TEXT,
    failures      INTEGER NOT NULL DEFAULT 0,
    attempted_at  INTEGER NOT NULL,
    imported_at   INTEGER,
    next_at       INTEGER NOT NULL
);

-- A briefing made from a request linked to a committee meeting keeps the link, so its date follows the meeting.
ALTER TABLE briefing ADD COLUMN meeting_id INTEGER REFERENCES committee_meeting(id);
