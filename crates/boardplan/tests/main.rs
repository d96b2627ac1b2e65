//! The command line's tests: each runs the built `boardplan` binary on a fresh database.
//!
//! One test binary for the crate (each binary links the whole stack, so fewer build faster);
//! each file below is a module, and the support modules are shared by all of them.

mod common;

mod cli_assurance;
mod cli_assurance_reports;
mod cli_audit;
mod cli_backup;
mod cli_bad_input;
mod cli_carry_forward;
mod cli_demo_serve;
mod cli_demo_size;
mod cli_documents;
mod cli_governance;
mod cli_governance_reports;
mod cli_identity;
mod cli_import;
mod cli_import_overrides;
mod cli_import_tables;
mod cli_interchange;
mod cli_later_version;
mod cli_learning;
mod cli_learning_rollups;
mod cli_meetings;
mod cli_operations;
mod cli_pi;
mod cli_progress;
mod cli_qa_audit;
mod cli_remind;
mod cli_report;
mod cli_round_trip;
mod cli_s11_links;
mod cli_serve;
mod cli_settings;
mod cli_stale_import;
mod cli_token;
mod cli_yearly_report;
