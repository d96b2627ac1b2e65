-- A meeting action promoted into the plan records which plan action it became (the plan's
-- title and the action's id, as tracked actions name it) and the day it was promoted, from
-- which it is no longer carried from meeting to meeting.
ALTER TABLE meeting_actions ADD COLUMN promoted_plan TEXT;
ALTER TABLE meeting_actions ADD COLUMN promoted_action TEXT;
ALTER TABLE meeting_actions ADD COLUMN promoted_on TEXT;
