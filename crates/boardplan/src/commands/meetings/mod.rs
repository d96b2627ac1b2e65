//! The board's own business, second part: `boardplan meeting …` (recording meetings and what
//! happened at them: `meeting` for adding and listing, `record` for attendance, agenda,
//! decisions, actions and minutes, `show` for one meeting), `boardplan subgroup …` and
//! `boardplan attendance`. `--json` prints the API's own wire types, so scripts see one shape.

pub(crate) mod attendance;
pub(crate) mod meeting;
mod record;
mod show;
pub(crate) mod subgroup;
