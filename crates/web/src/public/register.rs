//! `GET /public/{slug}/register?format=`: the public member register as a file (PDF by
//! default; HTML, DOCX, ODT, XLSX, ODS or CSV), only for a board that publishes ([`Published`]:
//! any other is "not found"). Built as `ReportKind::PublicRegister`, from
//! `domain::PublicPerson`: name, agency, board role and expertise, never contact details.

use axum::extract::{Query, State};
use axum::response::Response;
use reports::{Format, ReportKind};
use serde::Deserialize;
use store::GovernanceRead;

use super::Published;
use crate::AppState;
use crate::error::AppError;
use crate::pages::download::attachment;
use crate::view::today;

#[derive(Debug, Default, Deserialize)]
pub struct RegisterQuery {
    #[serde(default)]
    pub format: Option<String>,
}

pub async fn download(
    State(state): State<AppState>,
    Published { slug }: Published,
    Query(q): Query<RegisterQuery>,
) -> Result<Response, AppError> {
    let format = match q.format.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
        None => Format::Pdf,
        Some(f) => f.parse::<Format>().map_err(|_| {
            AppError::BadRequest(format!(
                "\"{f}\" is not a format of the register: ask for pdf, html, docx, odt, xlsx, ods or csv."
            ))
        })?,
    };
    if format == Format::Pdf && !cfg!(feature = "pdf") {
        return Err(AppError::BadRequest(
            "This server was built without PDF: ask for format=docx or format=html.".into(),
        ));
    }
    let as_at = today();
    let (input, _) = state
        .store
        .governance_report_input(
            &slug,
            as_at,
            GovernanceRead::Register,
            jiff::Timestamp::now(),
        )
        .await?;
    let bytes = tokio::task::spawn_blocking(move || {
        let report = reports::build(ReportKind::PublicRegister, &input);
        match format {
            Format::Pdf => pdf(&report),
            other => reports::render(&report, other).map_err(|e| e.to_string()),
        }
    })
    .await
    .map_err(|e| AppError::Internal(format!("report task: {e}")))?
    .map_err(|e| AppError::Internal(format!("rendering the public register: {e}")))?;
    Ok(attachment(
        bytes,
        format.media_type(),
        &format!("{slug}-public-register-{as_at}.{}", format.extension()),
    ))
}

#[cfg(feature = "pdf")]
fn pdf(report: &reports::Report) -> Result<Vec<u8>, String> {
    reports_pdf::render(report).map_err(|e| e.to_string())
}

#[cfg(not(feature = "pdf"))]
fn pdf(_report: &reports::Report) -> Result<Vec<u8>, String> {
    Err(reports::RenderError::PdfNotHere.to_string())
}
