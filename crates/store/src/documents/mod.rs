//! The board's own business, third part: the document register and induction.
//!
//! A document is owned by a lead role (`roles`) and may belong to a sub-group; its versions'
//! files are kept as evidence files are (`progress::evidence`: type read from the bytes, an
//! allow-list, content-addressed in `blobs`), so a file refused as evidence is refused here in
//! the same words. Its status is worked out as at the date asked (`domain::documents::status`).
//! Every write opens a partnership write (`progress::write`) and appends the change log in its
//! transaction.
//!
//! Depends on the ground, `changelog`, `progress::write` and `progress::evidence`. Inside:
//! `read` (the register, one document, reviews due), `files` (a version's file), `write` (add, new version, approve,
//! supersede), `names` (roles, sub-groups and meetings by what people type), `induction` (the
//! checklist, who completed what, job descriptions acknowledged).

mod files;
mod induction;
mod names;
pub(crate) mod read;
mod write;

pub use files::VersionFile;
pub use induction::{InductionPerson, InductionSheet};
pub use read::{Approval, DocumentRecord, DocumentVersion, DocumentsQuery};
pub use write::NewFile;
