//! `boardplan pi …`: performance indicators from the command line — import published files,
//! list an area's indicators with target, RAG and directions of travel, show one with every
//! value, comparators, gaps and commentary, and set targets, commentary and the partnership's
//! choices. `pi list|show --json` print the API's bodies for the same views
//! (`docs/indicators.md`, `docs/api.md`).

mod edit;
mod import;
mod list;
mod show;
pub(crate) mod workforce;

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use indicators::Catalogue;
use store::Store;

use super::{open, partnership};
use crate::cli::Global;

#[derive(Debug, Subcommand)]
pub enum PiCommand {
    /// Import a file of published values (DfE's CSV layout, long CSV, XLSX or ODS) or DfE's
    /// statistical neighbours model. A file with any error imports nothing; the same file twice
    /// adds nothing; a value a later file changes is kept as a revision.
    #[command(
        after_help = "Examples:\n  boardplan pi import b1_children_in_need_2013_to_2025.csv\n  boardplan pi import sn_model_2025_wide.csv\n  boardplan pi import local-measures.xlsx --format xlsx --published 2025-11-06"
    )]
    Import(ImportArgs),
    /// List the partnership's indicators for an area: latest value, target, RAG and both
    /// directions of travel.
    #[command(
        after_help = "Examples:\n  boardplan pi list\n  boardplan pi list --area E09000021 --json"
    )]
    List {
        /// The area (a code such as E09000021, or its name); default: the partnership's own.
        #[arg(long)]
        area: Option<String>,
        /// Show figures as they stood at the end of this day (YYYY-MM-DD).
        #[arg(long)]
        as_at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one indicator for an area: every value with its period and status, the
    /// comparators, the judgement, gaps, years the authority did not exist, and commentary.
    #[command(
        after_help = "Examples:\n  boardplan pi show cin-rate --area E09000021\n  boardplan pi show NI65 --area E09000021 --json"
    )]
    Show {
        /// The indicator's code (e.g. cin-rate, cpp-subsequent-pct, NI65).
        code: String,
        #[arg(long)]
        area: Option<String>,
        #[arg(long)]
        as_at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Set the partnership's target for an indicator and period.
    #[command(
        after_help = "Example:\n  boardplan pi target cpp-subsequent-pct --period 2025-26 --value 18 --tolerance 10"
    )]
    Target {
        code: String,
        /// The period, as the indicator is published (2025-26, 2026, Q1 2025-26…).
        #[arg(long)]
        period: String,
        #[arg(long, allow_negative_numbers = true)]
        value: f64,
        /// How far short of the target (as a % of it) is still amber; default: the scheme's.
        #[arg(long)]
        tolerance: Option<f64>,
    },
    /// Record commentary on an indicator for an area and period.
    #[command(
        after_help = "Example:\n  boardplan pi comment sw-caseload --area E09000021 --period 2025 --text \"Caseloads fell after recruitment.\""
    )]
    Comment {
        code: String,
        #[arg(long)]
        area: String,
        #[arg(long)]
        period: String,
        #[arg(long)]
        text: String,
        /// Whose commentary it is (a person or role); default: the actor.
        #[arg(long)]
        author: Option<String>,
    },
    /// Choose the partnership's area, the indicators it reports on, and its RAG scheme.
    #[command(
        after_help = "Example:\n  boardplan pi choose --area E09000021 --indicators cin-rate,rereferrals-pct,cpp-subsequent-pct --tolerance 5"
    )]
    Choose {
        #[arg(long)]
        area: Option<String>,
        /// Indicator codes, comma-separated, in the order to list them.
        #[arg(long, value_delimiter = ',')]
        indicators: Vec<String>,
        /// How far short of a target (as a % of it) is still amber.
        #[arg(long)]
        tolerance: Option<f64>,
        /// Show blue where a target is beaten by more than the tolerance.
        #[arg(long)]
        blue: Option<bool>,
    },
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// What the file is; by default, read from its name and header row.
    #[arg(long, value_enum)]
    pub format: Option<PiFormat>,
    /// The day the file was published (YYYY-MM-DD); default: today. Values from it are hidden
    /// from as-at views before that day.
    #[arg(long)]
    pub published: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PiFormat {
    /// DfE's published CSV layout (time_period, geographic_level, …).
    Dfe,
    /// Long CSV: area_code, area_name, period, indicator, measure, unit, value.
    Long,
    /// An XLSX workbook in the long layout.
    Xlsx,
    /// An ODS workbook in the long layout.
    Ods,
    /// DfE's statistical neighbours model (sn_model wide layout).
    Neighbours,
}

pub async fn run(g: &Global, command: &PiCommand) -> Result<()> {
    let catalogue = Catalogue::builtin();
    match command {
        PiCommand::Import(args) => import::run(g, &catalogue, args).await,
        PiCommand::List { area, as_at, json } => {
            list::run(g, &catalogue, area.as_deref(), as_at.as_deref(), *json).await
        }
        PiCommand::Show {
            code,
            area,
            as_at,
            json,
        } => {
            show::run(
                g,
                &catalogue,
                code,
                area.as_deref(),
                as_at.as_deref(),
                *json,
            )
            .await
        }
        PiCommand::Target {
            code,
            period,
            value,
            tolerance,
        } => edit::target(g, &catalogue, code, period, *value, *tolerance).await,
        PiCommand::Comment {
            code,
            area,
            period,
            text,
            author,
        } => edit::comment(g, &catalogue, code, area, period, text, author.as_deref()).await,
        PiCommand::Choose {
            area,
            indicators,
            tolerance,
            blue,
        } => {
            edit::choose(
                g,
                &catalogue,
                area.as_deref(),
                indicators,
                *tolerance,
                *blue,
            )
            .await
        }
    }
}

/// The store and the slug of the partnership to work on.
async fn target_partnership(g: &Global) -> Result<(Store, String)> {
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    Ok((store, slug))
}

/// A `YYYY-MM-DD` day given on the command line.
fn day(text: Option<&str>, flag: &str) -> Result<Option<jiff::civil::Date>> {
    text.map(|t| {
        t.trim().parse().with_context(|| {
            format!("{flag} \"{t}\" is not a date: give it as YYYY-MM-DD, e.g. 2025-11-06")
        })
    })
    .transpose()
}

/// Today in the UK.
fn today() -> jiff::civil::Date {
    let now = jiff::Timestamp::now();
    now.in_tz("Europe/London")
        .map(|z| z.date())
        .unwrap_or_else(|_| now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
}
