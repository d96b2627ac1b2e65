-- The change log is append-only in the database itself, not only by the application's habit:
-- an UPDATE, DELETE or TRUNCATE of entries is refused, whoever runs it. A correction is a new
-- entry. Without this, cutting entries off the end of the log would leave a chain that still
-- verifies. (SQLite's form of the same step is 0009_change_log_append_only.sqlite.sql.)

CREATE FUNCTION change_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'the change log is append-only: an entry cannot be changed (a correction is a new entry)';
    END IF;
    RAISE EXCEPTION 'the change log is append-only: an entry cannot be deleted';
END;
$$;

CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
    FOR EACH ROW EXECUTE FUNCTION change_log_refuse();

CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
    FOR EACH ROW EXECUTE FUNCTION change_log_refuse();

-- TRUNCATE skips row triggers, so it gets one of its own.
CREATE TRIGGER change_log_no_truncate BEFORE TRUNCATE ON change_log
    FOR EACH STATEMENT EXECUTE FUNCTION change_log_refuse();
