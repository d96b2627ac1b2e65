//! Assurance: the risk register ([`risks`]: risks, their dated ratings, links to the plan),
//! the Section 11 self-assessment ([`section11`]: cycles, standards, agencies' returns,
//! moderation, the heat map), the audit programme and case-file audits ([`audits`]), and the
//! golden thread from a plan's objective or action to what assures it ([`thread`]).
//!
//! Every write opens a partnership write (`progress::write`) and appends the change log in its
//! transaction; the thread reads the plan's tables (reviews, recommendations, actions).
pub mod audits;
pub mod risks;
pub mod section11;
pub mod thread;
