-- Assurance, first part: the risk register and the Section 11 self-assessment. History is
-- rows: a risk's re-rating is a new dated rating (so its score as at any date is exact), and
-- every write appends to the change log. References are composite keys within a partnership.

-- A risk on the board's register. `appetite` is the highest score (likelihood x impact, 1 to
-- 25) the board accepts for it; above it, the risk is reported. `row_version` counts edits.
CREATE TABLE risks (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    title TEXT NOT NULL,
    cause TEXT,
    consequence TEXT,
    owner_role TEXT NOT NULL,
    controls TEXT,
    appetite BIGINT CHECK (appetite BETWEEN 1 AND 25),
    review_on TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'escalated', 'closed')),
    row_version BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (partnership_id, id)
);

-- Each rating of a risk, dated by the day it speaks for (`rated_on`); never edited. `kind`
-- is inherent (before controls) or residual (with them). The rating as at a day is the latest
-- of its kind by rated_on, then id: one descending seek per risk.
CREATE TABLE risk_ratings (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    risk_id BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('inherent', 'residual')),
    likelihood BIGINT NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    impact BIGINT NOT NULL CHECK (impact BETWEEN 1 AND 5),
    rated_on TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    FOREIGN KEY (partnership_id, risk_id) REFERENCES risks (partnership_id, id)
);

CREATE INDEX risk_ratings_latest ON risk_ratings (risk_id, kind, rated_on, id);

-- What a risk is linked to: plan actions (by plan title and action number) and indicators
-- (by code).
CREATE TABLE risk_links (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    risk_id BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('action', 'indicator')),
    plan_title TEXT,
    target TEXT NOT NULL,
    UNIQUE (risk_id, kind, target),
    FOREIGN KEY (partnership_id, risk_id) REFERENCES risks (partnership_id, id)
);

-- A Section 11 cycle, one a year. `scale` is a JSON array of the rating words, best first
-- (green, amber, red unless the partnership sets its own). `stage`: returns (agencies
-- complete them), moderation (the panel agrees ratings), closed (the agreed heat map is
-- shared with every agency). `due_on` is when returns are due.
CREATE TABLE s11_cycles (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    year BIGINT NOT NULL,
    scale TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('returns', 'moderation', 'closed')),
    due_on TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (partnership_id, year),
    UNIQUE (partnership_id, id)
);

-- The cycle's standards template, in order.
CREATE TABLE s11_standards (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    cycle_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    UNIQUE (cycle_id, number),
    UNIQUE (partnership_id, id),
    FOREIGN KEY (partnership_id, cycle_id) REFERENCES s11_cycles (partnership_id, id)
);

-- One agency's return for a cycle: who signed it, and the moderation panel's notes.
CREATE TABLE s11_returns (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    cycle_id BIGINT NOT NULL,
    agency_id BIGINT NOT NULL,
    signatory TEXT,
    panel_notes TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (cycle_id, agency_id),
    UNIQUE (partnership_id, id),
    FOREIGN KEY (partnership_id, cycle_id) REFERENCES s11_cycles (partnership_id, id),
    FOREIGN KEY (partnership_id, agency_id) REFERENCES agencies (partnership_id, id)
);

-- A return's rating of one standard: the agency's own, its evidence, and the panel's agreed
-- rating once moderated.
CREATE TABLE s11_ratings (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    return_id BIGINT NOT NULL,
    standard_id BIGINT NOT NULL,
    rating TEXT NOT NULL,
    evidence TEXT,
    agreed TEXT,
    rated_at TEXT NOT NULL,
    UNIQUE (return_id, standard_id),
    FOREIGN KEY (partnership_id, return_id) REFERENCES s11_returns (partnership_id, id),
    FOREIGN KEY (partnership_id, standard_id) REFERENCES s11_standards (partnership_id, id)
);

-- A lead officer's agency is the agency of the person on the register linked to their
-- account: found by one seek on every Section 11 page.
CREATE INDEX people_account ON people (partnership_id, account_id);
