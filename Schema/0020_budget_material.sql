-- briefings schema, version 20: a budget briefing's material is each group's own (003 §7.13). Each group's budget
-- discussion of a briefing (the requesting group's, and each group's that took up a discussion of its own) keeps its own
-- material here; `briefing.material` stays the material every session of any other briefing shares. Material attached to
-- a budget briefing before this version was shown to the requesting group only, so it becomes that group's own.
CREATE TABLE budget_material (
    briefing_id INTEGER NOT NULL REFERENCES briefing(id),
    group_id    TEXT NOT NULL REFERENCES political_group(id),
    material    TEXT NOT NULL,
    material_by TEXT NOT NULL REFERENCES person(id),
    attached_at INTEGER NOT NULL,
    PRIMARY KEY (briefing_id, group_id)
);
INSERT INTO budget_material (briefing_id, group_id, material, material_by, attached_at)
    SELECT b.id, r.group_id, b.material, b.material_by, b.created_at
    FROM briefing b JOIN request r ON r.id = b.request_id
    WHERE b.budget = 1 AND b.material IS NOT NULL AND b.material_by IS NOT NULL;
UPDATE briefing SET material = NULL, material_by = NULL WHERE budget = 1;
