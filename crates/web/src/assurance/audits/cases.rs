//! `POST /p/{slug}/audits/{id}/cases`: the board's officers add a case. A reference that
//! looks like a name, a date or an address is refused, and the form comes back filled in
//! with the reason beside the reference (400, nothing written).

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::assurance::audits::{Audit, Case};
use store::{Stamp, StoreError};

use super::page::page;
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;

/// The case form, as sent and as shown.
#[derive(Debug, Clone, Default)]
pub struct CaseForm {
    pub action: String,
    pub csrf: String,
    pub reference: String,
    /// (agency, ticked)
    pub agencies: Vec<(String, bool)>,
    /// (field name, area, grade chosen)
    pub grades: Vec<(String, String, String)>,
    pub scale: Vec<String>,
    pub strengths: String,
    pub findings: String,
    ticked: Vec<String>,
    chosen: Vec<(String, String)>,
}

impl CaseForm {
    /// Read the form's fields: repeated `agency`, and `grade_N` for the audit's Nth area.
    fn read(fields: &[(String, String)]) -> Self {
        let mut f = CaseForm::default();
        for (k, v) in fields {
            match k.as_str() {
                "csrf" => f.csrf = v.clone(),
                "reference" => f.reference = v.clone(),
                "agency" => f.ticked.push(v.clone()),
                "strengths" => f.strengths = v.clone(),
                "findings" => f.findings = v.clone(),
                k if k.starts_with("grade_") && !v.is_empty() => {
                    f.chosen.push((k.to_string(), v.clone()));
                }
                _ => {}
            }
        }
        f
    }

    /// The form for `audit`, keeping what was typed.
    pub fn for_audit(
        mut self,
        slug: &str,
        id: i64,
        csrf: &str,
        audit: &Audit,
        agencies: Vec<String>,
    ) -> Self {
        self.action = format!("/p/{slug}/audits/{id}/cases");
        self.csrf = csrf.to_string();
        self.agencies = agencies
            .into_iter()
            .map(|a| {
                let on = self.ticked.iter().any(|t| t.eq_ignore_ascii_case(&a));
                (a, on)
            })
            .collect();
        self.grades = audit
            .areas
            .iter()
            .enumerate()
            .map(|(i, area)| {
                let field = format!("grade_{i}");
                let chosen = self
                    .chosen
                    .iter()
                    .find(|(k, _)| *k == field)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                (field, area.clone(), chosen)
            })
            .collect();
        self.scale = audit.scale.clone();
        self
    }

    fn case(&self, audit: &Audit) -> Case {
        let grades = self
            .chosen
            .iter()
            .filter_map(|(k, g)| {
                let i: usize = k.strip_prefix("grade_")?.parse().ok()?;
                Some((audit.areas.get(i)?.clone(), g.clone()))
            })
            .collect();
        let opt = |s: &str| Some(s.to_string());
        Case {
            reference: self.reference.clone(),
            agencies: self.ticked.clone(),
            grades,
            strengths: opt(&self.strengths),
            findings: opt(&self.findings),
        }
    }
}

/// The field a store refusal is about (`reference: …`), for the message beside it.
fn field_of(what: &str) -> (&'static str, String) {
    let (field, message) = what.split_once(": ").unwrap_or(("reference", what));
    let field = match field {
        "agencies" => "agency",
        "grades" => "grade_0",
        "findings" => "findings",
        _ => "reference",
    };
    let message =
        message.get(..1).map_or(String::new(), str::to_uppercase) + message.get(1..).unwrap_or("");
    (field, message)
}

pub async fn add(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    if !access.membership.may_manage_governance() {
        return Err(AppError::Forbidden(
            "Only the board's business manager or an administrator can add cases to an audit."
                .into(),
        ));
    }
    let form = CaseForm::read(&fields);
    access.user.check_csrf(&form.csrf)?;
    let audit = match state.store.audit(&access.slug, id).await {
        Ok(a) => a,
        Err(StoreError::NotFound { .. }) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let case = form.case(&audit.audit);
    let actor = access.user.account.display_name.clone();
    match state
        .store
        .add_audit_case(&access.slug, Stamp::now(&actor), id, &case)
        .await
    {
        Ok(_) => {
            Ok(Redirect::to(&format!("/p/{}/audits/{id}?done=case", access.slug)).into_response())
        }
        Err(StoreError::InvalidData { what } | StoreError::Conflict { what }) => {
            page(
                &state,
                &access,
                id,
                Some(form),
                vec![field_of(&what)],
                false,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
