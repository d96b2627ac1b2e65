//! Assurance: `boardplan qa-audit …`, the audit programme and case-file audits
//! ([`qa_audit`]: add, list, set, recommend; [`case`]: case add; [`report`]: summary and the
//! golden thread). `--json` prints the API's own wire types, so scripts see one shape.

pub(crate) mod case;
pub(crate) mod qa_audit;
pub(crate) mod report;
