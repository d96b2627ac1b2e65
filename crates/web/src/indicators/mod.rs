//! Performance indicators: the list for the partnership's area (latest value, target, RAG tag
//! in words, both directions of travel as arrows with words, sparkline) and one indicator's
//! page (chart with the same data as a table beside it, comparators, every period with gaps
//! and "did not exist" flagged, revisions, commentary with its author, and a commentary form
//! for business managers and administrators). Both honour `?as_at=` (figures published, and
//! targets and commentary recorded, after that day are hidden) and `?area=`.
//!
//! [`overview`] and [`indicator`] are the plain reads behind the pages, for the JSON API too.

pub mod api;
pub mod import;

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::Rag;
use indicators::judge::Direction;
use indicators::summary::show_value;
use indicators::{Catalogue, Commentary, Coverage, Period, Summary, sparkline};
use serde::Deserialize;
use store::{IndicatorOverview, IndicatorPage, StoreError};

use crate::pages::nav::Nav;
use crate::pages::render;
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::{AppError, urlencode};
use crate::view::{AsAtQuery, load, parse_as_at, today};

/// The routes of the indicator pages (the import page's are in [`import`]).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/p/{slug}/indicators", get(list))
        .route("/p/{slug}/indicators/{code}", get(show))
        .route("/p/{slug}/indicators/{code}/commentary", post(comment))
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

fn travel(summary: &Summary, direction: Option<Direction>, earlier: Option<Period>) -> Travel {
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

/// `?area=…&as_at=…` to carry on links, empty when neither is given.
fn carried(q: &IndicatorQuery, historic: bool, as_at: &str) -> String {
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

pub async fn list(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Query(q): Query<IndicatorQuery>,
) -> Result<Response, AppError> {
    let l = load(&state, &access.slug, &q.as_at_query()).await?;
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

/// One period of the page's table of values.
pub struct ValueRow {
    pub period: String,
    pub value: String,
    pub status: String,
    /// A tag for a gap or a year the authority did not exist; empty for a value.
    pub flag_class: &'static str,
    pub flag: &'static str,
}

/// The commentary form and its errors.
pub struct CommentForm {
    pub action: String,
    pub csrf: String,
    pub area: String,
    pub periods: Vec<(String, bool)>,
    pub text: String,
    pub errors: Vec<(&'static str, String)>,
}

#[derive(Template)]
#[template(path = "indicator.html")]
struct IndicatorView {
    nav: Nav,
    title: String,
    code: String,
    area_name: String,
    joint: Option<String>,
    definition: String,
    source: String,
    facts: Vec<(&'static str, String)>,
    rag_class: &'static str,
    rag_label: &'static str,
    chart: String,
    table: String,
    values: Vec<ValueRow>,
    gaps: Vec<String>,
    did_not_exist: String,
    revisions: Vec<String>,
    commentary: Vec<(String, String, String, String)>,
    form: Option<CommentForm>,
    done: bool,
    errors: Vec<(&'static str, String)>,
    back: String,
}

/// The facts beside the RAG tag: latest, target, directions, comparators.
fn facts(page: &IndicatorPage) -> Vec<(&'static str, String)> {
    let s = &page.detail.summary;
    let shown = |n: f64| show_value(n, s.decimals, s.unit);
    let opt = |n: Option<f64>| n.map_or("No value".to_owned(), shown);
    let mut facts = vec![(
        "Latest value",
        s.latest.map_or("No value".to_owned(), |l| {
            format!("{} ({})", shown(l.number), l.period.label())
        }),
    )];
    facts.push((
        "Target",
        s.target.as_ref().map_or("None set".to_owned(), |t| {
            let tolerance = t
                .tolerance_percent
                .map_or(String::new(), |p| format!(", tolerance {p}%"));
            format!("{}{tolerance}", shown(t.value))
        }),
    ));
    let latest = s.latest.map(|l| l.period);
    for (label, direction, earlier) in [
        (
            "Against the previous period",
            s.judgement.map(|j| j.direction_vs_previous),
            latest.and_then(Period::previous),
        ),
        (
            "Against a year earlier",
            s.judgement.map(|j| j.direction_vs_year_ago),
            latest.and_then(Period::year_ago),
        ),
    ] {
        let t = travel(s, direction, earlier);
        facts.push((label, format!("{}{}", t.moved, t.words)));
    }
    if let Some(c) = &page.detail.comparators {
        if c.neighbours_total > 0 {
            facts.push((
                "Statistical neighbours' mean",
                format!(
                    "{} (of the {} of {} neighbours with a value)",
                    opt(c.neighbours_mean),
                    c.neighbours_with_values,
                    c.neighbours_total
                ),
            ));
        }
        facts.push(("England", opt(c.england)));
        if let Some(rank) = c.rank.filter(|r| r.out_of > 1) {
            facts.push((
                "Rank among its neighbours",
                format!("{} of {} (1 is the best)", rank.position, rank.out_of),
            ));
        }
    }
    facts.push(("Which way is better", s.polarity.describe()));
    facts
}

fn values(page: &IndicatorPage) -> Vec<ValueRow> {
    let s = &page.detail.summary;
    page.detail
        .points
        .iter()
        .rev()
        .map(|p| {
            let status = p.status.map_or(String::new(), |st| {
                let token = st.token();
                if token.is_empty() {
                    st.meaning().to_owned()
                } else {
                    format!("{} ({token})", st.meaning())
                }
            });
            let (value, flag_class, flag) = match p.coverage {
                Coverage::Value { number } => (show_value(number, s.decimals, s.unit), "", ""),
                Coverage::Gap { .. } => (String::new(), "govuk-tag govuk-tag--yellow", "Gap"),
                Coverage::DidNotExist => {
                    (String::new(), "govuk-tag govuk-tag--grey", "Did not exist")
                }
            };
            ValueRow {
                period: p.period.long_label(),
                value,
                status,
                flag_class,
                flag,
            }
        })
        .collect()
}

fn view(
    page: &IndicatorPage,
    nav: Nav,
    form: Option<CommentForm>,
    done: bool,
    back: String,
) -> IndicatorView {
    let d = &page.detail;
    let s = &d.summary;
    let shown = |n: Option<f64>, st: indicators::ValueStatus| {
        n.map_or_else(
            || st.meaning().to_owned(),
            |n| show_value(n, s.decimals, s.unit),
        )
    };
    let (rag_class, rag_label) = rag_tag(s.judgement.and_then(|j| j.rag));
    let errors = form.as_ref().map_or(Vec::new(), |f| f.errors.clone());
    IndicatorView {
        nav,
        title: s.title.clone(),
        code: s.indicator.to_string(),
        area_name: s.area_name.clone(),
        joint: s.reported_jointly_as.as_ref().map(ToString::to_string),
        definition: d.definition.clone(),
        source: d.source.clone(),
        facts: facts(page),
        rag_class,
        rag_label,
        chart: indicators::line_chart(&d.chart),
        table: indicators::data_table_html(&d.chart),
        values: values(page),
        gaps: d
            .gaps
            .iter()
            .map(|g| format!("{}: {}", g.period.long_label(), g.reason.describe()))
            .collect(),
        did_not_exist: d
            .did_not_exist
            .iter()
            .map(|p| p.label())
            .collect::<Vec<_>>()
            .join(", "),
        revisions: page
            .revisions
            .iter()
            .map(|r| {
                format!(
                    "{}: {} in {} (published {}), revised to {} in {} (published {})",
                    r.period.long_label(),
                    shown(r.old.number, r.old.status),
                    r.old_file,
                    crate::view::day(r.old_published_on),
                    shown(r.new.number, r.new.status),
                    r.new_file,
                    crate::view::day(r.new_published_on)
                )
            })
            .collect(),
        commentary: page
            .commentary
            .iter()
            .map(|c| {
                (
                    c.period.long_label(),
                    c.author.clone(),
                    crate::view::day(c.written_on),
                    c.text.clone(),
                )
            })
            .collect(),
        form,
        done,
        errors,
        back,
    }
}

fn blank_form(
    page: &IndicatorPage,
    slug: &str,
    csrf: &str,
    area: &str,
    chosen: Option<&str>,
) -> CommentForm {
    let latest = page
        .detail
        .summary
        .latest
        .map(|l| l.period.label())
        .or_else(|| page.detail.points.last().map(|p| p.period.label()));
    let wanted = chosen.map(str::to_owned).or(latest);
    CommentForm {
        action: format!(
            "/p/{slug}/indicators/{}/commentary",
            urlencode(page.detail.summary.indicator.as_str())
        ),
        csrf: csrf.to_owned(),
        area: area.to_owned(),
        periods: page
            .detail
            .points
            .iter()
            .rev()
            .map(|p| {
                let label = p.period.label();
                let selected = wanted.as_deref() == Some(label.as_str());
                (label, selected)
            })
            .collect(),
        text: String::new(),
        errors: Vec::new(),
    }
}

pub async fn show(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, code)): Path<(String, String)>,
    Query(q): Query<IndicatorQuery>,
) -> Result<Response, AppError> {
    let l = load(&state, &access.slug, &q.as_at_query()).await?;
    let page = indicator(&state, &access.slug, &code, q.area(), q.day()?).await?;
    let area = page.detail.summary.area_code.to_string();
    // Commentary is written about today's figures, never into a past view.
    let form = (access.membership.may_edit_plan() && !l.historic)
        .then(|| blank_form(&page, &access.slug, &access.user.csrf, &area, None));
    let back = format!(
        "/p/{}/indicators{}",
        access.slug,
        carried(&q, l.historic, &l.as_at.to_string())
    );
    let done = q.done.as_deref() == Some("comment");
    render(&view(&page, Nav::new(&l, "indicators"), form, done, back))
}

#[derive(Deserialize)]
pub struct CommentFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    text: String,
}

pub async fn comment(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, code)): Path<(String, String)>,
    Form(f): Form<CommentFields>,
) -> Result<Response, AppError> {
    access.user.check_csrf(&f.csrf)?;
    if !access.membership.may_edit_plan() {
        return Err(AppError::Forbidden(
            "Only the business manager or an administrator can add commentary on indicators."
                .into(),
        ));
    }
    let area = (!f.area.trim().is_empty()).then_some(f.area.trim());
    let page = indicator(&state, &access.slug, &code, area, None).await?;
    let indicator = catalogue()
        .get(page.detail.summary.indicator.as_str())
        .ok_or(AppError::NotFound)?;
    let area_code = page.detail.summary.area_code.clone();
    let mut errors: Vec<(&'static str, String)> = Vec::new();
    let period = Period::parse(&f.period, indicator.period_type);
    if period.is_err() {
        errors.push(("period", "Choose the period the commentary is about".into()));
    }
    let written = period.as_ref().ok().map(|&p| {
        Commentary::new(
            indicator.code.clone(),
            Some(area_code.clone()),
            p,
            &access.user.account.display_name,
            today(),
            &f.text,
        )
    });
    match written {
        Some(Ok(commentary)) if errors.is_empty() => {
            state
                .store
                .add_indicator_commentary(
                    &access.slug,
                    &access.user.account.display_name,
                    &commentary,
                    jiff::Timestamp::now(),
                )
                .await?;
            let target = format!(
                "/p/{}/indicators/{}?area={}&done=comment#commentary",
                access.slug,
                urlencode(indicator.code.as_str()),
                urlencode(area_code.as_str())
            );
            Ok(Redirect::to(&target).into_response())
        }
        Some(Err(e)) => {
            errors.push(("text", e.to_string()));
            refuse(&state, &access, &page, &f, errors).await
        }
        _ => refuse(&state, &access, &page, &f, errors).await,
    }
}

/// The page again, with the form as filled in and its errors: 400, nothing written.
async fn refuse(
    state: &AppState,
    access: &PartnershipAccess,
    page: &IndicatorPage,
    f: &CommentFields,
    errors: Vec<(&'static str, String)>,
) -> Result<Response, AppError> {
    let l = load(state, &access.slug, &AsAtQuery::default()).await?;
    let area = page.detail.summary.area_code.to_string();
    let mut form = blank_form(
        page,
        &access.slug,
        &access.user.csrf,
        &area,
        Some(&f.period),
    );
    form.text = f.text.clone();
    form.errors = errors;
    let back = format!("/p/{}/indicators", access.slug);
    let mut res = render(&view(
        page,
        Nav::new(&l, "indicators"),
        Some(form),
        false,
        back,
    ))?;
    *res.status_mut() = axum::http::StatusCode::BAD_REQUEST;
    Ok(res)
}
