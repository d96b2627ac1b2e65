//! Who is asking: passwords, sessions, CSRF tokens and sign-in throttling.

pub mod password;
pub mod session;
pub mod throttle;
pub mod token;

pub use session::{CurrentUser, PartnershipAccess};
