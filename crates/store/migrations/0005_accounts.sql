-- People who sign in, what they are in each partnership, their sessions, API tokens, and
-- failed sign-ins (for throttling). An account may belong to several partnerships; every
-- membership, session lookup and token is checked against one partnership.
-- Passwords are stored only as argon2id hashes; tokens only as SHA-256 hashes.

CREATE TABLE accounts (
    id {{id}},
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    disabled_at TEXT
);

CREATE TABLE memberships (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    access_role TEXT NOT NULL CHECK (access_role IN
        ('administrator', 'business_manager', 'lead_officer', 'board_member', 'reader')),
    -- JSON array of the lead-role ids (roles.slug) this account holds.
    holds TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (partnership_id, account_id)
);

CREATE TABLE sessions (
    id {{id}},
    token_hash TEXT NOT NULL UNIQUE,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE api_tokens (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE TABLE login_failures (
    id {{id}},
    email TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX login_failures_email_at ON login_failures (email, at);
