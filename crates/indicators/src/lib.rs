//! Boardplan's performance indicators, the pure core: the catalogue of measures, values per
//! area and period with DfE's status tokens kept as what they mean, and the areas those values
//! belong to, with the reorganisations that changed them.
//!
//! Nothing here touches a database, the network or HTTP: storage, the CLI and the web pages sit
//! on top of this API. Real DfE/ONS data for tests lives in `tests/fixtures/realdata` (Open
//! Government Licence v3.0; see its PROVENANCE.md).

pub mod area;
pub mod catalogue;
mod code;
pub mod period;
pub mod value;

pub use area::{Area, AreaCode, AreaDirectory, AreaLevel, ENGLAND, existed};
pub use catalogue::{Catalogue, Dataset, Derivation, Indicator, IndicatorCode, Polarity, Scope, Unit};
pub use code::CodeError;
pub use period::{Period, PeriodError, PeriodType};
pub use value::{Observation, Revision, Value, ValueStatus};
