//! An action and its progress: the action page ([`action`]), posting an update with its
//! evidence ([`updates`]), sign-off and its withdrawal ([`signoff`]), and downloading
//! evidence ([`evidence`]). In the API ([`api`]), the plan's actions, their updates, sign-off
//! and evidence.

pub mod action;
pub mod api;
pub mod evidence;
pub mod memo;
pub mod signoff;
pub mod updates;

use crate::limits::MAX_UPLOAD_BYTES;
use crate::routes::{Routes, get, post};

/// The action page, and the forms and downloads it leads to.
pub fn routes() -> Routes {
    Routes::new()
        .route("/p/{slug}/actions/{id}", get(action::show))
        .route(
            "/p/{slug}/actions/{id}/updates",
            post(updates::post_update).body_limit(MAX_UPLOAD_BYTES),
        )
        .route("/p/{slug}/actions/{id}/sign-off", post(signoff::sign_off))
        .route(
            "/p/{slug}/actions/{id}/sign-off/withdraw",
            post(signoff::withdraw),
        )
        .route("/p/{slug}/evidence/{sha256}", get(evidence::evidence))
}
