//! The list of the partnership's indicators for its area: latest value, target, RAG tag in
//! words, both directions of travel as arrows with words, and a sparkline.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use indicators::summary::show_value;
use indicators::{Period, Summary, sparkline};
use store::StoreError;

use super::{IndicatorQuery, Travel, carried, overview, rag_tag, travel};
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::{AppError, urlencode};
use crate::pages::nav::Nav;
use crate::pages::render;

/// One indicator as a row of the list.
pub struct Row {
    pub code: String,
    pub title: String,
    pub href: String,
    pub latest: String,
    pub period: String,
    pub target: String,
    pub rag_class: &'static str,
    pub rag_label: &'static str,
    pub previous: Travel,
    pub year_ago: Travel,
    pub sparkline: String,
    pub joint: Option<String>,
}

fn row(s: &Summary, slug: &str, query: &str) -> Row {
    let (rag_class, rag_label) = rag_tag(s.judgement.and_then(|j| j.rag));
    let latest_period = s.latest.map(|l| l.period);
    Row {
        code: s.indicator.to_string(),
        title: s.title.clone(),
        href: format!(
            "/p/{slug}/indicators/{}{query}",
            urlencode(s.indicator.as_str())
        ),
        latest: s.latest.map_or("No value".to_owned(), |l| {
            show_value(l.number, s.decimals, s.unit)
        }),
        period: latest_period.map_or(String::new(), Period::label),
        target: s.target.as_ref().map_or("None set".to_owned(), |t| {
            show_value(t.value, s.decimals, s.unit)
        }),
        rag_class,
        rag_label,
        previous: travel(
            s,
            s.judgement.map(|j| j.direction_vs_previous),
            latest_period.and_then(Period::previous),
        ),
        year_ago: travel(
            s,
            s.judgement.map(|j| j.direction_vs_year_ago),
            latest_period.and_then(Period::year_ago),
        ),
        sparkline: sparkline(&s.numbers),
        joint: s.reported_jointly_as.as_ref().map(ToString::to_string),
    }
}

#[derive(Template)]
#[template(path = "indicators.html")]
struct ListPage {
    nav: Nav,
    area_name: String,
    area_code: String,
    rows: Vec<Row>,
    /// Why there is nothing to list yet (no figures, or no area chosen), in words.
    notice: Option<String>,
    may_import: bool,
    import_href: String,
}

pub async fn list(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Query(q): Query<IndicatorQuery>,
) -> Result<Response, AppError> {
    let l = access.view(&state, &q.as_at_query()).await?;
    let mut page = ListPage {
        nav: Nav::new(&l, "indicators"),
        area_name: String::new(),
        area_code: String::new(),
        rows: Vec::new(),
        notice: None,
        may_import: access.membership.may_edit_plan(),
        import_href: format!("/p/{}/indicators/import", access.slug),
    };
    if state.store.indicator_areas(&access.slug).await?.is_empty() {
        page.notice = Some("No published figures have been imported yet.".into());
        return render(&page);
    }
    let o = match overview(&state, &access.slug, q.area(), q.day()?).await {
        Ok(o) => o,
        // No area chosen, or an area no file names: say so on the page.
        Err(AppError::Store(StoreError::InvalidData { what } | StoreError::NotFound { what })) => {
            page.notice = Some(capitalised(&what));
            return render(&page);
        }
        Err(e) => return Err(e),
    };
    let query = carried(&q, l.historic, &l.as_at.to_string());
    page.area_name = o.area_name.clone();
    page.area_code = o.area_code.to_string();
    page.rows = o
        .rows
        .iter()
        .map(|s| row(s, &access.slug, &query))
        .collect();
    render(&page)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect::<String>() + "."
    })
}
