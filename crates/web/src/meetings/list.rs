//! `GET /p/{slug}/meetings`: the meetings the asker may see, newest first, the sub-groups as
//! the board runs them, and (for the officers) the forms that record a meeting, add a
//! sub-group and change one.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::documents::DocumentKind;
use domain::meetings::access::may_see;
use store::DocumentsQuery;

use super::standing;
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::AsAtQuery;

pub struct Row {
    pub date: String,
    pub body: String,
    pub time: String,
    pub place: String,
    pub href: String,
}

pub struct SubgroupRow {
    pub name: String,
    pub status: &'static str,
    pub chair: String,
    pub members: String,
    pub frequency: String,
    pub quorum: String,
    pub items: usize,
    /// The title of its terms of reference in the register.
    pub terms_of_reference: String,
    /// For its form: its status as the form sends it, and its quorum counts.
    pub state: &'static str,
    pub quorum_agencies: String,
    pub quorum_members: String,
}

/// The sub-groups' forms, for the board's officers.
pub struct SubgroupForms {
    pub csrf: String,
    pub add: String,
    pub change: String,
    /// Everyone on the register, who may chair.
    pub people: Vec<String>,
    /// The register's terms of reference in force, by title.
    pub documents: Vec<String>,
}

/// The form that records a meeting.
pub struct AddForm {
    pub action: String,
    pub csrf: String,
    pub subgroups: Vec<String>,
}

#[derive(Template)]
#[template(path = "meetings.html")]
pub struct ListPage {
    pub nav: Nav,
    pub rows: Vec<Row>,
    pub subgroups: Vec<SubgroupRow>,
    pub add: Option<AddForm>,
    pub attendance: String,
    pub manage: Option<SubgroupForms>,
}

pub async fn page(
    State(state): State<AppState>,
    access: PartnershipAccess,
) -> Result<Response, AppError> {
    let l = access.view(&state, &AsAtQuery::default()).await?;
    let account = access.user.account.id;
    let mut meetings = state.store.meeting_list(&access.slug).await?;
    meetings.reverse();
    let subgroups = state.store.subgroups(&access.slug).await?;
    let rows = meetings
        .iter()
        .filter(|m| may_see(&access.membership, standing(m, account)))
        .map(|m| Row {
            date: m.date.strftime("%-d %B %Y").to_string(),
            body: m
                .subgroup
                .clone()
                .map_or("Board".into(), |s| format!("{s} sub-group")),
            time: m.time.clone().unwrap_or_default(),
            place: m.place.clone().unwrap_or_default(),
            href: format!("/p/{}/meetings/{}", access.slug, m.id),
        })
        .collect();
    let add = access.membership.may_manage_governance().then(|| AddForm {
        action: format!("/p/{}/meetings", access.slug),
        csrf: access.user.csrf.clone(),
        subgroups: subgroups.iter().map(|s| s.name.clone()).collect(),
    });
    let subgroups = subgroups
        .iter()
        .map(|s| SubgroupRow {
            name: s.name.clone(),
            status: match s.status {
                domain::meetings::SubgroupState::Proposed => "Proposed",
                domain::meetings::SubgroupState::Active => "Active",
                domain::meetings::SubgroupState::Closed => "Closed",
            },
            chair: s.chair.clone().unwrap_or_default(),
            members: s.members.join(", "),
            frequency: s.frequency.clone().unwrap_or_default(),
            quorum: if s.quorum.is_set() {
                s.quorum.describe()
            } else {
                String::new()
            },
            items: s.items.len(),
            terms_of_reference: s.terms_of_reference.clone().unwrap_or_default(),
            state: match s.status {
                domain::meetings::SubgroupState::Proposed => "proposed",
                domain::meetings::SubgroupState::Active => "active",
                domain::meetings::SubgroupState::Closed => "closed",
            },
            quorum_agencies: s.quorum.agencies.map(|n| n.to_string()).unwrap_or_default(),
            quorum_members: s.quorum.members.map(|n| n.to_string()).unwrap_or_default(),
        })
        .collect();
    let manage = if access.membership.may_manage_governance() {
        let people = state.store.people(&access.slug).await?;
        let documents = state
            .store
            .documents(&access.slug, DocumentsQuery::default())
            .await?;
        Some(SubgroupForms {
            csrf: access.user.csrf.clone(),
            add: format!("/p/{}/subgroups", access.slug),
            change: format!("/p/{}/subgroups/change", access.slug),
            people: people.into_iter().map(|r| r.person.name).collect(),
            documents: documents
                .into_iter()
                .filter(|d| d.kind == DocumentKind::TermsOfReference && d.superseded_on.is_none())
                .map(|d| d.title)
                .collect(),
        })
    } else {
        None
    };
    render(&ListPage {
        nav: Nav::new(&l, "meetings"),
        rows,
        subgroups,
        add,
        attendance: format!("/p/{}/attendance", access.slug),
        manage,
    })
}
