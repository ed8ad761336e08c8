-- briefings schema, version 12: answers that explain (`response-time`). An acknowledgement is a message to the
-- requester saying what is happening (`000 §17.8.2`); a late answer carries why it is late, what is being done and
-- when (`004 §6.5.8`).
ALTER TABLE request ADD COLUMN acknowledgement TEXT;
ALTER TABLE request ADD COLUMN delay_explanation TEXT;
