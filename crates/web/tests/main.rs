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
mod assurance_links;
mod browser;
mod carried_retime;
mod dashboard;
mod documents;
mod governance;
mod governance_reports;
mod identity;
mod import_export;
mod import_preview;
mod indicators;
mod learning;
mod learning_forms;
mod meetings;
mod meetings_plan;
mod oidc_support;
mod operations;
mod pages;
mod permissions;
mod plan_page_fold;
mod progress;
mod publishing;
mod reminder_settings;
mod reminders;
mod reports;
mod reports_assurance;
mod reports_busy;
mod reports_yearly;
mod route_matrix;
mod sign_in;
mod stale_import;
mod subgroup_forms;
mod uploads;
mod view_refresh;
