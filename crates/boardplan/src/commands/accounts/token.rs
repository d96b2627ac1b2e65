//! `boardplan token create`: an API token for scripts, acting as one account in one
//! partnership, until revoked or a last day given with `--expires`. The token is printed
//! once; the database keeps only its SHA-256.
//! `boardplan token list` and `token revoke`: find a token (say one leaked in a script) and
//! stop it. A listing never holds a token or its hash.

use anyhow::{Result, bail};
use clap::Subcommand;
use serde_json::json;
use store::{ApiToken, NewApiToken, StoreError};

use crate::cli::Global;
use crate::commands::{actor, open, partnership};

/// Tokens start with this, so that a leaked one is easy to recognise (and to scan for).
const PREFIX: &str = "bpt_";

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Make an API token for an existing account in a partnership (`--partnership`, or the
    /// only one there is). The token is printed once, alone on standard output; only its hash
    /// is kept, so it cannot be shown again. Recorded in the partnership's change log.
    #[command(
        after_help = "Examples:\n  TOKEN=$(boardplan token create lead@kingston.example --name \"weekly RAG script\" --partnership kingston-lscb)\n  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8080/api/v1/partnerships\n  boardplan token create lead@kingston.example --name \"year-end export\" --expires 2027-03-31"
    )]
    Create {
        /// The account the token acts as.
        email: String,
        /// What the token is for, so that it can be recognised later.
        #[arg(long)]
        name: String,
        /// The last day the token works, as YYYY-MM-DD: it stops at the end of that day, UK
        /// time (Europe/London). Without it the token works until revoked.
        #[arg(long, value_name = "DATE")]
        expires: Option<String>,
    },
    /// List API tokens (every partnership's, or `--partnership`'s): id, account, partnership,
    /// name, when made, its last day if it expires, and whether revoked. Never the token
    /// itself.
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

pub async fn run(g: &Global, command: &TokenCommand) -> Result<()> {
    match command {
        TokenCommand::Create {
            email,
            name,
            expires,
        } => create(g, email, name, expires.as_deref()).await,
        TokenCommand::List { json } => list(g, *json).await,
        TokenCommand::Revoke { id, name, email } => {
            revoke(g, *id, name.as_deref(), email.as_deref()).await
        }
    }
}

async fn create(g: &Global, email: &str, name: &str, expires: Option<&str>) -> Result<()> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        bail!(
            "give the token a name of 1 to 100 characters saying what it is for, e.g. --name \"weekly RAG script\""
        );
    }
    let expires_on = expires
        .map(|d| {
            d.trim().parse::<domain::Date>().map_err(|_| {
                anyhow::anyhow!(
                    "--expires {d}: give the token's last day as YYYY-MM-DD, e.g. --expires 2027-03-31"
                )
            })
        })
        .transpose()?;
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let Some(account) = store.account_by_email(email).await? else {
        bail!("there is no account for {email}: add one first with boardplan user add");
    };
    if account.disabled {
        bail!("the account for {email} is disabled, so a token for it would not work");
    }
    if store.membership(account.id, &slug).await?.is_none() {
        bail!(
            "{email} is not a member of {}: give it a role first with boardplan user add {email} --role ROLE",
            p.name
        );
    }
    let token = format!("{PREFIX}{}", web::auth::token::random());
    let id = store
        .create_api_token(
            &actor(g),
            &NewApiToken {
                account_id: account.id,
                partnership: &slug,
                name,
                token_hash: &web::auth::token::hash(&token),
                expires_on,
            },
            jiff::Timestamp::now(),
        )
        .await?;
    let until = match expires_on {
        Some(d) => format!("It works until the end of {d} (UK time)."),
        None => "It works until revoked.".to_string(),
    };
    eprintln!(
        "API token {id} \"{name}\" for {email} in {}. {until} It is shown once, below: keep it \
         secret, and send it as \"Authorization: Bearer TOKEN\". Stop it with boardplan token \
         revoke {id}.",
        p.name
    );
    println!("{token}");
    Ok(())
}

async fn list(g: &Global, as_json: bool) -> Result<()> {
    let store = open(g).await?;
    let tokens = tokens(&store, g).await?;
    if as_json {
        let items: Vec<_> = tokens
            .iter()
            .map(|t| {
                json!({
                    "id": t.id,
                    "account": t.email,
                    "partnership": t.partnership,
                    "name": t.name,
                    "created_at": t.created_at,
                    "expires": t.expires_on.map(|d| d.to_string()),
                    "revoked_at": t.revoked_at,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&items)?);
        return Ok(());
    }
    if tokens.is_empty() {
        eprintln!("There are no API tokens; boardplan token create makes one.");
        return Ok(());
    }
    println!("ID\tACCOUNT\tPARTNERSHIP\tNAME\tCREATED\tEXPIRES\tREVOKED");
    for t in &tokens {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            t.id,
            t.email,
            t.partnership,
            t.name,
            t.created_at,
            t.expires_on.map_or("never".to_string(), |d| d.to_string()),
            t.revoked_at.as_deref().unwrap_or("no")
        );
    }
    Ok(())
}

/// Revoke one token, chosen by id or by name and account. Anything short of exactly one live
/// token is an error that changes nothing, so a typo never revokes the wrong script's token.
async fn revoke(
    g: &Global,
    id: Option<i64>,
    name: Option<&str>,
    email: Option<&str>,
) -> Result<()> {
    let store = open(g).await?;
    let tokens = tokens(&store, g).await?;
    let within = g
        .partnership
        .as_deref()
        .map(|p| format!(" in {p}"))
        .unwrap_or_default();
    let chosen = match (id, name, email) {
        (Some(id), _, _) => match tokens.iter().find(|t| t.id == id) {
            Some(t) => t,
            None => bail!(
                "there is no API token {id}{within}; boardplan token list shows every token and its id"
            ),
        },
        (None, Some(name), Some(email)) => {
            let email = store::normalise_email(email);
            let named: Vec<_> = tokens
                .iter()
                .filter(|t| t.name == name.trim() && t.email == email)
                .collect();
            let live: Vec<&ApiToken> = named
                .iter()
                .copied()
                .filter(|t| t.revoked_at.is_none())
                .collect();
            match live.as_slice() {
                [one] => *one,
                [] if named.is_empty() => bail!(
                    "{email} has no API token named \"{name}\"{within}; boardplan token list shows every token"
                ),
                [] => bail!("{email}'s API token \"{name}\"{within} is already revoked"),
                many => bail!(
                    "{email} has {} live API tokens named \"{name}\"{within} (ids {}); revoke one by its id, e.g. boardplan token revoke {}",
                    many.len(),
                    many.iter()
                        .map(|t| t.id.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                    many[0].id
                ),
            }
        }
        _ => bail!("say which token: its id, or --name with --email"),
    };
    if let Some(when) = &chosen.revoked_at {
        bail!("API token {} was already revoked at {when}", chosen.id);
    }
    let done = store
        .revoke_api_token(&actor(g), chosen.id, jiff::Timestamp::now())
        .await?;
    println!(
        "Revoked API token {} \"{}\" for {} in {}: the API refuses it from now on.",
        done.id, done.name, done.email, done.partnership
    );
    Ok(())
}

/// Every token, or only `--partnership`'s, with an unknown partnership named as such.
async fn tokens(store: &store::Store, g: &Global) -> Result<Vec<ApiToken>> {
    match store.api_tokens(g.partnership.as_deref()).await {
        Err(StoreError::NotFound { .. }) => bail!(
            "there is no partnership called \"{}\"",
            g.partnership.as_deref().unwrap_or_default()
        ),
        other => Ok(other?),
    }
}
