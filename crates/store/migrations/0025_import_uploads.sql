-- A plan document uploaded on the web import page, held between its preview and its import
-- so that it is uploaded once. Found by the SHA-256 of a random token the page carries, and
-- only for the partnership and the account that uploaded it; deleted when it is imported,
-- and purged once past `expires_at`. Not part of any change log: nothing is recorded until
-- the import, which names the file and its hash as every import does.
CREATE TABLE import_uploads (
    id {{id}},
    token_hash TEXT NOT NULL UNIQUE,
    partnership_id BIGINT NOT NULL REFERENCES partnerships (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    file_name TEXT NOT NULL,
    bytes {{blob}} NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX import_uploads_expires_at ON import_uploads (expires_at);
-- A new upload replaces the account's earlier ones in the partnership, so a person holds at
-- most one at a time.
CREATE INDEX import_uploads_account ON import_uploads (account_id, partnership_id);
