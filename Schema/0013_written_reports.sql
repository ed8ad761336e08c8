-- briefings schema, version 13: written reports (001 §4.10). A request may ask for a written report instead of officers
-- attending: approval commissions it from the named officers (no session), it is offered to every other group, and the
-- officers attach it as the briefing's material (judged by advice-limits).
ALTER TABLE briefing ADD COLUMN written_report INTEGER NOT NULL DEFAULT 0;
ALTER TABLE briefing ADD COLUMN report_due TEXT;   -- YYYY-MM-DD, a written report's due date
