-- The board's own business, first part: what the board knows of its agencies beyond their
-- names, and the member register. Agencies stay the rows the plan's board import writes
-- (extended here, never duplicated); people point at them by composite key, so no person
-- can belong to another partnership's agency, deputy or register.

ALTER TABLE agencies ADD COLUMN kind TEXT
    CHECK (kind IN ('statutory_partner', 'relevant_agency'));
ALTER TABLE agencies ADD COLUMN representatives_expected BIGINT
    CHECK (representatives_expected >= 0);
CREATE UNIQUE INDEX agencies_scoped ON agencies (partnership_id, id);

-- `year` is the financial year starting 1 April of that year (2009 is 2009-10); amounts in
-- pence, so that the yearly report's sums are exact.
CREATE TABLE agency_contributions (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    agency_id BIGINT NOT NULL,
    year BIGINT NOT NULL,
    pence BIGINT NOT NULL CHECK (pence >= 0),
    UNIQUE (agency_id, year),
    FOREIGN KEY (partnership_id, agency_id) REFERENCES agencies (partnership_id, id)
);

-- One row per person on the register. `expertise` is a JSON array of tags. `row_version`
-- is what an edit must have seen (a stale edit is a conflict, never an overwrite).
CREATE TABLE people (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    name TEXT NOT NULL,
    agency_id BIGINT,
    job_title TEXT,
    board_role TEXT NOT NULL CHECK (board_role IN ('chair', 'vice_chair', 'member', 'adviser',
        'lay_member', 'observer', 'participant')),
    expertise TEXT NOT NULL,
    part TEXT,
    appointed TEXT,
    term_ends TEXT,
    deputy_id BIGINT,
    email TEXT,
    account_id BIGINT REFERENCES accounts (id),
    row_version BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (partnership_id, name),
    UNIQUE (partnership_id, id),
    FOREIGN KEY (partnership_id, agency_id) REFERENCES agencies (partnership_id, id),
    FOREIGN KEY (partnership_id, deputy_id) REFERENCES people (partnership_id, id)
);
