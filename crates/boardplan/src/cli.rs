//! The command-line grammar: every sub-command, its flags and an example for each.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    /// The database: a SQLite file path (created if missing) or a postgres:// URL.
    #[arg(
        long,
        global = true,
        env = "BOARDPLAN_DATABASE_URL",
        default_value = "boardplan.db"
    )]
    pub db: String,
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
    /// Import a plan document (.txt), a partnership (.json) or an edited plan sheet (.csv, .xlsx).
    #[command(
        after_help = "Examples:\n  boardplan import kingston-plan.txt\n  boardplan import kingston-plan.txt --dry-run --json\n  boardplan import edited-plan.xlsx --replace"
    )]
    Import(ImportArgs),
    /// Export the partnership (JSON) or its plan, one row per action (CSV, XLSX).
    #[command(
        after_help = "Examples:\n  boardplan export --format json --out kingston.json\n  boardplan export --format xlsx --out plan.xlsx\n  boardplan export --format csv > plan.csv"
    )]
    Export(ExportArgs),
    /// Look at the plan.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Build a demo database from the sample plan bundled into Boardplan, with a year of
    /// progress, indicators and an account for each role, and serve it.
    #[command(
        after_help = "Example:\n  boardplan demo            # writes boardplan-demo.db in this folder"
    )]
    Demo(DemoArgs),
    /// Check the tamper-evident change log.
    #[command(subcommand)]
    Audit(AuditCommand),
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
    /// Record and list the board's and sub-groups' meetings.
    #[command(subcommand)]
    Meeting(crate::commands::progress::meeting::MeetingCommand),
    /// The partnership's status thresholds and who may sign off.
    #[command(subcommand)]
    Settings(crate::commands::progress::settings::SettingsCommand),
    /// Make a report: the board paper, quarterly or annual report, self-assessment or public
    /// summary, as at a date, as PDF, DOCX, ODT, HTML, XLSX, ODS or CSV.
    #[command(
        after_help = "Examples:\n  boardplan report board-paper --as-at 2009-09-16 --format pdf --out board-2009-09.pdf\n  boardplan report annual --as-at 2010-03-31 --out annual-2009-10.docx\n  boardplan report public --format html --out summary.html"
    )]
    Report(crate::commands::reports::report::ReportArgs),
    /// Write the iCalendar feed (.ics) of board meetings and action deadlines.
    #[command(after_help = "Example:\n  boardplan calendar --out board.ics")]
    Calendar(crate::commands::reports::calendar::CalendarArgs),
    /// Run the web application.
    #[command(
        after_help = "Examples:\n  boardplan serve\n  boardplan --db postgres://boardplan@db/boardplan serve --addr 0.0.0.0:8080"
    )]
    Serve(ServeArgs),
    /// Manage the accounts that sign in to the web application.
    #[command(subcommand)]
    User(UserCommand),
    /// Performance indicators: import published figures, list and show them against targets,
    /// neighbours and England, and record targets and commentary.
    #[command(subcommand)]
    Pi(crate::commands::pi::PiCommand),
    /// Manage API tokens, which let scripts use the JSON API as one account in one partnership.
    #[command(subcommand)]
    Token(TokenCommand),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where to listen.
    #[arg(long, env = "BOARDPLAN_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Mark cookies Secure: on whenever people reach Boardplan over HTTPS (the default
    /// unless listening on this machine only).
    #[arg(long, env = "BOARDPLAN_SECURE_COOKIES")]
    pub secure_cookies: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an account (or give an existing one a role in a partnership). The password is
    /// read from standard input, so it never appears in the shell's history.
    #[command(
        after_help = "Example:\n  printf '%s' \"$PASSWORD\" | boardplan user add chair@kingston.example --role board_member --name \"Board Chair\" --holds lscb-chair --password-stdin"
    )]
    Add {
        email: String,
        /// administrator, business_manager, lead_officer, board_member or reader.
        #[arg(long)]
        role: String,
        /// The person's name as shown to others.
        #[arg(long)]
        name: Option<String>,
        /// Lead roles this person holds (role ids, as `boardplan plan show` names them).
        #[arg(long, value_delimiter = ',')]
        holds: Vec<String>,
        /// Read the password from standard input.
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Make an API token for an existing account in a partnership (`--partnership`, or the
    /// only one there is). The token is printed once, alone on standard output; only its hash
    /// is kept, so it cannot be shown again.
    #[command(
        after_help = "Example:\n  TOKEN=$(boardplan token create lead@kingston.example --name \"weekly RAG script\" --partnership kingston-lscb)\n  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8080/api/v1/partnerships"
    )]
    Create {
        /// The account the token acts as.
        email: String,
        /// What the token is for, so that it can be recognised later.
        #[arg(long)]
        name: String,
    },
    /// List API tokens (every partnership's, or `--partnership`'s): id, account, partnership,
    /// name, when made, and whether revoked. Never the token itself.
    #[command(
        after_help = "Examples:\n  boardplan token list\n  boardplan token list --partnership kingston-lscb --json"
    )]
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Revoke an API token: the API refuses it from the next request. Give its id from
    /// `boardplan token list`, or its name and account. Recorded in the partnership's change log.
    #[command(
        after_help = "Examples:\n  boardplan token revoke 3\n  boardplan token revoke --name \"weekly RAG script\" --email lead@kingston.example",
        group(clap::ArgGroup::new("which").required(true).args(["id", "name"]))
    )]
    Revoke {
        /// The token's id, as `boardplan token list` shows it.
        id: Option<i64>,
        /// Instead of the id: the token's name, with --email.
        #[arg(long, requires = "email")]
        name: Option<String>,
        /// The account the named token acts as.
        #[arg(long, requires = "name")]
        email: Option<String>,
    },
}

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
    /// Record a new version of a plan that is already there.
    #[arg(long)]
    pub replace: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// For a CSV or XLSX sheet: the title of the plan it edits (default: the only plan).
    #[arg(long)]
    pub plan: Option<String>,
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

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to this file instead of standard output (needed for xlsx).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// For csv and xlsx: the title of the plan (default: the only plan).
    #[arg(long)]
    pub plan: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    Xlsx,
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Show the plan as a tree: objectives, their actions, sources, timescales and leads.
    #[command(
        after_help = "Examples:\n  boardplan plan show\n  boardplan plan show --objective 9\n  boardplan plan show --as-at 2009-09-16"
    )]
    Show {
        /// Show only this objective.
        #[arg(long)]
        objective: Option<String>,
        /// The plan's title (default: the only plan).
        #[arg(long)]
        plan: Option<String>,
        /// Show the plan as it stood at the end of this day (YYYY-MM-DD).
        #[arg(long)]
        as_at: Option<String>,
    },
    /// Change one action's text, timescale or leads (a new revision; history is kept).
    #[command(
        after_help = "Examples:\n  boardplan plan edit 3.1 --timescale \"March 2010\"\n  boardplan plan edit 4.2#2 --text \"Develop and agree a role description for members\" --lead development-officer"
    )]
    Edit(crate::commands::plan::edit::PlanEditArgs),
    /// Close the plan's period and carry its unfinished actions into a new plan.
    #[command(
        after_help = "Example:\n  boardplan plan carry-forward --to-title \"Business Plan 2010-11\" --start 2010-04-01 --end 2011-03-31\n\nEvery action not signed off as complete moves into the new plan with its objective,\nkeeping its number, text, timescale and leads; `boardplan history` shows where it came from.\nThe old plan is closed: it takes no more updates."
    )]
    CarryForward(crate::commands::plan::carry_forward::CarryForwardArgs),
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to write the demo database (a SQLite file). `--db` is ignored by demo so that
    /// it never touches a real database by accident.
    #[arg(long, default_value = "boardplan-demo.db")]
    pub file: PathBuf,
    /// Where the demo's web application listens.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Build the demo database and stop, without serving it.
    #[arg(long)]
    pub no_serve: bool,
}

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
