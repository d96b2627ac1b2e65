//! The plan: objectives and their actions, filtered by lead, source, status and due date;
//! and "my actions", the ones led by roles the signed-in person holds. When more than
//! [`FOLD_OVER`] actions match, the page is folded by objective: each objective with how
//! many of its actions match and a link to them (filters and date kept), so that a plan of
//! thousands of actions arrives as one short page rather than one of megabytes.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::compression::AcceptsGzip;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::{html, render, render_from_view};
use crate::view::{ActionRow, AsAtQuery, Loaded, StatusFilter, day, load};

#[derive(Debug, Default, Deserialize)]
pub struct PlanFilter {
    #[serde(default)]
    pub as_at: Option<String>,
    #[serde(default)]
    pub as_recorded: Option<String>,
    #[serde(default)]
    pub recorded: Option<String>,
    #[serde(default)]
    pub lead: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub due_by: Option<String>,
    /// Only this objective's actions (its number).
    #[serde(default)]
    pub objective: Option<String>,
}

/// The most actions the plan page lists at once; past that it lists the objectives.
pub const FOLD_OVER: usize = 150;

/// A folded objective: number, title, how many of its actions match, where they are.
type Fold = (String, String, usize, String);

/// The status filter's choices, as (key, label).
fn statuses() -> [(&'static str, &'static str); 8] {
    StatusFilter::ALL.map(|f| (f.as_str(), f.label()))
}

type ObjectiveRows = (String, String, String, Vec<ActionRow>);

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    nav: Nav,
    plan_title: String,
    filter: PlanFilter,
    leads: Vec<(String, String)>,
    sources: Vec<(String, String)>,
    statuses: [(&'static str, &'static str); 8],
    objectives: Vec<ObjectiveRows>,
    /// The objectives, when too many actions match to list them all.
    folds: Vec<Fold>,
    /// Where the whole plan is, with the same filters, when one objective is shown.
    all_objectives: Option<String>,
    /// Business managers and administrators get the link to import and export.
    can_edit: bool,
}

pub async fn show(
    State(state): State<AppState>,
    access: PartnershipAccess,
    gzip: AcceptsGzip,
    Query(mut f): Query<PlanFilter>,
) -> Result<Response, AppError> {
    let l = load(
        &state,
        &access.slug,
        &AsAtQuery {
            as_at: f.as_at.take(),
            as_recorded: f.as_recorded.take(),
            recorded: f.recorded.take(),
        },
    )
    .await?;
    // The whole plan, unfiltered, is the same page for every member with the same say: drawn
    // once per view, like the dashboard, rather than counted and rendered on every request.
    let unfiltered = [&f.lead, &f.source, &f.status, &f.due_by, &f.objective]
        .iter()
        .all(|o| o.is_none());
    let can_edit = access.membership.may_edit_plan();
    if unfiltered {
        // Rendered once, however many ask before the first rendering is kept.
        let memo = if can_edit { "plan, editors" } else { "plan" };
        let page = async { html(&plan_page(&l, f, can_edit)?) };
        return render_from_view(&l, memo, gzip, page).await;
    }
    render(&plan_page(&l, f, can_edit)?)
}

/// The plan page for the view `l`, filtered by `f`.
fn plan_page(l: &Loaded, f: PlanFilter, can_edit: bool) -> Result<PlanPage, AppError> {
    let due_by = match f.due_by.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(s.parse::<domain::Date>().map_err(|_| {
            AppError::BadRequest(format!(
                "\"{s}\" is not a date. Give \"Due by\" as YYYY-MM-DD, for example 2009-12-31."
            ))
        })?),
    };
    let nonempty = |o: &Option<String>| o.clone().filter(|s| !s.is_empty());
    let (lead, source, status) = (nonempty(&f.lead), nonempty(&f.source), nonempty(&f.status));
    let chosen = nonempty(&f.objective);
    let keep = |o: &domain::Objective, a: &domain::Action, st: Option<&domain::ActionStatus>| {
        chosen.as_ref().is_none_or(|n| *n == o.number)
            && lead.as_ref().is_none_or(|r| o.leads_for(a).contains(r))
            && source.as_ref().is_none_or(|s| o.sources_for(a).contains(s))
            && due_by.is_none_or(|d| st.and_then(|s| s.due).is_some_and(|due| due <= d))
            && status
                .as_deref()
                .and_then(StatusFilter::from_key)
                .is_none_or(|f| st.is_some_and(|s| f.matches(s)))
    };
    let counts = counts(l, &keep);
    let folded = chosen.is_none() && counts.iter().map(|c| c.2).sum::<usize>() > FOLD_OVER;
    let (objectives, folds) = if folded {
        let folds = counts
            .into_iter()
            .map(|(n, t, c)| {
                let href = filtered_href(l, &f, Some(&n));
                (n, t, c, href)
            })
            .collect();
        (Vec::new(), folds)
    } else {
        (rows(l, keep), Vec::new())
    };
    let all_objectives = chosen.as_ref().map(|_| filtered_href(l, &f, None));
    Ok(PlanPage {
        nav: Nav::new(l, "plan"),
        plan_title: l.plan().map_or("No plan yet".into(), |p| p.title.clone()),
        leads: l
            .partnership
            .roles
            .iter()
            .map(|r| (r.id.clone(), r.title.clone()))
            .collect(),
        sources: l
            .partnership
            .reviews
            .iter()
            .map(|r| (r.code.clone(), format!("{} ({})", r.title, r.code)))
            .collect(),
        statuses: statuses(),
        objectives,
        folds,
        all_objectives,
        filter: f,
        can_edit,
    })
}

/// Each objective with actions `keep` accepts: its number, title and how many.
fn counts(
    l: &Loaded,
    keep: &impl Fn(&domain::Objective, &domain::Action, Option<&domain::ActionStatus>) -> bool,
) -> Vec<(String, String, usize)> {
    let Some(plan) = l.plan() else { return vec![] };
    plan.objectives
        .iter()
        .map(|o| {
            let n = o
                .actions
                .iter()
                .filter(|a| keep(o, a, l.status(&a.id)))
                .count();
            (o.number.clone(), o.title.clone(), n)
        })
        .filter(|(_, _, n)| *n > 0)
        .collect()
}

/// The plan page with the filters of `f` and the date of `l`, for `objective` alone or all.
fn filtered_href(l: &Loaded, f: &PlanFilter, objective: Option<&str>) -> String {
    let mut q = Vec::new();
    if l.historic {
        q.push(l.as_at_query().trim_start_matches('?').to_string());
    }
    for (name, value) in [
        ("lead", &f.lead),
        ("source", &f.source),
        ("status", &f.status),
        ("due_by", &f.due_by),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            q.push(format!("{name}={}", crate::error::urlencode(v)));
        }
    }
    if let Some(n) = objective {
        q.push(format!("objective={}", crate::error::urlencode(n)));
    }
    let query = if q.is_empty() {
        String::new()
    } else {
        format!("?{}", q.join("&"))
    };
    format!("/p/{}/plan{query}", crate::error::urlencode(&l.slug))
}

/// The plan's objectives with the actions `keep` accepts; objectives left empty are dropped.
pub fn rows(
    l: &Loaded,
    keep: impl Fn(&domain::Objective, &domain::Action, Option<&domain::ActionStatus>) -> bool,
) -> Vec<ObjectiveRows> {
    let Some(plan) = l.plan() else { return vec![] };
    plan.objectives
        .iter()
        .filter_map(|o| {
            let rows: Vec<ActionRow> = o
                .actions
                .iter()
                .filter(|a| keep(o, a, l.status(&a.id)))
                .map(|a| ActionRow::new(l, o, a))
                .collect();
            (!rows.is_empty()).then(|| (o.number.clone(), o.title.clone(), facts(l, o), rows))
        })
        .collect()
}

fn facts(l: &Loaded, o: &domain::Objective) -> String {
    let mut parts = Vec::new();
    if !o.sources.is_empty() {
        parts.push(format!("Sources: {}", o.sources.join(", ")));
    }
    if let Some(t) = &o.timescale {
        let due = t
            .due
            .map(|d| format!(" (due {})", day(d)))
            .unwrap_or_default();
        parts.push(format!("Timescale: {}{due}", t.label));
    }
    if !o.leads.is_empty() {
        parts.push(format!(
            "Leads: {}",
            o.leads
                .iter()
                .map(|r| l.role_title(r))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    parts.join(" · ")
}

pub async fn mine(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Query(q): Query<AsAtQuery>,
) -> Result<Response, AppError> {
    let l = access.view(&state, &q).await?;
    let holds = &access.membership.holds;
    let objectives = rows(&l, |o, a, _| {
        o.leads_for(a).iter().any(|r| holds.contains(r))
    });
    let held: Vec<String> = holds.iter().map(|h| l.role_title(h).to_string()).collect();
    let page = PlanPage {
        nav: Nav::new(&l, "mine"),
        plan_title: if held.is_empty() {
            "My actions: you hold no lead role, so none are yours".into()
        } else {
            format!("My actions, as {}", held.join("; "))
        },
        leads: vec![],
        sources: vec![],
        statuses: statuses(),
        objectives,
        folds: Vec::new(),
        all_objectives: None,
        filter: PlanFilter {
            as_at: q.as_at,
            ..PlanFilter::default()
        },
        can_edit: access.membership.may_edit_plan(),
    };
    render(&page)
}
