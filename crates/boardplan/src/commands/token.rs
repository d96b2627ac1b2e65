//! `boardplan token create`: an API token for scripts, acting as one account in one
//! partnership. The token is printed once; the database keeps only its SHA-256.

use anyhow::{Result, bail};

use super::{open, partnership};
use crate::cli::Global;

/// Tokens start with this, so that a leaked one is easy to recognise (and to scan for).
const PREFIX: &str = "bpt_";

pub async fn create(g: &Global, email: &str, name: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        bail!(
            "give the token a name of 1 to 100 characters saying what it is for, e.g. --name \"weekly RAG script\""
        );
    }
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
    store
        .create_api_token(
            account.id,
            &slug,
            name,
            &web::auth::token::hash(&token),
            jiff::Timestamp::now(),
        )
        .await?;
    eprintln!(
        "API token \"{name}\" for {email} in {}. It is shown once, below: keep it secret, and \
         send it as \"Authorization: Bearer TOKEN\".",
        p.name
    );
    println!("{token}");
    Ok(())
}
