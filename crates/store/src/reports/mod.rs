//! What a report is made from (`input`, and `governance` for the reports on the board's own
//! business): one reader for the command line and the web app, so that a paper from either
//! is the same paper; and the assurance a report draws on (`assurance`), cut down to what the
//! person asking may see; and the yearly report (`yearly`): its year's data gathered, and the
//! business manager's narrative per section and the distribution list kept.
//!
//! The top of the crate: it reads through the `Store` methods of `plan`, `progress`,
//! `changelog`, `indicators` and `assurance` (and `progress::as_at` for the end of a day), and
//! those of `governance`, `meetings` and `documents`; nothing in the crate uses it.

mod assurance;
pub(crate) mod governance;
mod input;
mod yearly;

pub use assurance::{AssuranceAsk, section11_part};
pub use yearly::YearlyText;
