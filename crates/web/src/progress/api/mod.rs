//! The API's actions and their progress: the plan's actions as at a date ([`actions`]),
//! progress updates ([`updates`]) with evidence files ([`evidence`]), and sign-off
//! ([`signoff`]), with the same permissions as the pages.

pub mod actions;
pub mod evidence;
pub mod signoff;
pub mod updates;
