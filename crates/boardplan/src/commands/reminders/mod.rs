//! `boardplan remind`: the reminders and digests due as at a date — listed with `--dry-run`
//! (to whom, what kind, the subject, the actions, documents or Section 11 returns it names,
//! and why; nothing sent or recorded), or
//! queued, recorded as sent and sent now (to `--outbox DIR` as `.eml` files when given).
//! `remind settings` shows or changes a partnership's notice. `schedule` starts the rounds
//! `serve` runs beside the server.

pub(crate) mod schedule;
mod settings;

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use serde_json::json;
use web::mail::transport::Sender;
use web::mail::worker::{deliver_due, worker_name};
use web::reminders::compose::Outgoing;
use web::reminders::round::{compose_all, round};

use crate::cli::Global;
use crate::commands::mail::MailSettings;
use crate::commands::resolve::{self, today};
use crate::commands::{actor, db_url, open};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RemindArgs {
    #[command(subcommand)]
    pub command: Option<RemindCommand>,
    /// List what would be sent, to whom and why, without sending or recording anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Remind as at the end of this day (YYYY-MM-DD; default today).
    #[arg(long)]
    pub as_at: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Write the messages into this folder as .eml files instead of sending them.
    #[arg(long, value_name = "DIR")]
    pub outbox: Option<PathBuf>,
    /// From the configuration file and environment only (`[mail]`).
    #[arg(skip)]
    pub mail: MailSettings,
}

#[derive(Debug, Subcommand)]
pub enum RemindCommand {
    /// Show or change how many days' notice reminders give (per partnership).
    Settings(settings::SettingsArgs),
}

fn listed(o: &Outgoing) -> serde_json::Value {
    json!({
        "partnership": o.partnership,
        "to": o.reminder.to.email,
        "kind": o.reminder.kind.as_str(),
        "subject": o.subject,
        "actions": o.reminder.actions.iter().map(|a| a.number.as_str()).collect::<Vec<_>>(),
        "documents": o.reminder.documents.iter().map(|d| json!({
            "id": d.id,
            "title": d.title,
            "review_due": d.review_due.to_string(),
        })).collect::<Vec<_>>(),
        "returns": o.reminder.returns.iter().map(|t| json!({
            "cycle": t.year,
            "agency": t.agency,
            "due": t.due.to_string(),
            "unrated": t.unrated,
            "of": t.of,
            "overdue": t.overdue,
        })).collect::<Vec<_>>(),
        "why": o.reminder.why,
    })
}

fn print_list(all: &[Outgoing]) {
    if all.is_empty() {
        println!("No reminders are due.");
    }
    for o in all {
        let r = &o.reminder;
        let numbers: Vec<&str> = r.actions.iter().map(|a| a.number.as_str()).collect();
        println!("To {} ({}): {}", r.to.email, r.kind.as_str(), o.subject);
        if !numbers.is_empty() {
            println!("  actions: {}", numbers.join(", "));
        }
        for d in &r.documents {
            println!("  document: {} (review due {})", d.title, d.review_due);
        }
        for t in &r.returns {
            println!(
                "  Section 11 return: {}, cycle {} (due {}; {} of {} standards unrated)",
                t.agency, t.year, t.due, t.unrated, t.of
            );
        }
        println!("  why: {}", r.why);
    }
}

pub async fn run(g: &Global, args: &RemindArgs) -> Result<()> {
    if let Some(RemindCommand::Settings(s)) = &args.command {
        return settings::run(g, s).await;
    }
    let as_at = match &args.as_at {
        Some(d) => resolve::day("--as-at", d, today())?,
        None => today(),
    };
    let store = open(g).await?;
    let base_url = args
        .mail
        .base_url(&format!("http://{}", crate::config::DEFAULT_ADDR));
    let only = g.partnership.as_deref();
    if args.dry_run {
        let all = compose_all(&store, as_at, &base_url, only).await?;
        if args.json {
            let list: Vec<_> = all.iter().map(listed).collect();
            println!("{}", serde_json::to_string_pretty(&list)?);
        } else {
            print_list(&all);
        }
        return Ok(());
    }
    let config = args.mail.config(db_url(g), args.outbox.as_deref());
    let sender = Sender::new(&config).map_err(anyhow::Error::msg)?;
    let outcome = round(&store, as_at, &base_url, &actor(g), only).await?;
    let delivered = deliver_due(&store, &sender, &config, &worker_name())
        .await
        .context("the reminders were queued, but sending them failed; they will be sent later")?;
    if args.json {
        let doc = json!({
            "queued": outcome.queued,
            "sent": delivered.sent,
            "waiting": delivered.waiting,
            "failed": delivered.failed,
            "messages": outcome.composed.iter().map(listed).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&doc)?);
    } else {
        print_list(&outcome.composed);
        println!(
            "Queued {} message(s); sent {}, waiting to be retried {}, refused {}.",
            outcome.queued, delivered.sent, delivered.waiting, delivered.failed
        );
    }
    store.close().await;
    Ok(())
}
