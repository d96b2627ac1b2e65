-- API tokens can expire: `expires_on` is the last day (in Europe/London) a token works, as
-- the administrator gave it; NULL for a token that works until revoked, as every token made
-- before this step does. A date, not an instant, so that it reads back as it was given.

ALTER TABLE api_tokens ADD COLUMN expires_on TEXT;

-- Also for issue #10, in this step so as to need no number of its own: `boardplan audit log
-- --kind api_token` lists one kind of entry (an `entity`) after an id without reading the
-- whole log, as an administrator asks who made or revoked which token.
CREATE INDEX change_log_by_kind ON change_log (partnership_id, entity, id);
