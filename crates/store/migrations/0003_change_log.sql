-- The change log: every write, with who and when, append-only and hash-chained per
-- partnership. hash = sha256 hex of (prev_hash || canonical JSON of the entry's other
-- fields); the first entry of a partnership has prev_hash ''. `before` and `after` are JSON
-- text. A second entry claiming the same predecessor is refused, so two writers racing on one
-- partnership cannot fork its chain.

CREATE TABLE change_log (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete', 'import')),
    before TEXT,
    after TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (partnership_id, prev_hash)
);

CREATE INDEX change_log_by_partnership ON change_log (partnership_id, id);
