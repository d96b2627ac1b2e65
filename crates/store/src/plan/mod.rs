//! The partnership's board and plans: importing them, and reading them back as they stand now
//! or stood at a moment.

mod board_write;
pub(crate) mod cache;
pub(crate) mod import;
pub(crate) mod partnership_read;
pub(crate) mod read;
mod review_write;
pub(crate) mod revision;
mod role_write;
pub(crate) mod summary;
pub(crate) mod versions;
pub(crate) mod write;
