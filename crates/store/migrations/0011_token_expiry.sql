-- API tokens can expire: `expires_on` is the last day (in Europe/London) a token works, as
-- the administrator gave it; NULL for a token that works until revoked, as every token made
-- before this step does. A date, not an instant, so that it reads back as it was given.

ALTER TABLE api_tokens ADD COLUMN expires_on TEXT;
