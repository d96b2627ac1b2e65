-- An action's story, as its page shows it, from the index alone: the entries filed under the
-- action's keys are scattered through the log (one per update, written as the year goes
-- on), and reading each from the table cost a page of it per entry. The index keeps what
-- a line of the story shows (the id is the row id, in every index), so the page reads a
-- few index pages instead.
DROP INDEX change_log_by_key;
CREATE INDEX change_log_by_key ON change_log (partnership_id, entity_key, at, actor, entity, op);
