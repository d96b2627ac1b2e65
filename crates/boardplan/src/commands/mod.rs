//! The sub-commands, grouped by capability as the store and web crates are: `plan/` (import,
//! export, plan show|edit|carry-forward), `progress/` (update, status, signoff, history,
//! settings), `governance/` (member, agency), `meetings/` (meeting, subgroup, attendance),
//! `documents/` (doc, induction), `learning/` (training, review, engagement), `assurance/`
//! (risk, s11, qa-audit), `pi/` (performance indicators), `reports/` (report, calendar),
//! `reminders/` (remind) with `mail/` (its settings), `identity/` (sign-in), `accounts/`
//! (user, token), `operations/` (backup, restore, migrate), `demo/`, and `audit` and `serve`
//! on their own. Each takes parsed arguments and opens the store; what they share (finding the
//! partnership, the plan, the actor) is here and in `resolve`.

pub(crate) mod accounts;
pub(crate) mod assurance;
pub(crate) mod audit;
pub(crate) mod demo;
pub(crate) mod documents;
pub(crate) mod governance;
pub(crate) mod identity;
pub(crate) mod learning;
pub(crate) mod mail;
pub(crate) mod meetings;
pub(crate) mod operations;
pub(crate) mod pi;
pub(crate) mod plan;
pub(crate) mod progress;
pub(crate) mod reminders;
pub(crate) mod reports;
mod resolve;
pub(crate) mod serve;

use anyhow::{Context, Result, bail};
use domain::Partnership;
use store::Store;

use crate::cli::{Cli, Command, Global};

pub async fn run(cli: Cli) -> Result<()> {
    let g = &cli.global;
    match &cli.command {
        Command::Import(args) => plan::import::run(g, args).await,
        Command::Export(args) => plan::export::run(g, args).await,
        Command::Plan(command) => plan::run(g, command).await,
        Command::Update(args) => progress::update::run(g, args).await,
        Command::Status(args) => progress::status::run(g, args).await,
        Command::Signoff(args) => progress::signoff::run(g, args).await,
        Command::History(args) => progress::history::run(g, args).await,
        Command::Meeting(command) => meetings::meeting::run(g, command).await,
        Command::Subgroup(command) => meetings::subgroup::run(g, command).await,
        Command::Attendance(args) => meetings::attendance::run(g, args).await,
        Command::Settings(command) => progress::settings::run(g, command).await,
        Command::Demo(args) => demo::run(g, args).await,
        Command::Audit(command) => audit::run(g, command).await,
        Command::Pi(command) => pi::run(g, command).await,
        Command::Report(args) => reports::report::run(g, args).await,
        Command::Calendar(args) => reports::calendar::run(g, args).await,
        Command::Serve(args) => serve::run(g, args).await,
        Command::Remind(args) => reminders::run(g, args).await,
        Command::Member(command) => governance::member::run(g, command).await,
        Command::Agency(command) => governance::agency::run(g, command).await,
        Command::Training(command) => learning::training::run(g, command).await,
        Command::Review(command) => learning::review::run(g, command).await,
        Command::Engagement(command) => learning::engagement::run(g, command).await,
        Command::Workforce(args) => pi::workforce::run(g, args).await,
        Command::Doc(command) => documents::doc::run(g, command).await,
        Command::Induction(command) => documents::induction::run(g, command).await,
        Command::Risk(command) => assurance::risks::run(g, command).await,
        Command::S11(command) => assurance::section11::run(g, command).await,
        Command::QaAudit(command) => assurance::qa_audit::run(g, command).await,
        Command::SignIn(command) => identity::run(g, command).await,
        Command::User(command) => accounts::user::run(g, command).await,
        Command::Token(command) => accounts::token::run(g, command).await,
        Command::Backup(args) => operations::backup::run(g, args).await,
        Command::Restore(args) => operations::restore::run(g, args).await,
        Command::Migrate(args) => operations::migrate::run(g, args).await,
    }
}

/// The database `--db` names (`config::resolve` has filled it in from the environment, the
/// file or the default by now).
pub fn db_url(g: &Global) -> &str {
    g.db.as_deref().unwrap_or(crate::config::DEFAULT_DB)
}

/// Open the database named by `--db`, creating and migrating it if needed.
pub async fn open(g: &Global) -> Result<Store> {
    let db = db_url(g);
    Store::connect(db)
        .await
        .with_context(|| format!("could not open the database {}", redact(db)))
}

/// Who the change log records: `--actor`, else the login name, else "command line".
pub fn actor(g: &Global) -> String {
    g.actor
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .filter(|a| !a.trim().is_empty())
        .unwrap_or_else(|| "command line".to_string())
}

/// The partnership to work on: the one `--partnership` names, or the only one there is.
pub async fn partnership(store: &Store, g: &Global) -> Result<(String, Partnership)> {
    let slug = match &g.partnership {
        Some(slug) => slug.clone(),
        None => {
            let all = store.partnerships().await?;
            match all.as_slice() {
                [] => bail!("the database is empty: import a plan first (boardplan import FILE)"),
                [one] => one.slug.clone(),
                many => bail!(
                    "the database holds {} partnerships; choose one with --partnership ({})",
                    many.len(),
                    many.iter()
                        .map(|p| p.slug.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        }
    };
    let p = store
        .load_partnership(&slug)
        .await?
        .with_context(|| format!("there is no partnership called \"{slug}\""))?;
    Ok((slug, p))
}

/// The index of the plan titled `title`, or of the only (or latest) plan.
pub fn plan_index(p: &Partnership, title: Option<&str>) -> Result<usize> {
    match title {
        Some(t) => p
            .plans
            .iter()
            .position(|pl| pl.title.eq_ignore_ascii_case(t))
            .with_context(|| {
                format!(
                    "there is no plan titled \"{t}\"; the plans are: {}",
                    p.plans
                        .iter()
                        .map(|pl| format!("\"{}\"", pl.title))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }),
        None if p.plans.is_empty() => bail!("{} has no plan yet: import one first", p.name),
        None => Ok(p.plans.len() - 1),
    }
}

/// A database URL with any password hidden, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn a_database_password_never_reaches_a_message() {
        assert_eq!(
            redact("postgres://board:s3cret@db.example:5432/plan"),
            "postgres://board:***@db.example:5432/plan"
        );
        assert_eq!(
            redact("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
        assert_eq!(redact("boardplan.db"), "boardplan.db");
    }
}
