//! The board's own business, first part: the member register. Its pages ([`register`]: the
//! register, and the form that adds or edits a person), its API routes ([`api`]), and the
//! register on the public pages (in `public`, which shows only [`domain::PublicPerson`]).
//!
//! Everyone in the partnership reads the register; only the board's officers (business
//! manager, administrator) change it (`Membership::may_manage_governance`).

pub mod api;
pub mod form;
pub mod register;

use crate::routes::{Routes, get, post};

/// The register's pages.
pub fn routes() -> Routes {
    Routes::new()
        .route("/p/{slug}/members", get(register::page).post(form::create))
        .route("/p/{slug}/members/new", get(form::new))
        .route("/p/{slug}/members/{id}", post(form::update))
        .route("/p/{slug}/members/{id}/edit", get(form::edit))
}
