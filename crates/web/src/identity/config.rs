//! The identity providers a server lets people sign in with, as its operator configured them
//! (`[identity]` in the configuration file, read by the binary): each with an id that names
//! it in addresses, a name for its button, its issuer, and this server's client id and secret
//! there. The secret never comes from the file itself, and never appears in `Debug`.

use std::fmt;

/// The providers, and the address people reach this server at, from which each provider's
/// redirect URI is made (`{public_url}/sign-in/oidc/{id}/callback`).
#[derive(Debug, Clone, Default)]
pub struct IdentityConfig {
    pub public_url: String,
    pub providers: Vec<ProviderConfig>,
}

impl IdentityConfig {
    /// Check the whole set: a public address when there are providers, ids that differ.
    pub fn new(public_url: &str, providers: Vec<ProviderConfig>) -> Result<Self, String> {
        let public_url = public_url.trim().trim_end_matches('/').to_string();
        if !providers.is_empty() && !is_web_address(&public_url) {
            return Err(format!(
                "public_url \"{public_url}\" under [identity] must be the address people reach \
                 Boardplan at, like https://boardplan.example.org: each provider's redirect URI \
                 is made from it"
            ));
        }
        for (i, p) in providers.iter().enumerate() {
            if providers[..i].iter().any(|q| q.id == p.id) {
                return Err(format!(
                    "two identity providers have the id \"{}\": give each its own",
                    p.id
                ));
            }
        }
        Ok(Self {
            public_url,
            providers,
        })
    }

    pub fn provider(&self, id: &str) -> Option<&ProviderConfig> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// Where provider `id` sends people back to: register exactly this with the provider.
    pub fn redirect_uri(&self, id: &str) -> String {
        format!("{}/sign-in/oidc/{id}/callback", self.public_url)
    }
}

/// One provider.
#[derive(Debug, Clone)]
pub struct ProviderConfig {
    /// Lower-case letters, digits and hyphens: it is part of the sign-in addresses.
    pub id: String,
    /// What the button says after "Sign in with".
    pub name: String,
    /// The issuer exactly as the provider's discovery document and ID tokens give it.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Secret,
    /// The claim that says the e-mail address is verified: `email_verified` by the standard.
    pub verified_claim: String,
}

impl ProviderConfig {
    /// A provider, refused with a message naming the setting when a value cannot work.
    pub fn new(
        id: &str,
        name: &str,
        issuer: &str,
        client_id: &str,
        client_secret: Secret,
        verified_claim: Option<&str>,
    ) -> Result<Self, String> {
        let ok_id = !id.is_empty()
            && id.len() <= 40
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok_id {
            return Err(format!(
                "identity provider id \"{id}\" must be lower-case letters, digits and hyphens \
                 (it is part of the sign-in address), like \"entra\" or \"council-keycloak\""
            ));
        }
        let issuer = issuer.trim();
        if !is_web_address(issuer) {
            return Err(format!(
                "the issuer \"{issuer}\" of identity provider \"{id}\" must be an https:// \
                 address (http:// only on this machine, for testing)"
            ));
        }
        for (what, value) in [("name", name), ("client_id", client_id)] {
            if value.trim().is_empty() {
                return Err(format!("identity provider \"{id}\" needs a {what}"));
            }
        }
        if client_secret.0.is_empty() {
            return Err(format!(
                "identity provider \"{id}\" has an empty client secret"
            ));
        }
        Ok(Self {
            id: id.into(),
            name: name.trim().into(),
            issuer: issuer.into(),
            client_id: client_id.trim().into(),
            client_secret,
            verified_claim: verified_claim.unwrap_or("email_verified").into(),
        })
    }
}

/// A client secret: shown as `[hidden]` by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(text: &str) -> Self {
        Self(text.trim().to_string())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[hidden]")
    }
}

/// `https://…`, or `http://` to this machine only (a provider started by the tests, or one
/// reached through a local tunnel): tokens and codes never cross a network unencrypted.
fn is_web_address(text: &str) -> bool {
    let Ok(url) = reqwest::Url::parse(text) else {
        return false;
    };
    let local = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    url.host_str().is_some()
        && (url.scheme() == "https" || url.scheme() == "http" && local)
        && url.query().is_none()
        && url.fragment().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(id: &str, issuer: &str) -> Result<ProviderConfig, String> {
        ProviderConfig::new(
            id,
            "Council",
            issuer,
            "boardplan",
            Secret::new("s3cret"),
            None,
        )
    }

    #[test]
    fn a_provider_needs_a_plain_id_and_an_https_issuer() {
        assert!(provider("entra", "https://login.example/tenant/v2.0").is_ok());
        assert!(provider("local", "http://127.0.0.1:4000").is_ok());
        let e = provider("Entra ID", "https://login.example").unwrap_err();
        assert!(e.contains("lower-case"), "{e}");
        let e = provider("entra", "http://login.example").unwrap_err();
        assert!(e.contains("https://"), "{e}");
    }

    #[test]
    fn the_secret_never_shows_in_debug_output() {
        let p = provider("entra", "https://login.example").unwrap();
        let shown = format!("{p:?}");
        assert!(
            !shown.contains("s3cret") && shown.contains("[hidden]"),
            "{shown}"
        );
    }

    #[test]
    fn each_redirect_uri_is_made_from_the_public_address() {
        let c = IdentityConfig::new(
            "https://boardplan.example.org/",
            vec![provider("entra", "https://login.example").unwrap()],
        )
        .unwrap();
        assert_eq!(
            c.redirect_uri("entra"),
            "https://boardplan.example.org/sign-in/oidc/entra/callback"
        );
        let twice = vec![
            provider("entra", "https://login.example").unwrap(),
            provider("entra", "https://other.example").unwrap(),
        ];
        let e = IdentityConfig::new("https://b.example", twice).unwrap_err();
        assert!(e.contains("two identity providers"), "{e}");
        let e = IdentityConfig::new("", vec![provider("a", "https://x.example").unwrap()]);
        assert!(e.unwrap_err().contains("public_url"));
    }
}
