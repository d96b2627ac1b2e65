//! Indicator values and what a partnership decides about them. `codec` spells indicator
//! values as columns; `settings` holds the partnership's area, RAG scheme, chosen indicators,
//! targets and commentary; `read` reads values (as at a day), areas and neighbours; `import`
//! stores a checked file of values, keeping revisions; `report` builds the overview and page
//! every front door shows; `workforce` the workforce section (13.2) from the same pieces.
//!
//! Depends on the ground and `changelog` only: indicators are kept per partnership, apart
//! from its plans. Inside, each file uses only those before it in: codec, settings, read,
//! import, report, workforce. (The `indicators` crate has the same name, so the crate root says
//! `crate::indicators` for this module.)

mod codec;
pub(crate) mod import;
pub(crate) mod read;
pub(crate) mod report;
pub(crate) mod settings;
pub(crate) mod workforce;
