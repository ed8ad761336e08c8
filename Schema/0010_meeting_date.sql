-- briefings schema, version 10: the linked meeting carries a date, so council-business can refer a briefing that
-- comes after the meeting (or the decision) it is meant to inform (`000 §17.16.4` "currently or shortly").
ALTER TABLE briefing ADD COLUMN meeting_date TEXT;
