-- briefings schema, version 11: each offer carries the date it must be answered by (the council's
-- offerAnswerWorkingDays, default 10, counted with bank holidays, from the day it was made). An open offer past that
-- date has lapsed, whether or not anyone has recorded it yet; the parity report counts it.
ALTER TABLE offer ADD COLUMN answer_by TEXT;
-- Offers made before this version: two calendar weeks from their briefing (ten working days without holidays).
UPDATE offer SET answer_by = date((SELECT created_at FROM briefing WHERE briefing.id = offer.briefing_id) + 14 * 86400, 'unixepoch');
