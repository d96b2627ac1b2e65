//! The `[identity]` section of the configuration file: the address people reach Boardplan at
//! and the identity providers `serve` offers. A client secret is never written in the file:
//! it comes from `client_secret_file`, or else the environment variable
//! `BOARDPLAN_OIDC_<ID>_CLIENT_SECRET` (the id upper-cased, hyphens as underscores).

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use web::identity::{IdentityConfig, ProviderConfig, Secret};

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityFile {
    /// Also set by `[serve] public_url` (`crate::config`).
    pub(crate) public_url: Option<String>,
    #[serde(default)]
    providers: Vec<ProviderFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderFile {
    id: String,
    name: String,
    issuer: String,
    client_id: String,
    client_secret_file: Option<PathBuf>,
    verified_claim: Option<String>,
}

/// The environment variable that holds provider `id`'s client secret.
pub fn secret_variable(id: &str) -> String {
    format!(
        "BOARDPLAN_OIDC_{}_CLIENT_SECRET",
        id.to_uppercase().replace('-', "_")
    )
}

/// The providers as `serve` uses them, every secret found, or an error naming what to set.
pub fn resolve(file: IdentityFile) -> Result<IdentityConfig> {
    let mut providers = Vec::new();
    for p in file.providers {
        let secret = match &p.client_secret_file {
            Some(path) => std::fs::read_to_string(path).with_context(|| {
                format!(
                    "cannot read the client secret of identity provider \"{}\" from {}",
                    p.id,
                    path.display()
                )
            })?,
            None => match std::env::var(secret_variable(&p.id)) {
                Ok(s) => s,
                Err(_) => bail!(
                    "identity provider \"{}\" has no client secret: set {} or \
                     client_secret_file under its [[identity.providers]]",
                    p.id,
                    secret_variable(&p.id)
                ),
            },
        };
        let provider = ProviderConfig::new(
            &p.id,
            &p.name,
            &p.issuer,
            &p.client_id,
            Secret::new(&secret),
            p.verified_claim.as_deref(),
        )
        .map_err(anyhow::Error::msg)?;
        providers.push(provider);
    }
    IdentityConfig::new(file.public_url.as_deref().unwrap_or(""), providers)
        .map_err(anyhow::Error::msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_provider_reads_its_secret_from_a_file_and_never_from_the_configuration() {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("secret");
        std::fs::write(&secret, "s3cret\n").unwrap();
        let text = format!(
            "public_url = \"https://boardplan.example.org\"\n[[providers]]\nid = \"entra\"\n\
             name = \"Microsoft\"\nissuer = \"https://login.example/t/v2.0\"\n\
             client_id = \"abc\"\nclient_secret_file = {:?}\n",
            secret.display().to_string()
        );
        let file: IdentityFile = toml::from_str(&text).unwrap();
        let c = resolve(file).unwrap();
        assert_eq!(c.providers[0].client_secret.expose(), "s3cret");
        assert_eq!(
            c.redirect_uri("entra"),
            "https://boardplan.example.org/sign-in/oidc/entra/callback"
        );
        let e = toml::from_str::<IdentityFile>(
            "[[providers]]\nid = \"x\"\nname = \"X\"\nissuer = \"https://x\"\n\
             client_id = \"a\"\nclient_secret = \"in the file\"\n",
        )
        .err()
        .unwrap()
        .to_string();
        assert!(e.contains("client_secret"), "{e}");
    }

    #[test]
    fn a_missing_secret_names_the_variable_to_set() {
        let file: IdentityFile = toml::from_str(
            "public_url = \"https://b.example\"\n[[providers]]\nid = \"council-idp\"\n\
             name = \"Council\"\nissuer = \"https://idp.example\"\nclient_id = \"a\"\n",
        )
        .unwrap();
        let e = resolve(file).unwrap_err().to_string();
        assert!(
            e.contains("BOARDPLAN_OIDC_COUNCIL_IDP_CLIENT_SECRET"),
            "{e}"
        );
    }
}
