-- The partnerships (tenants) and the board around a plan: member agencies, sub-groups, lead
-- roles and their other spellings, reviews with their recommendations, and meetings.
-- Every table but `partnerships` carries `partnership_id`; a reference to another record is a
-- composite key (partnership_id, id), so no row can point into another partnership.
-- `{{id}}` is the auto-numbered primary key, spelled per database by the dialect module.

CREATE TABLE partnerships (
    id {{id}},
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    area TEXT,
    meetings_per_year BIGINT,
    created_at TEXT NOT NULL
);

CREATE TABLE agencies (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (partnership_id, name)
);

CREATE TABLE subgroups (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'proposed')),
    terms_of_reference TEXT,
    UNIQUE (partnership_id, name),
    UNIQUE (partnership_id, id)
);

-- `slug` is the domain's Role.id, e.g. chair-policy-and-procedure.
CREATE TABLE roles (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    position BIGINT NOT NULL,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    subgroup_id BIGINT,
    UNIQUE (partnership_id, slug),
    UNIQUE (partnership_id, id),
    FOREIGN KEY (partnership_id, subgroup_id) REFERENCES subgroups (partnership_id, id)
);

CREATE TABLE role_aliases (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    role_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    alias TEXT NOT NULL,
    UNIQUE (role_id, alias),
    FOREIGN KEY (partnership_id, role_id) REFERENCES roles (partnership_id, id)
);

-- `date` is the first of the month when the document gives only a month; `date_label` is the
-- date as written.
CREATE TABLE reviews (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    position BIGINT NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('challenge_and_development', 'peer_review',
        'national_review', 'serious_case_review', 'inspection', 'audit', 'other')),
    date TEXT,
    date_label TEXT,
    UNIQUE (partnership_id, code),
    UNIQUE (partnership_id, id)
);

CREATE TABLE recommendations (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    review_id BIGINT NOT NULL,
    number BIGINT NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (review_id, number),
    UNIQUE (partnership_id, id),
    FOREIGN KEY (partnership_id, review_id) REFERENCES reviews (partnership_id, id)
);

CREATE TABLE meetings (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    position BIGINT NOT NULL,
    date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('board', 'subgroup')),
    subgroup_id BIGINT,
    FOREIGN KEY (partnership_id, subgroup_id) REFERENCES subgroups (partnership_id, id)
);

CREATE INDEX meetings_by_partnership ON meetings (partnership_id, date);
