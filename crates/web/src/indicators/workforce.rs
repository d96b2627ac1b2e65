//! `GET /p/{slug}/workforce`: the workforce section (13.2) — each workforce indicator loaded
//! (social workers in post, turnover, vacancies, agency workers, caseloads, absence) with its
//! latest value, RAG and trend, and the commentary written on it per period, newest first.
//! Commentary is written on the indicator's own page (its form) or with `boardplan workforce
//! comment`; each row links there. Honours `?area=` and `?as_at=` as the indicator pages do.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use indicators::summary::show_value;
use store::StoreError;

use super::{IndicatorQuery, carried, catalogue, rag_tag};
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::{AppError, urlencode};
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::day;

/// One commentary as the page shows it.
pub struct Said {
    pub period: String,
    pub author: String,
    pub written_on: String,
    pub text: String,
}

/// One workforce indicator.
pub struct Row {
    pub code: String,
    pub title: String,
    pub href: String,
    pub latest: String,
    pub period: String,
    pub rag_class: &'static str,
    pub rag_label: &'static str,
    pub commentary: Vec<Said>,
}

#[derive(Template)]
#[template(path = "workforce.html")]
struct WorkforcePage {
    nav: Nav,
    area_name: String,
    area_code: String,
    rows: Vec<Row>,
    /// Why there is nothing to show yet, in words.
    notice: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Query(q): Query<IndicatorQuery>,
) -> Result<Response, AppError> {
    let l = access.view(&state, &q.as_at_query()).await?;
    let mut page = WorkforcePage {
        nav: Nav::new(&l, "indicators"),
        area_name: String::new(),
        area_code: String::new(),
        rows: Vec::new(),
        notice: None,
    };
    let section = match state
        .store
        .workforce(&access.slug, catalogue(), q.area(), q.day()?)
        .await
    {
        Ok(s) => s,
        // No area chosen, or an area no file names: say so on the page.
        Err(StoreError::InvalidData { what } | StoreError::NotFound { what }) => {
            page.notice = Some(format!("{what}."));
            return render(&page);
        }
        Err(e) => return Err(e.into()),
    };
    let query = carried(&q, l.historic, &l.as_at.to_string());
    page.area_name = section.area_name.clone();
    page.area_code = section.area_code.to_string();
    if section.rows.is_empty() {
        page.notice = Some(
            "No workforce figures have been imported for this area yet: import DfE's \
             children's social work workforce file on the indicators page."
                .into(),
        );
    }
    page.rows = section
        .rows
        .iter()
        .map(|r| {
            let s = &r.summary;
            let (rag_class, rag_label) = rag_tag(s.judgement.and_then(|j| j.rag));
            Row {
                code: s.indicator.to_string(),
                title: s.title.clone(),
                href: format!(
                    "/p/{}/indicators/{}{query}",
                    access.slug,
                    urlencode(s.indicator.as_str())
                ),
                latest: s.latest.map_or("No value".to_owned(), |v| {
                    show_value(v.number, s.decimals, s.unit)
                }),
                period: s.latest.map_or(String::new(), |v| v.period.label()),
                rag_class,
                rag_label,
                commentary: r
                    .commentary
                    .iter()
                    .map(|c| Said {
                        period: c.period.label(),
                        author: c.author.clone(),
                        written_on: day(c.written_on),
                        text: c.text.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    render(&page)
}
