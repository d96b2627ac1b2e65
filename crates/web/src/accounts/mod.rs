//! A person's own account: signing in and out ([`sign_in`]) and changing their password
//! ([`password`]). Who is asking, for every other route, is the shared `auth` module.

pub mod password;
pub mod sign_in;
