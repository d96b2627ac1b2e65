//! `boardplan report`: the board paper, quarterly and annual reports, the inspectors'
//! self-assessment and the public summary, as at a date, in any of the report formats. Reads
//! the plan, its updates, sign-offs, meetings and indicators as they stood at the end of that
//! day, then hands them to the `reports` crate (and `reports-pdf` for PDF). The assurance
//! reports too: one audit (`report audit --audit ID`), a Section 11 cycle (`report section11
//! [--cycle YEAR]`) and the risk register (`report risk-register [--as-at D]`); whoever runs
//! the command holds the database, so these show every agency and an audit's cases. The
//! reports on the board's own business (member register, attendance, meeting pack, minutes) are made by
//! `governance`, with their own flags; the yearly report (`report yearly --year 2009-10`) by
//! `yearly`.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use domain::Date;
use reports::{Format, ReportInput, ReportKind};

use crate::cli::Global;
use crate::commands::{open, partnership, resolve};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Which report.
    #[arg(value_enum)]
    pub kind: KindArg,
    /// The date it speaks for (YYYY-MM-DD): a board paper's meeting, the last day of a quarter
    /// or year, read as known now (each update by the day it speaks for). Default: today.
    #[arg(long)]
    pub as_at: Option<String>,
    /// Instead of --as-at: only what had been recorded by the end of this day (YYYY-MM-DD),
    /// with the change-log entry of that moment: the paper the board saw, byte for byte the
    /// same however much is recorded later (with SOURCE_DATE_EPOCH set).
    #[arg(long, conflicts_with = "as_at")]
    pub as_recorded: Option<String>,
    /// The file format; by default, read from the name given to --out.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// The file to write. Default for the member register, attendance, meeting pack and
    /// minutes: REPORT-DATE.FORMAT in the current folder.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The plan's title (default: the latest plan).
    #[arg(long)]
    pub plan: Option<String>,
    /// The audit report's audit (its number in `boardplan qa-audit list`).
    #[arg(long)]
    pub audit: Option<i64>,
    /// The Section 11 summary's cycle (a year) [default: the latest by the --as-at date].
    #[arg(long)]
    pub cycle: Option<i32>,
    /// Attendance: the first day of the period (YYYY-MM-DD; default: a year before --to).
    #[arg(long)]
    pub from: Option<String>,
    /// Attendance: the last day of the period (YYYY-MM-DD; default: --as-at, or today).
    #[arg(long)]
    pub to: Option<String>,
    /// Meeting pack and minutes: the meeting's date (YYYY-MM-DD).
    #[arg(long)]
    pub meeting: Option<String>,
    /// Meeting pack and minutes: the sub-group whose meeting it is (default: the board's).
    #[arg(long)]
    pub subgroup: Option<String>,
    /// Yearly: `narrative` to set one section's narrative (or the distribution list) instead
    /// of writing the report.
    #[arg(value_enum)]
    pub part: Option<YearlyPart>,
    /// Yearly: the financial year, YYYY-YY (2009-10 is 1 April 2009 to 31 March 2010).
    #[arg(long)]
    pub year: Option<String>,
    /// Yearly: the headings to follow: working-together (a children's partnership, the
    /// default) or care-act (a safeguarding adults board: Schedule 2, (a)-(g)).
    #[arg(long)]
    pub framework: Option<String>,
    /// Yearly: list the sections without evidence of impact instead of writing the report
    /// (exits 1 if any).
    #[arg(long)]
    pub check: bool,
    /// Yearly --check: as JSON.
    #[arg(long)]
    pub json: bool,
    /// Yearly narrative: the section's key (`boardplan report yearly --check` lists them), or
    /// `distribution` for the distribution list (one recipient a line).
    #[arg(long)]
    pub section: Option<String>,
    /// Yearly narrative: the text (empty removes it).
    #[arg(long, conflicts_with = "file")]
    pub text: Option<String>,
    /// Yearly narrative: a UTF-8 text file holding it.
    #[arg(long)]
    pub file: Option<PathBuf>,
}

/// What `report yearly` does besides writing the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum YearlyPart {
    /// Set one section's narrative, or the distribution list.
    Narrative,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    BoardPaper,
    Quarterly,
    Annual,
    SelfAssessment,
    Public,
    Audit,
    Section11,
    RiskRegister,
    MemberRegister,
    PublicRegister,
    Attendance,
    MeetingPack,
    Minutes,
    Yearly,
}

impl From<KindArg> for ReportKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::BoardPaper => ReportKind::BoardPaper,
            KindArg::Quarterly => ReportKind::Quarterly,
            KindArg::Annual => ReportKind::Annual,
            KindArg::SelfAssessment => ReportKind::SelfAssessment,
            KindArg::Public => ReportKind::Public,
            KindArg::Audit => ReportKind::Audit,
            KindArg::Section11 => ReportKind::Section11,
            KindArg::RiskRegister => ReportKind::RiskRegister,
            KindArg::MemberRegister => ReportKind::MemberRegister,
            KindArg::PublicRegister => ReportKind::PublicRegister,
            KindArg::Attendance => ReportKind::Attendance,
            KindArg::MeetingPack => ReportKind::MeetingPack,
            KindArg::Minutes => ReportKind::Minutes,
            KindArg::Yearly => ReportKind::Yearly,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Pdf,
    Docx,
    Odt,
    Html,
    Xlsx,
    Ods,
    Csv,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Docx => Format::Docx,
            FormatArg::Odt => Format::Odt,
            FormatArg::Html => Format::Html,
            FormatArg::Xlsx => Format::Xlsx,
            FormatArg::Ods => Format::Ods,
            FormatArg::Csv => Format::Csv,
        }
    }
}

pub async fn run(g: &Global, args: &ReportArgs) -> Result<()> {
    let kind: ReportKind = args.kind.into();
    check_about(kind, args)?;
    if kind == ReportKind::Yearly {
        return super::yearly::run(g, args).await;
    }
    super::yearly::refuse_flags(kind, args)?;
    if ReportKind::GOVERNANCE.contains(&kind) {
        if args.as_recorded.is_some() {
            anyhow::bail!(
                "--as-recorded is for the reports on the plan (board paper, quarterly, annual, \
                 public summary): the {kind} is read from the register as it is; leave it out"
            );
        }
        return super::governance::run(g, args, kind).await;
    }
    super::governance::refuse_flags(kind, args)?;
    let Some(out) = &args.out else {
        anyhow::bail!("give the file to write with --out, e.g. --out {kind}.pdf");
    };
    let format: Format = match args.format {
        Some(f) => f.into(),
        None => {
            let ext = out.extension().and_then(|e| e.to_str()).unwrap_or("");
            ext.parse().with_context(|| {
                format!(
                    "cannot tell the format from the name {}: add --format pdf|docx|odt|html|xlsx|ods|csv",
                    out.display()
                )
            })?
        }
    };
    let moment = match &args.as_recorded {
        Some(d) => domain::Moment::as_recorded(as_at_date(Some(d))?),
        None => domain::Moment::as_of(as_at_date(args.as_at.as_deref())?),
    };
    let as_at = moment.day;
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let mut input = read_input(&store, &slug, args.plan.as_deref(), moment, true).await?;
    let ask = store::AssuranceAsk {
        audit: args.audit,
        cycle: args.cycle,
        ..store::AssuranceAsk::everything()
    };
    store
        .add_report_assurance(&slug, kind, &mut input, &ask)
        .await?;
    let report = reports::build(kind, &input);
    let bytes = match format {
        Format::Pdf => pdf(&report)?,
        other => reports::render(&report, other)?,
    };
    std::fs::write(out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "Wrote \"{}\" {} {as_at} to {} ({} bytes).",
        kind.title(),
        moment.phrase(),
        out.display(),
        bytes.len()
    );
    Ok(())
}

/// `--audit` and `--cycle` say what an assurance report is about: each only with its report.
fn check_about(kind: ReportKind, args: &ReportArgs) -> Result<()> {
    match (kind, args.audit, args.cycle) {
        (ReportKind::Audit, None, _) => anyhow::bail!(
            "the audit report is about one audit: add --audit ID (boardplan qa-audit list shows the numbers)"
        ),
        (k, Some(_), _) if k != ReportKind::Audit => anyhow::bail!(
            "--audit is for the audit report: boardplan report audit --audit ID --out FILE"
        ),
        (k, _, Some(_)) if k != ReportKind::Section11 => anyhow::bail!(
            "--cycle is for the Section 11 summary: boardplan report section11 --cycle YEAR --out FILE"
        ),
        _ => Ok(()),
    }
}

#[cfg(feature = "pdf")]
pub(super) fn pdf(report: &reports::Report) -> Result<Vec<u8>> {
    Ok(reports_pdf::render(report)?)
}

#[cfg(not(feature = "pdf"))]
pub(super) fn pdf(_report: &reports::Report) -> Result<Vec<u8>> {
    anyhow::bail!(
        "this Boardplan was built without PDF support; build it with `--features pdf` (the default), or choose --format docx, odt or html"
    )
}

/// `--as-at`, or today (UTC, the day the change log's times fall on).
pub fn as_at_date(given: Option<&str>) -> Result<Date> {
    match given {
        Some(text) => text.trim().parse().with_context(|| {
            format!("\"{text}\" is not a date: write it as YYYY-MM-DD, e.g. 2009-09-16")
        }),
        None => Ok(resolve::today()),
    }
}

/// When the report says it was made: `SOURCE_DATE_EPOCH` (seconds) if set, so that a
/// rebuild can be byte-for-byte the same, else now.
pub(super) fn generated_at() -> Result<jiff::Timestamp> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => {
            let seconds: i64 = text.trim().parse().with_context(|| {
                format!("SOURCE_DATE_EPOCH \"{text}\" is not a number of seconds")
            })?;
            Ok(jiff::Timestamp::from_second(seconds)?)
        }
        Err(_) => Ok(jiff::Timestamp::now()),
    }
}

/// Everything a report needs, read as it stood at the end of `as_at` (the indicators only
/// `with_indicators`).
pub async fn input(
    g: &Global,
    plan: Option<&str>,
    as_at: Date,
    with_indicators: bool,
) -> Result<ReportInput> {
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    read_input(&store, &slug, plan, as_at, with_indicators).await
}

async fn read_input(
    store: &store::Store,
    slug: &str,
    plan: Option<&str>,
    at: impl Into<domain::Moment>,
    with_indicators: bool,
) -> Result<ReportInput> {
    let m = at.into();
    let as_at = m.day;
    store
        .report_input(slug, plan, m, with_indicators, generated_at()?)
        .await?
        .with_context(|| match m.as_recorded {
            true => format!(
                "\"{slug}\" had recorded no plan by {as_at} (nothing was imported by then): \
                 choose a later --as-recorded date, or --as-at {as_at} for the plan over its \
                 period as known now"
            ),
            false => format!(
                "\"{slug}\" had no plan on {as_at}: no plan's period had started by then, nor \
                 had one been recorded (import one, or choose a later --as-at date)"
            ),
        })
}
