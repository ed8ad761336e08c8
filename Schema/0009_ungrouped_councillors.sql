-- briefings schema, version 9: councillors without a group, and councils without groups (`002` "same rights",
-- `003 §22.1`). Each councillor who belongs to no group stands as their own line in political_group (id, name and
-- leader are theirs, individual = 1), so requests, offers, sessions and the parity report treat them as a group.
ALTER TABLE political_group ADD COLUMN individual INTEGER NOT NULL DEFAULT 0;
