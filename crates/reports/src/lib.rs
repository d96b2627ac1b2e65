//! Boardplan's reports: the paper for each board meeting [2.2], the quarterly report to the
//! Lead Member and the Children's Trust [13.3], the annual report [12.2, 13.1], the annual
//! self-assessment for inspectors [13.4, 1.2] and the public summary [5.5]; and on the board's
//! own business, the member register (and its public version), attendance, a meeting's pack
//! and its minutes, read from [`governance`]'s input; and the partnership's yearly report,
//! assembled under its framework's headings from [`yearly`]'s input.
//!
//! One model, many renderers. [`build`] turns a [`ReportInput`] (plain values: the
//! partnership, its updates and sign-offs, indicator summaries, a date) into a [`Report`], a
//! document tree of sections, paragraphs, key figures, tables and charts that knows no file
//! format. [`render()`] writes it as HTML, DOCX, ODT, XLSX, ODS or CSV; the `reports-pdf` crate
//! writes tagged PDF; [`calendar`] writes the iCalendar feed of meetings and deadlines.
//!
//! Nothing here does I/O, and everything is deterministic: the same input gives the same
//! bytes, apart from the generated-at stamp the input carries.

pub mod assurance;
mod build;
pub mod calendar;
mod facts;
pub mod governance;
pub mod input;
mod kind;
pub mod model;
pub mod render;
pub mod sample;
mod words;
pub mod yearly;

pub use assurance::Assurance;
pub use build::build;
pub use input::{
    CarriedAction, ChangeLogHead, IndicatorContext, IndicatorSummary, LatestValue, PreviousPlan,
    ReportInput, TrendLine,
};
pub use kind::{ReportKind, UnknownReport};
pub use model::{Audience, Block, Cell, Chart, Column, KeyFigure, RagMark, Report, Section, Table};
pub use render::{Format, RenderError, render};
pub use words::date as date_words;
