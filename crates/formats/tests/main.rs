//! The importers' and exporters' tests: the sample plan, its variants, bad input and the interchange round trips.
//!
//! One test binary for the crate (each binary links the whole stack, so fewer build faster);
//! each file below is a module, and the support modules are shared by all of them.

mod interchange_common;
mod plan_tables_fixtures;

mod governance_attendance;
mod interchange_csv;
mod interchange_json;
mod interchange_json_v2;
mod interchange_sample;
mod interchange_xlsx;
mod learning_sheets;
mod plan_tables_dates;
mod plan_tables_errors;
mod plan_tables_layouts;
mod plan_tables_numbering;
mod plan_tables_overrides;
mod plan_tables_pdf;
mod plan_tables_pdf_fonts;
mod plan_tables_props;
mod plan_text_errors;
mod plan_text_props;
mod plan_text_sample;
mod plan_text_variants;
mod sheet_mark;
