-- briefings schema, version 26 (issue 25 item 6, "response times only on paper"): an acknowledgement gives the date by
-- which the requester will hear (within the council's response time unless the approver says why not: that reason is
-- the explanation of delay of 004 §6.5.8); `past_due_told` is the date whose passing the requester was last told of,
-- so each passed date is told once. Version 24 and 25 are the committee meetings and held material.
ALTER TABLE request ADD COLUMN reply_by TEXT;
ALTER TABLE request ADD COLUMN reply_by_reason TEXT;
ALTER TABLE request ADD COLUMN past_due_told TEXT;
