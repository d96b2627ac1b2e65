//! The indicators' tests on the published DfE and ONS figures.
//!
//! One test binary for the crate (each binary links the whole stack, so fewer build faster);
//! each file below is a module, and the support modules are shared by all of them.

mod common;

mod realdata_chart;
mod realdata_judge;
mod realdata_load;
mod realdata_long;
mod realdata_recompute;
