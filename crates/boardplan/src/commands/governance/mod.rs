//! The board's own business, first part: `boardplan member add|list|import` (the member
//! register) and `boardplan agency add|set|contribution|list` (what each agency is, sends and
//! pays). `--json` prints the API's own wire types, so scripts see one shape.

pub(crate) mod agency;
pub(crate) mod member;
