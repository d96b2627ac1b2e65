//! The store's tests, on SQLite and, with `TEST_DATABASE_URL`, on PostgreSQL.
//!
//! One test binary for the crate (each binary links the whole stack, so fewer build faster);
//! each file below is a module, and the support modules are shared by all of them.

mod common;
mod progress_support;

mod accounts;
mod as_at;
mod as_of;
mod assurance_audits;
mod assurance_links;
mod assurance_risks;
mod assurance_section11;
mod carry_forward;
mod carry_forward_retime;
mod change_log;
mod concurrency;
mod documents;
mod governance;
mod governance_agencies;
mod identity;
mod import_uploads;
mod indicators;
mod interchange;
mod later_version;
mod learning;
mod learning_rollups;
mod meetings;
mod meetings_import;
mod meetings_promote;
mod operations;
mod progress;
mod progress_posting;
mod publishing;
mod reminders;
mod reminders_business;
mod security_events;
mod signoff;
mod stale_import;
mod store;
mod workforce;
mod yearly_report;
