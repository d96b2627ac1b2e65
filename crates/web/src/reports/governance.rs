//! The reports on the board's own business from the reports page: the member register (and
//! its public version), attendance over a period (`from`, `to`; the year to the as-at day by
//! default) and, from a meeting's page, its pack and minutes (`meeting`, its id). Any member
//! of the partnership reads the register and attendance, as the register and attendance
//! pages; a meeting's pack and minutes go only to those who may see the meeting
//! (`domain::meetings::access::may_see`: a lead officer, a sub-group's only if they belong to
//! it), and anyone else is told it does not exist. Read through
//! `Store::governance_report_input`, the reader `boardplan report` uses too.

use domain::Date;
use reports::governance::Paper;
use reports::{Format, ReportInput, ReportKind};
use store::GovernanceRead;
use tokio::sync::OwnedSemaphorePermit;

use super::request::{
    DATE_FIELD, FORMAT_FIELD, FieldErrors, REPORT_FIELD, ReportQuery, ReportRequest,
};
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;

/// Whether `kind` is one of these reports.
pub fn is_governance(kind: ReportKind) -> bool {
    ReportKind::GOVERNANCE.contains(&kind)
}

/// Whether the page offers `kind` as `format`: the meeting pack is one PDF (its papers are
/// PDF pages), shown here as HTML first.
pub fn offers(kind: ReportKind, format: Format) -> bool {
    kind != ReportKind::MeetingPack || matches!(format, Format::Pdf | Format::Html)
}

/// What a link to the same report must carry beyond `report`, `as_at` and `format`.
pub fn tail(q: &ReportQuery) -> String {
    let mut out = String::new();
    for (name, v) in [("from", &q.from), ("to", &q.to), ("meeting", &q.meeting)] {
        if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            let v: String = v
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            out.push_str(&format!("&{name}={v}"));
        }
    }
    out
}

fn day(
    field: &'static str,
    label: &str,
    v: &Option<String>,
    errors: &mut FieldErrors,
) -> Option<Date> {
    let v = v.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
    match v.parse() {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push((
                field,
                format!(
                    "{label} \"{v}\" is not a date: enter it as YYYY-MM-DD, for example 2010-03-31"
                ),
            ));
            None
        }
    }
}

/// The input of report `r` with the papers of a pack, or the form's mistakes; not found
/// for a meeting the asker may not see.
pub async fn input(
    state: &AppState,
    access: &PartnershipAccess,
    q: &ReportQuery,
    r: &ReportRequest,
) -> Result<Result<(ReportInput, Vec<Paper>), FieldErrors>, AppError> {
    let mut errors = FieldErrors::new();
    if !offers(r.kind, r.format) {
        errors.push((
            FORMAT_FIELD,
            "The meeting pack is one PDF, with its papers: choose PDF".to_owned(),
        ));
    }
    let meeting = matches!(r.kind, ReportKind::MeetingPack | ReportKind::Minutes);
    let (read, as_at) = if r.kind == ReportKind::Attendance {
        let to = day(DATE_FIELD, "The end of the period", &q.to, &mut errors).unwrap_or(r.as_at);
        let from = day(DATE_FIELD, "The start of the period", &q.from, &mut errors)
            .unwrap_or(domain::meetings::year_to(to).0);
        if to < from {
            errors.push((
                DATE_FIELD,
                format!("The period ends ({to}) before it starts ({from}): give the start first"),
            ));
        }
        (GovernanceRead::Attendance { from, to }, to)
    } else if meeting {
        let id = q
            .meeting
            .as_deref()
            .and_then(|m| m.trim().parse::<i64>().ok());
        let Some(id) = id else {
            errors.push((
                REPORT_FIELD,
                "Choose the meeting: make its pack or minutes from the meeting's own page"
                    .to_owned(),
            ));
            return Ok(Err(errors));
        };
        if !errors.is_empty() {
            return Ok(Err(errors));
        }
        // Not found, as the meeting's page, for anyone who may not see it.
        let m = crate::meetings::page::visible(state, access, id).await?;
        (
            GovernanceRead::Meeting {
                id,
                papers: r.kind == ReportKind::MeetingPack && r.format == Format::Pdf,
            },
            m.summary.date,
        )
    } else {
        (GovernanceRead::Register, r.as_at)
    };
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let got = state
        .store
        .governance_report_input(&access.slug, as_at, read, jiff::Timestamp::now())
        .await?;
    Ok(Ok(got))
}

/// The pack's PDF with its papers, made off the async threads like every report.
pub async fn produce_pack(
    input: ReportInput,
    r: ReportRequest,
    papers: Vec<Paper>,
    turn: OwnedSemaphorePermit,
) -> Result<Vec<u8>, AppError> {
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let report = reports::build(r.kind, &input);
        pack(&report, &papers)
    })
    .await
    .map_err(|e| AppError::Internal(format!("report task: {e}")))?
    .map_err(|e| AppError::Internal(format!("rendering a meeting pack: {e}")))
}

#[cfg(feature = "pdf")]
fn pack(report: &reports::Report, papers: &[Paper]) -> Result<Vec<u8>, String> {
    reports_pdf::render_pack(report, papers).map_err(|e| e.to_string())
}

/// Never reached: the form refuses PDF on a server built without it.
#[cfg(not(feature = "pdf"))]
fn pack(_report: &reports::Report, _papers: &[Paper]) -> Result<Vec<u8>, String> {
    Err(reports::RenderError::PdfNotHere.to_string())
}
