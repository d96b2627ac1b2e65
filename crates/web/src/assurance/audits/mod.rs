//! The audit programme's pages: the programme by year ([`programme`]), one audit with its
//! summary, chart and cases ([`page`]), and adding a case to it ([`cases`]); its API routes
//! in [`api`]; the summary's chart in [`chart`].
//!
//! Every member of the partnership sees the programme and each audit's summary. Case
//! references, grades and findings are shown to members other than readers (readers see
//! summaries only), and never on public pages. Only the board's officers (business manager,
//! administrator: `Membership::may_manage_governance`) add cases.

pub mod api;
pub mod cases;
pub mod chart;
pub mod page;
pub mod programme;

use domain::{AccessRole, Membership};

use crate::routes::{Routes, get, post};

/// The programme's pages.
pub fn routes() -> Routes {
    Routes::new()
        .route("/p/{slug}/audits", get(programme::page))
        .route("/p/{slug}/audits/{id}", get(page::show))
        .route("/p/{slug}/audits/{id}/cases", post(cases::add))
}

/// Whether `m` may see an audit's cases (references, grades, findings): all but readers.
pub fn sees_cases(m: &Membership) -> bool {
    m.role != AccessRole::Reader
}
