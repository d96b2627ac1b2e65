//! Assurance: the risk register ([`risks`]: its page with the 5x5 heat map, and its API) and
//! the Section 11 self-assessment ([`section11`]: the cycle's heat map, an agency's return
//! form, and the heat map in the API, each shown as `Section11View` allows).

pub mod risks;
pub mod section11;
