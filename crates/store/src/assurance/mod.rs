//! Assurance: the audit programme and case-file audits ([`audits`]), and the golden thread
//! from a plan's objective or action to what assures it ([`thread`]).
//!
//! Depends on the ground, `changelog`, `progress::write` for the partnership write, and the
//! plan's tables (reviews, recommendations, actions) for links.

pub mod audits;
pub mod thread;
