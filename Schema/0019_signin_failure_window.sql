-- briefings schema, version 19: failed sign-ins past the window are deleted as each new try is counted (they used to
-- stay for ever, holding whatever id was typed), so the table holds one window's tries; this index finds them.

CREATE INDEX signin_failure_at ON signin_failure(at);
