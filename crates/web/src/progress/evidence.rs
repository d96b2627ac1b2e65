//! Downloading an evidence file: for any member, always as an attachment, sandboxed, so that
//! nothing stored can run in a browser. The API serves files through [`download`] too.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;

#[derive(Deserialize)]
pub struct NameQuery {
    #[serde(default)]
    name: Option<String>,
}

/// An evidence file, as a download: never rendered by the browser, whatever it holds.
pub async fn evidence(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, sha256)): Path<(String, String)>,
    Query(q): Query<NameQuery>,
) -> Result<Response, AppError> {
    let file = state
        .store
        .evidence_file(&access.slug, &sha256)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(download(file, q.name))
}

/// An evidence file as an attachment under a tame version of `name`, sandboxed and never
/// cached, so that nothing stored can run in a browser (the API serves it the same way).
pub(crate) fn download(file: store::EvidenceFile, name: Option<String>) -> Response {
    let name: String = name
        .unwrap_or_else(|| "evidence".into())
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' '))
        .collect();
    let mut res = file.bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&file.media_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
            .unwrap_or(HeaderValue::from_static("attachment")),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    res
}
