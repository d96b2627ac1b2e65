//! Assurance: `boardplan risk add|rate|status|list` (the risk register), `boardplan s11
//! cycle|rate|moderate|heatmap` (the Section 11 self-assessment) and `boardplan qa-audit …`,
//! the audit programme and case-file audits ([`qa_audit`]: add, list, set, recommend;
//! [`case`]: case add; [`report`]: summary and the golden thread). `--json` prints the API's
//! own wire types, so scripts see one shape.
pub(crate) mod case;
pub(crate) mod qa_audit;
pub(crate) mod report;
pub(crate) mod risks;
pub(crate) mod section11;
