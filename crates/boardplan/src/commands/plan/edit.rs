//! `boardplan plan edit ACTION`: change one action's text, timescale or leads between
//! imports. Each edit is a new revision from now on, so the plan as at an earlier date still
//! reads as it did.

use anyhow::{Result, bail};
use clap::Args;
use domain::Timescale;
use store::{ActionEdit, Stamp};

use crate::cli::Global;
use crate::commands::{actor, open, resolve};

#[derive(Debug, Args)]
pub struct PlanEditArgs {
    /// The action: its number ("4.1") or, where two share a number, its id ("4.2#2").
    pub action: String,
    /// The action's new text.
    #[arg(long)]
    pub text: Option<String>,
    /// Its own timescale, as a plan would write it ("March 2010", "Annually"); "objective"
    /// to follow its objective's again.
    #[arg(long)]
    pub timescale: Option<String>,
    /// A lead role (id, title or another spelling); repeat for several. Replaces its leads;
    /// "objective" to follow its objective's again.
    #[arg(long)]
    pub lead: Vec<String>,
    /// The plan's title (default: the latest plan).
    #[arg(long)]
    pub plan: Option<String>,
    /// The action's version you last saw; refused if it has changed since.
    #[arg(long)]
    pub expect_version: Option<i64>,
}

pub async fn run(g: &Global, args: &PlanEditArgs) -> Result<()> {
    let store = open(g).await?;
    let named = resolve::action(&store, g, args.plan.as_deref(), &args.action).await?;
    let period = named.plan().period;
    let timescale = match args.timescale.as_deref().map(str::trim) {
        None => None,
        Some("objective") => Some(None),
        Some(label) => {
            let reading = Timescale::read(label, Some(period));
            let t = reading.timescale;
            // "To be confirmed" is kept with no due date; anything else must give one (a
            // date that does not exist is refused, not stored without its due date).
            if t.is_unread() && !t.is_to_be_confirmed() {
                if let Some(w) = reading.warning {
                    bail!("--timescale: {w}");
                }
                bail!(
                    "--timescale: Boardplan cannot read a date from \"{label}\"; write it as a plan \
                     would, e.g. \"March 2010\", \"2010-11\" or \"Annually\""
                );
            }
            Some(Some(t))
        }
    };
    let leads = match args.lead.as_slice() {
        [] => None,
        [one] if one.trim() == "objective" => Some(Vec::new()),
        many => Some(
            many.iter()
                .map(|l| resolve::role(&named.partnership, l))
                .collect::<Result<Vec<_>>>()?,
        ),
    };
    let version = match args.expect_version {
        Some(v) => v,
        None => store.action_state(&named.slug, &named.key).await?.version,
    };
    let who = actor(g);
    let edit = ActionEdit {
        text: args.text.clone(),
        timescale,
        leads,
    };
    let written = store
        .edit_action(&named.slug, Stamp::now(&who), &named.key, version, edit)
        .await?;
    let a = &written.record;
    println!("Edited {}: {}", a.id, a.text);
    if let Some(t) = &a.timescale {
        let due = t.due.map(|d| format!(" (due {d})")).unwrap_or_default();
        println!("Timescale: {}{due}", t.label);
    }
    if !a.leads.is_empty() {
        println!("Leads: {}", a.leads.join(", "));
    }
    println!("{} is now at version {}.", a.id, written.version);
    Ok(())
}
