//! Every way a sign-in through a provider can end without one, each with its own page: what
//! happened and what to do, with a way back to the sign-in page. Details for the operator go
//! to the log; nothing is created, and no page says whether an account exists beyond what the
//! person has just proved about themselves.

use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use askama::Template;
use domain::SignInRefusal;

use super::id_token::Untrusted;
use super::provider::Unreachable;
use crate::error::MessagePage;

pub enum Failure {
    /// The state is unknown, used already, expired, or for another provider.
    Stale,
    /// The sign-in was started in another browser (its cookie is missing or different).
    OtherBrowser,
    /// The provider said no (the person cancelled, or it refused the code).
    ProviderSaidNo(String),
    /// The provider could not be reached, or answered nonsense.
    Unreachable(Unreachable),
    /// The provider's token could not be believed.
    Untrusted(Untrusted),
    /// The token was believed, but names no one who may sign in.
    Refused(SignInRefusal),
}

impl From<Unreachable> for Failure {
    fn from(e: Unreachable) -> Self {
        Self::Unreachable(e)
    }
}

impl Failure {
    /// The page for this failure, naming the provider as its button does.
    pub fn page(self, provider: &str) -> Response {
        let (status, heading, message) = match &self {
            Failure::Stale => (
                StatusCode::BAD_REQUEST,
                "This sign-in has expired or was used already".to_string(),
                "Each sign-in can be used once, within ten minutes. Go back to the sign-in page \
                 and start again."
                    .to_string(),
            ),
            Failure::OtherBrowser => (
                StatusCode::BAD_REQUEST,
                "This sign-in was started somewhere else".to_string(),
                "The sign-in was started in another browser, or this browser's cookies were \
                 cleared. Go back to the sign-in page and start again here."
                    .to_string(),
            ),
            Failure::ProviderSaidNo(code) => {
                tracing::info!(provider, error = %code, "identity provider did not sign in");
                (
                    StatusCode::FORBIDDEN,
                    format!("{provider} did not sign you in"),
                    "You were not signed in. If you cancelled, go back and try again; if not, \
                     ask your organisation's IT team."
                        .to_string(),
                )
            }
            Failure::Unreachable(e) => {
                tracing::warn!(provider, error = %e, "identity provider unreachable");
                (
                    StatusCode::BAD_GATEWAY,
                    format!("{provider} cannot be reached just now"),
                    "Boardplan could not talk to your organisation's sign-in service. Try again \
                     in a few minutes; if it goes on, tell whoever runs Boardplan."
                        .to_string(),
                )
            }
            Failure::Untrusted(why) => {
                tracing::warn!(provider, reason = ?why, "identity provider's token refused");
                (
                    StatusCode::FORBIDDEN,
                    format!("Boardplan could not trust the answer from {provider}"),
                    format!(
                        "{} You have not been signed in. Try again; if it goes on, tell \
                         whoever runs Boardplan.",
                        why.sentence()
                    ),
                )
            }
            Failure::Refused(r) => {
                tracing::info!(provider, reason = ?r, "sign-in refused");
                (
                    StatusCode::FORBIDDEN,
                    r.heading().to_string(),
                    r.message().to_string(),
                )
            }
        };
        let page = MessagePage {
            heading: &heading,
            message: &message,
            link: Some("/sign-in"),
            link_text: "Go back to the sign-in page",
        };
        let body = page.render().unwrap_or_else(|_| heading.clone());
        (status, [(header::CACHE_CONTROL, "no-store")], Html(body)).into_response()
    }
}
