//! The board's own business, third part: the register of the board's documents (terms of
//! reference, protocols, procedures, strategies, plans, learning briefings: [`document`]) and
//! induction (a checklist per partnership, and a person's progress through it: [`induction`]).
//!
//! Pure types and rules: what kinds a document can be, what its status is as at a date (never
//! stored, so "due for review" is never stale), and what a new document or checklist item
//! must be before it is stored. The store resolves names (the owner role, the sub-group, the
//! approving meeting) against the database.

pub mod document;
pub mod induction;

pub use document::{DocumentKind, DocumentStatus, NewDocument, status};
pub use induction::check_item_title;

/// The longest title kept; longer is refused, not cut.
pub const MAX_TITLE_CHARS: usize = 200;
