//! `boardplan doc`: the document register. A document is named by its id (as `doc list`
//! shows it) or its title.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use domain::Date;
use domain::documents::{DocumentKind, NewDocument};
use store::{DocumentRecord, DocumentsQuery, NewFile, Stamp, Store};
use web::documents::api::{DocumentList, DocumentOut};

use crate::cli::Global;
use crate::commands::resolve::{self, today, years_ahead};
use crate::commands::{actor, open, partnership};

#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// Add a document to the register, with its first file if given.
    #[command(
        after_help = "Examples:\n  boardplan doc add --kind strategy --title \"Training strategy\" --owner \"Chair, Training sub-group\" --review-due 2010-03-31 --file strategy.pdf\n  boardplan doc add --kind terms-of-reference --title \"Training sub-group: terms of reference\" --owner chair-training --subgroup Training"
    )]
    Add(Box<AddArgs>),
    /// List the register, or the reviews falling due before a day.
    #[command(
        after_help = "Examples:\n  boardplan doc list\n  boardplan doc list --due-before 2010-04-01 --json"
    )]
    List {
        /// Only documents not superseded whose review falls due before this day (YYYY-MM-DD).
        #[arg(long)]
        due_before: Option<String>,
        /// Work statuses out as at this day (default: today).
        #[arg(long)]
        as_at: Option<String>,
        /// Print the API's JSON ({\"as_at\", \"items\": [...]}) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one document and its versions.
    #[command(after_help = "Example:\n  boardplan doc show 3 --json")]
    Show {
        /// The document's id or title.
        document: String,
        #[arg(long)]
        as_at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add a version to a document.
    #[command(subcommand)]
    Version(VersionCommand),
    /// Record the meeting that approved a document (at its latest version).
    #[command(
        after_help = "Examples:\n  boardplan doc approve 3 --meeting 2009-09-16 --review-due 2010-09-30\n  boardplan doc approve \"Training strategy\" --meeting 2009-07-01 --subgroup Training"
    )]
    Approve {
        /// The document's id or title.
        document: String,
        /// The date of the meeting that approved it (YYYY-MM-DD).
        #[arg(long)]
        meeting: String,
        /// The sub-group whose meeting it was (default: the board's).
        #[arg(long)]
        subgroup: Option<String>,
        /// The next review date.
        #[arg(long)]
        review_due: Option<String>,
    },
    /// Mark a document superseded (it stays in the register).
    #[command(after_help = "Example:\n  boardplan doc supersede 3 --on 2010-04-01")]
    Supersede {
        /// The document's id or title.
        document: String,
        /// From which day (default: today).
        #[arg(long)]
        on: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum VersionCommand {
    /// Add a file as the document's next version.
    #[command(
        after_help = "Example:\n  boardplan doc version add 3 --file strategy-v2.pdf --note \"Updated for 2010-11\""
    )]
    Add {
        /// The document's id or title.
        document: String,
        #[arg(long)]
        file: std::path::PathBuf,
        /// What changed, in a sentence.
        #[arg(long)]
        note: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// terms-of-reference, protocol, procedure, strategy, plan, learning-briefing or other.
    #[arg(long)]
    pub kind: String,
    #[arg(long)]
    pub title: String,
    /// The lead role that owns it: its id, title or another spelling of it.
    #[arg(long)]
    pub owner: String,
    /// The sub-group it belongs to, if any.
    #[arg(long)]
    pub subgroup: Option<String>,
    /// When it is due for review (YYYY-MM-DD).
    #[arg(long)]
    pub review_due: Option<String>,
    /// Its file: PDF, Word, Excel, OpenDocument, PNG, JPEG, plain text or CSV.
    #[arg(long)]
    pub file: Option<std::path::PathBuf>,
}

pub async fn run(g: &Global, command: &DocCommand) -> Result<()> {
    match command {
        DocCommand::Add(args) => add(g, args).await,
        DocCommand::List {
            due_before,
            as_at,
            json,
        } => list(g, due_before.as_deref(), as_at.as_deref(), *json).await,
        DocCommand::Show {
            document,
            as_at,
            json,
        } => show(g, document, as_at.as_deref(), *json).await,
        DocCommand::Version(VersionCommand::Add {
            document,
            file,
            note,
        }) => version(g, document, file, note.clone()).await,
        DocCommand::Approve {
            document,
            meeting,
            subgroup,
            review_due,
        } => {
            approve(
                g,
                document,
                meeting,
                subgroup.as_deref(),
                review_due.as_deref(),
            )
            .await
        }
        DocCommand::Supersede { document, on } => supersede(g, document, on.as_deref()).await,
    }
}

fn any_day(flag: &str, typed: Option<&str>) -> Result<Option<Date>> {
    typed
        .map(|t| resolve::day(flag, t, years_ahead(20)))
        .transpose()
}

/// A file named on the command line, read whole.
fn read_file(path: &std::path::Path, note: Option<String>) -> Result<NewFile> {
    let bytes =
        std::fs::read(path).with_context(|| format!("could not read {}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(NewFile { name, bytes, note })
}

/// The document `typed` names: an id, or a title (case aside).
async fn find(store: &Store, slug: &str, typed: &str) -> Result<DocumentRecord> {
    if let Ok(id) = typed.trim().parse::<i64>() {
        return store.document(slug, id).await.with_context(|| {
            format!("there is no document {id}: boardplan doc list shows the ids")
        });
    }
    let all = store.documents(slug, DocumentsQuery::default()).await?;
    all.into_iter()
        .find(|d| d.title.eq_ignore_ascii_case(typed.trim()))
        .with_context(|| {
            format!(
                "no document is titled \"{typed}\": boardplan doc list shows the titles and ids"
            )
        })
}

async fn add(g: &Global, a: &AddArgs) -> Result<()> {
    let kind: DocumentKind = a
        .kind
        .parse()
        .map_err(|e: domain::InvalidValue| anyhow::anyhow!("--kind: {} {}", e.problem, e.fix))?;
    let review_due = any_day("--review-due", a.review_due.as_deref())?;
    let file = a.file.as_deref().map(|f| read_file(f, None)).transpose()?;
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let owner = resolve::role(&p, &a.owner).map_err(|e| anyhow::anyhow!("--owner: {e}"))?;
    let d = NewDocument {
        kind,
        title: a.title.clone(),
        owner,
        subgroup: a.subgroup.clone(),
        review_due,
    };
    let who = actor(g);
    let added = store
        .add_document(&slug, Stamp::now(&who), &d, file.as_ref())
        .await
        .map_err(|e| match &a.file {
            Some(f) => anyhow::anyhow!("{}: {e}", f.display()),
            None => anyhow::anyhow!("{e}"),
        })?;
    println!(
        "Added document {} \"{}\" ({}, owned by {}) to the register of {}{}.",
        added.id,
        added.title,
        added.kind.label().to_lowercase(),
        added.owner_title,
        p.name,
        added
            .latest()
            .map(|v| format!(", with {} as version 1", v.name))
            .unwrap_or_default()
    );
    Ok(())
}

async fn list(g: &Global, due: Option<&str>, as_at: Option<&str>, json: bool) -> Result<()> {
    let due_before = any_day("--due-before", due)?;
    let as_at = any_day("--as-at", as_at)?.unwrap_or_else(today);
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let docs = store
        .documents(&slug, DocumentsQuery { due_before })
        .await?;
    if json {
        let out = DocumentList {
            as_at: as_at.to_string(),
            items: docs
                .iter()
                .map(|d| DocumentOut::new(&slug, d, as_at))
                .collect(),
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    if docs.is_empty() {
        match due_before {
            Some(d) => println!("No review falls due before {d}."),
            None => println!(
                "No document is in the register yet: boardplan doc add --kind K --title T --owner ROLE"
            ),
        }
    }
    for d in &docs {
        let due = d
            .review_due
            .map(|r| format!(" review {r}"))
            .unwrap_or_default();
        println!(
            "{:>4}  {:<50} {:<18} {:<15}{due}",
            d.id,
            d.title,
            d.kind.label(),
            d.status(as_at).label()
        );
    }
    Ok(())
}

async fn show(g: &Global, typed: &str, as_at: Option<&str>, json: bool) -> Result<()> {
    let as_at = any_day("--as-at", as_at)?.unwrap_or_else(today);
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let d = find(&store, &slug, typed).await?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&DocumentOut::new(&slug, &d, as_at))?
        );
        return Ok(());
    }
    println!(
        "{} ({}): {}",
        d.title,
        d.kind.label(),
        d.status(as_at).label()
    );
    println!("Owner: {}", d.owner_title);
    if let Some(s) = &d.subgroup {
        println!("Sub-group: {s}");
    }
    if let Some(a) = &d.approved {
        println!(
            "Approved at the {} meeting on {}",
            a.subgroup.as_deref().unwrap_or("board"),
            a.meeting_date
        );
    }
    if let Some(r) = d.review_due {
        println!("Review due: {r}");
    }
    for v in &d.versions {
        println!(
            "  version {}: {} ({}, {} bytes) added {} by {}",
            v.number, v.name, v.media_type, v.size, v.added_at, v.added_by
        );
    }
    Ok(())
}

async fn version(
    g: &Global,
    typed: &str,
    file: &std::path::Path,
    note: Option<String>,
) -> Result<()> {
    let f = read_file(file, note)?;
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let d = find(&store, &slug, typed).await?;
    let who = actor(g);
    let d = store
        .add_document_version(&slug, Stamp::now(&who), d.id, &f)
        .await
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let n = d.latest().map_or(0, |v| v.number);
    println!("Added {} as version {n} of \"{}\".", f.name, d.title);
    Ok(())
}

async fn approve(
    g: &Global,
    typed: &str,
    meeting: &str,
    subgroup: Option<&str>,
    review_due: Option<&str>,
) -> Result<()> {
    let Some(meeting) = any_day("--meeting", Some(meeting))? else {
        bail!("--meeting: give the meeting's date");
    };
    let review_due = any_day("--review-due", review_due)?;
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let d = find(&store, &slug, typed).await?;
    let who = actor(g);
    let d = store
        .approve_document(&slug, Stamp::now(&who), d.id, meeting, subgroup, review_due)
        .await?;
    println!(
        "Recorded \"{}\" as approved at the {} meeting on {meeting}{}.",
        d.title,
        subgroup.unwrap_or("board"),
        d.review_due
            .map(|r| format!("; next review due {r}"))
            .unwrap_or_default()
    );
    Ok(())
}

async fn supersede(g: &Global, typed: &str, on: Option<&str>) -> Result<()> {
    let on = any_day("--on", on)?.unwrap_or_else(today);
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let d = find(&store, &slug, typed).await?;
    let who = actor(g);
    let d = store
        .supersede_document(&slug, Stamp::now(&who), d.id, on)
        .await?;
    println!("Marked \"{}\" superseded from {on}.", d.title);
    Ok(())
}
