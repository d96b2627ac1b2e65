//! Boardplan's performance indicators, the pure core: the catalogue of measures, values per
//! area and period with DfE's status tokens kept as what they mean, importers for DfE's
//! published files and for long-format CSV/XLSX/ODS, rates and percentages derived the way DfE
//! derives them (and checked against what it publishes), judgement against targets with
//! directions of travel that respect polarity, comparison with statistical neighbours and
//! England, data gaps told apart from authorities that did not exist yet, and accessible SVG
//! charts with their data tables.
//!
//! Nothing here touches a database, the network or HTTP: storage, the CLI and the web pages sit
//! on top of this API. Real DfE/ONS data for tests lives in `tests/fixtures/realdata` (Open
//! Government Licence v3.0; see its PROVENANCE.md).
//!
//! The flow, in the order a board paper needs it:
//! [`import_dfe()`] / [`import_long()`] / [`import_spreadsheet`] → [`merge()`] (what is new, what was
//! revised) → [`ValueIndex`] → [`derive_values`] and [`recompute_check`] → [`Series`],
//! [`judge()`], [`comparators`] → [`chart_data`] → [`line_chart`], [`data_table_html`],
//! [`sparkline`]; [`summarise`] and [`detail`] put them together for one area, as the CLI and
//! the web pages show them.

pub mod area;
pub mod catalogue;
pub mod chart;
mod code;
pub mod commentary;
pub mod derive;
pub mod file;
pub mod import;
pub mod import_dfe;
pub mod import_long;
pub mod index;
pub mod judge;
pub mod merge;
pub mod neighbours;
pub mod period;
pub mod series;
pub mod summary;
pub mod value;

pub use area::{Area, AreaCode, AreaDirectory, AreaLevel, ENGLAND, existed};
pub use catalogue::{
    Catalogue, Dataset, Derivation, Indicator, IndicatorCode, Polarity, Scope, Unit,
};
pub use chart::{
    ChartData, ChartPoint, ChartRequest, ChartSeries, SeriesRole, chart_data, data_table_html,
    line_chart, sparkline,
};
pub use code::CodeError;
pub use commentary::Commentary;
pub use derive::{Mismatch, RecomputeReport, derive_values, recompute_check};
pub use file::{FileContents, FileFormat, detect_format, read_file};
pub use import::{
    ImportError, ImportErrors, ImportWarning, ImportedValues, ProblemKind, detect_layout,
    import_csv,
};
pub use import_dfe::import_dfe;
pub use import_long::{import_long, import_spreadsheet};
pub use index::ValueIndex;
pub use judge::{Direction, Judgement, RagScheme, Target, Targets, judge};
pub use merge::{MergeResult, combine, merge};
pub use neighbours::{Comparators, Rank, StatNeighbours, comparators};
pub use period::{Period, PeriodError, PeriodType};
pub use series::{Coverage, Gap, GapReason, Series};
pub use summary::{Detail, Summary, detail, summarise};
pub use value::{Observation, Revision, Value, ValueStatus};
