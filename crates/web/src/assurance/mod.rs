//! Assurance: the audit programme and case-file audits ([`audits`]: pages and API), and the
//! golden thread from a priority or action to what assures it ([`thread`]).

pub mod audits;
pub mod thread;
