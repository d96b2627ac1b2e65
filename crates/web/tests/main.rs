//! The web application's tests: pages, the JSON API, permissions, and the browser with axe.
//!
//! One test binary for the crate (each binary links the whole stack, so fewer build faster);
//! each file below is a module, and the support modules are shared by all of them.

mod api_support;
mod common;

mod api_indicators;
mod api_permissions;
mod api_reads;
mod api_signoff;
mod api_updates;
mod assurance;
mod assurance_audits;
mod browser;
mod dashboard;
mod documents;
mod governance;
mod governance_reports;
mod identity;
mod import_export;
mod indicators;
mod learning;
mod meetings;
mod oidc_support;
mod operations;
mod pages;
mod permissions;
mod plan_page_fold;
mod progress;
mod publishing;
mod reminders;
mod reports;
mod reports_busy;
mod route_matrix;
mod sign_in;
mod stale_import;
mod uploads;
mod view_refresh;
