//! Performance indicators: the published figures a board tracks against its targets, its
//! statistical neighbours and England. The pages: the list for the partnership's area
//! ([`list`]), one indicator's page ([`detail`]) with its commentary form ([`commentary`]),
//! importing published files ([`import`]), and the workforce section ([`workforce`]: the
//! workforce indicators with their commentary per period); all honour `?as_at=` (figures published, and
//! targets and commentary recorded, after that day are hidden) and `?area=`. In the API
//! ([`api`]), the same list, one indicator in full, and commentary.
//!
//! [`overview`] and [`indicator`] are the plain reads behind the pages, for the JSON API too;
//! the rest of this module is what the indicator pages share.

pub mod api;
pub mod commentary;
pub mod detail;
pub mod import;
pub mod list;
pub mod workforce;

use domain::Rag;
use indicators::judge::Direction;
use indicators::{Catalogue, Period, Summary};
use serde::Deserialize;
use store::{IndicatorOverview, IndicatorPage};

use crate::AppState;
use crate::error::{AppError, urlencode};
use crate::routes::{Routes, get, post};
use crate::view::{AsAtQuery, parse_as_at};

/// The routes of the indicator pages (the import page's are in [`import`]).
pub fn routes() -> Routes {
    Routes::new()
        .route("/p/{slug}/indicators", get(list::list))
        .route("/p/{slug}/indicators/{code}", get(detail::show))
        .route(
            "/p/{slug}/indicators/{code}/commentary",
            post(commentary::comment),
        )
        .route("/p/{slug}/workforce", get(workforce::page))
        .merge(import::routes())
}

/// `?as_at=` and `?area=`.
#[derive(Debug, Default, Deserialize)]
pub struct IndicatorQuery {
    #[serde(default)]
    pub as_at: Option<String>,
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub done: Option<String>,
}

impl IndicatorQuery {
    fn as_at_query(&self) -> AsAtQuery {
        AsAtQuery {
            as_at: self.as_at.clone(),
            ..AsAtQuery::default()
        }
    }

    /// The day to show figures as at, `None` for now.
    fn day(&self) -> Result<Option<jiff::civil::Date>, AppError> {
        let (day, historic) = parse_as_at(&self.as_at_query())?;
        Ok(historic.then_some(day))
    }

    fn area(&self) -> Option<&str> {
        self.area
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
    }
}

/// The list of the partnership's indicators for `area` (or its own), as at `as_at`.
pub async fn overview(
    state: &AppState,
    slug: &str,
    area: Option<&str>,
    as_at: Option<jiff::civil::Date>,
) -> Result<IndicatorOverview, AppError> {
    Ok(state
        .store
        .indicator_overview(slug, catalogue(), area, as_at)
        .await?)
}

/// One indicator's page for `area` (or the partnership's own), as at `as_at`.
pub async fn indicator(
    state: &AppState,
    slug: &str,
    code: &str,
    area: Option<&str>,
    as_at: Option<jiff::civil::Date>,
) -> Result<IndicatorPage, AppError> {
    Ok(state
        .store
        .indicator_page(slug, catalogue(), code, area, as_at)
        .await?)
}

/// The built-in catalogue, built once.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    CATALOGUE.get_or_init(Catalogue::builtin)
}

/// A RAG rating as a tag: always a word as well as a colour.
pub fn rag_tag(rag: Option<Rag>) -> (&'static str, &'static str) {
    match rag {
        Some(Rag::Red) => ("govuk-tag govuk-tag--red", "Red"),
        Some(Rag::Amber) => ("govuk-tag govuk-tag--orange", "Amber"),
        Some(Rag::Green) => ("govuk-tag govuk-tag--green", "Green"),
        Some(Rag::Blue) => ("govuk-tag govuk-tag--blue", "Exceeding target"),
        Some(Rag::Grey) | None => ("govuk-tag govuk-tag--grey", "Not rated"),
    }
}

/// A direction of travel: an arrow for the eye (hidden from screen readers), the movement in
/// words for them, and what it means.
pub struct Travel {
    pub arrow: &'static str,
    pub moved: &'static str,
    pub words: &'static str,
}

pub fn travel(summary: &Summary, direction: Option<Direction>, earlier: Option<Period>) -> Travel {
    let number = |p: Period| {
        summary
            .periods
            .iter()
            .position(|q| *q == p)
            .and_then(|i| summary.numbers.get(i).copied().flatten())
    };
    let now = summary.latest.map(|l| l.number);
    let then = earlier.and_then(number);
    let (arrow, moved) = match (now, then) {
        (Some(a), Some(b)) if a > b => ("↑", "up, "),
        (Some(a), Some(b)) if a < b => ("↓", "down, "),
        (Some(_), Some(_)) => ("→", ""),
        _ => ("", ""),
    };
    let words = direction.map_or("not comparable", Direction::describe);
    Travel {
        arrow,
        moved: if matches!(direction, Some(Direction::Increased | Direction::Decreased)) {
            ""
        } else {
            moved
        },
        words,
    }
}

/// `?area=…&as_at=…` to carry on links, empty when neither is given.
pub fn carried(q: &IndicatorQuery, historic: bool, as_at: &str) -> String {
    let mut parts = Vec::new();
    if let Some(area) = q.area() {
        parts.push(format!("area={}", urlencode(area)));
    }
    if historic {
        parts.push(format!("as_at={as_at}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}
