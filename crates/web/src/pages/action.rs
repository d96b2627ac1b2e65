//! One action: its text, leads, timescale, sources, cross-references both ways and the
//! recommendations it answers.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;

use super::nav::Nav;
use super::render;
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::{AppError, urlencode};
use crate::view::{ActionRow, AsAtQuery, day, load};

#[derive(Template)]
#[template(path = "action.html")]
struct ActionPage {
    nav: Nav,
    row: ActionRow,
    objective_number: String,
    objective_title: String,
    facts: Vec<(&'static str, String)>,
    refers_to: Vec<(String, String)>,
    referred_by: Vec<(String, String)>,
    answers: Vec<String>,
}

pub async fn show(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, String)>,
    Query(q): Query<AsAtQuery>,
) -> Result<Response, AppError> {
    let l = load(&state, &access.slug, &q).await?;
    let plan = l.plan().ok_or(AppError::NotFound)?;
    let (o, a) = plan.action(&id).ok_or(AppError::NotFound)?;
    let query = l.as_at_query();
    let link = |target: &str| {
        let text = plan
            .action(target)
            .map_or(String::new(), |(_, t)| t.text.clone());
        (
            format!("/p/{}/actions/{}{query}", l.slug, urlencode(target)),
            format!("{target}: {text}"),
        )
    };
    let timescale = o.timescale_for(a).map_or("None given".into(), |t| {
        let mut s = t.label.clone();
        if let Some(r) = t.recurrence {
            s.push_str(&format!(" (repeats: {})", format!("{r:?}").to_lowercase()));
        }
        if let Some(d) = t.due {
            s.push_str(&format!(", due {}", day(d)));
        }
        if t.inferred {
            s.push_str(" — read by Boardplan, please check");
        }
        s
    });
    let mut facts = vec![
        (
            "Lead",
            o.leads_for(a)
                .iter()
                .map(|r| l.role_title(r))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("Timescale", timescale),
        ("Sources", o.sources_for(a).join(", ")),
    ];
    if a.id != a.number {
        facts.push((
            "Numbering",
            format!(
                "Another action is also numbered {}; this one is {}.",
                a.number, a.id
            ),
        ));
    }
    if let Some(d) = &a.duplicate_of {
        facts.push(("Repeats", format!("Action {d} word for word")));
    }
    let referred_by = plan
        .actions()
        .filter(|(_, other)| other.references.contains(&a.id))
        .map(|(_, other)| link(&other.id))
        .collect();
    let answers = l
        .partnership
        .reviews
        .iter()
        .flat_map(|r| r.recommendations.iter().map(move |rec| (r, rec)))
        .filter(|(_, rec)| rec.answered_by.iter().any(|t| *t == a.id || *t == o.number))
        .map(|(r, rec)| format!("{} {}: {}", r.code, rec.number, rec.text))
        .collect();
    let page = ActionPage {
        nav: Nav::new(&l, "plan"),
        row: ActionRow::new(&l, o, a),
        objective_number: o.number.clone(),
        objective_title: o.title.clone(),
        facts,
        refers_to: a.references.iter().map(|r| link(r)).collect(),
        referred_by,
        answers,
    };
    render(&page)
}
