-- The board's own business, third part: the document register (terms of reference,
-- protocols, procedures, strategies, plans, learning briefings) with their versions, and
-- induction (a checklist per partnership, when each person completed each item, and when
-- each acknowledged their job description).
--
-- A document is owned by a lead role (as actions are led by roles, never people) and may
-- belong to a sub-group. "Due for review" is never stored: it follows from `review_due` as at
-- the date asked. `approved_meeting_id` names the meeting that approved it; it points at
-- `meetings (id)` alone (the store checks the partnership), since meetings had no scoped key
-- before the meetings migration. `approved_version` is the version that meeting approved.

CREATE TABLE documents (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    kind TEXT NOT NULL CHECK (kind IN ('terms_of_reference', 'protocol', 'procedure',
        'strategy', 'plan', 'learning_briefing', 'other')),
    title TEXT NOT NULL,
    owner_role_id BIGINT NOT NULL,
    subgroup_id BIGINT,
    review_due TEXT,
    approved_meeting_id BIGINT REFERENCES meetings (id),
    approved_version BIGINT,
    superseded_on TEXT,
    row_version BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (partnership_id, title),
    UNIQUE (partnership_id, id),
    FOREIGN KEY (partnership_id, owner_role_id) REFERENCES roles (partnership_id, id),
    FOREIGN KEY (partnership_id, subgroup_id) REFERENCES subgroups (partnership_id, id)
);

-- Reviews falling due before a date: one range seek per partnership.
CREATE INDEX documents_by_review ON documents (partnership_id, review_due);

-- Each version's file is kept as evidence files are (`blobs`, by SHA-256, its type read from
-- its bytes); `name` is the name it was uploaded under.
CREATE TABLE document_versions (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    document_id BIGINT NOT NULL,
    number BIGINT NOT NULL CHECK (number >= 1),
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL,
    note TEXT,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    UNIQUE (document_id, number),
    FOREIGN KEY (partnership_id, document_id) REFERENCES documents (partnership_id, id),
    FOREIGN KEY (partnership_id, sha256) REFERENCES blobs (partnership_id, sha256)
);

-- The whole register's versions are read by partnership.
CREATE INDEX document_versions_by_partnership
    ON document_versions (partnership_id, document_id, number);

CREATE TABLE induction_items (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    UNIQUE (partnership_id, title),
    UNIQUE (partnership_id, id)
);

-- The day a person completed an item of the checklist.
CREATE TABLE induction_done (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    person_id BIGINT NOT NULL,
    item_id BIGINT NOT NULL,
    done_on TEXT NOT NULL,
    PRIMARY KEY (person_id, item_id),
    FOREIGN KEY (partnership_id, person_id) REFERENCES people (partnership_id, id),
    FOREIGN KEY (partnership_id, item_id) REFERENCES induction_items (partnership_id, id)
);

-- The day a person acknowledged their job description (4.2).
CREATE TABLE job_descriptions_acknowledged (
    person_id BIGINT PRIMARY KEY,
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    acknowledged_on TEXT NOT NULL,
    FOREIGN KEY (partnership_id, person_id) REFERENCES people (partnership_id, id)
);
