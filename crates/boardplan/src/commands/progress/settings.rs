//! `boardplan settings show|set`: the partnership's status thresholds (due soon, stale) and
//! who may sign off a completion; `boardplan settings public on|off`: whether its public
//! summary is published.

use anyhow::Result;
use clap::{Subcommand, ValueEnum};
use domain::{SignOffPolicy, StatusRules};
use store::Stamp;

use crate::cli::Global;
use crate::commands::{actor, open, partnership, resolve};

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Show the thresholds and the sign-off policy in force.
    Show,
    /// Change them; what is not given stays as it is.
    #[command(
        after_help = "Examples:\n  boardplan settings set --due-soon-days 14\n  boardplan settings set --board-role lscb-chair --board-role deputy-chair-lscb --subgroup-chairs false"
    )]
    Set {
        /// An action due within this many days is "due soon".
        #[arg(long)]
        due_soon_days: Option<i32>,
        /// With no board meeting recorded, an action with no update for this many days is stale.
        #[arg(long)]
        stale_days: Option<i32>,
        /// A role that may sign off any action (repeat for several; replaces the list).
        #[arg(long)]
        board_role: Vec<String>,
        /// Whether the chair of the lead's sub-group may sign off too.
        #[arg(long)]
        subgroup_chairs: Option<bool>,
    },
    /// Publish the public summary at /public (on) or stop (off); without either, say which.
    #[command(
        after_help = "Examples:\n  boardplan settings public on\n  boardplan settings public"
    )]
    Public {
        /// on: anyone may read the plan's objectives, actions and progress (no narrative,
        /// evidence or names) without signing in; off: only the partnership's members.
        state: Option<OnOff>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

pub async fn run(g: &Global, command: &SettingsCommand) -> Result<()> {
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    if let SettingsCommand::Public { state } = command {
        let published = match state {
            Some(state) => {
                let who = actor(g);
                store
                    .set_published(&slug, Stamp::now(&who), *state == OnOff::On)
                    .await?
            }
            None => store.published(&slug).await?,
        };
        if published {
            println!(
                "Public summary: on. Anyone can read {}'s plan and progress at /public/{slug}.",
                p.name
            );
        } else {
            println!(
                "Public summary: off. Only {}'s members can see its plan.",
                p.name
            );
        }
        return Ok(());
    }
    let mut s = store.settings(&slug).await?;
    if let SettingsCommand::Set {
        due_soon_days,
        stale_days,
        board_role,
        subgroup_chairs,
    } = command
    {
        let rules = StatusRules {
            due_soon_days: due_soon_days.unwrap_or(s.rules.due_soon_days),
            stale_days: stale_days.unwrap_or(s.rules.stale_days),
        };
        let board_roles = if board_role.is_empty() {
            s.sign_off.board_roles.clone()
        } else {
            board_role
                .iter()
                .map(|r| resolve::role(&p, r))
                .collect::<Result<Vec<_>>>()?
        };
        let policy = SignOffPolicy {
            board_roles,
            subgroup_chairs: subgroup_chairs.unwrap_or(s.sign_off.subgroup_chairs),
        };
        let who = actor(g);
        s = store
            .set_settings(&slug, Stamp::now(&who), rules, policy)
            .await?;
        println!("Saved.");
    }
    let roles: Vec<String> = s
        .sign_off
        .board_roles
        .iter()
        .map(|id| {
            p.role(id)
                .map_or(id.clone(), |r| format!("{} ({id})", r.title))
        })
        .collect();
    println!("Due soon: within {} days.", s.rules.due_soon_days);
    println!(
        "Stale: no update since the last board meeting, or for {} days where none is recorded.",
        s.rules.stale_days
    );
    println!(
        "Sign-off: {}{}.",
        if roles.is_empty() {
            "nobody named".into()
        } else {
            roles.join(", ")
        },
        if s.sign_off.subgroup_chairs {
            ", and the chair of the sub-group that leads the action"
        } else {
            ""
        }
    );
    if !s.configured {
        println!(
            "(These are the defaults: nothing has been set for {}.)",
            p.name
        );
    }
    Ok(())
}
