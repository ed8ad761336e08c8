-- briefings schema, version 7: budget briefings (003 §7.13: each group is entitled to its own confidential budget
-- discussions). Other groups are offered discussions of their own with the same officers, never the title or the
-- material, until the requesting group releases it or the embargo date passes, whichever is earlier.
ALTER TABLE briefing ADD COLUMN budget INTEGER NOT NULL DEFAULT 0;
ALTER TABLE briefing ADD COLUMN released_at INTEGER;
