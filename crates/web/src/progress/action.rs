//! One action: its text, leads, timescale, sources, cross-references both ways, the
//! recommendations it answers, its progress updates and evidence, the update form (for those
//! who may update it), sign-off, and everything that has happened to it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use domain::Evidence;
use serde::Deserialize;
use store::ActionKey;

use super::signoff::SignOffView;
use super::updates::UpdateForm;
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::{AppError, urlencode};
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::{ActionRow, AsAtQuery, Loaded, day, rag_tag};

/// One update as shown.
pub struct UpdateView {
    pub id: i64,
    pub as_of: String,
    pub rag_class: &'static str,
    pub rag_label: &'static str,
    pub percent: Option<u8>,
    pub narrative: String,
    pub author: String,
    pub recorded: String,
    pub evidence: Vec<(String, String)>,
    pub corrects: Option<i64>,
    pub corrected: bool,
}

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
    success: Option<&'static str>,
    updates: Vec<UpdateView>,
    form: Option<UpdateForm>,
    errors: Vec<(&'static str, String)>,
    signoff: Option<SignOffView>,
    history: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ActionQuery {
    #[serde(default)]
    as_at: Option<String>,
    #[serde(default)]
    as_recorded: Option<String>,
    #[serde(default)]
    done: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, String)>,
    Query(q): Query<ActionQuery>,
) -> Result<Response, AppError> {
    let success = match q.done.as_deref() {
        Some("update") => Some("Your update has been posted."),
        Some("signoff") => Some("The action has been signed off as complete."),
        Some("withdrawn") => Some("The sign-off has been withdrawn."),
        _ => None,
    };
    page(
        &state,
        &access,
        &id,
        &AsAtQuery {
            as_at: q.as_at,
            as_recorded: q.as_recorded,
            ..AsAtQuery::default()
        },
        None,
        success,
    )
    .await
}

/// The action page, with `form` when re-showing a refused update with its errors.
pub async fn page(
    state: &AppState,
    access: &PartnershipAccess,
    id: &str,
    q: &AsAtQuery,
    form: Option<UpdateForm>,
    success: Option<&'static str>,
) -> Result<Response, AppError> {
    let l = access.view(state, q).await?;
    let plan = l.plan().ok_or(AppError::NotFound)?;
    let (o, a) = l.action(id).ok_or(AppError::NotFound)?;
    let key = ActionKey::new(plan.title.clone(), a.id.clone());
    let cutoff = store::end_of(l.as_at);
    // Today's page also shows the action's state: read cold, all three come in one read.
    let (all, story, state_now) = if l.historic {
        let all = l
            .actions
            .updates(&a.id, state.store.updates(&access.slug, &key));
        let story = l
            .actions
            .history(&a.id, state.store.action_story(&access.slug, &key));
        (all.await?, story.await?, None)
    } else {
        let full = l
            .actions
            .in_full(&a.id, state.store.action_in_full(&access.slug, &key))
            .await?;
        (full.updates, full.history, Some(full.state))
    };
    let corrected: Vec<i64> = all.iter().filter_map(|u| u.corrects).collect();
    // As recorded: what had been written by the end of the day; as of it: what speaks for it.
    let shown = |u: &&domain::Update| match l.as_recorded {
        true => u.recorded_at <= cutoff,
        false => u.as_of <= l.as_at,
    };
    let mut updates: Vec<UpdateView> = all
        .iter()
        .filter(shown)
        .map(|u| update_view(&l, u, corrected.contains(&u.id)))
        .collect();
    updates.reverse();
    let until = cutoff.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    let history = story
        .iter()
        .filter(|h| h.at <= until)
        .map(|h| format!("{}: {} {} by {}", h.at, h.entity, h.op.as_str(), h.actor))
        .collect();
    let (form, signoff) = if let Some(state_now) = state_now {
        let settings = l
            .actions
            .settings(state.store.settings(&access.slug))
            .await?;
        let leads = o.leads_for(a);
        let may_update = access.membership.may_update(leads);
        let form = form.or_else(|| {
            may_update.then(|| UpdateForm::blank(&l, &a.id, &access.user.csrf, state_now.version))
        });
        let sign_role = access
            .membership
            .sign_off_role(&l.partnership, leads, &settings.sign_off);
        (
            form,
            Some(SignOffView::new(
                &l,
                &a.id,
                &access.user.csrf,
                &state_now,
                sign_role,
            )),
        )
    } else {
        (None, None)
    };
    let query = l.as_at_query();
    let link = |target: &str| {
        let text = l
            .action(target)
            .map_or(String::new(), |(_, t)| t.text.clone());
        (
            format!("/p/{}/actions/{}{query}", l.slug, urlencode(target)),
            format!("{target}: {text}"),
        )
    };
    let referred_by = l
        .referrers(&a.id)
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
    let errors = form.as_ref().map(|f| f.errors.clone()).unwrap_or_default();
    let page = ActionPage {
        nav: Nav::new(&l, "plan"),
        row: ActionRow::new(&l, o, a),
        objective_number: o.number.clone(),
        objective_title: o.title.clone(),
        facts: facts(&l, o, a),
        refers_to: a.references.iter().map(|r| link(r)).collect(),
        referred_by,
        answers,
        success,
        updates,
        errors,
        form,
        signoff,
        history,
    };
    let mut res = render(&page)?;
    if !page.errors.is_empty() {
        *res.status_mut() = axum::http::StatusCode::BAD_REQUEST;
    }
    Ok(res)
}

fn facts(l: &Loaded, o: &domain::Objective, a: &domain::Action) -> Vec<(&'static str, String)> {
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
        if t.is_to_be_retimed() {
            // Carried forward without a date: say so, and how it gets one.
            s.push_str(&format!(
                " — carried forward without a new date: not due until it is re-timed \
                 (boardplan plan edit {} --timescale DATE)",
                a.id
            ));
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
    facts
}

fn update_view(l: &Loaded, u: &domain::Update, corrected: bool) -> UpdateView {
    let (rag_class, rag_label) = rag_tag(Some(u.rag));
    let evidence = u
        .evidence
        .iter()
        .map(|e| match e {
            Evidence::File {
                sha256, name, size, ..
            } => (
                format!("/p/{}/evidence/{sha256}?name={}", l.slug, urlencode(name)),
                format!("{name} ({} KB)", size.div_ceil(1024)),
            ),
            Evidence::Link { url, title } => {
                (url.clone(), title.clone().unwrap_or_else(|| url.clone()))
            }
        })
        .collect();
    UpdateView {
        id: u.id,
        as_of: day(u.as_of),
        rag_class,
        rag_label,
        percent: u.percent.map(|p| p.get()),
        narrative: u.narrative.clone(),
        author: u.author.clone(),
        recorded: u.recorded_at.strftime("%-d %B %Y %H:%M UTC").to_string(),
        evidence,
        corrects: u.corrects,
        corrected,
    }
}

/// The RAG choices on the update form, with what each means.
pub const RAG_CHOICES: [(&str, &str, &str); 5] = [
    ("green", "Green", "On track"),
    (
        "amber",
        "Amber",
        "Some slippage: may miss its date without action",
    ),
    (
        "red",
        "Red",
        "Off track: will miss its date, the board needs to know",
    ),
    (
        "blue",
        "Complete",
        "Done: attach the evidence; a chair will sign it off",
    ),
    ("grey", "Not started", "Work has not begun"),
];
