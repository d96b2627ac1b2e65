//! What the board reads out of Boardplan: the reports (`report`; those on the board's own
//! business in `governance`, the yearly report in `yearly`) and the iCalendar feed of meetings and deadlines (`calendar`),
//! read as at a date through `report::input` (`governance` through the store's own reader).

pub(crate) mod calendar;
pub(crate) mod governance;
pub(crate) mod report;
pub(crate) mod yearly;
