-- Sign-in throttling by client address as well as by account (issue #10): failures are
-- counted per (email, address), so five wrong passwords from one place no longer lock the
-- owner out everywhere, and per address, so a spray across many accounts is slowed too.
-- Rows from before this step have no address ('') and age out with the rest.
-- Failures and expired sessions are purged on a schedule, by time: hence the time indexes.

ALTER TABLE login_failures ADD COLUMN address TEXT NOT NULL DEFAULT '';
DROP INDEX login_failures_email_at;
CREATE INDEX login_failures_email_address_at ON login_failures (email, address, at);
CREATE INDEX login_failures_address_at ON login_failures (address, at);
CREATE INDEX login_failures_at ON login_failures (at);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
