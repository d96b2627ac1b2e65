//! The reports' tests: content, determinism, accessibility, long lists, snapshots and the real readers.
//!
//! One test binary for the crate (each binary links the whole stack, so fewer build faster);
//! each file below is a module, and the support modules are shared by all of them.

mod common;

mod accessibility;
mod assurance;
mod content;
mod determinism;
mod governance;
mod long_lists;
mod readers;
mod snapshots;
mod yearly;
