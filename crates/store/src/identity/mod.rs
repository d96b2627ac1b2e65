//! Signing in with an organisation's identity provider: each partnership's say on password
//! sign-in (`settings`, a write through `progress::write`, logged with its actor) and the
//! OpenID Connect sign-ins under way (`pending`: used once, on any app server).
//!
//! Depends on the ground, `changelog` and `progress::write` for the partnership write.

mod pending;
mod settings;

pub use pending::PendingSignIn;
