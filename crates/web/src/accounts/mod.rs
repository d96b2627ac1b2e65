//! A person's own account: signing in and out ([`sign_in`]) and changing their password
//! ([`password`]). Who is asking, for every other route, is the shared `auth` module.

pub mod password;
pub mod sign_in;

use crate::routes::{Routes, get, post};

/// Signing in and out, and the password page.
pub fn routes() -> Routes {
    Routes::new()
        .route("/sign-in", get(sign_in::show).post(sign_in::submit))
        .route("/sign-out", post(sign_in::sign_out))
        .route(
            "/account/password",
            get(password::show).post(password::submit),
        )
}
