-- Assurance, first part: the audit programme and case-file audits. An audit is planned for a
-- year with a theme and a kind, chosen for reasons (an indicator, a review's recommendation,
-- or words); a case-file audit samples cases by a pseudonymous reference only (the store
-- refuses anything that looks like a name, a date or an address), each graded per practice
-- area on the audit's scale; its recommendations point at plan actions by plan title and
-- action number, as review trace links do, so that they outlive plan versions.

-- `areas` and `scale` are JSON arrays of text (the scale best first); `theme_key` is the theme
-- folded to lower case, to find the last audit of the same theme.
CREATE TABLE audits (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    year BIGINT NOT NULL,
    theme TEXT NOT NULL,
    theme_key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('multi_agency_case_file', 'single_agency', 'themed',
        'practitioner_survey', 'dip_sample')),
    lead TEXT,
    starts_on TEXT,
    ends_on TEXT,
    status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'complete', 'cancelled')),
    areas TEXT NOT NULL,
    scale TEXT NOT NULL,
    reaudit_on TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (partnership_id, id)
);

-- By theme first: an index led by the partnership alone would tempt PostgreSQL's generic plan
-- for one audit away from (partnership_id, id).
CREATE INDEX audits_by_theme ON audits (theme_key, partnership_id, year);

-- Why an audit was chosen: exactly one of an indicator code, a recommendation, or a note.
CREATE TABLE audit_reasons (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    audit_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    indicator TEXT,
    recommendation_id BIGINT,
    note TEXT,
    PRIMARY KEY (audit_id, position),
    CHECK ((CASE WHEN indicator IS NULL THEN 0 ELSE 1 END)
        + (CASE WHEN recommendation_id IS NULL THEN 0 ELSE 1 END)
        + (CASE WHEN note IS NULL THEN 0 ELSE 1 END) = 1),
    FOREIGN KEY (partnership_id, audit_id) REFERENCES audits (partnership_id, id),
    FOREIGN KEY (partnership_id, recommendation_id) REFERENCES recommendations (partnership_id, id)
);

CREATE INDEX audit_reasons_by_recommendation ON audit_reasons (recommendation_id);

CREATE TABLE audit_cases (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    audit_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    reference TEXT NOT NULL,
    strengths TEXT,
    findings TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (audit_id, position),
    UNIQUE (audit_id, reference),
    UNIQUE (partnership_id, id),
    FOREIGN KEY (partnership_id, audit_id) REFERENCES audits (partnership_id, id)
);

-- The agencies involved in a case; `audit_id` repeated so an audit's summary reads by it.
CREATE TABLE audit_case_agencies (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    audit_id BIGINT NOT NULL,
    case_id BIGINT NOT NULL,
    agency_id BIGINT NOT NULL,
    PRIMARY KEY (case_id, agency_id),
    FOREIGN KEY (partnership_id, case_id) REFERENCES audit_cases (partnership_id, id),
    FOREIGN KEY (partnership_id, agency_id) REFERENCES agencies (partnership_id, id)
);

CREATE INDEX audit_case_agencies_by_audit ON audit_case_agencies (audit_id);

-- One grade per practice area per case, as the audit's scale spells it.
CREATE TABLE audit_grades (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    audit_id BIGINT NOT NULL,
    case_id BIGINT NOT NULL,
    area TEXT NOT NULL,
    grade TEXT NOT NULL,
    PRIMARY KEY (case_id, area),
    FOREIGN KEY (partnership_id, case_id) REFERENCES audit_cases (partnership_id, id)
);

CREATE INDEX audit_grades_by_audit ON audit_grades (audit_id);

CREATE TABLE audit_recommendations (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    audit_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    plan_title TEXT,
    action_uid TEXT,
    PRIMARY KEY (audit_id, position),
    FOREIGN KEY (partnership_id, audit_id) REFERENCES audits (partnership_id, id)
);

CREATE INDEX audit_recommendations_by_action
    ON audit_recommendations (partnership_id, plan_title, action_uid);

-- The golden thread reads review recommendations by what answers them.
CREATE INDEX trace_links_by_target ON trace_links (partnership_id, target);
