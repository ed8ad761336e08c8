-- briefings schema, version 16: the outbox keeps no index on notification_id. Nothing looks a message up by its
-- notification, and notifications are never deleted or renumbered (the one case a foreign key's child index serves),
-- so the index only cost every step that sends mail another page written and synced (`benchmarks/desk.sh`).
DROP INDEX outbox_notification;
