//! The board's own business, third part: the document register ([`register`]: the list with
//! its filter for reviews falling due; [`document`]: one document, its versions and their
//! downloads; [`form`]: adding a document or a version, with its file; [`approve`]: the
//! meeting that approved it), its API routes
//! ([`api`]), its reviews in the calendar feed ([`calendar`]), and induction ([`induction`]: the checklist and who has done what).
//!
//! Everyone in the partnership reads; only the board's officers (business manager,
//! administrator) change anything (`Membership::may_manage_governance`), checked before an
//! upload is read. Files are served only to members, as downloads (`progress::evidence`).

pub mod api;
pub mod approve;
pub mod calendar;
pub mod document;
pub mod form;
pub mod induction;
pub mod register;

use crate::limits::MAX_UPLOAD_BYTES;
use crate::routes::{Routes, get, post};

/// The register's and induction's pages.
pub fn routes() -> Routes {
    Routes::new()
        .route(
            "/p/{slug}/documents",
            get(register::page)
                .post(form::create)
                .body_limit(MAX_UPLOAD_BYTES),
        )
        .route("/p/{slug}/documents/new", get(form::new))
        .route("/p/{slug}/documents/{id}", get(document::page))
        .route("/p/{slug}/documents/{id}/approve", post(approve::approve))
        .route(
            "/p/{slug}/documents/{id}/versions",
            post(form::add_version).body_limit(MAX_UPLOAD_BYTES),
        )
        .route(
            "/p/{slug}/documents/{id}/versions/{number}",
            get(document::download),
        )
        .route(
            "/p/{slug}/induction",
            get(induction::page).post(induction::record),
        )
        .route("/p/{slug}/induction/items", post(induction::add_item))
}

/// Only the board's officers change the register or induction.
pub(crate) fn officers_only(
    access: &crate::auth::PartnershipAccess,
    what: &str,
) -> Result<(), crate::error::AppError> {
    if access.membership.may_manage_governance() {
        Ok(())
    } else {
        Err(crate::error::AppError::Forbidden(format!(
            "Only the board's business manager or an administrator can change {what}."
        )))
    }
}
