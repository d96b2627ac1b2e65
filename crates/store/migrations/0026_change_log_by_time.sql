-- The change log's newest entry recorded by a moment: the anchor a board paper "as recorded"
-- on a day prints, the same however much is recorded afterwards. Entries are stamped in id
-- order, so the last by time is one seek here, not a walk back over everything since.
CREATE INDEX change_log_by_time ON change_log (partnership_id, at, id);
