//! `boardplan user add`: create an account and give it a role in a partnership.
//! `boardplan user disable`: shut an account out, keeping its history. Both are written to
//! the change log with the actor (`--actor`), never the password.

use std::io::Read;

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use domain::AccessRole;

use crate::cli::Global;
use crate::commands::{actor, open, partnership};

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
    /// Disable an account: from the next request it cannot sign in, and its sessions, API
    /// tokens and calendar addresses stop working. What it did stays in the history. Recorded
    /// in the change log of every partnership it belongs to.
    #[command(
        after_help = "Example:\n  boardplan --actor \"Jane Smith\" user disable leaver@council.example"
    )]
    Disable { email: String },
}

pub async fn run(g: &Global, command: &UserCommand) -> Result<()> {
    match command {
        UserCommand::Add {
            email,
            role,
            name,
            holds,
            password_stdin,
        } => add(g, email, role, name.as_deref(), holds, *password_stdin).await,
        UserCommand::Disable { email } => disable(g, email).await,
    }
}

async fn disable(g: &Global, email: &str) -> Result<()> {
    let store = open(g).await?;
    let Some(account) = store.account_by_email(email).await? else {
        bail!("there is no account for {email}");
    };
    store
        .disable_account(&actor(g), account.id, jiff::Timestamp::now())
        .await?;
    println!(
        "The account for {} is disabled: it can no longer sign in, and its API tokens and \
         calendar addresses have stopped working.",
        account.email
    );
    Ok(())
}

async fn add(
    g: &Global,
    email: &str,
    role: &str,
    name: Option<&str>,
    holds: &[String],
    password_stdin: bool,
) -> Result<()> {
    let role: AccessRole = role
        .parse()
        .map_err(|e: domain::InvalidValue| anyhow::anyhow!("{e}"))?;
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    for h in holds {
        if p.role(h).is_none() {
            bail!(
                "{} has no lead role \"{h}\"; its roles are: {}",
                p.name,
                p.roles
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    let now = jiff::Timestamp::now();
    let id = match store.account_by_email(email).await? {
        Some(a) => {
            println!("{} already has an account; giving it the role.", a.email);
            a.id
        }
        None => {
            if !password_stdin {
                bail!("a new account needs a password: pipe it in and add --password-stdin");
            }
            let mut pw = String::new();
            std::io::stdin()
                .read_to_string(&mut pw)
                .context("cannot read the password")?;
            let pw = pw.trim_end_matches(['\n', '\r']);
            web::auth::password::check(pw).map_err(|e| anyhow::anyhow!("{e}"))?;
            let hash = web::auth::password::hash(pw).map_err(|e| anyhow::anyhow!(e))?;
            store
                .create_account(&actor(g), &slug, email, name.unwrap_or(email), &hash, now)
                .await?
        }
    };
    store
        .grant_membership(&actor(g), id, &slug, role, holds, now)
        .await?;
    println!(
        "{email} is now {} of {}.",
        role.label().to_lowercase(),
        p.name
    );
    Ok(())
}
