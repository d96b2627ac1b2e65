-- The yearly report (issue #14, item 5): the business manager's narrative for each section of
-- a financial year's report, and its distribution list (kept under the key 'distribution',
-- one recipient a line). One row per partnership, year ('2009-10') and section key; a report
-- reads its year's rows through the unique key, and an empty narrative is no row.

CREATE TABLE yearly_report_texts (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    year TEXT NOT NULL,
    section TEXT NOT NULL,
    text TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    UNIQUE (partnership_id, year, section)
);
