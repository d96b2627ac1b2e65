-- Whether a partnership's public summary (/public) is published. Off for every partnership,
-- those already here included: publishing a board's plan is a decision someone makes and the
-- change log records, never a side effect of importing it.

ALTER TABLE partnerships ADD COLUMN published BIGINT NOT NULL DEFAULT 0
    CHECK (published IN (0, 1));
