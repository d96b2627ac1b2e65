//! The yearly report (issue #14, item 5): the business manager's narrative per section and
//! the distribution list, kept per partnership and financial year (`texts`), and everything
//! the report is made from for one year (`input`): the plan's report input over the plan
//! that holds the year, with the year's attendance, audits, training evaluation, case
//! reviews, engagement, funding and the next plan's objectives.

mod input;
mod texts;

pub use texts::YearlyText;
