//! Indicator values and what a partnership decides about them: importing files of values,
//! reading them as at a day, settings, targets and commentary, and the views built on them.

mod codec;
pub(crate) mod import;
pub(crate) mod read;
pub(crate) mod report;
pub(crate) mod settings;
