-- briefings schema, version 3: the overlap check (no-double-booking) reads bookings from the index alone.
-- The query is `resource = ? AND start BETWEEN … AND end > ?` and needs session_id and label too; with
-- every column it reads in the index, each booking found costs no second lookup in the table.

DROP INDEX booking_resource_start;
CREATE INDEX booking_overlap ON booking(resource, start, end, session_id, label);
