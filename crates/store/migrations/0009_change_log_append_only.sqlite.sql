-- The change log is append-only in the database itself, not only by the application's habit:
-- an UPDATE or DELETE of an entry is refused, whoever runs it. A correction is a new entry.
-- Without this, cutting entries off the end of the log would leave a chain that still
-- verifies. (PostgreSQL's form of the same step is 0009_change_log_append_only.postgres.sql.)

CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only: an entry cannot be changed (a correction is a new entry)');
END;

CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only: an entry cannot be deleted');
END;
