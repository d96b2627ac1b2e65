//! Checking an ID token before believing a word of it (OpenID Connect Core, 3.1.3.7): signed
//! by one of the provider's published keys with an asymmetric algorithm it announces; issued
//! by the configured issuer, for this server's client id, not expired, and carrying the nonce
//! this sign-in sent. Only then is its e-mail address read, and only if verified.

use std::str::FromStr;

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;

use super::provider::{Identity, Metadata, Provider, Unreachable};
use crate::auth::token;

/// Why a token was not believed. Each says what was wrong in words an operator can act on;
/// none of them reveals anything about an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Untrusted {
    Malformed,
    Algorithm,
    UnknownKey,
    BadSignature,
    WrongIssuer,
    WrongAudience,
    Expired,
    WrongNonce,
}

impl Untrusted {
    pub fn sentence(self) -> &'static str {
        match self {
            Self::Malformed => "The sign-in service's answer could not be read.",
            Self::Algorithm => {
                "The sign-in service signed its answer in a way Boardplan does not accept."
            }
            Self::UnknownKey => {
                "The sign-in service's answer was signed with a key it does not publish."
            }
            Self::BadSignature => "The signature on the sign-in service's answer is not valid.",
            Self::WrongIssuer => {
                "The answer came from a different sign-in service than the one configured."
            }
            Self::WrongAudience => {
                "The answer was meant for another application, not this Boardplan."
            }
            Self::Expired => "The answer from the sign-in service had expired.",
            Self::WrongNonce => "The answer does not belong to this sign-in.",
        }
    }
}

/// What a checked token says of the person's e-mail address.
#[derive(Debug)]
pub struct Proven {
    pub email: Option<String>,
    pub email_verified: Option<bool>,
}

#[derive(Deserialize)]
struct Claims {
    #[serde(default)]
    nonce: Option<String>,
    /// One audience or several (checked by `decode`); several need `azp`.
    #[serde(default)]
    aud: serde_json::Value,
    #[serde(default)]
    azp: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(flatten)]
    rest: serde_json::Map<String, serde_json::Value>,
}

/// Only asymmetric algorithms: an HMAC token would be keyed with the client secret, which
/// this server shares with the provider and so proves nothing of who signed.
const ACCEPTED: [Algorithm; 9] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

/// Check `id_token` from provider `p` for the sign-in that sent `nonce`.
pub async fn check(
    identity: &Identity,
    p: &Provider,
    meta: &Metadata,
    id_token: &str,
    nonce: &str,
) -> Result<Result<Proven, Untrusted>, Unreachable> {
    let Ok(header) = jsonwebtoken::decode_header(id_token) else {
        return Ok(Err(Untrusted::Malformed));
    };
    let announced = meta
        .id_token_signing_alg_values_supported
        .as_ref()
        .is_none_or(|algs| {
            algs.iter()
                .any(|a| Algorithm::from_str(a) == Ok(header.alg))
        });
    if !ACCEPTED.contains(&header.alg) || !announced {
        return Ok(Err(Untrusted::Algorithm));
    }
    let Some(jwk) = identity
        .key(p, &meta.jwks_uri, header.kid.as_deref())
        .await?
    else {
        return Ok(Err(Untrusted::UnknownKey));
    };
    // A key published for one algorithm is not used with another.
    if let Some(alg) = &jwk.common.key_algorithm
        && serde_json::to_value(alg).ok() != serde_json::to_value(header.alg).ok()
    {
        return Ok(Err(Untrusted::Algorithm));
    }
    let Ok(key) = DecodingKey::from_jwk(&jwk) else {
        return Ok(Err(Untrusted::UnknownKey));
    };
    let mut v = Validation::new(header.alg);
    v.set_issuer(&[&p.config.issuer]);
    v.set_audience(&[&p.config.client_id]);
    v.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    v.validate_nbf = true;
    let claims = match jsonwebtoken::decode::<Claims>(id_token, &key, &v) {
        Ok(data) => data.claims,
        Err(e) => return Ok(Err(untrusted(e.kind()))),
    };
    // With several audiences, the party it was issued to must be this client (Core 3.1.3.7).
    if let serde_json::Value::Array(all) = &claims.aud
        && all.len() > 1
        && claims.azp.as_deref() != Some(p.config.client_id.as_str())
    {
        return Ok(Err(Untrusted::WrongAudience));
    }
    if !claims.nonce.is_some_and(|n| token::same(&n, nonce)) {
        return Ok(Err(Untrusted::WrongNonce));
    }
    let email_verified = match claims.rest.get(&p.config.verified_claim) {
        Some(serde_json::Value::Bool(b)) => Some(*b),
        // Some providers send it as a string.
        Some(serde_json::Value::String(s)) => Some(s == "true"),
        _ => None,
    };
    Ok(Ok(Proven {
        email: claims.email,
        email_verified,
    }))
}

fn untrusted(kind: &ErrorKind) -> Untrusted {
    match kind {
        ErrorKind::InvalidSignature => Untrusted::BadSignature,
        ErrorKind::ExpiredSignature | ErrorKind::ImmatureSignature => Untrusted::Expired,
        ErrorKind::InvalidIssuer => Untrusted::WrongIssuer,
        ErrorKind::InvalidAudience => Untrusted::WrongAudience,
        ErrorKind::InvalidAlgorithm | ErrorKind::MissingAlgorithm => Untrusted::Algorithm,
        ErrorKind::InvalidEcdsaKey
        | ErrorKind::InvalidEddsaKey
        | ErrorKind::InvalidRsaKey(_)
        | ErrorKind::InvalidKeyFormat => Untrusted::UnknownKey,
        _ => Untrusted::Malformed,
    }
}
