-- Private calendar feed addresses. Calendar programs cannot sign in, so a member's feed is
-- reached by a random secret in its URL; only the secret's SHA-256 hash is kept, as for API
-- tokens. A feed serves one partnership, for one account, until revoked; it stops working
-- when the account is disabled or leaves the partnership.

CREATE TABLE calendar_feeds (
    id {{id}},
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    secret_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX calendar_feeds_owner ON calendar_feeds (partnership_id, account_id);
