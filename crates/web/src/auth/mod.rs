//! Who is asking: passwords, sessions, CSRF tokens, sign-in throttling, and purging
//! expired sessions and old failed sign-ins.

pub mod password;
pub mod purge;
pub mod session;
pub mod throttle;
pub mod token;

pub use session::{CurrentUser, PartnershipAccess};
