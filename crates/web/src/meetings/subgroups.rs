//! The sub-groups' forms, on the meetings page: adding a sub-group (proposed or active), and
//! changing one (status, chair, how often it meets, its quorum rule, its terms of reference
//! from the document register). The board's officers only (a sub-group's chair runs its
//! meetings, not the sub-group itself), checked before the CSRF token and the fields; the
//! store refuses a name, chair or document it does not know, naming it, and writes nothing.

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::meetings::SubgroupState;
use serde::Deserialize;
use store::{Stamp, SubgroupChange};

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;

/// Every field either form sends; each reads its own.
#[derive(Debug, Default, Deserialize)]
pub struct SubgroupFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    chair: String,
    #[serde(default)]
    frequency: String,
    #[serde(default)]
    quorum_agencies: String,
    #[serde(default)]
    quorum_members: String,
    #[serde(default)]
    terms_of_reference: String,
}

fn officers(access: &PartnershipAccess) -> Result<(), AppError> {
    if access.membership.may_manage_governance() {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Only the board's business manager or an administrator can change the sub-groups."
                .into(),
        ))
    }
}

fn state(t: &str) -> Result<SubgroupState, AppError> {
    t.parse()
        .map_err(|e: domain::InvalidValue| AppError::BadRequest(format!("{} {}", e.problem, e.fix)))
}

/// A count the quorum rule gives; blank leaves the rule as it is.
fn count(label: &str, t: &str) -> Result<Option<u32>, AppError> {
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse().map(Some).map_err(|_| {
        AppError::BadRequest(format!(
            "{label} must be a whole number, such as 3, or left blank."
        ))
    })
}

fn back(access: &PartnershipAccess) -> Response {
    Redirect::to(&format!("/p/{}/meetings#subgroups", access.slug)).into_response()
}

/// `POST /p/{slug}/subgroups`: a new sub-group, proposed or active.
pub async fn add(
    State(app): State<AppState>,
    access: PartnershipAccess,
    Form(f): Form<SubgroupFields>,
) -> Result<Response, AppError> {
    officers(&access)?;
    access.user.check_csrf(&f.csrf)?;
    let status = state(&f.status)?;
    let actor = access.user.account.display_name.clone();
    app.store
        .add_subgroup(&access.slug, Stamp::now(&actor), &f.name, status)
        .await?;
    Ok(back(&access))
}

/// `POST /p/{slug}/subgroups/change`: the sub-group `name` as the form gives it. The form
/// shows each field as it stands, so each is sent: an empty chair, frequency or terms of
/// reference removes it; an empty quorum count leaves it.
pub async fn change(
    State(app): State<AppState>,
    access: PartnershipAccess,
    Form(f): Form<SubgroupFields>,
) -> Result<Response, AppError> {
    officers(&access)?;
    access.user.check_csrf(&f.csrf)?;
    let c = SubgroupChange {
        status: Some(state(&f.status)?),
        chair: Some(f.chair.clone()),
        frequency: Some(f.frequency.clone()),
        quorum_agencies: count("The number of agencies", &f.quorum_agencies)?,
        quorum_members: count("The number of members", &f.quorum_members)?,
        terms_of_reference: Some(f.terms_of_reference.clone()),
        ..SubgroupChange::default()
    };
    let actor = access.user.account.display_name.clone();
    app.store
        .update_subgroup(&access.slug, Stamp::now(&actor), &f.name, &c)
        .await?;
    Ok(back(&access))
}
