//! The partnership's board and plans as imported, and read back as they stand now or stood
//! at a moment. `import` decides what an import writes; `board_write` (agencies, sub-groups,
//! meetings), `role_write`, `review_write` (and trace links) and `write` (plan versions)
//! write it. `versions` selects the plan versions current at a moment, `revision` keeps edits
//! to actions as dated revisions, `read` reads plans with the revisions valid then (behind
//! `cache`), `partnership_read` the whole tree, and `summary` lists partnerships, plan
//! versions and counts. `staleness` says whether an import starts from the plan as it now
//! stands (a sheet's mark, the web's check step), so that it never undoes newer work unasked,
//! listing what it would undo with `changes`. `uploads` holds a document uploaded on the web
//! import page between its preview and its import.
//!
//! Depends on the ground and `changelog`, never on `progress` (which reads plans through it).
//! Inside, each file uses only those before it in: versions, revision, read, cache,
//! partnership_read, summary, changes, staleness, role_write, review_write, board_write, write,
//! import.

pub(crate) mod board_write;
pub(crate) mod cache;
pub(crate) mod changes;
pub(crate) mod import;
pub(crate) mod partnership_read;
pub(crate) mod read;
mod review_write;
pub(crate) mod revision;
mod role_write;
pub(crate) mod staleness;
pub(crate) mod summary;
pub(crate) mod uploads;
pub(crate) mod versions;
pub(crate) mod write;
