-- Progress and assurance: updates with their evidence, sign-offs and their withdrawal, edits
-- to single actions as dated revisions, where a carried-forward action came from, and each
-- partnership's status and sign-off settings. Nothing here is edited in place except the two
-- bookkeeping columns of `tracked_actions` (see below); history is rows, and the change log.
-- `{{blob}}` is a column of bytes, spelled per database by the dialect module.

-- One row per action of a plan, by the plan's title and the action's id (Action.id), across
-- the plan's versions: what its progress, sign-offs and edits hang on. Created on the first
-- write to the action. `row_version` counts those writes, for optimistic locking: a write
-- names the version it saw and is refused if another came first. `latest_update_id` is the
-- update that rates the action now (the latest by as_of, recorded_at, id that nothing
-- corrects), kept in the same transaction as each write so that "now" is one join.
-- `last_change` describes the last write in words, for the conflict message.
-- `origin_id` is the action of an earlier plan this one was carried forward from.
CREATE TABLE tracked_actions (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    plan_title TEXT NOT NULL,
    uid TEXT NOT NULL,
    row_version BIGINT NOT NULL,
    latest_update_id BIGINT,
    last_change TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    origin_id BIGINT,
    created_at TEXT NOT NULL,
    UNIQUE (partnership_id, plan_title, uid),
    UNIQUE (partnership_id, id),
    FOREIGN KEY (partnership_id, origin_id) REFERENCES tracked_actions (partnership_id, id)
);

CREATE INDEX tracked_actions_origin ON tracked_actions (origin_id);

-- A progress update. Never edited: a correction is a new row naming the one it corrects, and
-- an update is corrected at most once (correct the correction to change it again).
-- `as_of` is the date it speaks for (never after the day it was recorded).
CREATE TABLE progress_updates (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    tracked_action_id BIGINT NOT NULL,
    rag TEXT NOT NULL CHECK (rag IN ('red', 'amber', 'green', 'blue', 'grey')),
    percent BIGINT CHECK (percent BETWEEN 0 AND 100),
    narrative TEXT NOT NULL,
    as_of TEXT NOT NULL,
    author TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    corrects_id BIGINT UNIQUE,
    UNIQUE (partnership_id, id),
    FOREIGN KEY (partnership_id, tracked_action_id) REFERENCES tracked_actions (partnership_id, id),
    FOREIGN KEY (partnership_id, corrects_id) REFERENCES progress_updates (partnership_id, id)
);

-- The latest update of an action as at a date is one descending seek per action.
CREATE INDEX progress_updates_latest
    ON progress_updates (partnership_id, tracked_action_id, as_of, recorded_at, id);

-- Evidence files, content-addressed by the SHA-256 of their bytes, kept in the database so
-- that every app server sees them. `media_type` is what Boardplan found by reading the bytes,
-- never what the uploader claimed; HTML, SVG and scripts are never stored.
CREATE TABLE blobs (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    sha256 TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    bytes {{blob}} NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (partnership_id, sha256)
);

-- What backs an update: a stored file (by hash, with the name it was given) or a link.
CREATE TABLE update_evidence (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    update_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('file', 'link')),
    sha256 TEXT,
    name TEXT,
    url TEXT,
    title TEXT,
    PRIMARY KEY (update_id, position),
    FOREIGN KEY (partnership_id, update_id) REFERENCES progress_updates (partnership_id, id),
    FOREIGN KEY (partnership_id, sha256) REFERENCES blobs (partnership_id, sha256),
    CHECK ((kind = 'file' AND sha256 IS NOT NULL AND name IS NOT NULL AND url IS NULL)
        OR (kind = 'link' AND url IS NOT NULL AND sha256 IS NULL))
);

-- A sign-off of an action's completion, under a lead role; withdrawn by a row of its own.
CREATE TABLE signoffs (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    tracked_action_id BIGINT NOT NULL,
    signed_by TEXT NOT NULL,
    role_id BIGINT NOT NULL,
    at TEXT NOT NULL,
    UNIQUE (partnership_id, id),
    FOREIGN KEY (partnership_id, tracked_action_id) REFERENCES tracked_actions (partnership_id, id),
    FOREIGN KEY (partnership_id, role_id) REFERENCES roles (partnership_id, id)
);

CREATE INDEX signoffs_by_action ON signoffs (partnership_id, tracked_action_id);

CREATE TABLE signoff_withdrawals (
    signoff_id BIGINT PRIMARY KEY,
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    withdrawn_by TEXT NOT NULL,
    at TEXT NOT NULL,
    reason TEXT NOT NULL,
    FOREIGN KEY (partnership_id, signoff_id) REFERENCES signoffs (partnership_id, id)
);

-- An edit to one action of a plan version (its text, timescale or leads), valid from `at`:
-- a whole new state of those fields. The action row keeps the state it was imported with;
-- the plan as at a moment takes, for each action, the latest revision valid then.
CREATE TABLE action_revisions (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    action_id BIGINT NOT NULL,
    valid_from TEXT NOT NULL,
    text TEXT NOT NULL,
    ts_label TEXT,
    ts_due TEXT,
    ts_period_start TEXT,
    ts_period_end TEXT,
    ts_recurrence TEXT CHECK (ts_recurrence IN ('yearly', 'quarterly', 'monthly', 'ongoing')),
    ts_inferred BIGINT CHECK (ts_inferred IN (0, 1)),
    recorded_by TEXT NOT NULL,
    UNIQUE (partnership_id, id),
    FOREIGN KEY (partnership_id, action_id) REFERENCES actions (partnership_id, id)
);

CREATE INDEX action_revisions_by_action ON action_revisions (partnership_id, action_id, valid_from);

CREATE TABLE action_revision_leads (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    revision_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    role_id BIGINT NOT NULL,
    PRIMARY KEY (revision_id, position),
    FOREIGN KEY (partnership_id, revision_id) REFERENCES action_revisions (partnership_id, id),
    FOREIGN KEY (partnership_id, role_id) REFERENCES roles (partnership_id, id)
);

-- The thresholds of the status rules and who may sign off, per partnership; absent means the
-- defaults (30 days, 90 days, the board's chair and the lead's sub-group chair).
-- `signoff_board_roles` is a JSON array of role ids (roles.slug).
CREATE TABLE partnership_settings (
    partnership_id BIGINT PRIMARY KEY REFERENCES partnerships (id),
    due_soon_days BIGINT NOT NULL CHECK (due_soon_days BETWEEN 0 AND 366),
    stale_days BIGINT NOT NULL CHECK (stale_days BETWEEN 1 AND 366),
    signoff_board_roles TEXT NOT NULL,
    signoff_subgroup_chairs BIGINT NOT NULL CHECK (signoff_subgroup_chairs IN (0, 1)),
    updated_at TEXT NOT NULL
);

-- When a meeting was recorded, so that a meeting added later does not leak into an earlier
-- as-at view. NULL for meetings that came with an imported document.
ALTER TABLE meetings ADD COLUMN recorded_at TEXT;

-- An action's story is read from the change log by its key.
CREATE INDEX change_log_by_key ON change_log (partnership_id, entity_key);
