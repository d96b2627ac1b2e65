//! The reports page: the five reports a board owes, produced as at a date in the format a
//! person chooses, and the assurance reports (one audit, a Section 11 cycle, the risk
//! register). Any member may produce them (readers too: the papers say nothing the
//! plan pages do not); what the assurance reports and sections show of an audit's cases and
//! of each agency's Section 11 return is what the assurance pages show the same person
//! (`audits::sees_cases`, `section11::access::view_of`). The form is a GET to this same page, so a report is a link that can
//! be bookmarked or sent, and the as-at picker keeps working beside it. HTML is shown inside
//! the site; every other format downloads. The calendar feed's controls live here too.
//!
//! A report holds its input and its document in memory, and a PDF keeps a core busy, so a
//! server makes only so many at once (`WebConfig::max_concurrent_reports`); a request beyond
//! that waits briefly for its turn and is then told to come back (503, `Retry-After`).

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use reports::{Format, ReportInput, ReportKind};
use tokio::sync::OwnedSemaphorePermit;

use super::governance;
use super::request::{
    AUDIT_FIELD, CYCLE_FIELD, DATE_FIELD, FORMAT_FIELD, FieldErrors, REPORT_FIELD, ReportQuery,
    ReportRequest, file_name, parse, query,
};
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::download::attachment;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::routes::Routes;
use crate::view::{AsAtQuery, Loaded, load, today};

pub fn routes() -> Routes {
    use crate::routes::get;
    Routes::new().route("/p/{slug}/reports", get(show))
}

/// What each report is for, in a sentence a new board member understands.
fn describe(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::BoardPaper => {
            "For a board meeting: progress by objective, the actions that need attention, what was completed and signed off since the last meeting, the decisions the board must make, and the performance indicators."
        }
        ReportKind::Quarterly => {
            "For the Lead Member and the Children's Trust: how the plan moved in the quarter, what is behind, and the indicators."
        }
        ReportKind::Annual => {
            "On the effectiveness of safeguarding over the year: outcomes, how much of the plan was completed, what was carried forward, and indicator trends year on year."
        }
        ReportKind::SelfAssessment => {
            "For inspectors: each objective of the plan with its actions and the evidence behind each one completed."
        }
        ReportKind::Public => {
            "For anyone: what the plan set out to do and how it is going, in plain language, with no internal notes, evidence or names."
        }
        ReportKind::Audit => {
            "One audit of the programme: its sample, grades by practice area and by agency, findings, recommendations and the change since the last audit of its theme. Enter the audit's number below."
        }
        ReportKind::Section11 => {
            "A Section 11 cycle: the heat map of agencies by standards, the returns outstanding and the change since the previous cycle. Enter the cycle's year below, or leave it blank for the latest."
        }
        ReportKind::RiskRegister => {
            "The risk register as at the date: each risk's scores, controls, appetite and status, and the 5x5 heat map."
        }
        ReportKind::MemberRegister => {
            "The member register: each person's agency, job title, board role, expertise and when their term ends. No contact details."
        }
        ReportKind::PublicRegister => {
            "The member register for the public: name, agency, board role and expertise only."
        }
        ReportKind::Attendance => {
            "Attendance at the board's and sub-groups' meetings in the year to the date, by agency (with its chart, against the board's threshold) and by person."
        }
        ReportKind::MeetingPack => {
            "A meeting's agenda, its papers, the last minutes and the action log, as one PDF: from the meeting's page."
        }
        ReportKind::Minutes => {
            "A meeting's minutes with its attendance, quorum, decisions and action log: from the meeting's page."
        }
        ReportKind::Yearly => {
            "The partnership's yearly report for a financial year, under the headings Working Together 2023 or the Care Act 2014 asks for, with the business manager's narrative: from the yearly report's page."
        }
    }
}

/// How each format is offered: (value, label, what it is for).
const FORMATS: [(Format, &str, &str); 7] = [
    (
        Format::Html,
        "Web page (HTML)",
        "Shown here, with a link to save it",
    ),
    (
        Format::Pdf,
        "PDF",
        "To print, circulate or publish; tagged for screen readers",
    ),
    (Format::Docx, "Word (DOCX)", "To edit in Microsoft Word"),
    (
        Format::Odt,
        "OpenDocument text (ODT)",
        "To edit in LibreOffice or another open standard editor",
    ),
    (
        Format::Xlsx,
        "Excel (XLSX)",
        "The report's tables, one sheet each",
    ),
    (
        Format::Ods,
        "OpenDocument spreadsheet (ODS)",
        "The report's tables, one sheet each",
    ),
    (Format::Csv, "CSV", "The report's tables as plain text"),
];

#[derive(Template)]
#[template(path = "reports.html")]
struct ReportsPage {
    nav: Nav,
    csrf: String,
    errors: FieldErrors,
    /// (value, title, description)
    reports: Vec<(&'static str, &'static str, &'static str)>,
    /// (value, label, hint)
    formats: Vec<(&'static str, &'static str, &'static str)>,
    report: String,
    format: String,
    as_at: String,
    /// The audit and cycle fields as sent.
    audit: String,
    cycle: String,
    today: String,
    /// The person's live calendar feeds: (id, when made).
    feeds: Vec<(i64, String)>,
    /// For the board's officers, the financial year holding the date (`2009-10`): its
    /// yearly report's page is linked.
    yearly: Option<String>,
}

impl ReportsPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    // The ids the error summary links to, from the one place that names them.
    fn report_field(&self) -> &'static str {
        REPORT_FIELD
    }
    fn date_field(&self) -> &'static str {
        DATE_FIELD
    }
    fn format_field(&self) -> &'static str {
        FORMAT_FIELD
    }
    fn audit_field(&self) -> &'static str {
        AUDIT_FIELD
    }
    fn cycle_field(&self) -> &'static str {
        CYCLE_FIELD
    }
}

#[derive(Template)]
#[template(path = "report_view.html")]
struct ReportView {
    nav: Nav,
    title: &'static str,
    /// The report's own HTML, escaped by the renderer.
    body: String,
    /// (label, href) for saving it in each format.
    downloads: Vec<(&'static str, String)>,
}

/// `GET /p/{slug}/reports`: the page, or (with `report` or `format` given) the report.
pub async fn show(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Query(q): Query<ReportQuery>,
) -> Result<Response, AppError> {
    if q.report.is_none() && q.format.is_none() {
        let asked = AsAtQuery {
            as_at: q.as_at,
            recorded: q.recorded,
            ..AsAtQuery::default()
        };
        let l = access.view(&state, &asked).await?;
        return render(&page(&state, &access, &l, Vec::new(), "", "", None).await?);
    }
    let r = match parse(&q, today()) {
        Ok(r) => r,
        Err(errors) => return refuse(&state, &access, &q, errors).await,
    };
    let turn = wait_for_turn(&state).await?;
    let mut papers = Vec::new();
    let input = if governance::is_governance(r.kind) {
        match governance::input(&state, &access, &q, &r).await? {
            Ok((input, p)) => {
                papers = p;
                input
            }
            Err(errors) => return refuse(&state, &access, &q, errors).await,
        }
    } else {
        let Some(mut input) = state
            .store
            .report_input(
                &access.slug,
                None,
                domain::Moment {
                    day: r.as_at,
                    as_recorded: r.as_recorded,
                },
                true,
                jiff::Timestamp::now(),
            )
            .await?
        else {
            let errors = vec![(
                DATE_FIELD,
                format!(
                    "There was no plan on {}: enter a date after the plan was imported",
                    r.as_at
                ),
            )];
            return refuse(&state, &access, &q, errors).await;
        };
        if let Err(errors) = add_assurance(&state, &access, &r, &mut input).await? {
            return refuse(&state, &access, &q, errors).await;
        }
        input
    };
    let extra = governance::tail(&q);
    if r.format == Format::Html && q.download.is_none() {
        let l = load(
            &state,
            &access.slug,
            &AsAtQuery {
                as_at: Some(r.as_at.to_string()),
                recorded: r.as_recorded.then(|| "yes".to_string()),
                ..AsAtQuery::default()
            },
        )
        .await?;
        let report = reports::build(r.kind, &input);
        let mut res = render(&ReportView {
            nav: Nav::new(&l, "reports"),
            title: r.kind.title(),
            body: reports::render::html::fragment(&report),
            downloads: FORMATS
                .iter()
                .filter(|(f, _, _)| governance::offers(r.kind, *f))
                .map(|(f, label, _)| {
                    let q = query(&r, *f);
                    let href = match f {
                        Format::Html => {
                            format!("/p/{}/reports{q}{extra}&download=yes", access.slug)
                        }
                        _ => format!("/p/{}/reports{q}{extra}", access.slug),
                    };
                    (*label, href)
                })
                .collect(),
        })?;
        res.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(crate::security::REPORT_CSP),
        );
        return Ok(res);
    }
    let bytes = if papers.is_empty() {
        produce(input, r, turn).await?
    } else {
        governance::produce_pack(input, r, papers, turn).await?
    };
    Ok(attachment(
        bytes,
        r.format.media_type(),
        &file_name(&access.slug, &r),
    ))
}

/// The assurance report `r` needs, as this person may see it: an audit's cases only for
/// those the audit pages show them to, a Section 11 cycle through their `Section11View`.
/// An audit or cycle that does not exist (or is another board's) is a mistake in the form.
async fn add_assurance(
    state: &AppState,
    access: &PartnershipAccess,
    r: &ReportRequest,
    input: &mut ReportInput,
) -> Result<Result<(), FieldErrors>, AppError> {
    // Only the reports with a Section 11 part ask who the person speaks for.
    let view = match r.kind {
        ReportKind::Section11 | ReportKind::Annual | ReportKind::SelfAssessment => {
            crate::assurance::section11::access::view_of(
                state,
                &access.slug,
                &access.membership,
                access.user.account.id,
            )
            .await?
        }
        _ => domain::assurance::section11::Section11View::Summary,
    };
    let ask = store::AssuranceAsk {
        audit: r.audit,
        cycle: r.cycle,
        view,
        cases: crate::assurance::audits::sees_cases(&access.membership),
    };
    match state
        .store
        .add_report_assurance(&access.slug, r.kind, input, &ask)
        .await
    {
        Ok(()) => Ok(Ok(())),
        Err(store::StoreError::NotFound { .. }) => Ok(Err(vec![match r.audit {
            Some(a) => (
                AUDIT_FIELD,
                format!("There is no audit {a}: enter a number from the audit programme"),
            ),
            None => (
                CYCLE_FIELD,
                format!(
                    "There is no Section 11 cycle {}: enter the year of a cycle, or leave it blank for the latest",
                    r.cycle.map_or_else(String::new, |c| c.to_string())
                ),
            ),
        }])),
        Err(e) => Err(e.into()),
    }
}

/// The page again with the form as sent and its mistakes: 400, and no file.
async fn refuse(
    state: &AppState,
    access: &PartnershipAccess,
    q: &ReportQuery,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    // The surrounding pages show the date asked for if the plan existed then, else today.
    let asked = AsAtQuery {
        as_at: q.as_at.clone(),
        recorded: q.recorded.clone(),
        ..AsAtQuery::default()
    };
    let l = match access.view(state, &asked).await {
        Ok(l) => l,
        Err(_) => access.view(state, &AsAtQuery::default()).await?,
    };
    let page = page(
        state,
        access,
        &l,
        errors,
        q.report.as_deref().unwrap_or(""),
        q.format.as_deref().unwrap_or(""),
        q.as_at.as_deref(),
    )
    .await?;
    let page = ReportsPage {
        audit: q.audit.clone().unwrap_or_default(),
        cycle: q.cycle.clone().unwrap_or_default(),
        ..page
    };
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::BAD_REQUEST;
    Ok(res)
}

async fn page(
    state: &AppState,
    access: &PartnershipAccess,
    l: &Loaded,
    errors: FieldErrors,
    report: &str,
    format: &str,
    as_at: Option<&str>,
) -> Result<ReportsPage, AppError> {
    let feeds = state
        .store
        .calendar_feeds(access.user.account.id, &access.slug)
        .await?
        .into_iter()
        .map(|f| (f.id, super::calendar_feed::when(&f.created_at)))
        .collect();
    Ok(ReportsPage {
        nav: Nav::new(l, "reports"),
        csrf: access.user.csrf.clone(),
        errors,
        // A meeting's pack and minutes are made from the meeting's page, which names it.
        reports: ReportKind::ALL
            .iter()
            .chain(&ReportKind::ASSURANCE)
            .chain(&ReportKind::GOVERNANCE[..3])
            .map(|k| (k.slug(), k.title(), describe(*k)))
            .collect(),
        formats: FORMATS
            .iter()
            .map(|(f, label, hint)| (f.extension(), *label, *hint))
            .collect(),
        report: report.to_owned(),
        format: format.to_owned(),
        as_at: as_at.map_or_else(|| l.as_at.to_string(), str::to_owned),
        audit: String::new(),
        cycle: String::new(),
        today: today().to_string(),
        feeds,
        yearly: access
            .membership
            .may_manage_governance()
            .then(|| super::yearly::year_holding(l.as_at)),
    })
}

/// A turn to make a report, waiting up to `WebConfig::report_wait` for one.
pub(super) async fn wait_for_turn(state: &AppState) -> Result<OwnedSemaphorePermit, AppError> {
    let wait = state.config.report_wait;
    match tokio::time::timeout(wait, Arc::clone(&state.reports).acquire_owned()).await {
        Ok(Ok(turn)) => Ok(turn),
        // Timed out, or the permits closed (never, while the server runs).
        Ok(Err(_)) | Err(_) => Err(AppError::Busy {
            retry_after: wait.as_secs().max(1),
        }),
    }
}

/// The report's bytes, made off the async threads: a PDF takes typst a while. The turn goes
/// with the work, so a person who gives up waiting does not free it while typst still runs.
async fn produce(
    input: ReportInput,
    r: ReportRequest,
    turn: OwnedSemaphorePermit,
) -> Result<Vec<u8>, AppError> {
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let report = reports::build(r.kind, &input);
        match r.format {
            Format::Pdf => pdf(&report),
            other => reports::render(&report, other).map_err(|e| e.to_string()),
        }
    })
    .await
    .map_err(|e| AppError::Internal(format!("report task: {e}")))?
    .map_err(|e| AppError::Internal(format!("rendering a report: {e}")))
}

#[cfg(feature = "pdf")]
pub(super) fn pdf(report: &reports::Report) -> Result<Vec<u8>, String> {
    reports_pdf::render(report).map_err(|e| e.to_string())
}

/// Never reached: the form refuses PDF on a server built without it.
#[cfg(not(feature = "pdf"))]
pub(super) fn pdf(_report: &reports::Report) -> Result<Vec<u8>, String> {
    Err(reports::RenderError::PdfNotHere.to_string())
}
