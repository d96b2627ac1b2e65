//! One indicator's page: the line chart with the same data as a table beside it, the
//! comparators, every period with gaps and "did not exist" flagged, revisions, commentary with
//! its author, and the commentary form for business managers and administrators.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use indicators::summary::show_value;
use indicators::{Coverage, Period};
use store::IndicatorPage;

use super::{IndicatorQuery, carried, indicator, rag_tag, travel};
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::{AppError, urlencode};
use crate::pages::nav::Nav;
use crate::pages::render;

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
pub(super) struct IndicatorView {
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

pub(super) fn view(
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

pub(super) fn blank_form(
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
    let l = access.view(&state, &q.as_at_query()).await?;
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
