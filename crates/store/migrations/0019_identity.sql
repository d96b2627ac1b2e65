-- Signing in with an organisation's own identity provider (OpenID Connect): whether each
-- partnership still lets its members sign in with a password, and the sign-ins under way
-- between sending a person to their provider and their coming back.

-- A partnership's say on password sign-in; no row means it is on (1).
CREATE TABLE identity_settings (
    partnership_id BIGINT PRIMARY KEY REFERENCES partnerships (id),
    password_sign_in BIGINT NOT NULL CHECK (password_sign_in IN (0, 1))
);

-- Whether an account may use its password is read through its memberships.
CREATE INDEX memberships_account ON memberships (account_id);

-- A sign-in under way, found by the SHA-256 of its `state` and deleted as it is read, so a
-- state is used once, on whichever app server the person comes back to. `browser_hash`
-- ties it to the browser that started it (a cookie); the nonce and the PKCE verifier are
-- kept only until the provider answers, and the row is purged once past `expires_at`.
CREATE TABLE oidc_sign_ins (
    id {{id}},
    state_hash TEXT NOT NULL UNIQUE,
    browser_hash TEXT NOT NULL,
    provider TEXT NOT NULL,
    nonce TEXT NOT NULL,
    code_verifier TEXT NOT NULL,
    next_path TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX oidc_sign_ins_expires_at ON oidc_sign_ins (expires_at);
