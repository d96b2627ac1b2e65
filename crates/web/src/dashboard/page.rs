//! The dashboard a chair reads before each meeting: RAG counts overall, by objective, by lead
//! and by source review; what is overdue, due soon, stale or at risk; the last and next meeting;
//! the register's risks above the board's appetite.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::{Action, Date, MeetingKind, Objective, Rag};

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::compression::AcceptsGzip;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::{html, render_from_view};
use crate::view::{ActionRow, AsAtQuery, Loaded, StatusFilter, day, rag_tag};

/// The columns of every breakdown: the five ratings and "not rated".
const COLUMNS: [Option<Rag>; 6] = [
    Some(Rag::Red),
    Some(Rag::Amber),
    Some(Rag::Green),
    Some(Rag::Blue),
    Some(Rag::Grey),
    None,
];

type Breakdown = (String, String, Vec<usize>);

/// A list on the dashboard: caption, how many actions it holds, the first of them, and a link
/// (with its words) to all of them in the plan when there are more than fit.
type List = (&'static str, usize, Vec<ActionRow>, String, String);

/// The dashboard shows the most pressing few of each list; the plan, filtered, shows them all.
/// An old plan seen today is wholly overdue, and listing every action four times over would
/// bury the counts a chair reads first.
const LIST_ROWS: usize = 10;

/// Each list's caption, the plan's status filter for it, and the words for "see them all".
/// The first, of actions carried into a new plan without a date, shows only while there are
/// some: it is the first thing a new plan needs, and nothing once that is done.
const LISTS: [(&str, StatusFilter, &str); 5] = [
    (
        "To be re-timed",
        StatusFilter::ToBeRetimed,
        "actions to be re-timed",
    ),
    ("Overdue", StatusFilter::Overdue, "overdue actions"),
    ("Due soon", StatusFilter::DueSoon, "actions due soon"),
    (
        "No update since the last board meeting",
        StatusFilter::Stale,
        "actions with no update since the last board meeting",
    ),
    ("At risk", StatusFilter::AtRisk, "actions at risk"),
];

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    nav: Nav,
    plan_title: Option<String>,
    total: usize,
    counts: Vec<(&'static str, &'static str, usize)>,
    rag_columns: Vec<(&'static str, &'static str)>,
    last_meeting: String,
    next_meeting: String,
    lists: Vec<List>,
    breakdowns: Vec<(&'static str, &'static str, Vec<Breakdown>)>,
    /// Agencies attending less than the board's threshold (`meetings::attendance`).
    attendance: Option<crate::meetings::attendance::Alert>,
    /// Document reviews falling due (`documents::register::falling_due`), and the register.
    reviews: Vec<crate::documents::register::Row>,
    reviews_href: String,
    /// Open risks above the board's appetite as at the day: (id and title, score, appetite).
    above_appetite: Vec<(String, u8, u8)>,
}

fn column(rag: Option<Rag>) -> usize {
    COLUMNS
        .iter()
        .position(|c| *c == rag)
        .unwrap_or(COLUMNS.len() - 1)
}

pub async fn show(
    State(state): State<AppState>,
    access: PartnershipAccess,
    gzip: AcceptsGzip,
    Query(q): Query<AsAtQuery>,
) -> Result<Response, AppError> {
    let l = access.view(&state, &q).await?;
    render_from_view(&l, "dashboard", gzip, async {
        let attendance = crate::meetings::attendance::alert(&state, &l).await?;
        let (reviews, reviews_href) = crate::documents::register::falling_due(&state, &l).await?;
        // Read with the view: a write to the register moves the change log past anything the
        // page memo could have kept (it is not progress), so the memo never shows old risks.
        let above = state
            .store
            .risks(&access.slug, l.as_at)
            .await?
            .into_iter()
            .filter(|r| {
                r.status != domain::assurance::risks::RiskStatus::Closed && r.above_appetite()
            })
            .map(|r| {
                let score = r.current().score();
                (
                    format!("R{} {}", r.id, r.title),
                    score,
                    r.appetite.unwrap_or(0),
                )
            })
            .collect();
        html(&DashboardPage {
            reviews,
            reviews_href,
            ..build(&l, attendance, above)
        })
    })
    .await
}

fn build(
    l: &Loaded,
    attendance: Option<crate::meetings::attendance::Alert>,
    above_appetite: Vec<(String, u8, u8)>,
) -> DashboardPage {
    let mut overall = vec![0usize; COLUMNS.len()];
    let mut by_objective: Vec<Breakdown> = Vec::new();
    let mut by_lead: Vec<(String, Vec<usize>)> = Vec::new();
    let mut by_source: Vec<(String, Vec<usize>)> = Vec::new();
    // Per list: (due date, the action) of every action on it, in plan order.
    let mut hits: Vec<Vec<(Option<Date>, &Objective, &Action)>> = vec![vec![]; LISTS.len()];
    let q = l.as_at_query();
    if let Some(plan) = l.plan() {
        for o in &plan.objectives {
            let mut counts = vec![0usize; COLUMNS.len()];
            for a in &o.actions {
                let st = l.status(&a.id);
                let c = column(st.and_then(|s| s.rag));
                counts[c] += 1;
                overall[c] += 1;
                for lead in o.leads_for(a) {
                    let title = l.role_title(lead).to_string();
                    bump(&mut by_lead, title, c);
                }
                for src in o.sources_for(a) {
                    bump(&mut by_source, src.clone(), c);
                }
                if let Some(s) = st {
                    for (i, (_, filter, _)) in LISTS.iter().enumerate() {
                        if filter.matches(s) {
                            hits[i].push((s.due, o, a));
                        }
                    }
                }
            }
            by_objective.push((
                format!("{}. {}", o.number, o.title),
                format!("/p/{}/plan{q}#objective-{}", l.slug, o.number),
                counts,
            ));
        }
    }
    let review_title = |code: &str| {
        l.partnership
            .reviews
            .iter()
            .find(|r| r.code == code)
            .map_or(code.to_string(), |r| format!("{} ({code})", r.title))
    };
    let board_meetings = || {
        l.partnership
            .meetings
            .iter()
            .filter(|m| m.kind == MeetingKind::Board)
    };
    let last = board_meetings()
        .filter(|m| m.date <= l.as_at)
        .map(|m| m.date)
        .max();
    let next = board_meetings()
        .filter(|m| m.date > l.as_at)
        .map(|m| m.date)
        .min();
    let none = "None recorded".to_string();
    DashboardPage {
        attendance,
        above_appetite,
        nav: Nav::new(l, "dashboard"),
        plan_title: l.plan().map(|p| p.title.clone()),
        total: overall.iter().sum(),
        counts: COLUMNS
            .iter()
            .zip(&overall)
            .map(|(r, n)| {
                let (c, lbl) = rag_tag(*r);
                (c, lbl, *n)
            })
            .collect(),
        rag_columns: COLUMNS.iter().map(|r| rag_tag(*r)).collect(),
        last_meeting: last.map(day).unwrap_or_else(|| none.clone()),
        next_meeting: next.map(day).unwrap_or(none),
        lists: lists(l, hits),
        breakdowns: vec![
            ("By objective", "Objective", by_objective),
            (
                "By lead",
                "Lead",
                by_lead
                    .into_iter()
                    .map(|(n, c)| (n, String::new(), c))
                    .collect(),
            ),
            (
                "By source review",
                "Review",
                by_source
                    .into_iter()
                    .map(|(code, c)| (review_title(&code), String::new(), c))
                    .collect(),
            ),
        ],
        reviews: Vec::new(),
        reviews_href: String::new(),
    }
}

/// The longest-overdue (or soonest due) first; undated actions last.
fn lists(l: &Loaded, hits: Vec<Vec<(Option<Date>, &Objective, &Action)>>) -> Vec<List> {
    let q = l.as_at_query();
    LISTS
        .iter()
        .zip(hits)
        .filter(|((_, filter, _), hits)| *filter != StatusFilter::ToBeRetimed || !hits.is_empty())
        .map(|((caption, filter, words), mut hits)| {
            // A stable sort: actions due the same day stay in plan order.
            hits.sort_by_key(|(due, _, _)| (due.is_none(), *due));
            let total = hits.len();
            let rows = hits
                .iter()
                .take(LIST_ROWS)
                .map(|(_, o, a)| ActionRow::new(l, o, a))
                .collect();
            let (more, more_text) = if total > LIST_ROWS {
                let join = if q.is_empty() { '?' } else { '&' };
                (
                    format!("/p/{}/plan{q}{join}status={}", l.slug, filter.as_str()),
                    format!("See all {total} {words} in the plan"),
                )
            } else {
                (String::new(), String::new())
            };
            (*caption, total, rows, more, more_text)
        })
        .collect()
}

fn bump(rows: &mut Vec<(String, Vec<usize>)>, key: String, col: usize) {
    match rows.iter_mut().find(|(k, _)| *k == key) {
        Some((_, counts)) => counts[col] += 1,
        None => {
            let mut counts = vec![0; COLUMNS.len()];
            counts[col] = 1;
            rows.push((key, counts));
        }
    }
}
