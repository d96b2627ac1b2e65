//! `boardplan update ACTION`: record a progress update (a RAG rating, percent complete, a
//! narrative, the date it speaks for, evidence files and links). Every value is checked before
//! anything is written; an impossible one changes nothing.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use clap::Args;
use domain::{Percent, Rag};
use store::{MAX_EVIDENCE_BYTES, NewEvidence, NewUpdate, Stamp};

use crate::cli::Global;
use crate::commands::resolve::{self, today};
use crate::commands::{actor, open};

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The action: its number ("4.1") or, where two share a number, its id ("4.2#2").
    pub action: String,
    /// red (off track), amber (some slippage), green (on track), blue (complete) or grey (not
    /// started).
    #[arg(long)]
    pub rag: String,
    /// Percent complete, 0 to 100.
    #[arg(long)]
    pub percent: Option<String>,
    /// What has happened, in a sentence or two.
    #[arg(long)]
    pub note: String,
    /// A file that evidences the progress (PDF, Word, Excel, OpenDocument, PNG, JPEG, text
    /// or CSV; at most 20 MB). Repeat for several.
    #[arg(long)]
    pub evidence: Vec<PathBuf>,
    /// A web address that evidences the progress. Repeat for several.
    #[arg(long)]
    pub link: Vec<String>,
    /// The date the update speaks for (YYYY-MM-DD; default today).
    #[arg(long)]
    pub date: Option<String>,
    /// The id of an earlier update of this action that this one corrects.
    #[arg(long)]
    pub corrects: Option<i64>,
    /// The plan's title (default: the latest plan).
    #[arg(long)]
    pub plan: Option<String>,
    /// The action's version you last saw (from `boardplan history`); refused if it has
    /// changed since. Default: its version now.
    #[arg(long)]
    pub expect_version: Option<i64>,
}

pub async fn run(g: &Global, args: &UpdateArgs) -> Result<()> {
    let rag: Rag = args.rag.parse().map_err(|e| anyhow!("--rag: {e}"))?;
    let percent = args
        .percent
        .as_deref()
        .map(|p| p.parse::<Percent>().map_err(|e| anyhow!("--percent: {e}")))
        .transpose()?;
    resolve::not_blank("--note", &args.note)?;
    let as_of = match &args.date {
        Some(d) => resolve::day("--date", d, today())?,
        None => today(),
    };
    let mut evidence = Vec::new();
    for path in &args.evidence {
        evidence.push(read_evidence(path)?);
    }
    for url in &args.link {
        evidence.push(NewEvidence::Link {
            url: url.clone(),
            title: None,
        });
    }
    let store = open(g).await?;
    let named = resolve::action(&store, g, args.plan.as_deref(), &args.action).await?;
    let version = match args.expect_version {
        Some(v) => v,
        None => store.action_state(&named.slug, &named.key).await?.version,
    };
    let files = args.evidence.len();
    let who = actor(g);
    let written = store
        .record_update(
            &named.slug,
            Stamp::now(&who),
            &named.key,
            version,
            NewUpdate {
                rag,
                percent,
                narrative: args.note.clone(),
                as_of,
                evidence,
                corrects: args.corrects,
            },
        )
        .await?;
    let u = &written.record;
    let percent = u
        .percent
        .map(|p| format!(", {}%", p.get()))
        .unwrap_or_default();
    let attached = match (files, args.link.len()) {
        (0, 0) => String::new(),
        (f, 0) => format!(", with {}", count(f, "evidence file")),
        (0, l) => format!(", with {}", count(l, "link")),
        (f, l) => format!(
            ", with {} and {}",
            count(f, "evidence file"),
            count(l, "link")
        ),
    };
    println!(
        "Recorded update {} on {}: {} ({}){percent}, as of {}{attached}.",
        u.id,
        named.label(),
        u.rag,
        u.rag.meaning(),
        u.as_of
    );
    if let Some(c) = u.corrects {
        println!("It corrects update {c}, which no longer counts.");
    }
    println!(
        "{} is now at version {}.",
        named.key.action, written.version
    );
    Ok(())
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Read an evidence file, refusing one too large before reading it and one of a kind
/// Boardplan does not keep.
fn read_evidence(path: &Path) -> Result<NewEvidence> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let meta = std::fs::metadata(path).with_context(|| {
        format!(
            "cannot read the evidence file {}: check the path",
            path.display()
        )
    })?;
    if meta.is_dir() {
        bail!(
            "{} is a folder; give the path of an evidence file",
            path.display()
        );
    }
    if meta.len() > MAX_EVIDENCE_BYTES as u64 {
        bail!(
            "{name}: the file is {:.1} MB; evidence files can be at most {} MB (link to a larger one with --link instead)",
            meta.len() as f64 / 1_048_576.0,
            MAX_EVIDENCE_BYTES / 1_048_576
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    store::sniff_evidence(&name, &bytes)?;
    Ok(NewEvidence::File { name, bytes })
}
