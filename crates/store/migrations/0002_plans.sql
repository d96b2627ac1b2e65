-- Plans and their rows. A plan is versioned: importing a changed document with --replace sets
-- `superseded_at` on the current version and adds the next one, so earlier versions stay
-- readable. Timescales are stored as written (`ts_label`, NULL when there is none) and as read
-- (due date, period, recurrence, and whether that reading was a guess).

CREATE TABLE plans (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'closed')),
    version BIGINT NOT NULL,
    source_name TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    superseded_at TEXT,
    UNIQUE (partnership_id, title, version),
    UNIQUE (partnership_id, id)
);

-- At most one current version of each plan.
CREATE UNIQUE INDEX plans_current ON plans (partnership_id, title) WHERE superseded_at IS NULL;

-- `sources` is a JSON array of review codes.
CREATE TABLE objectives (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    plan_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    sources TEXT NOT NULL,
    ts_label TEXT,
    ts_due TEXT,
    ts_period_start TEXT,
    ts_period_end TEXT,
    ts_recurrence TEXT CHECK (ts_recurrence IN ('yearly', 'quarterly', 'monthly', 'ongoing')),
    ts_inferred BIGINT CHECK (ts_inferred IN (0, 1)),
    UNIQUE (plan_id, position),
    UNIQUE (partnership_id, id),
    FOREIGN KEY (partnership_id, plan_id) REFERENCES plans (partnership_id, id)
);

-- `uid` is the domain's Action.id: the number as written, with #2, #3... on repeats.
-- `sources` and `reference_phrases` are JSON arrays of text; `row_version` counts edits, for
-- optimistic locking.
CREATE TABLE actions (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    plan_id BIGINT NOT NULL,
    objective_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    uid TEXT NOT NULL,
    number TEXT NOT NULL,
    text TEXT NOT NULL,
    sources TEXT NOT NULL,
    ts_label TEXT,
    ts_due TEXT,
    ts_period_start TEXT,
    ts_period_end TEXT,
    ts_recurrence TEXT CHECK (ts_recurrence IN ('yearly', 'quarterly', 'monthly', 'ongoing')),
    ts_inferred BIGINT CHECK (ts_inferred IN (0, 1)),
    reference_phrases TEXT NOT NULL,
    duplicate_of TEXT,
    row_version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (plan_id, uid),
    UNIQUE (objective_id, position),
    UNIQUE (partnership_id, id),
    FOREIGN KEY (partnership_id, plan_id) REFERENCES plans (partnership_id, id),
    FOREIGN KEY (partnership_id, objective_id) REFERENCES objectives (partnership_id, id),
    FOREIGN KEY (plan_id, duplicate_of) REFERENCES actions (plan_id, uid)
        DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE objective_leads (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    objective_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    role_id BIGINT NOT NULL,
    PRIMARY KEY (objective_id, position),
    FOREIGN KEY (partnership_id, objective_id) REFERENCES objectives (partnership_id, id),
    FOREIGN KEY (partnership_id, role_id) REFERENCES roles (partnership_id, id)
);

CREATE TABLE action_leads (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    action_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    role_id BIGINT NOT NULL,
    PRIMARY KEY (action_id, position),
    FOREIGN KEY (partnership_id, action_id) REFERENCES actions (partnership_id, id),
    FOREIGN KEY (partnership_id, role_id) REFERENCES roles (partnership_id, id)
);

-- An action's text referring to another action of the same plan ("Combine with 8.1 – 8.2").
-- The phrases themselves are kept with the action (actions.reference_phrases): one phrase
-- can name several actions.
CREATE TABLE cross_references (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    from_action_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    to_action_id BIGINT NOT NULL,
    PRIMARY KEY (from_action_id, position),
    FOREIGN KEY (partnership_id, from_action_id) REFERENCES actions (partnership_id, id),
    FOREIGN KEY (partnership_id, to_action_id) REFERENCES actions (partnership_id, id)
);

CREATE INDEX cross_references_to ON cross_references (to_action_id);

-- What in the plans answers a review recommendation: an objective number ("4") or an action
-- uid ("4.1"), kept as text so that the link outlives plan versions.
CREATE TABLE trace_links (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    recommendation_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (recommendation_id, position),
    UNIQUE (recommendation_id, target),
    FOREIGN KEY (partnership_id, recommendation_id)
        REFERENCES recommendations (partnership_id, id)
);
