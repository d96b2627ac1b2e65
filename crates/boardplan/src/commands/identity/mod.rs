//! Signing in through an organisation's identity provider: `boardplan sign-in password
//! [on|off] [--json]`, whether a partnership's members may still sign in with a password.
//! The providers themselves are the server's configuration (`[identity]` in the
//! configuration file, read by `serve`; docs/identity.md).

use anyhow::Result;
use clap::{Subcommand, ValueEnum};
use domain::PasswordSignIn;
use store::Stamp;

pub mod config;

use crate::cli::Global;
use crate::commands::{actor, open, partnership};

#[derive(Debug, Subcommand)]
pub enum SignInCommand {
    /// Let the partnership's members sign in with a password (on), or only through their
    /// organisation's identity provider (off); without either, say which.
    #[command(
        after_help = "Examples:\n  boardplan sign-in password off\n  boardplan sign-in password --json"
    )]
    Password {
        /// on: the password form works for the members; off: it refuses them, pointing to
        /// their provider's button. A member of several partnerships is refused if any is off.
        state: Option<OnOff>,
        /// Print {"partnership", "password_sign_in"} as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

pub async fn run(g: &Global, command: &SignInCommand) -> Result<()> {
    let SignInCommand::Password { state, json } = command;
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let now = match state {
        Some(state) => {
            let to = match state {
                OnOff::On => PasswordSignIn::On,
                OnOff::Off => PasswordSignIn::Off,
            };
            let who = actor(g);
            store
                .set_password_sign_in(&slug, Stamp::now(&who), to)
                .await?
        }
        None => store.password_sign_in(&slug).await?,
    };
    if *json {
        let out = serde_json::json!({ "partnership": slug, "password_sign_in": now });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else if now == PasswordSignIn::On {
        println!(
            "Password sign-in: on. {}'s members may sign in with a password.",
            p.name
        );
    } else {
        println!(
            "Password sign-in: off. {}'s members sign in through their organisation's \
             identity provider; the password form refuses them. Check that the server has a \
             provider configured (docs/identity.md).",
            p.name
        );
    }
    Ok(())
}
