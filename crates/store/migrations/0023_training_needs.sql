-- Training needs by priority and agency (issue #14, 3.1): which agency's staff need what for
-- an objective of the plan (kept by number, as courses' priorities are), and how many. The
-- sessions held in a financial year are read by date for the annual evaluation (3.3); a
-- course's sessions, read in date order, get the date in their index too, so that SQLite
-- still seeks them by course rather than walking the partnership's sessions by date.

CREATE TABLE training_needs (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    priority TEXT NOT NULL,
    agency TEXT NOT NULL,
    need TEXT NOT NULL,
    staff BIGINT NOT NULL CHECK (staff > 0),
    created_at TEXT NOT NULL,
    UNIQUE (partnership_id, priority, agency, need),
    UNIQUE (partnership_id, id)
);

CREATE INDEX training_sessions_held ON training_sessions (partnership_id, held_on);
DROP INDEX training_sessions_course;
CREATE INDEX training_sessions_course ON training_sessions (partnership_id, course_id, held_on);
