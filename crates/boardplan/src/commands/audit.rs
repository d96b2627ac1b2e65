//! `boardplan audit`: recompute the change log's hash chain (`verify`), print its newest
//! entry to write down (`head`), so that a later `verify --expect` shows a log cut back or
//! rewritten before that entry, which the chain alone cannot, and list its entries (`log`),
//! for an administrator asked who did what.

use anyhow::{Result, bail};
use clap::Subcommand;
use serde::Serialize;
use store::{Anchor, AnchorCheck, Change};

use super::{open, partnership};
use crate::cli::Global;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute the change log's hash chain and name the first entry that does not match.
    #[command(
        after_help = "Examples:\n  boardplan audit verify\n  boardplan audit verify --expect 1234:9f2c41d07a6be853"
    )]
    Verify {
        /// An entry written down earlier as ID:HASH (from `boardplan audit head`; at least 16
        /// hex digits of the hash): fail if the log no longer holds it as it was, i.e. it was
        /// cut back or rewritten before it, which the chain alone cannot show.
        #[arg(long, value_name = "ID:HASH")]
        expect: Option<store::Anchor>,
    },
    /// Print the newest change-log entry as ID:HASH, to write into the minutes or a board
    /// paper and check later with `audit verify --expect`.
    #[command(after_help = "Example:\n  boardplan audit head --partnership kingston-lscb")]
    Head,
    /// List the change log's entries, oldest first: id, time (UTC), who, the kind of record
    /// and what was done to it.
    #[command(after_help = LOG_HELP)]
    Log {
        /// Only entries after this id: the last one you read, to see what is new.
        #[arg(long, value_name = "ID")]
        since: Option<i64>,
        /// Only entries of this kind (listed below).
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
        /// Print a JSON array of {id, at, actor, kind, what} instead of a table.
        #[arg(long)]
        json: bool,
    },
}

const LOG_HELP: &str = "\
Kinds of entry:
  who may act:  account (added, password changed, disabled), membership (a role given or
                changed), api_token (made, revoked), calendar_feed (a private calendar
                address made, revoked)
  the board:    partnership, agency, subgroup, role, review, recommendation, trace_link,
                meeting, settings
  governance:   person (the member register), contribution (an agency's money for a year)
  assurance:    risk, risk_rating, s11_cycle, s11_rating, s11_moderation,
                s11_evidence (a file on a return), s11_action (an improvement action
                linked to a plan action)
  the plan:     plan, objective, action, carry_forward
  progress:     update, evidence_file, signoff
  indicators:   indicator_import, indicator_value, indicator_settings, indicator_target,
                indicator_commentary, neighbours_model
  reminders:    reminder (a reminder or digest queued to someone), reminder_unsubscribe
                (a kind turned off from a message's link), reminder_settings

Examples:
  boardplan audit log --kind api_token
  boardplan audit log --since 1234 --json";

pub async fn run(g: &Global, command: &AuditCommand) -> Result<()> {
    match command {
        AuditCommand::Verify { expect } => verify(g, expect.as_ref()).await,
        AuditCommand::Head => head(g).await,
        AuditCommand::Log { since, kind, json } => {
            log(g, since.unwrap_or(0), kind.as_deref(), *json).await
        }
    }
}

/// One entry as `audit log --json` prints it.
#[derive(Serialize)]
struct LogEntry<'a> {
    id: i64,
    at: &'a str,
    actor: &'a str,
    kind: &'a str,
    what: String,
}

impl<'a> From<&'a Change> for LogEntry<'a> {
    fn from(c: &'a Change) -> Self {
        LogEntry {
            id: c.id,
            at: &c.at,
            actor: &c.actor,
            kind: &c.entity,
            what: c.what(),
        }
    }
}

async fn log(g: &Global, since: i64, kind: Option<&str>, as_json: bool) -> Result<()> {
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let entries = store.change_log_after(&slug, since, kind).await?;
    if as_json {
        let items: Vec<LogEntry> = entries.iter().map(LogEntry::from).collect();
        println!("{}", serde_json::to_string_pretty(&items)?);
    } else if !entries.is_empty() {
        println!("ID\tAT\tACTOR\tKIND\tWHAT");
        for e in entries.iter().map(LogEntry::from) {
            println!("{}\t{}\t{}\t{}\t{}", e.id, e.at, e.actor, e.kind, e.what);
        }
    }
    if entries.is_empty() {
        let after = if since > 0 {
            format!(" after entry {since}")
        } else {
            String::new()
        };
        let note = match kind {
            None => format!("has no entries{after}"),
            Some(k) => {
                let kinds = store.change_log_kinds(&slug).await?;
                if kinds.iter().any(|held| held == k) {
                    format!("has no entries of kind \"{k}\"{after}")
                } else {
                    // A kind this log never had is more likely a slip: name the ones it has.
                    format!(
                        "has no entries of kind \"{k}\"; it holds: {}",
                        kinds.join(", ")
                    )
                }
            }
        };
        eprintln!("The change log of {} {note}.", p.name);
    }
    Ok(())
}

async fn verify(g: &Global, expect: Option<&Anchor>) -> Result<()> {
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let v = store.verify_change_log_against(&slug, expect).await?;
    if let Some(id) = v.first_bad {
        bail!(
            "the change log of {} has been altered: entry {id} does not match its hash. \
             Restore the database from a backup taken before that entry, and find out who changed it.",
            p.name
        );
    }
    match (expect, v.anchor) {
        (Some(a), Some(AnchorCheck::Missing)) => bail!(
            "the change log of {} has been cut back: entry {} (written down as {a}) is no longer \
             in it, though what is left still links up. Restore the database from a backup that \
             holds that entry, and find out who removed it.",
            p.name,
            a.id
        ),
        (Some(a), Some(AnchorCheck::Differs { hash })) => bail!(
            "the change log of {} has been rewritten: entry {} has the hash {hash}, not {} as \
             written down. Restore the database from a backup that holds that entry as it was, \
             and find out who rewrote it.",
            p.name,
            a.id,
            a.hash
        ),
        (Some(a), _) => println!(
            "The change log of {} is intact: {} entries, every hash matches, and entry {} matches \
             the anchor written down.",
            p.name, v.entries, a.id
        ),
        (None, _) => println!(
            "The change log of {} is intact: {} entries, every hash matches.",
            p.name, v.entries
        ),
    }
    Ok(())
}

/// The anchor alone on standard output, so that a script can keep it; what to do with it on
/// standard error.
async fn head(g: &Global) -> Result<()> {
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let Some(anchor) = store.change_log_head(&slug).await? else {
        bail!(
            "the change log of {} is empty: there is nothing to anchor yet",
            p.name
        );
    };
    println!("{anchor}");
    eprintln!(
        "The newest entry of the change log of {} is {}. Write it into the minutes (at least \
         its id and the first {} characters of its hash); `boardplan audit verify --expect \
         {anchor}` later shows whether the log was cut back or rewritten before it.",
        p.name,
        anchor.id,
        Anchor::MIN_PREFIX
    );
    Ok(())
}
