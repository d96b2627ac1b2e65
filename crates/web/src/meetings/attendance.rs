//! `GET /p/{slug}/attendance?from=&to=`: attendance over a period (the year to the page's
//! as-at day unless given), by agency with a bar chart drawn on the server (SVG with a title,
//! a description and the same figures in a table beside it: no script needed), and by person.

use std::fmt::Write;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::Date;
use serde::Deserialize;

use super::wire::AttendanceSummary;
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::{AsAtQuery, load};

#[derive(Debug, Default, Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub as_at: Option<String>,
}

#[derive(Template)]
#[template(path = "attendance.html")]
pub struct AttendancePage {
    pub nav: Nav,
    pub a: AttendanceSummary,
    pub chart: String,
    pub back: String,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A horizontal bar per agency, its share of 100%, with the threshold marked.
pub fn chart(a: &AttendanceSummary) -> String {
    const LABEL: u32 = 230;
    const BAR: u32 = 400;
    const ROW: u32 = 28;
    let height = ROW * a.agencies.len() as u32 + 30;
    let width = LABEL + BAR + 60;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="bp-chart" role="img" aria-labelledby="att-title att-desc" viewBox="0 0 {width} {height}" width="100%" font-family="sans-serif" font-size="14">"#
    );
    let _ = write!(
        svg,
        r#"<title id="att-title">Attendance by agency, {} to {}</title><desc id="att-desc">The share of meetings each agency should have attended that it attended or was represented at; the line marks the board's threshold of {}%. The table below gives the same figures.</desc>"#,
        a.from, a.to, a.threshold
    );
    for (i, s) in a.agencies.iter().enumerate() {
        let y = i as u32 * ROW + 4;
        let w = BAR * s.share.min(100) / 100;
        let fill = if s.below_threshold {
            "#d4351c"
        } else {
            "#1d70b8"
        };
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text><rect x="{LABEL}" y="{y}" width="{w}" height="{}" fill="{fill}"></rect><text x="{}" y="{}">{}%</text>"#,
            LABEL - 8,
            y + 16,
            escape(&s.agency),
            ROW - 8,
            LABEL + w + 6,
            y + 16,
            s.share
        );
    }
    let x = LABEL + BAR * a.threshold.min(100) / 100;
    let bottom = ROW * a.agencies.len() as u32 + 4;
    let _ = write!(
        svg,
        r##"<line x1="{x}" y1="0" x2="{x}" y2="{bottom}" stroke="#0b0c0c" stroke-width="2" stroke-dasharray="4 3"></line><text x="{x}" y="{}" text-anchor="middle">{}%</text></svg>"##,
        bottom + 18,
        a.threshold
    );
    svg
}

pub async fn page(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Query(q): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let l = load(
        &state,
        &access.slug,
        &AsAtQuery {
            as_at: q.as_at.clone(),
            ..AsAtQuery::default()
        },
    )
    .await?;
    let day = |label: &str, t: &Option<String>| -> Result<Option<Date>, AppError> {
        t.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| {
                t.parse::<Date>().map_err(|_| {
                    AppError::BadRequest(format!("{label} must be a date, as YYYY-MM-DD."))
                })
            })
            .transpose()
    };
    let to = day("The end of the period", &q.to)?.unwrap_or(l.as_at);
    let from = day("The start of the period", &q.from)?.unwrap_or(domain::meetings::year_to(to).0);
    let r = state.store.attendance(&access.slug, from, to).await?;
    let a = AttendanceSummary::new(&r);
    render(&AttendancePage {
        nav: Nav::new(&l, "meetings"),
        chart: chart(&a),
        a,
        back: format!("/p/{}/meetings", access.slug),
    })
}

/// The dashboard's warning: the agencies whose attendance in the year to the page's day fell
/// below the board's threshold.
pub struct Alert {
    pub threshold: u32,
    /// (agency, share per cent).
    pub agencies: Vec<(String, u32)>,
    pub href: String,
}

/// The dashboard's warning for the view `l`, if any agency is below the threshold.
pub async fn alert(state: &AppState, l: &crate::view::Loaded) -> Result<Option<Alert>, AppError> {
    let (from, to) = domain::meetings::year_to(l.as_at);
    let r = state.store.attendance(&l.slug, from, to).await?;
    let agencies: Vec<(String, u32)> = r
        .tally
        .below(r.threshold)
        .into_iter()
        .map(|s| (s.name.clone(), s.percent()))
        .collect();
    Ok((!agencies.is_empty()).then(|| Alert {
        threshold: r.threshold,
        agencies,
        href: format!("/p/{}/attendance?from={from}&to={to}", l.slug),
    }))
}
