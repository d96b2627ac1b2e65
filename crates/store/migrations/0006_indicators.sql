-- Performance indicators: the files a partnership imported, the values they published (with
-- DfE's status tokens kept), revisions of published values, the areas the files name, the
-- statistical neighbours model, and the partnership's own settings, targets and commentary.
--
-- Published values are held per partnership, like everything else: a partnership's figures
-- change only when it imports a file, its revisions and as-at views are its own history, and
-- its change log describes every write. The indicator catalogue is code (`indicators`), so
-- indicators are referred to by code.
--
-- Periods are text keys (`y31m/2025`, `y30s/2025`, `mid/2024`, `q/2025/1`, `m/2024/06`), see
-- the store's indicator_codec. Numbers are IEEE doubles, so a published 24.5 reads back as
-- exactly the 24.5 that was parsed.

-- One row per file imported. The same bytes (same sha256) are never imported twice.
-- `published_on` is when the file was published (as the importer said; else the day it was
-- imported): values from it are hidden from as-at views before that day.
CREATE TABLE indicator_imports (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('dfe', 'long', 'xlsx', 'ods', 'neighbours')),
    published_on TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    rows_read BIGINT NOT NULL,
    values_added BIGINT NOT NULL,
    values_revised BIGINT NOT NULL,
    values_unchanged BIGINT NOT NULL,
    UNIQUE (partnership_id, sha256),
    UNIQUE (partnership_id, id)
);

-- The current value of each (indicator, area, period), and the import that gave it.
-- `status` is `published`, `calculated`, `missing`, or DfE's token (c, x, u, z, low, k);
-- `number` is NULL exactly when the status carries no number.
CREATE TABLE indicator_values (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    indicator TEXT NOT NULL,
    area_code TEXT NOT NULL,
    period TEXT NOT NULL,
    number DOUBLE PRECISION,
    status TEXT NOT NULL CHECK (status IN
        ('published', 'calculated', 'missing', 'c', 'x', 'u', 'z', 'low', 'k')),
    import_id BIGINT NOT NULL,
    PRIMARY KEY (partnership_id, indicator, area_code, period),
    FOREIGN KEY (partnership_id, import_id) REFERENCES indicator_imports (partnership_id, id)
);

-- A published value a later file changed: both values, and the imports (so the files and
-- their dates) that gave each.
CREATE TABLE indicator_revisions (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    indicator TEXT NOT NULL,
    area_code TEXT NOT NULL,
    period TEXT NOT NULL,
    old_number DOUBLE PRECISION,
    old_status TEXT NOT NULL,
    old_import_id BIGINT NOT NULL,
    new_number DOUBLE PRECISION,
    new_status TEXT NOT NULL,
    new_import_id BIGINT NOT NULL,
    FOREIGN KEY (partnership_id, old_import_id) REFERENCES indicator_imports (partnership_id, id),
    FOREIGN KEY (partnership_id, new_import_id) REFERENCES indicator_imports (partnership_id, id)
);

CREATE INDEX indicator_revisions_key
    ON indicator_revisions (partnership_id, indicator, area_code, period);

-- The areas the imported files name (first name seen is kept), with DfE's local authority
-- number, which the statistical neighbours model uses.
CREATE TABLE indicator_areas (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    la_number TEXT,
    region_code TEXT,
    PRIMARY KEY (partnership_id, code)
);

CREATE INDEX indicator_areas_number ON indicator_areas (partnership_id, la_number);

-- DfE's statistical neighbours model as last imported: each authority's ten nearest, by DfE
-- number, closest first. A new model replaces the old one (the import is kept).
CREATE TABLE indicator_neighbours (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    la_number TEXT NOT NULL,
    la_name TEXT,
    rank BIGINT NOT NULL,
    neighbour TEXT NOT NULL,
    closeness TEXT NOT NULL,
    PRIMARY KEY (partnership_id, la_number, rank)
);

-- The partnership's own area and RAG scheme. One row per partnership, once set.
CREATE TABLE indicator_settings (
    partnership_id BIGINT PRIMARY KEY REFERENCES partnerships (id),
    area_code TEXT,
    tolerance_percent DOUBLE PRECISION NOT NULL,
    blue_for_exceeding BIGINT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The indicators the partnership chose to report on, in its order.
CREATE TABLE indicator_choices (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    indicator TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (partnership_id, indicator)
);

-- Targets per indicator and period, with an optional tolerance of their own.
CREATE TABLE indicator_targets (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    indicator TEXT NOT NULL,
    period TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    tolerance_percent DOUBLE PRECISION,
    set_by TEXT NOT NULL,
    set_at TEXT NOT NULL,
    PRIMARY KEY (partnership_id, indicator, period)
);

-- What a named author said about an indicator in a period (for an area, or for the
-- partnership as a whole). Never edited: a second view is a second row.
CREATE TABLE indicator_commentary (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    indicator TEXT NOT NULL,
    area_code TEXT,
    period TEXT NOT NULL,
    author TEXT NOT NULL,
    written_on TEXT NOT NULL,
    text TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX indicator_commentary_by_indicator
    ON indicator_commentary (partnership_id, indicator, period);
