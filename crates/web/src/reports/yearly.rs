//! `GET /p/{slug}/reports/yearly/{year}`: the yearly report's page for the board's officers
//! (business manager, administrator): each section of the report under its framework's
//! headings with what the framework asks, whether it shows evidence of impact (flagged
//! before publication when it does not), the text and tables generated from the records, and
//! a textarea for the section's narrative; the distribution list; and the report to download
//! as PDF, DOCX, ODT or HTML (`?format=`). `?framework=care-act` follows the Care Act 2014,
//! Schedule 2 instead of Working Together 2023.
//!
//! `POST` to the same address saves one section's narrative (or the distribution list)
//! through the store, which writes the change log with the signed-in person as the actor.
//! The role is checked first, then the CSRF token, then the form.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Date;
use reports::yearly::{DISTRIBUTION, Framework, SectionCheck, check, financial_year, headings};
use reports::{Format, ReportInput, ReportKind};
use serde::Deserialize;
use store::Stamp;

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::learning::forms::officers_only;
use crate::pages::download::attachment;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::routes::Routes;
use crate::view::{AsAtQuery, today};

const WHAT: &str = "the yearly report";

pub fn routes() -> Routes {
    use crate::routes::get;
    Routes::new().route("/p/{slug}/reports/yearly/{year}", get(show).post(save))
}

/// The financial year holding `day`, as boards write it: `2009-10`.
pub fn year_holding(day: Date) -> String {
    let y = i32::from(day.year());
    let start = if day.month() >= 4 { y } else { y - 1 };
    format!("{start}-{:02}", (start + 1).rem_euclid(100))
}

#[derive(Debug, Default, Deserialize)]
pub struct YearlyQuery {
    framework: Option<String>,
    format: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct NarrativeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    section: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    framework: String,
}

/// One section as the page shows it.
struct PageSection {
    key: &'static str,
    title: &'static str,
    asks: &'static str,
    check: SectionCheck,
    /// The generated text and tables, as the report's own HTML (escaped by the renderer).
    generated: String,
    narrative: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "reports_yearly.html")]
struct YearlyPage {
    nav: Nav,
    csrf: String,
    year: String,
    framework: &'static str,
    framework_label: &'static str,
    /// (value, label, current)
    frameworks: Vec<(&'static str, &'static str, bool)>,
    sections: Vec<PageSection>,
    flagged: Vec<(&'static str, &'static str)>,
    distribution: String,
    distribution_error: Option<String>,
    /// (label, href)
    downloads: Vec<(&'static str, String)>,
}

fn year_of(text: &str) -> Result<String, AppError> {
    financial_year(text).map(|(l, _, _)| l).map_err(|_| {
        AppError::BadRequest(format!(
            "\"{text}\" in the address is not a financial year: write it as YYYY-YY, e.g. /reports/yearly/2009-10 for 1 April 2009 to 31 March 2010."
        ))
    })
}

fn framework_of(text: Option<&str>) -> Result<Framework, AppError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(Framework::default()),
        Some(t) => t
            .parse()
            .map_err(|e: reports::yearly::UnknownFramework| AppError::BadRequest(e.to_string())),
    }
}

async fn input(
    state: &AppState,
    access: &PartnershipAccess,
    year: &str,
    framework: Framework,
) -> Result<ReportInput, AppError> {
    // The officers see what the assurance pages show them.
    let view = crate::assurance::section11::access::view_of(
        state,
        &access.slug,
        &access.membership,
        access.user.account.id,
    )
    .await?;
    let ask = store::AssuranceAsk {
        audit: None,
        cycle: None,
        view,
        cases: crate::assurance::audits::sees_cases(&access.membership),
    };
    match state
        .store
        .yearly_report_input(
            &access.slug,
            year,
            framework,
            today(),
            &ask,
            jiff::Timestamp::now(),
        )
        .await
    {
        Ok(Some(i)) => Ok(i),
        Ok(None) => Err(AppError::BadRequest(format!(
            "There was no plan by the end of {year}: choose a later year."
        ))),
        Err(store::StoreError::InvalidData { what }) => Err(AppError::BadRequest(what)),
        Err(e) => Err(e.into()),
    }
}

async fn page(
    state: &AppState,
    access: &PartnershipAccess,
    year: &str,
    framework: Framework,
    input: &ReportInput,
    unsaved: Option<(&str, &str, String)>,
) -> Result<Response, AppError> {
    let l = access.view(state, &AsAtQuery::default()).await?;
    let checks = check(input);
    // The generated parts alone: the narrative is in the textarea beside them.
    let mut bare = input.clone();
    let narratives = match bare.yearly.as_mut() {
        Some(y) => std::mem::take(&mut y.narratives),
        None => Default::default(),
    };
    let report = reports::build(ReportKind::Yearly, &bare);
    let slug = &access.slug;
    let fw = framework.as_str();
    let sections = headings(framework)
        .iter()
        .zip(checks)
        .map(|(h, c)| {
            let generated = report
                .sections
                .iter()
                .find(|s| s.id == h.key)
                .map(|s| {
                    let mut s = s.clone();
                    // The page gives the heading and what the framework asks itself.
                    s.heading = "What the records show".to_owned();
                    s.id = format!("{}-generated", h.key);
                    if !s.blocks.is_empty() {
                        s.blocks.remove(0);
                    }
                    reports::render::html::section_fragment(&s, 3)
                })
                .unwrap_or_default();
            let (narrative, error) = match &unsaved {
                Some((key, text, e)) if *key == h.key => ((*text).to_owned(), Some(e.clone())),
                _ => (narratives.get(h.key).cloned().unwrap_or_default(), None),
            };
            PageSection {
                key: h.key,
                title: h.title,
                asks: h.asks,
                check: c,
                generated,
                narrative,
                error,
            }
        })
        .collect::<Vec<_>>();
    let (distribution, distribution_error) = match &unsaved {
        Some((key, text, e)) if *key == DISTRIBUTION => ((*text).to_owned(), Some(e.clone())),
        _ => (
            input
                .yearly
                .as_ref()
                .map(|y| y.distribution.join("\n"))
                .unwrap_or_default(),
            None,
        ),
    };
    let status = if unsaved.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let mut res = render(&YearlyPage {
        nav: Nav::new(&l, "reports"),
        csrf: access.user.csrf.clone(),
        year: year.to_owned(),
        framework: fw,
        framework_label: framework.label(),
        frameworks: [Framework::WorkingTogether, Framework::CareAct]
            .into_iter()
            .map(|f| (f.as_str(), f.label(), f == framework))
            .collect(),
        flagged: sections
            .iter()
            .filter(|s| s.check.flagged())
            .map(|s| (s.key, s.title))
            .collect(),
        sections,
        distribution,
        distribution_error,
        downloads: [
            (Format::Pdf, "PDF (tagged)"),
            (Format::Docx, "Word (DOCX)"),
            (Format::Odt, "OpenDocument text (ODT)"),
            (Format::Html, "Web page (HTML)"),
        ]
        .into_iter()
        .map(|(f, label)| {
            (
                label,
                format!(
                    "/p/{slug}/reports/yearly/{year}?framework={fw}&format={}",
                    f.extension()
                ),
            )
        })
        .collect(),
    })?;
    *res.status_mut() = status;
    // The generated parts are the report's own HTML, whose RAG cells carry inline colours.
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(crate::security::REPORT_CSP),
    );
    Ok(res)
}

/// `GET /p/{slug}/reports/yearly/{year}`: the page, or with `format` the report.
pub async fn show(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, year)): Path<(String, String)>,
    Query(q): Query<YearlyQuery>,
) -> Result<Response, AppError> {
    officers_only(&access, WHAT)?;
    let year = year_of(&year)?;
    let framework = framework_of(q.framework.as_deref())?;
    let format = match q.format.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
        None => None,
        Some(f) => match f.parse::<Format>() {
            Ok(f @ (Format::Pdf | Format::Docx | Format::Odt | Format::Html)) => Some(f),
            _ => {
                return Err(AppError::BadRequest(format!(
                    "format: \"{f}\" is not a format of the yearly report. Choose pdf, docx, odt or html."
                )));
            }
        },
    };
    let input = input(&state, &access, &year, framework).await?;
    let Some(format) = format else {
        return page(&state, &access, &year, framework, &input, None).await;
    };
    let turn = super::page::wait_for_turn(&state).await?;
    let bytes = tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let report = reports::build(ReportKind::Yearly, &input);
        match format {
            Format::Pdf => super::page::pdf(&report),
            other => reports::render(&report, other).map_err(|e| e.to_string()),
        }
    })
    .await
    .map_err(|e| AppError::Internal(format!("report task: {e}")))?
    .map_err(|e| AppError::Internal(format!("rendering a report: {e}")))?;
    Ok(attachment(
        bytes,
        format.media_type(),
        &format!(
            "{}-yearly-report-{year}.{}",
            access.slug,
            format.extension()
        ),
    ))
}

/// `POST /p/{slug}/reports/yearly/{year}`: save one section's narrative, then show it.
pub async fn save(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, year)): Path<(String, String)>,
    Form(f): Form<NarrativeForm>,
) -> Result<Response, AppError> {
    officers_only(&access, WHAT)?;
    access.user.check_csrf(&f.csrf)?;
    let year = year_of(&year)?;
    let framework = framework_of(Some(&f.framework))?;
    let actor = access.user.account.display_name.clone();
    match state
        .store
        .set_yearly_text(&access.slug, Stamp::now(&actor), &year, &f.section, &f.text)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/p/{}/reports/yearly/{year}?framework={}#{}",
            access.slug,
            framework.as_str(),
            f.section.trim()
        ))
        .into_response()),
        Err(store::StoreError::InvalidData { what }) => {
            // A section the page does not show: the form was not this page's.
            let known = f.section.trim() == DISTRIBUTION
                || headings(framework)
                    .iter()
                    .any(|h| h.key == f.section.trim());
            if !known {
                return Err(AppError::BadRequest(what));
            }
            let input = input(&state, &access, &year, framework).await?;
            let what = what.strip_prefix("text: ").unwrap_or(&what).to_owned();
            page(
                &state,
                &access,
                &year,
                framework,
                &input,
                Some((f.section.trim(), &f.text, what)),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_holding_a_day_starts_on_the_first_of_april() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(year_holding(d("2009-04-01")), "2009-10");
        assert_eq!(year_holding(d("2010-03-31")), "2009-10");
        assert_eq!(year_holding(d("2099-12-31")), "2099-00");
    }
}
