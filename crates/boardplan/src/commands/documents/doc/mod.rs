//! `boardplan doc`: the document register. A document is named by its id (as `doc list`
//! shows it) or its title. The commands and their dispatch, and what they share, here;
//! `read` (list, show) and `write` (add, version add, approve, supersede) beside.

mod read;
mod write;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use domain::Date;
use store::{DocumentRecord, DocumentsQuery, NewFile, Store};

use crate::cli::Global;
use crate::commands::resolve::{self, years_ahead};

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
        DocCommand::Add(args) => write::add(g, args).await,
        DocCommand::List {
            due_before,
            as_at,
            json,
        } => read::list(g, due_before.as_deref(), as_at.as_deref(), *json).await,
        DocCommand::Show {
            document,
            as_at,
            json,
        } => read::show(g, document, as_at.as_deref(), *json).await,
        DocCommand::Version(VersionCommand::Add {
            document,
            file,
            note,
        }) => write::version(g, document, file, note.clone()).await,
        DocCommand::Approve {
            document,
            meeting,
            subgroup,
            review_due,
        } => {
            write::approve(
                g,
                document,
                meeting,
                subgroup.as_deref(),
                review_due.as_deref(),
            )
            .await
        }
        DocCommand::Supersede { document, on } => {
            write::supersede(g, document, on.as_deref()).await
        }
    }
}

pub(super) fn any_day(flag: &str, typed: Option<&str>) -> Result<Option<Date>> {
    typed
        .map(|t| resolve::day(flag, t, years_ahead(20)))
        .transpose()
}

/// A file named on the command line, read whole.
pub(super) fn read_file(path: &std::path::Path, note: Option<String>) -> Result<NewFile> {
    let bytes =
        std::fs::read(path).with_context(|| format!("could not read {}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(NewFile { name, bytes, note })
}

/// The document `typed` names: an id, or a title (case aside).
pub(super) async fn find(store: &Store, slug: &str, typed: &str) -> Result<DocumentRecord> {
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
