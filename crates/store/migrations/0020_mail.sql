-- Mail, reminders and digests. The outbox holds every message until a worker has sent it, so
-- nothing is lost while the mail server is down; each attempt is logged (never the body).
-- What reminders were sent, to whom, is recorded once per (account, kind, action, period);
-- the kinds each account turned off, and each partnership's reminder settings, are kept here.

-- `state`: queued (waiting for `next_attempt_at`), sending (claimed by `claimed_by` until
-- `claimed_until`; a worker that died leaves the claim to run out), sent, or failed (the
-- server refused it for good). `message_id` is the Message-ID header, one per message.
CREATE TABLE mail_outbox (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    message_id TEXT NOT NULL UNIQUE,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    attempts BIGINT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    claimed_by TEXT,
    claimed_until TEXT,
    sent_at TEXT
);
CREATE INDEX mail_outbox_waiting ON mail_outbox (state, next_attempt_at);
CREATE INDEX mail_outbox_claimed ON mail_outbox (state, claimed_until);

CREATE TABLE mail_attempts (
    id {{id}},
    outbox_id BIGINT NOT NULL REFERENCES mail_outbox (id),
    at TEXT NOT NULL,
    worker TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'retry', 'failed')),
    detail TEXT NOT NULL
);
CREATE INDEX mail_attempts_by_message ON mail_attempts (outbox_id);

-- `action_key` is the action's id, or '' for a message about the whole plan (the digest);
-- `period` is what the reminder was for: a due date, a meeting's date, an ISO week.
CREATE TABLE reminders_sent (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL,
    action_key TEXT NOT NULL,
    period TEXT NOT NULL,
    outbox_id BIGINT NOT NULL REFERENCES mail_outbox (id),
    at TEXT NOT NULL,
    UNIQUE (partnership_id, account_id, kind, action_key, period)
);

CREATE TABLE reminder_unsubscribes (
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (partnership_id, account_id, kind)
);

-- Absent means the defaults: 14 days' notice of a due date, 7 of a board meeting, the digest
-- on Mondays (1 = Monday … 7 = Sunday).
CREATE TABLE reminder_settings (
    partnership_id BIGINT PRIMARY KEY REFERENCES partnerships (id),
    due_within_days BIGINT NOT NULL CHECK (due_within_days BETWEEN 1 AND 366),
    meeting_notice_days BIGINT NOT NULL CHECK (meeting_notice_days BETWEEN 1 AND 366),
    digest_weekday BIGINT NOT NULL CHECK (digest_weekday BETWEEN 1 AND 7),
    updated_at TEXT NOT NULL
);

-- Server-wide secrets, made once by the first server that needs one and shared by all: the
-- key that signs unsubscribe links.
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    secret TEXT NOT NULL,
    created_at TEXT NOT NULL
);
