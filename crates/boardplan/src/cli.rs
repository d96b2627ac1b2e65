//! The command-line grammar: the global flags and the list of sub-commands, each with its
//! help and examples. Each sub-command's own flags are defined beside its code under
//! `commands/`, so that a flag and what it does are read together.

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "boardplan",
    version,
    about = "Run a safeguarding board's improvement plan: import it, track it, report on it.",
    after_help = "Examples:\n  boardplan demo\n  boardplan import plan.txt\n  boardplan plan show --objective 4\n  boardplan update 4.1 --rag amber --percent 40 --note \"Draft agreed\"\n  boardplan status --as-at 2009-12-09\n  boardplan export --format xlsx --out plan.xlsx"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The database: a SQLite file path (created if missing) or a postgres:// URL
    /// [default: boardplan.db, or `database_url` in the configuration file].
    #[arg(long, global = true, env = "BOARDPLAN_DATABASE_URL")]
    pub db: Option<String>,
    /// A TOML configuration file (keys in docs/operations.md). Flags and environment
    /// variables win over what it says.
    #[arg(long, global = true, env = "BOARDPLAN_CONFIG", value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    /// How logs are written to stderr: text for a person, or JSON lines for a log collector
    /// [default: text].
    #[arg(long, global = true, env = "BOARDPLAN_LOG_FORMAT", value_enum)]
    pub log_format: Option<crate::config::LogFormat>,
    /// Which partnership (board) to work on, by its short name. Needed only when the
    /// database holds more than one.
    #[arg(long, global = true, env = "BOARDPLAN_PARTNERSHIP")]
    pub partnership: Option<String>,
    /// Who is making the change, as recorded in the change log.
    #[arg(long, global = true, env = "BOARDPLAN_ACTOR")]
    pub actor: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import a plan document (.txt), a partnership (.json), an edited plan sheet (.csv, .xlsx),
    /// or a plan in the board's own tables (.docx, .odt, .xlsx, .ods, .csv).
    #[command(
        after_help = "Examples:\n  boardplan import kingston-plan.txt\n  boardplan import kingston-plan.txt --dry-run --json\n  boardplan import business-plan.docx --dry-run\n  boardplan import business-plan.docx --map \"lead=Responsible Officer\" --status-scale \"1=blue,2=green,3=amber,4=red\"\n  boardplan import edited-plan.xlsx --replace"
    )]
    Import(crate::commands::plan::import::ImportArgs),
    /// Export the partnership (JSON) or its plan, one row per action (CSV, XLSX).
    #[command(
        after_help = "Examples:\n  boardplan export --format json --out kingston.json\n  boardplan export --format xlsx --out plan.xlsx\n  boardplan export --format csv > plan.csv"
    )]
    Export(crate::commands::plan::export::ExportArgs),
    /// Look at the plan.
    #[command(subcommand)]
    Plan(crate::commands::plan::PlanCommand),
    /// Build a demo database from the sample plan bundled into Boardplan, with a year of
    /// progress, indicators and an account for each role, and serve it.
    #[command(
        after_help = "Example:\n  boardplan demo            # writes boardplan-demo.db in this folder"
    )]
    Demo(crate::commands::demo::DemoArgs),
    /// Check the tamper-evident change log.
    #[command(subcommand)]
    Audit(crate::commands::audit::AuditCommand),
    /// Record a progress update on an action: a RAG rating, percent done, a note, evidence.
    #[command(
        after_help = "Examples:\n  boardplan update 3.1 --rag amber --percent 40 --note \"Needs analysis done; plan drafted\"\n  boardplan update 4.2#2 --rag blue --percent 100 --note \"Adopted by the board\" --evidence minutes.pdf --date 2009-09-16\n  boardplan update 3.1 --rag green --note \"Corrected: on track\" --corrects 17"
    )]
    Update(crate::commands::progress::update::UpdateArgs),
    /// Where every action stands, now or as at a date: rating, due, overdue, stale, at risk.
    #[command(
        after_help = "Examples:\n  boardplan status\n  boardplan status --as-at 2009-12-09 --overdue --stale\n  boardplan status --lead lscb-chair --json"
    )]
    Status(crate::commands::progress::status::StatusArgs),
    /// Sign off an action's completion (it needs a blue rating and evidence), or withdraw it.
    #[command(
        after_help = "Examples:\n  boardplan --actor \"Jane Smith\" signoff 4.1 --as-role lscb-chair\n  boardplan --actor \"Jane Smith\" signoff 4.1 --as-role lscb-chair --withdraw --reason \"The protocol is still in draft\""
    )]
    Signoff(crate::commands::progress::signoff::SignoffArgs),
    /// An action's whole story: imports, edits, updates, sign-offs, where it came from.
    #[command(after_help = "Examples:\n  boardplan history 4.1\n  boardplan history 4.2#2")]
    History(crate::commands::progress::history::HistoryArgs),
    /// The board's and sub-groups' meetings: record them, their attendance, agenda,
    /// decisions, action log and minutes; list and show them.
    #[command(subcommand)]
    Meeting(crate::commands::meetings::meeting::MeetingCommand),
    /// Sub-groups: status, chair, members, how often they meet, quorum, work plan.
    #[command(subcommand)]
    Subgroup(crate::commands::meetings::subgroup::SubgroupCommand),
    /// Attendance by agency and person over a period: meetings expected, attended or
    /// represented, and the share.
    #[command(
        after_help = "Examples:\n  boardplan attendance --from 2009-04-01 --to 2010-03-31\n  boardplan attendance --from 2009-04-01 --to 2010-03-31 --json"
    )]
    Attendance(crate::commands::meetings::attendance::AttendanceArgs),
    /// The partnership's status thresholds and who may sign off.
    #[command(subcommand)]
    Settings(crate::commands::progress::settings::SettingsCommand),
    /// Make a report: the board paper, quarterly or annual report, self-assessment or public
    /// summary, as at a date, as PDF, DOCX, ODT, HTML, XLSX, ODS or CSV; or an assurance
    /// report: one audit, a Section 11 cycle, the risk register; or the yearly report of a
    /// financial year, with its narratives.
    #[command(
        after_help = "Examples:\n  boardplan report board-paper --as-at 2009-09-16 --format pdf --out board-2009-09.pdf\n  boardplan report annual --as-at 2010-03-31 --out annual-2009-10.docx\n  boardplan report yearly --year 2009-10 --out yearly-2009-10.pdf\n  boardplan report yearly --year 2009-10 --check --json\n  boardplan report yearly narrative --year 2009-10 --section training --file training.txt\n  boardplan report public --format html --out summary.html\n  boardplan report audit --audit 3 --out audit-3.pdf\n  boardplan report section11 --cycle 2010 --out s11-2010.xlsx\n  boardplan report risk-register --as-at 2010-03-31 --out risks.odt"
    )]
    Report(crate::commands::reports::report::ReportArgs),
    /// Write the iCalendar feed (.ics) of board meetings and action deadlines.
    #[command(after_help = "Example:\n  boardplan calendar --out board.ics")]
    Calendar(crate::commands::reports::calendar::CalendarArgs),
    /// Send the reminders and digests due (to leads: actions due soon, overdue, or not updated
    /// before a board meeting; to business managers: the weekly digest), or list them.
    #[command(
        after_help = "Examples:\n  boardplan remind --dry-run\n  boardplan remind --dry-run --as-at 2009-09-22 --json\n  boardplan remind --outbox ./mail\n  boardplan remind settings --due-within 21"
    )]
    Remind(crate::commands::reminders::RemindArgs),
    /// Run the web application.
    #[command(
        after_help = "Examples:\n  boardplan serve\n  boardplan --db postgres://boardplan@db/boardplan serve --addr 0.0.0.0:8080"
    )]
    Serve(crate::commands::serve::ServeArgs),
    /// The member register: add people, list them, import the register from a spreadsheet.
    #[command(subcommand)]
    Member(crate::commands::governance::member::MemberCommand),
    /// The board's agencies: statutory partner or relevant agency, representatives expected,
    /// yearly contributions.
    #[command(subcommand)]
    Agency(crate::commands::governance::agency::AgencyCommand),
    /// Training: courses, sessions, attendance and evaluation imports, and impact by course.
    #[command(subcommand)]
    Training(crate::commands::learning::training::TrainingCommand),
    /// The case reviews register: reviews, their statutory clocks and recommendations.
    #[command(subcommand)]
    Review(crate::commands::learning::review::ReviewCommand),
    /// Engagement with children, families and practitioners, and its count per quarter.
    #[command(subcommand)]
    Engagement(crate::commands::learning::engagement::EngagementCommand),
    /// The workforce section (13.2): the workforce indicators loaded, with the commentary
    /// written on them per period (`workforce comment`).
    Workforce(crate::commands::pi::workforce::WorkforceArgs),
    /// The document register: terms of reference, protocols, procedures, strategies and plans,
    /// their versions, approval and review dates.
    #[command(subcommand)]
    Doc(crate::commands::documents::doc::DocCommand),
    /// Induction: the checklist for new members, who completed what, and job descriptions
    /// acknowledged.
    #[command(subcommand)]
    Induction(crate::commands::documents::induction::InductionCommand),
    /// The risk register: add risks, rate them again, list them as at any day.
    #[command(subcommand)]
    Risk(crate::commands::assurance::risks::RiskCommand),
    /// Section 11 self-assessment: cycles and standards, agencies' ratings, moderation, the
    /// heat map.
    #[command(subcommand)]
    S11(crate::commands::assurance::section11::S11Command),
    /// The audit programme and case-file audits: add audits and cases, summaries, the
    /// golden thread.
    #[command(subcommand, name = "qa-audit")]
    QaAudit(crate::commands::assurance::qa_audit::QaAuditCommand),
    /// Signing in through an organisation's identity provider: whether the partnership's
    /// members may still use a password.
    #[command(subcommand, name = "sign-in")]
    SignIn(crate::commands::identity::SignInCommand),
    /// Manage the accounts that sign in to the web application.
    #[command(subcommand)]
    User(crate::commands::accounts::user::UserCommand),
    /// Performance indicators: import published figures, list and show them against targets,
    /// neighbours and England, and record targets and commentary.
    #[command(subcommand)]
    Pi(crate::commands::pi::PiCommand),
    /// Manage API tokens, which let scripts use the JSON API as one account in one partnership.
    #[command(subcommand)]
    Token(crate::commands::accounts::token::TokenCommand),
    /// Back up the whole database to one SQLite file, consistently, while the server serves.
    #[command(
        after_help = "Examples:\n  boardplan backup --out /var/backups/boardplan/2026-12-04.db\n  boardplan --db postgres://boardplan@db/boardplan backup --out nightly.db --overwrite"
    )]
    Backup(crate::commands::operations::backup::BackupArgs),
    /// Restore a backup into an empty database (a new SQLite file or an empty PostgreSQL
    /// database); one that holds anything is refused.
    #[command(
        after_help = "Examples:\n  boardplan --db restored.db restore nightly.db\n  boardplan --db postgres://boardplan@db/boardplan restore nightly.db"
    )]
    Restore(crate::commands::operations::restore::RestoreArgs),
    /// Move the whole database into an empty one, usually SQLite into PostgreSQL, and check
    /// it there (rows of every table, every change log).
    #[command(
        after_help = "Example:\n  boardplan --db boardplan.db migrate --to postgres://boardplan@db/boardplan"
    )]
    Migrate(crate::commands::operations::migrate::MigrateArgs),
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_grammar_is_consistent() {
        Cli::command().debug_assert();
    }
}
