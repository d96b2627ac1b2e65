//! What this server knows of each provider at run time: its discovery document (where to send
//! people, where to exchange a code, where its keys are) and its published signing keys, each
//! fetched on first use and kept for an hour. A token signed with a key id not in the kept
//! set fetches the keys again once, so a provider's key rotation needs no restart.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::{Jwk, JwkSet};
use serde::Deserialize;
use tokio::sync::Mutex;

use super::config::{IdentityConfig, ProviderConfig};

/// How long a discovery document or key set is kept before it is fetched again.
const KEEP: Duration = Duration::from_secs(3600);
/// How long any one request to a provider may take.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The parts of a discovery document Boardplan uses.
#[derive(Debug, Clone, Deserialize)]
pub struct Metadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    #[serde(default)]
    pub token_endpoint_auth_methods_supported: Option<Vec<String>>,
    #[serde(default)]
    pub id_token_signing_alg_values_supported: Option<Vec<String>>,
}

/// Why a provider could not be used just now: it did not answer, or answered wrongly.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Unreachable(pub String);

struct Kept<T> {
    value: T,
    at: Instant,
}

/// One provider: its configuration and what has been fetched from it.
pub struct Provider {
    pub config: ProviderConfig,
    pub redirect_uri: String,
    metadata: Mutex<Option<Kept<Metadata>>>,
    keys: Mutex<Option<Kept<JwkSet>>>,
}

/// Every configured provider, and the HTTP client that reaches them.
pub struct Identity {
    pub providers: Vec<Arc<Provider>>,
    client: OnceLock<Result<reqwest::Client, String>>,
}

impl Identity {
    pub fn new(config: &IdentityConfig) -> Self {
        let providers = config
            .providers
            .iter()
            .map(|p| {
                Arc::new(Provider {
                    config: p.clone(),
                    redirect_uri: config.redirect_uri(&p.id),
                    metadata: Mutex::new(None),
                    keys: Mutex::new(None),
                })
            })
            .collect();
        Self {
            providers,
            client: OnceLock::new(),
        }
    }

    pub fn provider(&self, id: &str) -> Option<Arc<Provider>> {
        self.providers.iter().find(|p| p.config.id == id).cloned()
    }

    /// The client, made on first use: most servers configure no provider at all. It follows
    /// no redirects (a code or secret must go only where the discovery document says).
    pub fn client(&self) -> Result<&reqwest::Client, Unreachable> {
        self.client
            .get_or_init(|| {
                reqwest::Client::builder()
                    .timeout(TIMEOUT)
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .map_err(|e| format!("cannot set up HTTPS: {e}"))
            })
            .as_ref()
            .map_err(|e| Unreachable(e.clone()))
    }

    /// The provider's discovery document, fetched when not kept or kept too long. Its issuer
    /// must be exactly the configured one (OpenID Connect Discovery, section 4.3).
    pub async fn metadata(&self, p: &Provider) -> Result<Metadata, Unreachable> {
        let mut kept = p.metadata.lock().await;
        if let Some(k) = kept.as_ref().filter(|k| k.at.elapsed() < KEEP) {
            return Ok(k.value.clone());
        }
        let url = format!(
            "{}/.well-known/openid-configuration",
            p.config.issuer.trim_end_matches('/')
        );
        let m: Metadata = self.get_json(&url).await?;
        if m.issuer != p.config.issuer {
            return Err(Unreachable(format!(
                "the discovery document at {url} names the issuer \"{}\", not \"{}\" as \
                 configured: set `issuer` to exactly what the provider publishes",
                m.issuer, p.config.issuer
            )));
        }
        *kept = Some(Kept {
            value: m.clone(),
            at: Instant::now(),
        });
        Ok(m)
    }

    /// The key `kid` (or, for a token naming none, the provider's only signing key). The kept
    /// set is used while fresh; a key id it lacks fetches the set again, once.
    pub async fn key(
        &self,
        p: &Provider,
        jwks_uri: &str,
        kid: Option<&str>,
    ) -> Result<Option<Jwk>, Unreachable> {
        let mut kept = p.keys.lock().await;
        if let Some(k) = kept.as_ref().filter(|k| k.at.elapsed() < KEEP)
            && let Some(found) = pick(&k.value, kid)
        {
            return Ok(Some(found));
        }
        let set: JwkSet = self.get_json(jwks_uri).await?;
        let found = pick(&set, kid);
        *kept = Some(Kept {
            value: set,
            at: Instant::now(),
        });
        Ok(found)
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, Unreachable> {
        let res = self
            .client()?
            .get(url)
            .send()
            .await
            .map_err(|e| Unreachable(format!("cannot reach {url}: {e}")))?;
        if !res.status().is_success() {
            return Err(Unreachable(format!("{url} answered {}", res.status())));
        }
        res.json()
            .await
            .map_err(|e| Unreachable(format!("{url} did not answer as expected: {e}")))
    }
}

/// The key with id `kid`; with no id, the set's one signing key if it has exactly one.
fn pick(set: &JwkSet, kid: Option<&str>) -> Option<Jwk> {
    use jsonwebtoken::jwk::PublicKeyUse;
    let mut signing = set
        .keys
        .iter()
        .filter(|k| !matches!(k.common.public_key_use, Some(PublicKeyUse::Encryption)));
    match kid {
        Some(kid) => signing
            .find(|k| k.common.key_id.as_deref() == Some(kid))
            .cloned(),
        None => {
            let all: Vec<&Jwk> = signing.collect();
            (all.len() == 1).then(|| all[0].clone())
        }
    }
}
