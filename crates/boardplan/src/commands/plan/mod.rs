//! The plan itself: bringing a plan document or sheet in (`import`; a plan in the board's own
//! tables in `import_tables`) and out (`export`), and
//! `boardplan plan show|edit|carry-forward` (`show`, `edit`, `carry_forward`).

pub(crate) mod carry_forward;
pub(crate) mod edit;
pub(crate) mod export;
pub(crate) mod first_updates;
pub(crate) mod import;
pub(crate) mod import_tables;
pub(crate) mod later_version;
pub(crate) mod show;

use anyhow::Result;
use clap::Subcommand;

use crate::cli::Global;

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Show the plan as a tree: objectives, their actions, sources, timescales and leads.
    #[command(
        after_help = "Examples:\n  boardplan plan show\n  boardplan plan show --objective 9\n  boardplan plan show --as-at 2009-09-16\n  boardplan plan show --as-recorded 2009-09-16"
    )]
    Show {
        /// Show only this objective.
        #[arg(long)]
        objective: Option<String>,
        /// The plan's title (default: the only plan).
        #[arg(long)]
        plan: Option<String>,
        /// Show the plan whose period holds this day, as it is now (YYYY-MM-DD).
        #[arg(long)]
        as_at: Option<String>,
        /// Show the plan as it had been recorded by the end of this day (YYYY-MM-DD): the
        /// version current then, with the edits made by then.
        #[arg(long, conflicts_with = "as_at")]
        as_recorded: Option<String>,
    },
    /// Change one action's text, timescale or leads (a new revision; history is kept).
    #[command(
        after_help = "Examples:\n  boardplan plan edit 3.1 --timescale \"March 2010\"\n  boardplan plan edit 4.2#2 --text \"Develop and agree a role description for members\" --lead development-officer"
    )]
    Edit(crate::commands::plan::edit::PlanEditArgs),
    /// Close the plan's period and carry its unfinished actions into a new plan.
    #[command(
        after_help = "Examples:\n  boardplan plan carry-forward --to-title \"Business Plan 2010-11\" --start 2010-04-01 --end 2011-03-31\n  boardplan plan carry-forward --to-title \"Business Plan 2010-11\" --start 2010-04-01 --end 2011-03-31 --due 2010-09-30 --due-objective 3=2011-03-31\n  boardplan plan carry-forward --to-title \"Business Plan 2010-11\" --start 2010-04-01 --end 2011-03-31 --due-file new-dates.csv\n\nEvery action not signed off as complete moves into the new plan with its objective,\nkeeping its number, text and leads; `boardplan history` shows where it came from.\nIt takes the new timescale given for it (per action, else per objective, else --due);\ngiven none, it is \"to be re-timed\": no due date, listed on the dashboard until\n`boardplan plan edit ACTION --timescale DATE` re-times it.\nThe old plan is closed: it takes no more updates."
    )]
    CarryForward(crate::commands::plan::carry_forward::CarryForwardArgs),
}

pub async fn run(g: &Global, command: &PlanCommand) -> Result<()> {
    match command {
        PlanCommand::Show {
            objective,
            plan,
            as_at,
            as_recorded,
        } => {
            show::run(
                g,
                objective.as_deref(),
                plan.as_deref(),
                as_at.as_deref(),
                as_recorded.as_deref(),
            )
            .await
        }
        PlanCommand::Edit(args) => edit::run(g, args).await,
        PlanCommand::CarryForward(args) => carry_forward::run(g, args).await,
    }
}
