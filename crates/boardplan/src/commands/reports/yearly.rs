//! `boardplan report yearly --year 2009-10`: the partnership's yearly report under its
//! framework's headings (`--framework working-together|care-act`), written as PDF, DOCX, ODT
//! or HTML; `--check [--json]` lists the sections without evidence of impact instead (exit
//! 1 if any, so that a script can hold publication back); `report yearly narrative --year Y
//! --section KEY --text T|--file F` sets a section's narrative, and `--section
//! distribution` the distribution list, one recipient a line. Whoever runs the command holds
//! the database, so the report shows every agency's Section 11 ratings.

use anyhow::{Context, Result, bail};
use reports::yearly::{Framework, check, financial_year};
use reports::{Format, ReportKind};
use serde::Serialize;

use super::report::{ReportArgs, YearlyPart, generated_at, pdf};
use crate::cli::Global;
use crate::commands::{actor, open, partnership, resolve};

/// Refuse the yearly report's flags on any other report.
pub fn refuse_flags(kind: ReportKind, args: &ReportArgs) -> Result<()> {
    let given = args.part.is_some()
        || args.year.is_some()
        || args.framework.is_some()
        || args.check
        || args.json
        || args.section.is_some()
        || args.text.is_some()
        || args.file.is_some();
    if given {
        bail!(
            "--year, --framework, --check, --json, --section, --text, --file and `narrative` are for the yearly report (boardplan report yearly --year 2009-10 --out FILE), not for {kind}: leave them out"
        );
    }
    Ok(())
}

fn year(args: &ReportArgs) -> Result<String> {
    let Some(y) = &args.year else {
        bail!("the yearly report is for a financial year: add --year YYYY-YY, e.g. --year 2009-10");
    };
    Ok(financial_year(y)?.0)
}

fn framework(args: &ReportArgs) -> Result<Framework> {
    Ok(match &args.framework {
        Some(f) => f.parse()?,
        None => Framework::default(),
    })
}

pub async fn run(g: &Global, args: &ReportArgs) -> Result<()> {
    let year = year(args)?;
    if args.as_at.is_some() || args.as_recorded.is_some() || args.plan.is_some() {
        bail!(
            "the yearly report is as at its year's end and on the plan that holds the year: leave out --as-at, --as-recorded and --plan, and give --year"
        );
    }
    if args.part == Some(YearlyPart::Narrative) {
        return narrative(g, args, &year).await;
    }
    if args.section.is_some() || args.text.is_some() || args.file.is_some() {
        bail!(
            "--section, --text and --file set a narrative: boardplan report yearly narrative --year {year} --section KEY --text TEXT"
        );
    }
    let framework = framework(args)?;
    if args.json && !args.check {
        bail!("--json is for --check: boardplan report yearly --year {year} --check --json");
    }
    let format = if args.check {
        None
    } else {
        let Some(out) = &args.out else {
            bail!(
                "give the file to write with --out, e.g. --out yearly-{year}.pdf (or --check to list the sections without evidence of impact)"
            );
        };
        Some(match args.format {
            Some(f) => f.into(),
            None => {
                let ext = out.extension().and_then(|e| e.to_str()).unwrap_or("");
                ext.parse::<Format>().with_context(|| {
                    format!(
                        "cannot tell the format from the name {}: add --format pdf|docx|odt|html",
                        out.display()
                    )
                })?
            }
        })
    };
    if let Some(f) = format
        && !matches!(f, Format::Pdf | Format::Docx | Format::Odt | Format::Html)
    {
        bail!(
            "the yearly report is a document: choose --format pdf, docx, odt or html (not {})",
            f.extension()
        );
    }
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let input = store
        .yearly_report_input(
            &slug,
            &year,
            framework,
            resolve::today(),
            &store::AssuranceAsk::everything(),
            generated_at()?,
        )
        .await?
        .with_context(|| {
            format!("\"{slug}\" had no plan by the end of {year}: import one first, or choose a later --year")
        })?;
    let checks = check(&input);
    let flagged: Vec<_> = checks.iter().filter(|c| c.flagged()).collect();
    let Some(format) = format else {
        if args.json {
            #[derive(Serialize)]
            struct Out<'a> {
                year: &'a str,
                framework: Framework,
                flagged: Vec<&'static str>,
                sections: &'a [reports::yearly::SectionCheck],
            }
            println!(
                "{}",
                serde_json::to_string_pretty(&Out {
                    year: &year,
                    framework,
                    flagged: flagged.iter().map(|c| c.key).collect(),
                    sections: &checks,
                })?
            );
        } else {
            for c in &checks {
                let mark = if c.flagged() {
                    "FLAGGED"
                } else if c.assessed {
                    "ok"
                } else {
                    "-"
                };
                println!(
                    "{mark:<8}{:<26}{} {}{}",
                    c.key,
                    c.heading,
                    c.found,
                    if c.narrative {
                        ""
                    } else {
                        " (no narrative yet)"
                    }
                );
            }
            println!(
                "{} of {} sections without evidence of impact.",
                flagged.len(),
                checks.len()
            );
        }
        if !flagged.is_empty() {
            let keys: Vec<&str> = flagged.iter().map(|c| c.key).collect();
            bail!(
                "not ready to publish: no evidence of impact in {} (add it to the records, or say in the narrative why there is none)",
                keys.join(", ")
            );
        }
        return Ok(());
    };
    let report = reports::build(ReportKind::Yearly, &input);
    let bytes = match format {
        Format::Pdf => pdf(&report)?,
        other => reports::render(&report, other)?,
    };
    let out = args.out.as_ref().context("--out")?;
    std::fs::write(out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "Wrote the yearly report for {year} ({}) to {} ({} bytes).",
        framework.label(),
        out.display(),
        bytes.len()
    );
    if !flagged.is_empty() {
        let keys: Vec<&str> = flagged.iter().map(|c| c.key).collect();
        eprintln!(
            "Before publishing: {} without evidence of impact ({}); boardplan report yearly --year {year} --check says what would count.",
            if keys.len() == 1 {
                "1 section is"
            } else {
                "sections are"
            },
            keys.join(", ")
        );
    }
    Ok(())
}

async fn narrative(g: &Global, args: &ReportArgs, year: &str) -> Result<()> {
    if args.out.is_some()
        || args.format.is_some()
        || args.check
        || args.json
        || args.framework.is_some()
    {
        bail!(
            "`report yearly narrative` sets a narrative and writes no report: leave out --out, --format, --check, --json and --framework"
        );
    }
    let Some(section) = &args.section else {
        bail!(
            "say which section with --section KEY (boardplan report yearly --year {year} --check lists them), or --section distribution"
        );
    };
    let text = match (&args.text, &args.file) {
        (Some(t), None) => t.clone(),
        (None, Some(f)) => std::fs::read_to_string(f)
            .with_context(|| format!("cannot read {} as UTF-8 text", f.display()))?,
        _ => bail!(
            "give the narrative with --text TEXT or --file FILE (an empty --text \"\" removes it)"
        ),
    };
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let who = actor(g);
    let saved = store
        .set_yearly_text(&slug, store::Stamp::now(&who), year, section, &text)
        .await?;
    match saved {
        Some(t) => eprintln!(
            "Saved the {} of the {year} yearly report ({} characters).",
            if t.section == reports::yearly::DISTRIBUTION {
                "distribution list".to_owned()
            } else {
                format!("narrative of \"{}\"", t.section)
            },
            t.text.chars().count()
        ),
        None => eprintln!("Removed the {section} text of the {year} yearly report."),
    }
    Ok(())
}
