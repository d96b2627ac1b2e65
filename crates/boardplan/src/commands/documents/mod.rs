//! The board's own business, third part: `boardplan doc add|list|show|version add|approve|
//! supersede` (the document register) and `boardplan induction item add|done|job-description|
//! show` (the induction checklist). `--json` prints the API's own wire types, so scripts see
//! one shape.

pub(crate) mod doc;
pub(crate) mod induction;
