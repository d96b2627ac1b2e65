//! `boardplan report member-register|public-register|attendance|meeting-pack|minutes`: the
//! reports on the board's own business. The member register as at a day; attendance over a
//! period (`--from`, `--to`; the year to `--as-at` by default); a meeting's pack (one PDF:
//! agenda, the papers the register holds as PDFs, the last minutes and the action log) or its
//! minutes, the meeting named by `--meeting DATE [--subgroup NAME]`. Read through
//! `Store::governance_report_input`, the reader the web app uses too.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use reports::{Format, ReportKind};
use store::GovernanceRead;

use super::report::{ReportArgs, as_at_date, generated_at, pdf};
use crate::cli::Global;
use crate::commands::resolve::{self, years_ahead};
use crate::commands::{open, partnership};

/// Refuse the flags that belong to another report, saying which report they are for.
pub fn refuse_flags(kind: ReportKind, args: &ReportArgs) -> Result<()> {
    let meeting = matches!(kind, ReportKind::MeetingPack | ReportKind::Minutes);
    let attendance = kind == ReportKind::Attendance;
    if !meeting && (args.meeting.is_some() || args.subgroup.is_some()) {
        bail!(
            "--meeting and --subgroup choose the meeting of a meeting-pack or minutes report, not of {kind}: leave them out"
        );
    }
    if !attendance && (args.from.is_some() || args.to.is_some()) {
        bail!(
            "--from and --to give the period of the attendance report, not of {kind}: leave them out{}",
            if ReportKind::GOVERNANCE.contains(&kind) {
                ""
            } else {
                " and give --as-at"
            }
        );
    }
    if ReportKind::GOVERNANCE.contains(&kind) && args.plan.is_some() {
        bail!("--plan chooses the plan a plan report is on; {kind} is not on a plan: leave it out");
    }
    Ok(())
}

/// The format asked for, read from --out's name, or the report's usual one.
fn format_of(kind: ReportKind, args: &ReportArgs) -> Result<Format> {
    if let Some(f) = args.format {
        return Ok(f.into());
    }
    if let Some(out) = &args.out {
        let ext = out.extension().and_then(|e| e.to_str()).unwrap_or("");
        return ext.parse().with_context(|| {
            format!(
                "cannot tell the format from the name {}: add --format pdf|docx|odt|html|xlsx|ods|csv",
                out.display()
            )
        });
    }
    Ok(match kind {
        ReportKind::Attendance => Format::Xlsx,
        ReportKind::Minutes => Format::Docx,
        _ => Format::Pdf,
    })
}

pub async fn run(g: &Global, args: &ReportArgs, kind: ReportKind) -> Result<()> {
    refuse_flags(kind, args)?;
    let format = format_of(kind, args)?;
    if kind == ReportKind::MeetingPack && format != Format::Pdf {
        bail!(
            "the meeting pack is one PDF (its papers go in as PDF pages): use --format pdf, or make the minutes with `boardplan report minutes`"
        );
    }
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let (read, as_at) = match kind {
        ReportKind::Attendance => {
            let to = match &args.to {
                Some(t) => resolve::day("--to", t, years_ahead(2))?,
                None => as_at_date(args.as_at.as_deref())?,
            };
            let from = match &args.from {
                Some(f) => resolve::day("--from", f, years_ahead(2))?,
                None => domain::meetings::year_to(to).0,
            };
            if to < from {
                bail!("the period ends ({to}) before it starts ({from}): give --from before --to");
            }
            (GovernanceRead::Attendance { from, to }, to)
        }
        ReportKind::MeetingPack | ReportKind::Minutes => {
            let Some(typed) = &args.meeting else {
                bail!(
                    "{kind} needs the meeting: add --meeting DATE (YYYY-MM-DD), and --subgroup NAME for a sub-group's meeting"
                );
            };
            let date = resolve::day("--meeting", typed, years_ahead(2))?;
            let id = store
                .find_meeting(&slug, date, args.subgroup.as_deref())
                .await?;
            let papers = kind == ReportKind::MeetingPack;
            (GovernanceRead::Meeting { id, papers }, date)
        }
        _ => (GovernanceRead::Register, as_at_date(args.as_at.as_deref())?),
    };
    let (input, papers) = store
        .governance_report_input(&slug, as_at, read, generated_at()?)
        .await?;
    let report = reports::build(kind, &input);
    let bytes = match format {
        Format::Pdf if kind == ReportKind::MeetingPack => pack(&report, &papers)?,
        Format::Pdf => pdf(&report)?,
        other => reports::render(&report, other)?,
    };
    let out = args.out.clone().unwrap_or_else(|| {
        PathBuf::from(format!("{}-{as_at}.{}", kind.slug(), format.extension()))
    });
    std::fs::write(&out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
    let with = match papers.len() {
        0 => String::new(),
        1 => ", with 1 paper".to_owned(),
        n => format!(", with {n} papers"),
    };
    eprintln!(
        "Wrote \"{}\" ({}){with} to {} ({} bytes).",
        kind.title(),
        report.plan,
        out.display(),
        bytes.len()
    );
    Ok(())
}

#[cfg(feature = "pdf")]
fn pack(report: &reports::Report, papers: &[reports::governance::Paper]) -> Result<Vec<u8>> {
    Ok(reports_pdf::render_pack(report, papers)?)
}

#[cfg(not(feature = "pdf"))]
fn pack(report: &reports::Report, _papers: &[reports::governance::Paper]) -> Result<Vec<u8>> {
    pdf(report)
}
