-- The board's own business, second part: sub-groups as the board runs them, and meetings
-- with their agenda, attendance, decisions, action log and minutes. Sub-groups and meetings
-- stay the rows the plan's board import writes (extended here, never duplicated); what is
-- new hangs on them by composite key, so nothing can point into another partnership.

CREATE UNIQUE INDEX meetings_scoped ON meetings (partnership_id, id);

-- `starts_at` is the time of day as HH:MM; `place` is a room or a link. The minutes are
-- draft text until a later meeting approves them (`minutes_approved_by`, that meeting).
ALTER TABLE meetings ADD COLUMN starts_at TEXT;
ALTER TABLE meetings ADD COLUMN place TEXT;
ALTER TABLE meetings ADD COLUMN minutes TEXT;
ALTER TABLE meetings ADD COLUMN minutes_approved_by BIGINT;

-- What the board keeps about a sub-group beyond its name and status. `closed` is a status
-- of its own (the import's CHECK knows only active and proposed, and a table rebuild to
-- widen it is not worth the risk): a closed sub-group keeps its row, its roles and history.
-- The quorum: at least `quorum_agencies` different agencies and `quorum_members` people.
CREATE TABLE subgroup_details (
    subgroup_id BIGINT PRIMARY KEY,
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    closed BIGINT NOT NULL CHECK (closed IN (0, 1)),
    chair_id BIGINT,
    frequency TEXT,
    quorum_agencies BIGINT CHECK (quorum_agencies >= 0),
    quorum_members BIGINT CHECK (quorum_members >= 0),
    FOREIGN KEY (partnership_id, subgroup_id) REFERENCES subgroups (partnership_id, id),
    FOREIGN KEY (partnership_id, chair_id) REFERENCES people (partnership_id, id)
);

CREATE TABLE subgroup_members (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    subgroup_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    PRIMARY KEY (subgroup_id, person_id),
    FOREIGN KEY (partnership_id, subgroup_id) REFERENCES subgroups (partnership_id, id),
    FOREIGN KEY (partnership_id, person_id) REFERENCES people (partnership_id, id)
);

-- A sub-group's own work-plan items, beside the plan actions its roles lead.
CREATE TABLE subgroup_items (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    subgroup_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    due TEXT,
    done TEXT,
    FOREIGN KEY (partnership_id, subgroup_id) REFERENCES subgroups (partnership_id, id)
);

CREATE INDEX subgroup_items_by_subgroup ON subgroup_items (partnership_id, subgroup_id);

-- The board's own quorum and the attendance share below which an agency is flagged;
-- absent means no quorum rule and 75%.
CREATE TABLE meeting_settings (
    partnership_id BIGINT PRIMARY KEY REFERENCES partnerships (id),
    quorum_agencies BIGINT CHECK (quorum_agencies >= 0),
    quorum_members BIGINT CHECK (quorum_members >= 0),
    attendance_threshold BIGINT NOT NULL CHECK (attendance_threshold BETWEEN 0 AND 100)
);

-- `actions` and `indicators` are JSON arrays of the plan's action numbers and indicator codes;
-- `paper` is a reference as text until the document register can be named.
CREATE TABLE agenda_items (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    meeting_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    presenter TEXT,
    paper TEXT,
    actions TEXT NOT NULL,
    indicators TEXT NOT NULL,
    UNIQUE (meeting_id, position),
    FOREIGN KEY (partnership_id, meeting_id) REFERENCES meetings (partnership_id, id)
);

-- One row per person whose attendance is recorded. A deputy is named as written: they
-- need not be on the register.
CREATE TABLE attendance (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    meeting_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('present', 'apologies', 'absent', 'deputy')),
    deputy TEXT,
    PRIMARY KEY (meeting_id, person_id),
    FOREIGN KEY (partnership_id, meeting_id) REFERENCES meetings (partnership_id, id),
    FOREIGN KEY (partnership_id, person_id) REFERENCES people (partnership_id, id),
    CHECK ((status = 'deputy') = (deputy IS NOT NULL))
);

CREATE TABLE decisions (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    meeting_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (meeting_id, position),
    FOREIGN KEY (partnership_id, meeting_id) REFERENCES meetings (partnership_id, id)
);

-- The meeting action log: raised at one meeting, carried to each later meeting of the same
-- body until done (`done` is the day it was done).
CREATE TABLE meeting_actions (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    meeting_id BIGINT NOT NULL,
    what TEXT NOT NULL,
    who TEXT NOT NULL,
    due TEXT,
    done TEXT,
    UNIQUE (partnership_id, id),
    FOREIGN KEY (partnership_id, meeting_id) REFERENCES meetings (partnership_id, id)
);

CREATE INDEX meeting_actions_by_meeting ON meeting_actions (partnership_id, meeting_id);
