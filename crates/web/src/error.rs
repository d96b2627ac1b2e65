//! Every way a request can fail, mapped once to a status and a page a person can act on.
//! Store and database detail is logged, never shown.

use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not signed in: go to the sign-in page, then come back to `next`.
    #[error("sign in to continue")]
    SignIn { next: String },
    /// Signed in but not allowed; the message says why and what to do.
    #[error("{0}")]
    Forbidden(String),
    /// Nothing here — or something this person may not know exists.
    #[error("page not found")]
    NotFound,
    /// The request cannot be read; the message says what is wrong.
    #[error("{0}")]
    BadRequest(String),
    /// Someone else changed it first.
    #[error("{0}")]
    Conflict(String),
    /// Too many attempts.
    #[error("{0}")]
    TooManyRequests(String),
    /// The server is making as much of this as it can at once: come back in `retry_after`
    /// seconds.
    #[error("busy: try again in {retry_after} seconds")]
    Busy { retry_after: u64 },
    #[error("store: {0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Internal(String),
}

#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage<'a> {
    pub heading: &'a str,
    pub message: &'a str,
    pub link: Option<&'a str>,
    pub link_text: &'a str,
}

impl AppError {
    /// The status, heading and message for a person.
    fn parts(&self) -> (StatusCode, &'static str, String) {
        match self {
            AppError::SignIn { .. } => (StatusCode::SEE_OTHER, "Sign in", String::new()),
            AppError::Forbidden(m) => (StatusCode::FORBIDDEN, "You cannot do that", m.clone()),
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                "Page not found",
                "If you typed the web address, check it is correct. If you followed a link, the page may have moved or you may not have access to it."
                    .into(),
            ),
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, "There is a problem", m.clone()),
            AppError::Conflict(m) => (StatusCode::CONFLICT, "Someone else changed this first", m.clone()),
            AppError::TooManyRequests(m) => (StatusCode::TOO_MANY_REQUESTS, "Too many attempts", m.clone()),
            AppError::Busy { .. } => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Boardplan is busy",
                "Boardplan is making as many reports as it can at once. Try again shortly; nothing has been lost.".into(),
            ),
            AppError::Store(e) => match e {
                StoreError::NotFound { .. } => (StatusCode::NOT_FOUND, "Page not found", e.to_string()),
                StoreError::Conflict { what } => {
                    (StatusCode::CONFLICT, "Someone else changed this first", what.clone())
                }
                StoreError::InvalidData { what } => (StatusCode::BAD_REQUEST, "There is a problem", what.clone()),
                StoreError::SchemaTooNew { .. } | StoreError::Database(_) => (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Sorry, there is a problem with the service",
                    "Try again later. Nothing you had saved has been lost.".into(),
                ),
            },
            AppError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Sorry, there is a problem with the service",
                "Try again later. Nothing you had saved has been lost.".into(),
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::SignIn { next } = &self {
            let target = format!("/sign-in?next={}", urlencode(next));
            return Redirect::to(&target).into_response();
        }
        let (status, heading, message) = self.parts();
        if status.is_server_error() {
            // The whole chain, for whoever runs the server; never the person's data.
            tracing::error!(error = ?self, "request failed");
        }
        let page = MessagePage {
            heading,
            message: &message,
            link: Some("/"),
            link_text: "Go to the start page",
        };
        let body = page.render().unwrap_or_else(|_| heading.to_string());
        let mut res = (status, [(header::CACHE_CONTROL, "no-store")], Html(body)).into_response();
        if let AppError::Busy { retry_after } = self {
            res.headers_mut()
                .insert(header::RETRY_AFTER, retry_after.into());
        }
        res
    }
}

/// Percent-encode a query value.
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
