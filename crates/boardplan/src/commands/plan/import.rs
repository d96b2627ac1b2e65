//! `boardplan import FILE`: read a document, report what was found, then store it (unless
//! `--dry-run`). Nothing is written when the document has an error, nor when a sheet was
//! exported from an older state of the plan than it now has (unless `--replace`): importing it
//! would undo the changes made since, which are listed.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use domain::Partnership;
use formats::FormatError;
use formats::document::DocumentKind;
use store::{ImportGuard, ImportMode, ImportOutcome, Source, TakenFrom, WholePartnership};

use crate::cli::Global;
use crate::commands::{actor, open, partnership, plan_index};
use crate::output;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import.
    pub file: PathBuf,
    /// What kind of file it is; by default, read from its name and content.
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// Check the file and print the report, but write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Record a new version of a plan that is already there; for a sheet exported before the
    /// plan's latest changes, import it anyway, undoing those changes.
    #[arg(long)]
    pub replace: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// For a CSV or XLSX sheet: the title of the plan it edits (default: the only plan).
    #[arg(long)]
    pub plan: Option<String>,
    /// For a plan in the board's own tables: the column that holds a field, over the one
    /// recognised, as FIELD=HEADING (heading matched ignoring case and spacing; repeat for
    /// more). Fields: number, action, lead, timescale, status, progress, source, outcome,
    /// group (the objective), note.
    #[arg(long = "map", value_name = "FIELD=HEADING")]
    pub map: Vec<String>,
    /// For a plan in the board's own tables: how the status column's values are read, over
    /// the document's key and the usual words, as VALUE=RATING pairs (values matched ignoring
    /// case). Ratings: blue, green, amber, red, grey, none (not rated).
    #[arg(long, value_name = "VALUE=RATING,...")]
    pub status_scale: Option<String>,
    /// For a plan in the board's own tables: the date (YYYY-MM-DD) its status and progress
    /// speak for, which become each action's first progress update (default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// For a plan in the board's own tables: the title of the stored plan this document is a
    /// later version of (found without it by the document's title, or by its period). Its
    /// changes are recorded on that plan: progress as updates, new dates as re-timings, new
    /// actions added; actions it no longer has are reported and kept.
    #[arg(long, value_name = "TITLE")]
    pub update_plan: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// A plan document as text (tab-separated table rows), like the sample plan.
    Text,
    /// A Boardplan partnership document.
    Json,
    /// A plan sheet, one row per action.
    Csv,
    /// A plan workbook, one row per action.
    Xlsx,
}

pub async fn run(g: &Global, args: &ImportArgs) -> Result<()> {
    let bytes = read_document(&args.file)?;
    let name = file_name(&args.file);
    let kind = match args.format {
        Some(ImportFormat::Text) => DocumentKind::Text,
        Some(ImportFormat::Json) => DocumentKind::Json,
        Some(ImportFormat::Csv) => DocumentKind::Csv,
        Some(ImportFormat::Xlsx) => DocumentKind::Xlsx,
        None => {
            DocumentKind::from_file(&name, &bytes).map_err(|e| anyhow::anyhow!("{name}, {e}"))?
        }
    };
    if let DocumentKind::Tables(format) = kind {
        return super::import_tables::run(g, args, format, &name, &bytes).await;
    }
    if !args.map.is_empty()
        || args.status_scale.is_some()
        || args.as_of.is_some()
        || args.update_plan.is_some()
    {
        let flags = if args.update_plan.is_some() {
            "--update-plan (recording a later version of a plan document) applies"
        } else if args.as_of.is_some() {
            "--as-of (the date of the first progress updates) applies"
        } else {
            "--map and --status-scale apply"
        };
        bail!(
            "{name}: {flags} to a plan in the board's own tables (.docx, \
             .odt, .xlsx, .ods, .csv, .pdf in its own layout); this file is read as {}, whose columns \
             are fixed. Nothing was written. Import it without them.",
            match kind {
                DocumentKind::Text => "a plan document as text",
                DocumentKind::Json => "a Boardplan partnership",
                _ => "a sheet exported by Boardplan",
            }
        );
    }
    let in_file = |e: FormatError| anyhow::anyhow!("{name}, {e}");

    // A sheet edits a plan that is already stored, so it needs the store even on a dry run.
    let mut whole = None;
    let (p, report, mode, guard) = if kind.edits_a_stored_plan() {
        let store = open(g).await?;
        let (slug, current) = partnership(&store, g).await?;
        let index = plan_index(&current, args.plan.as_deref())?;
        let doc =
            formats::document::read(kind, &bytes, Some((&current, index))).map_err(in_file)?;
        if doc.partnership == current {
            println!("{name} matches the plan as stored; nothing to change.");
            return Ok(());
        }
        let title = current.plans[index].title.clone();
        let taken_from = doc.mark.map_or(TakenFrom::Unmarked, TakenFrom::Marked);
        if let Some(stale) = store.plan_staleness(&slug, &title, &taken_from).await? {
            if !args.replace {
                bail!(
                    "{name}: {}\nNothing was written. Export a fresh sheet (boardplan export \
                     --format {}) and make your changes in it; or, to undo those changes, import \
                     this sheet again with --replace.",
                    stale.lines().join("\n"),
                    if kind == DocumentKind::Csv {
                        "csv"
                    } else {
                        "xlsx --out plan.xlsx"
                    },
                );
            }
            eprintln!(
                "{name}: replacing anyway (--replace), which undoes these changes:\n{}",
                stale
                    .lines()
                    .iter()
                    .skip(1)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        let guard = ImportGuard {
            title,
            taken_from,
            seen: None,
            replace_anyway: args.replace,
        };
        (
            doc.partnership,
            doc.report,
            ImportMode::Replace,
            Some(guard),
        )
    } else if kind == DocumentKind::Json {
        // Read whole (version 1 or 2): the board's own business and its files come with it.
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| anyhow::anyhow!("{name}: this is not a text (UTF-8) JSON file."))?;
        let doc = formats::json::import_document(text).map_err(in_file)?;
        let mut report = domain::ImportReport::default();
        report.count(&doc.partnership);
        let p = doc.partnership.clone();
        if !doc.business.is_empty() || !doc.files.is_empty() {
            whole = Some(WholePartnership {
                partnership: doc.partnership,
                business: doc.business,
                files: doc.files,
            });
        }
        (p, report, mode_of(args), None)
    } else {
        let doc = formats::document::read(kind, &bytes, None).map_err(in_file)?;
        (doc.partnership, doc.report, mode_of(args), None)
    };

    if args.dry_run {
        output::print_report(&report, None, args.json)?;
        if !args.json {
            println!("Dry run: nothing was written.");
        }
        return Ok(());
    }

    let store = open(g).await?;
    let source = Source {
        name: name.clone(),
        sha256: formats::sha256_hex(&bytes),
    };
    let outcome = match (&guard, &whole) {
        (_, Some(whole)) => store.import_whole(&actor(g), whole, &source, mode).await?,
        (Some(guard), None) => {
            store
                .import_guarded(&actor(g), &p, &source, mode, guard)
                .await?
        }
        (None, None) => {
            store
                .import_partnership(&actor(g), &p, &source, mode)
                .await?
        }
    };
    output::print_report(&report, Some(&outcome), args.json)?;
    if !args.json {
        println!("{}", describe(&p, &outcome));
        if let Some(whole) = &whole {
            let b = &whole.business;
            println!(
                "With the board's own business: {} people, {} meetings' records, {} documents \
                 ({} files).",
                b.people.len(),
                b.meetings.iter().filter(|m| !m.is_bare()).count(),
                b.documents.len(),
                whole.files.len()
            );
        }
    }
    Ok(())
}

pub(super) fn mode_of(args: &ImportArgs) -> ImportMode {
    if args.replace {
        ImportMode::Replace
    } else {
        ImportMode::New
    }
}

/// Refuse what is plainly not a plan before reading it all into memory. An interchange
/// document (.json) may be larger than other documents: the register's files are inside it.
fn read_document(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}: check the path", path.display()))?;
    if meta.is_dir() {
        bail!(
            "{} is a folder; give the path of a plan document",
            path.display()
        );
    }
    let len: usize = meta.len().try_into().unwrap_or(usize::MAX);
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if !(json && len <= formats::json::MAX_INTERCHANGE_BYTES) {
        FormatError::check_size(len).map_err(|e| anyhow::anyhow!("{}, {e}", file_name(path)))?;
    }
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

pub(super) fn describe(p: &Partnership, outcome: &ImportOutcome) -> String {
    match outcome {
        ImportOutcome::Created {
            partnership,
            plan_versions,
        } => format!(
            "Imported into partnership \"{}\" ({partnership}): {}.",
            p.name,
            versions(plan_versions)
        ),
        ImportOutcome::AlreadyPresent {
            plan_title,
            version,
            ..
        } => format!(
            "The plan \"{plan_title}\" is already there (version {version}); nothing was changed. \
             Use --replace to record a new version."
        ),
        ImportOutcome::Replaced {
            partnership,
            plan_versions,
        } => {
            format!(
                "Recorded in partnership {partnership}: {}.",
                versions(plan_versions)
            )
        }
    }
}

fn versions(v: &[(String, i64)]) -> String {
    v.iter()
        .map(|(title, n)| format!("\"{title}\" version {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}
