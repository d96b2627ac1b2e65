//! What the board reads out of Boardplan: the reports (`report`) and the iCalendar feed of
//! meetings and deadlines (`calendar`), both read as at a date through `report::input`.

pub(crate) mod calendar;
pub(crate) mod report;
