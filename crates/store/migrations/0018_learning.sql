-- Learning and accountability (issue #14): training (courses, sessions, attendance counted by
-- agency and role, evaluation scores in three stages), the case reviews register with its
-- recommendations, and engagement activities. Every row is scoped by partnership, and rows
-- point at their parent by composite key so that nothing can cross partnerships. Lists of the
-- plan's objective and action numbers are JSON arrays of text, as `sources` are.

CREATE TABLE training_courses (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    title TEXT NOT NULL,
    level TEXT NOT NULL,
    priorities TEXT NOT NULL,
    actions TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (partnership_id, title),
    UNIQUE (partnership_id, id)
);

CREATE TABLE training_sessions (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    course_id BIGINT NOT NULL,
    held_on TEXT NOT NULL,
    trainer TEXT NOT NULL,
    places BIGINT NOT NULL CHECK (places >= 0),
    created_at TEXT NOT NULL,
    UNIQUE (partnership_id, id),
    FOREIGN KEY (partnership_id, course_id) REFERENCES training_courses (partnership_id, id)
);
CREATE INDEX training_sessions_course ON training_sessions (partnership_id, course_id);

-- Attendance is counted: one row per session, agency and role; a later import of the same
-- three replaces the count.
CREATE TABLE training_attendance (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    session_id BIGINT NOT NULL,
    agency TEXT NOT NULL,
    role TEXT NOT NULL,
    attended BIGINT NOT NULL CHECK (attended >= 0),
    UNIQUE (session_id, agency, role),
    FOREIGN KEY (partnership_id, session_id) REFERENCES training_sessions (partnership_id, id)
);

-- One row per score a respondent gave one learning outcome at one stage.
CREATE TABLE training_scores (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    session_id BIGINT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('before', 'after', 'follow_up')),
    respondent TEXT NOT NULL,
    outcome TEXT NOT NULL,
    score BIGINT NOT NULL CHECK (score BETWEEN 1 AND 10),
    comment TEXT,
    UNIQUE (session_id, stage, respondent, outcome),
    FOREIGN KEY (partnership_id, session_id) REFERENCES training_sessions (partnership_id, id)
);

-- The case name is a pseudonym (checked before it is stored: never a real name or a date
-- of birth) and is never shown on public pages.
CREATE TABLE case_reviews (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    kind TEXT NOT NULL CHECK (kind IN ('serious_case_review',
        'child_safeguarding_practice_review', 'rapid_review', 'learning_review',
        'safeguarding_adults_review', 'domestic_homicide_review')),
    case_name TEXT NOT NULL,
    notified_on TEXT NOT NULL,
    decided_on TEXT,
    published_on TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (partnership_id, kind, case_name),
    UNIQUE (partnership_id, id)
);

-- A recommendation not implemented always has its reasons: the database refuses one
-- without, whatever writes it.
CREATE TABLE case_review_recommendations (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    review_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    to_whom TEXT,
    status TEXT NOT NULL CHECK (status IN ('implemented', 'in_progress', 'not_implemented')),
    reason TEXT,
    impact TEXT,
    CHECK (status <> 'not_implemented' OR reason IS NOT NULL),
    UNIQUE (partnership_id, id),
    FOREIGN KEY (partnership_id, review_id) REFERENCES case_reviews (partnership_id, id)
);
CREATE INDEX case_review_recommendations_review
    ON case_review_recommendations (partnership_id, review_id);

CREATE TABLE engagement_activities (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    held_on TEXT NOT NULL,
    with_whom TEXT NOT NULL,
    how_many BIGINT NOT NULL CHECK (how_many >= 0),
    how TEXT NOT NULL,
    said TEXT,
    changed TEXT,
    priorities TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (partnership_id, id)
);
CREATE INDEX engagement_activities_held ON engagement_activities (partnership_id, held_on);
