//! Assurance: `boardplan risk add|rate|status|list` (the risk register) and `boardplan s11
//! cycle|rate|moderate|heatmap` (the Section 11 self-assessment). `--json` prints the API's
//! own wire types, so scripts see one shape.

pub(crate) mod risks;
pub(crate) mod section11;
