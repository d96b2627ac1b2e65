//! Assurance: the risk register ([`risks`]: its page with the 5x5 heat map, and its API), the
//! Section 11 self-assessment ([`section11`]: the cycle's heat map, an agency's return form,
//! and the heat map in the API, each shown as `Section11View` allows), the audit programme
//! and case-file audits ([`audits`]: pages and API), and the golden thread from a priority or
//! action to what assures it ([`thread`]).

pub mod audits;
pub mod risks;
pub mod section11;
pub mod thread;
