//! People and their secrets, of which only hashes are kept: `account` (accounts, memberships,
//! sessions, issuing API tokens), `caller` (a session or token with its membership, in one
//! read), `login_failures` (failed password checks, for throttling),
//! `api_tokens` (listing and revoking them) and `calendar_feeds` (private feed addresses).
//!
//! Depends on the ground and `changelog` (membership changes and revocations are logged);
//! no other capability uses it.

pub(crate) mod account;
pub(crate) mod api_tokens;
pub(crate) mod calendar_feeds;
pub(crate) mod caller;
pub(crate) mod login_failures;
