-- briefings schema, version 18: an ended desk session is kept, marked ended, until it would have expired. Signing a
-- person out used to delete their sessions' rows, and a form they were submitting at that moment saved its session
-- back (an upsert re-created the deleted row, without an expiry): the person stayed signed in. A session is now saved
-- back only onto its own row while that row is not ended, and a new one is only ever inserted under a new key.

ALTER TABLE web_session ADD COLUMN ended_at INTEGER;
