//! People and their secrets: accounts, memberships, sessions, API tokens and calendar feeds.

pub(crate) mod account;
pub(crate) mod api_tokens;
pub(crate) mod calendar_feeds;
