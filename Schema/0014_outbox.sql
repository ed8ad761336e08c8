-- briefings schema, version 14: email (issue 12). People's addresses (the roster's `email`), the council's desk address
-- (`council.email`: the From of every message and the ORGANIZER of every invitation), and the durable outbox. Each
-- workflow step writes its messages here in its own transaction, so nothing is sent for a step that did not commit and
-- nothing committed is forgotten; a deliverer (`briefings serve`, or `briefings outbox deliver`) claims one message at a
-- time, hands it to the sendmail command, and records what happened. Delivery is at least once: a deliverer killed
-- after the hand-over and before recording it sends that message again, with the same Message-ID.
ALTER TABLE person ADD COLUMN email TEXT;
ALTER TABLE council ADD COLUMN email TEXT;

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    notification_id INTEGER NOT NULL REFERENCES notification(id),
    message_id      TEXT NOT NULL UNIQUE,          -- RFC 5322 Message-ID without the <>: the same on every attempt
    created_at      INTEGER NOT NULL,              -- the step's time: the Date header
    recipients      TEXT NOT NULL,                 -- JSON list of addresses, every one on the To line
    subject         TEXT NOT NULL,
    message         TEXT NOT NULL,                 -- JSON OutgoingMessage: headers, body, invitation, rendered on delivery
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,    -- wall-clock Unix seconds: not tried again before
    claimed_at      INTEGER,                       -- while 'sending': when, and by which deliverer (host:pid)
    claimed_by      TEXT,
    sent_at         INTEGER,
    last_error      TEXT                           -- what the last failed attempt said; kept after a later success
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_notification ON outbox(notification_id);
