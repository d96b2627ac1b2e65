-- Assurance, second part: a Section 11 return's evidence files and improvement actions, and
-- the golden thread's seeks from a plan action to the risks and Section 11 standards linked
-- to it.

-- A file an agency gives as evidence for one standard of its return. The bytes are kept here,
-- not in `blobs`: `blobs` are served to every member by their hash, and a return's evidence
-- is seen only by whoever may see the return (`Section11View`). Checked as evidence files
-- are (type from the bytes, an allow-list, the same size limit).
CREATE TABLE s11_evidence (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    return_id BIGINT NOT NULL,
    standard_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    bytes {{blob}} NOT NULL,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    UNIQUE (return_id, standard_id, sha256),
    FOREIGN KEY (partnership_id, return_id) REFERENCES s11_returns (partnership_id, id),
    FOREIGN KEY (partnership_id, standard_id) REFERENCES s11_standards (partnership_id, id)
);

-- An agency's improvement action on a standard of its return, carried by a plan action (by
-- plan title and action number, as audits' recommendations and trace links are, so that it
-- outlives plan versions): the plan action's source is the Section 11 cycle.
CREATE TABLE s11_actions (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    return_id BIGINT NOT NULL,
    standard_id BIGINT NOT NULL,
    text TEXT,
    plan_title TEXT NOT NULL,
    action_uid TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    UNIQUE (return_id, standard_id, plan_title, action_uid),
    FOREIGN KEY (partnership_id, return_id) REFERENCES s11_returns (partnership_id, id),
    FOREIGN KEY (partnership_id, standard_id) REFERENCES s11_standards (partnership_id, id)
);

-- The golden thread: from a plan action to the improvement actions it carries, and from a
-- standard (across every agency's return) back to them.
CREATE INDEX s11_actions_by_action ON s11_actions (partnership_id, plan_title, action_uid);
CREATE INDEX s11_actions_by_standard ON s11_actions (standard_id);

-- The golden thread: from a plan action to the risks linked to it.
CREATE INDEX risk_links_by_target ON risk_links (partnership_id, plan_title, target);
