-- briefings schema, version 6: a non-senior officer a group names as a senior officer's nominee attends only once
-- that senior officer confirms the nomination (senior-officer: "made or confirmed by that senior officer, never only
-- asserted by the group"). Nominations an officer made themself, and every earlier row, count as confirmed.
ALTER TABLE session_officer ADD COLUMN nomination_confirmed INTEGER NOT NULL DEFAULT 1;
