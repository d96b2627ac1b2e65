//! Exchanging the code the browser brought back for the provider's tokens, server to server,
//! with this server's client secret and the PKCE verifier only this sign-in knows: a code
//! intercepted on its way through the browser is worthless to anyone else.

use base64::Engine;
use serde::Deserialize;

use super::provider::{Identity, Metadata, Provider, Unreachable};
use crate::error::urlencode;

/// What the token endpoint answered.
pub enum Answer {
    IdToken(String),
    /// The provider refused the code (an OAuth error code such as `invalid_grant`).
    Refused(String),
}

#[derive(Deserialize)]
struct TokenResponse {
    #[serde(default)]
    id_token: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

pub async fn exchange(
    identity: &Identity,
    p: &Provider,
    meta: &Metadata,
    code: &str,
    verifier: &str,
) -> Result<Answer, Unreachable> {
    let c = &p.config;
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", p.redirect_uri.as_str()),
        ("code_verifier", verifier),
    ];
    let mut req = identity.client()?.post(&meta.token_endpoint);
    // `client_secret_post` where offered (no encoding to get wrong); otherwise HTTP Basic, the
    // default every provider must accept (RFC 6749, 2.3.1: each part form-encoded first).
    let post = meta
        .token_endpoint_auth_methods_supported
        .as_ref()
        .is_some_and(|m| m.iter().any(|m| m == "client_secret_post"));
    if post {
        form.push(("client_id", c.client_id.as_str()));
        form.push(("client_secret", c.client_secret.expose()));
    } else {
        let enc = |s: &str| urlencode(s).replace('/', "%2F");
        let pair = format!("{}:{}", enc(&c.client_id), enc(c.client_secret.expose()));
        let basic = base64::engine::general_purpose::STANDARD.encode(pair);
        req = req.header(reqwest::header::AUTHORIZATION, format!("Basic {basic}"));
    }
    let res = req
        .header(reqwest::header::ACCEPT, "application/json")
        .form(&form)
        .send()
        .await
        .map_err(|e| Unreachable(format!("cannot reach {}: {e}", meta.token_endpoint)))?;
    let status = res.status();
    let body: TokenResponse = res.json().await.map_err(|e| {
        Unreachable(format!(
            "{} answered {status} with no token response: {e}",
            meta.token_endpoint
        ))
    })?;
    match (body.id_token, body.error) {
        (Some(t), None) if status.is_success() => Ok(Answer::IdToken(t)),
        (_, Some(e)) => Ok(Answer::Refused(e)),
        _ => Ok(Answer::Refused(format!("no ID token ({status})"))),
    }
}
