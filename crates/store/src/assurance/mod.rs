//! Assurance: the risk register ([`risks`]: risks, their dated ratings, links to the plan) and
//! the Section 11 self-assessment ([`section11`]: cycles, standards, agencies' returns,
//! moderation, the heat map). Every write opens a partnership write (`progress::write`) and
//! appends the change log in its transaction.

pub mod risks;
pub mod section11;
