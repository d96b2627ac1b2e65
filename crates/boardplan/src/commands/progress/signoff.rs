//! `boardplan signoff ACTION --as-role ROLE`: sign off an action's completion, or withdraw a
//! sign-off with a reason.
//!
//! Whoever runs the command line has the database in their hands, so it cannot prove who
//! they are; it records who they say they are (`--actor`) and the lead role they sign under
//! (`--as-role`), and the store accepts that role only if the partnership's sign-off policy
//! lets it sign off this action (the board's chair, or the chair of the sub-group that leads
//! it, unless `boardplan settings` says otherwise). In the web application the role comes
//! from the signed-in account's membership instead.

use anyhow::{Result, bail};
use clap::Args;
use domain::{AccessRole, Membership};
use store::{Stamp, StoreError};

use crate::cli::Global;
use crate::commands::{actor, open, resolve};

#[derive(Debug, Args)]
pub struct SignoffArgs {
    /// The action: its number ("4.1") or, where two share a number, its id ("4.2#2").
    pub action: String,
    /// The lead role you sign under (its id or title), e.g. lscb-chair. Without it, the
    /// roles that may sign off this action are listed.
    #[arg(long)]
    pub as_role: Option<String>,
    /// Withdraw the action's sign-off instead (needs --reason).
    #[arg(long, requires = "reason")]
    pub withdraw: bool,
    /// Why the sign-off is withdrawn.
    #[arg(long, requires = "withdraw")]
    pub reason: Option<String>,
    /// The plan's title (default: the latest plan).
    #[arg(long)]
    pub plan: Option<String>,
    /// The action's version you last saw; refused if it has changed since.
    #[arg(long)]
    pub expect_version: Option<i64>,
}

pub async fn run(g: &Global, args: &SignoffArgs) -> Result<()> {
    if let Some(r) = &args.reason {
        resolve::not_blank("--reason", r)?;
    }
    let store = open(g).await?;
    let named = resolve::action(&store, g, args.plan.as_deref(), &args.action).await?;
    let holds = match &args.as_role {
        Some(r) => vec![resolve::role(&named.partnership, r)?],
        None => Vec::new(),
    };
    let signer = Membership {
        partnership: named.slug.clone(),
        role: AccessRole::BoardMember,
        holds,
    };
    let version = match args.expect_version {
        Some(v) => v,
        None => store.action_state(&named.slug, &named.key).await?.version,
    };
    let who = actor(g);
    let stamp = Stamp::now(&who);
    let result = match (&args.reason, args.withdraw) {
        (Some(reason), true) => {
            store
                .withdraw_sign_off(&named.slug, stamp, &named.key, version, &signer, reason)
                .await
        }
        _ => {
            store
                .sign_off(&named.slug, stamp, &named.key, version, &signer)
                .await
        }
    };
    let written = match result {
        Ok(w) => w,
        Err(StoreError::InvalidData { what }) if args.as_role.is_none() => {
            bail!("{what}. Say which role you sign under with --as-role ROLE")
        }
        Err(e) => return Err(e.into()),
    };
    let s = &written.record;
    match &s.withdrawn {
        Some(w) => println!(
            "Withdrew the sign-off of {} (made by {} as {}): {}",
            named.label(),
            s.by,
            s.role,
            w.reason
        ),
        None => println!("Signed off {} as {}, by {}.", named.label(), s.role, s.by),
    }
    println!(
        "{} is now at version {}.",
        named.key.action, written.version
    );
    Ok(())
}
