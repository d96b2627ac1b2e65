//! Assurance: how the board knows whether practice is good. [`audits`] holds the audit
//! programme and case-file audits; [`thread`] the golden thread from a priority or action to
//! what assures it.

pub mod audits;
pub mod thread;
