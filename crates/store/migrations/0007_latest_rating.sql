-- The rating of each tracked action's latest update, kept beside `latest_update_id` in the
-- same transaction as every write that moves it, so that the status of a whole plan now reads
-- one narrow row per action and no update. (The status as at a past date reads the updates.)

ALTER TABLE tracked_actions ADD COLUMN latest_rag TEXT
    CHECK (latest_rag IN ('red', 'amber', 'green', 'blue', 'grey'));
ALTER TABLE tracked_actions ADD COLUMN latest_percent BIGINT;
ALTER TABLE tracked_actions ADD COLUMN latest_as_of TEXT;
ALTER TABLE tracked_actions ADD COLUMN latest_recorded_at TEXT;

UPDATE tracked_actions SET
    latest_rag = (SELECT u.rag FROM progress_updates u WHERE u.id = tracked_actions.latest_update_id),
    latest_percent = (SELECT u.percent FROM progress_updates u
                      WHERE u.id = tracked_actions.latest_update_id),
    latest_as_of = (SELECT u.as_of FROM progress_updates u
                    WHERE u.id = tracked_actions.latest_update_id),
    latest_recorded_at = (SELECT u.recorded_at FROM progress_updates u
                          WHERE u.id = tracked_actions.latest_update_id)
WHERE latest_update_id IS NOT NULL;
