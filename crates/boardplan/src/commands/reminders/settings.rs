//! `boardplan remind settings`: a partnership's reminder notice — days before a due date,
//! days before a board meeting, and the weekly digest's day.

use anyhow::{Result, bail};
use clap::Args;
use jiff::civil::Weekday;
use store::Stamp;

use crate::cli::Global;
use crate::commands::{actor, open, partnership};

#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// Remind leads of actions due within this many days (default 14).
    #[arg(long, value_name = "DAYS")]
    pub due_within: Option<i32>,
    /// Remind leads this many days before a board meeting (default 7).
    #[arg(long, value_name = "DAYS")]
    pub meeting_notice: Option<i32>,
    /// The weekly digest's day: monday … sunday (default monday).
    #[arg(long, value_name = "DAY")]
    pub digest_day: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

fn weekday(text: &str) -> Result<Weekday> {
    match domain::reminders::weekday_from_name(text) {
        Some(d) => Ok(d),
        None => bail!("--digest-day: \"{text}\" is not a day of the week; write monday … sunday"),
    }
}

pub async fn run(g: &Global, args: &SettingsArgs) -> Result<()> {
    let day = args.digest_day.as_deref().map(weekday).transpose()?;
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let mut s = store.reminder_settings(&slug).await?;
    if args.due_within.is_some() || args.meeting_notice.is_some() || day.is_some() {
        s.due_within_days = args.due_within.unwrap_or(s.due_within_days);
        s.meeting_notice_days = args.meeting_notice.unwrap_or(s.meeting_notice_days);
        s.digest_weekday = day.unwrap_or(s.digest_weekday);
        let who = actor(g);
        store
            .set_reminder_settings(&slug, Stamp::now(&who), s)
            .await?;
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
    } else {
        println!(
            "Reminders: {} days before a due date, {} days before a board meeting; the weekly \
             digest on {}s.",
            s.due_within_days,
            s.meeting_notice_days,
            serde_json::to_value(s)?["digest_weekday"]
                .as_str()
                .unwrap_or("monday")
        );
    }
    Ok(())
}
