//! The plan's actions: a filtered, paginated list, and one action in full with a strong
//! `ETag`. Both read the plan and its statuses as at a date through the same loader as the
//! pages ([`crate::view::load`]), so the API and the HTML agree on every status.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use domain::{Objective, Plan};
use serde::Serialize;
use store::ActionKey;
use utoipa::ToSchema;

use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::conditional::{conditional_json, etag_of};
use crate::api::openapi::{
    BadParameter, NotFound, NotModified, ServerError, TAG_PLAN, Unauthenticated, Unprocessable,
};
use crate::api::problem::ApiError;
use crate::api::query::Params;
use crate::api::wire::{LeadOut, StatusOut, TimescaleOut, action_href, date, segment};
use crate::compression::{AcceptsGzip, Text};
use crate::view::{Body, Loaded, StatusFilter};

impl StatusFilter {
    /// `?status=` read for the API: a bad value is a problem naming the parameter.
    fn parse(s: &str) -> Result<Self, ApiError> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                let all: Vec<&str> = Self::ALL.iter().map(|f| f.as_str()).collect();
                ApiError::parameter(
                    "status",
                    format!("status must be one of {}; \"{s}\" is not.", all.join(", ")),
                )
            })
    }
}

/// An action as listed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionSummary {
    /// Unique in the plan: the number as written, with `#2` on a repeated number ("4.2#2").
    pub id: String,
    /// As written in the plan ("4.2").
    pub number: String,
    pub text: String,
    /// The number of the objective it belongs to.
    pub objective: String,
    /// Its lead roles: its own, else its objective's.
    pub leads: Vec<LeadOut>,
    /// Codes of the reviews it answers: its own, else its objective's.
    pub sources: Vec<String>,
    pub timescale: Option<TimescaleOut>,
    pub status: StatusOut,
    /// Where the action itself is.
    pub href: String,
}

impl ActionSummary {
    fn new(l: &Loaded, o: &Objective, a: &domain::Action) -> Self {
        ActionSummary {
            id: a.id.clone(),
            number: a.number.clone(),
            text: a.text.clone(),
            objective: o.number.clone(),
            leads: o
                .leads_for(a)
                .iter()
                .map(|r| LeadOut::of(&l.partnership, r))
                .collect(),
            sources: o.sources_for(a).to_vec(),
            timescale: o.timescale_for(a).map(TimescaleOut::from),
            status: StatusOut::of(l.status(&a.id)),
            href: action_href(&l.slug, &a.id),
        }
    }
}

/// One page of actions.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionPage {
    pub items: Vec<ActionSummary>,
    /// This page's number, from 1.
    #[schema(minimum = 1)]
    pub page: u32,
    #[schema(minimum = 1, maximum = 200)]
    pub per_page: u32,
    /// How many actions match the filters, on all pages.
    pub total: u64,
    /// The next page, with the same filters; null on the last page.
    pub next: Option<String>,
    /// The date the statuses are as at.
    #[schema(format = Date)]
    pub as_at: String,
    /// The title of the plan as it stood then; null when there was none.
    pub plan: Option<String>,
}

/// List the plan's actions, filtered and a page at a time.
///
/// Actions come in plan order. Filters combine: an action must match all of them.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/actions",
    tag = TAG_PLAN,
    operation_id = "list_actions",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("as_at" = Option<String>, Query, format = Date,
            description = "Show the plan as of this day, as known now: each update by the day it speaks for (YYYY-MM-DD); a future day judges the plan as recorded now on that day (what will be overdue then); default today"),
        ("as_recorded" = Option<String>, Query, format = Date,
            description = "Instead of as_at: only what had been recorded by the end of this day (YYYY-MM-DD), with the plan version current then: what the board saw that day, the same however much is recorded later"),
        ("lead" = Option<String>, Query, description = "Only actions led by this lead role (its id; a role that leads nothing matches nothing)"),
        ("source" = Option<String>, Query, description = "Only actions answering this review (its code, e.g. PR; a code no action cites matches nothing)"),
        ("status" = Option<StatusFilter>, Query, description = "Only actions with this status"),
        ("page" = Option<u32>, Query, minimum = 1, maximum = 1000000, description = "Page number, from 1"),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 200, description = "Actions per page, 1 to 200; default 50"),
    ),
    responses(
        (status = 200, description = "One page of actions", body = ActionPage,
            headers(("Link" = String, description = "`<…>; rel=\"next\"` when there is a next page")),
            links(("GetFirstAction" = (
                operation_id = "get_action",
                description = "The first action of this page",
                parameters(
                    ("path.slug" = "$request.path.slug"),
                    ("path.id" = "$response.body#/items/0/id"),
                ),
            )))),
        BadParameter, Unprocessable, Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn list(
    State(state): State<AppState>,
    access: ApiAccess,
    gzip: AcceptsGzip,
    params: Params,
) -> Result<Response, ApiError> {
    let (as_at, historic) = params.moment()?;
    let page = params.page()?;
    let per_page = params.per_page()?;
    let l = access.view_at(&state, as_at, historic).await?;
    // A lead role or source no action has is a filter that matches nothing, not a bad request:
    // any text is a valid filter (the document cannot list a partnership's roles and reviews).
    let lead = params.get("lead");
    let source = params.get("source");
    let status = params
        .given("status")
        .map(StatusFilter::parse)
        .transpose()?;
    // The page depends on nothing but the view and these parameters: rendered once per view.
    let key = format!("actions?{page}&{per_page}&{lead:?}&{source:?}&{status:?}");
    let body = l.pages.body_or_render(key, || {
        render_list(&l, page, per_page, lead, source, status)
    })?;
    let mut res = body.json.respond(gzip, "application/json");
    if let Some(n) = body.next
        && let Ok(v) = HeaderValue::from_str(&format!("<{n}>; rel=\"next\""))
    {
        res.headers_mut().insert(header::LINK, v);
    }
    Ok(res)
}

/// One page of the actions matching the filters, as JSON, with the link to the next page.
fn render_list(
    l: &Loaded,
    page: u32,
    per_page: u32,
    lead: Option<&str>,
    source: Option<&str>,
    status: Option<StatusFilter>,
) -> Result<Body, ApiError> {
    let matching: Vec<(&Objective, &domain::Action)> = l
        .plan()
        .into_iter()
        .flat_map(Plan::actions)
        .filter(|(o, a)| {
            lead.is_none_or(|r| o.leads_for(a).iter().any(|x| x == r))
                && source.is_none_or(|s| o.sources_for(a).iter().any(|x| x == s))
                && status.is_none_or(|f| l.status(&a.id).is_some_and(|s| f.matches(s)))
        })
        .collect();
    let total = matching.len() as u64;
    let skip = u64::from(page - 1) * u64::from(per_page);
    // Only the page's actions are written out, not every match.
    let items: Vec<ActionSummary> = matching
        .into_iter()
        .skip(usize::try_from(skip).unwrap_or(usize::MAX))
        .take(per_page as usize)
        .map(|(o, a)| ActionSummary::new(l, o, a))
        .collect();
    let next = (skip + u64::from(per_page) < total).then(|| {
        let mut q = vec![];
        if l.historic {
            q.push(l.as_at_query().trim_start_matches('?').to_string());
        }
        for (name, value) in [("lead", lead), ("source", source)] {
            if let Some(v) = value {
                q.push(format!("{name}={}", crate::error::urlencode(v)));
            }
        }
        if let Some(f) = status {
            q.push(format!("status={}", f.as_str()));
        }
        q.push(format!("page={}", page + 1));
        q.push(format!("per_page={per_page}"));
        format!(
            "/api/v1/partnerships/{}/actions?{}",
            segment(&l.slug),
            q.join("&")
        )
    });
    let body = ActionPage {
        items,
        page,
        per_page,
        total,
        next: next.clone(),
        as_at: date(l.as_at),
        plan: l.plan().map(|p| p.title.clone()),
    };
    let json =
        serde_json::to_vec(&body).map_err(|e| crate::error::AppError::Internal(e.to_string()))?;
    Ok(Body {
        json: std::sync::Arc::new(Text::compact(json)),
        next,
    })
}

/// The objective an action belongs to.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ObjectiveRef {
    pub number: String,
    pub title: String,
}

/// Another action, as a cross-reference names it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionRef {
    pub id: String,
    pub text: String,
    pub href: String,
}

/// A review recommendation that an action answers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AnswerRef {
    /// The review's code, e.g. `PR`.
    pub review: String,
    pub number: u32,
    pub text: String,
}

/// One action in full.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionDetail {
    pub id: String,
    pub number: String,
    pub text: String,
    /// The title of the plan it belongs to.
    pub plan: String,
    pub objective: ObjectiveRef,
    pub leads: Vec<LeadOut>,
    pub timescale: Option<TimescaleOut>,
    pub sources: Vec<String>,
    /// Actions this one's text refers to ("Combine with 8.1 – 8.2 below").
    pub references: Vec<ActionRef>,
    /// The phrases those references came from, as written.
    pub reference_phrases: Vec<String>,
    /// Actions whose text refers to this one.
    pub referenced_by: Vec<ActionRef>,
    /// Review recommendations this action (or its objective) answers.
    pub answers: Vec<AnswerRef>,
    /// An earlier action with exactly the same text.
    pub duplicate_of: Option<String>,
    pub status: StatusOut,
    #[schema(format = Date)]
    pub as_at: String,
    /// How many changes the action has had; null in a view of a past date. Any change makes
    /// a new `ETag`.
    pub version: Option<i64>,
    /// Whether the caller may post a progress update on it.
    pub may_update: bool,
    /// Where its progress updates are.
    pub updates_href: String,
}

/// The action `id` in the loaded plan, or a 404.
pub fn find<'a>(l: &'a Loaded, id: &str) -> Result<(&'a Objective, &'a domain::Action), ApiError> {
    l.action(id).ok_or_else(ApiError::not_found)
}

/// Build the representation of action `id` as `access` sees it, and its strong `ETag`.
pub async fn represent(
    state: &AppState,
    access: &ApiAccess,
    l: &Loaded,
    id: &str,
) -> Result<(Vec<u8>, String, Option<i64>), ApiError> {
    let (o, a) = find(l, id)?;
    let plan = l.plan().ok_or_else(ApiError::not_found)?;
    let version = if l.historic {
        None
    } else {
        let key = ActionKey::new(plan.title.clone(), a.id.clone());
        let read = state.store.action_version(&l.slug, &key);
        Some(l.actions.version(&a.id, read).await?)
    };
    let link = |target: &str| ActionRef {
        id: target.to_string(),
        text: l
            .action(target)
            .map_or(String::new(), |(_, t)| t.text.clone()),
        href: action_href(&l.slug, target),
    };
    let leads = o.leads_for(a);
    let detail = ActionDetail {
        id: a.id.clone(),
        number: a.number.clone(),
        text: a.text.clone(),
        plan: plan.title.clone(),
        objective: ObjectiveRef {
            number: o.number.clone(),
            title: o.title.clone(),
        },
        leads: leads
            .iter()
            .map(|r| LeadOut::of(&l.partnership, r))
            .collect(),
        timescale: o.timescale_for(a).map(TimescaleOut::from),
        sources: o.sources_for(a).to_vec(),
        references: a.references.iter().map(|r| link(r)).collect(),
        reference_phrases: a.reference_phrases.clone(),
        referenced_by: l
            .referrers(&a.id)
            .map(|(_, other)| link(&other.id))
            .collect(),
        answers: l
            .partnership
            .reviews
            .iter()
            .flat_map(|r| r.recommendations.iter().map(move |rec| (r, rec)))
            .filter(|(_, rec)| rec.answered_by.iter().any(|t| *t == a.id || *t == o.number))
            .map(|(r, rec)| AnswerRef {
                review: r.code.clone(),
                number: rec.number,
                text: rec.text.clone(),
            })
            .collect(),
        duplicate_of: a.duplicate_of.clone(),
        status: StatusOut::of(l.status(&a.id)),
        as_at: date(l.as_at),
        version,
        may_update: access.membership.may_update(leads),
        updates_href: format!("{}/updates", action_href(&l.slug, &a.id)),
    };
    let body = serde_json::to_vec(&detail)
        .map_err(|e| ApiError::from(crate::error::AppError::Internal(format!("json: {e}"))))?;
    let etag = etag_of(&body);
    Ok((body, etag, version))
}

/// One action in full: its objective, leads, timescale, sources, cross-references both ways,
/// the recommendations it answers, and its status.
///
/// The `ETag` is strong and changes whenever the representation does (any change to the
/// action bumps its `version`); send it back as `If-Match` when posting an update.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/actions/{id}",
    tag = TAG_PLAN,
    operation_id = "get_action",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("id" = String, Path, example = "1.1", description = "The action's id in its plan, e.g. 4.2 or 4.2#2 (encode # as %23)"),
        ("as_at" = Option<String>, Query, format = Date,
            description = "Show the action as of this day, as known now (YYYY-MM-DD); a future day judges it as recorded now on that day; default today"),
        ("as_recorded" = Option<String>, Query, format = Date,
            description = "Instead of as_at: only what had been recorded by the end of this day (YYYY-MM-DD), with the plan version current then: what the board saw that day, the same however much is recorded later"),
        ("If-None-Match" = Option<String>, Header, description = "An ETag from an earlier response: 304 if it still holds"),
    ),
    responses(
        (status = 200, description = "The action", body = ActionDetail,
            headers(("ETag" = String, description = "Strong entity tag of this representation")),
            links(
                ("PostUpdate" = (
                    operation_id = "create_update",
                    description = "Post an update on this action, sending its ETag as If-Match",
                    parameters(
                        ("path.slug" = "$request.path.slug"),
                        ("path.id" = "$request.path.id"),
                        ("header.If-Match" = "$response.header.ETag"),
                    ),
                )),
                ("SignOff" = (
                    operation_id = "sign_off_action",
                    description = "Sign off its completion, sending its ETag as If-Match",
                    parameters(
                        ("path.slug" = "$request.path.slug"),
                        ("path.id" = "$request.path.id"),
                        ("header.If-Match" = "$response.header.ETag"),
                    ),
                )),
                ("WithdrawSignOff" = (
                    operation_id = "withdraw_sign_off",
                    description = "Withdraw its sign-off, sending its ETag as If-Match",
                    parameters(
                        ("path.slug" = "$request.path.slug"),
                        ("path.id" = "$request.path.id"),
                        ("header.If-Match" = "$response.header.ETag"),
                    ),
                )),
                ("ListUpdates" = (
                    operation_id = "list_updates",
                    description = "Its progress updates",
                    parameters(
                        ("path.slug" = "$request.path.slug"),
                        ("path.id" = "$request.path.id"),
                    ),
                )),
            )),
        NotModified, BadParameter, Unprocessable, Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn get(
    State(state): State<AppState>,
    access: ApiAccess,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (as_at, historic) = params.moment()?;
    let l = access.view_at(&state, as_at, historic).await?;
    let (body, etag, _) = represent(&state, &access, &l, access.path("id")?).await?;
    conditional_json(&headers, body, &etag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_filter_reads_back_its_own_name() {
        for f in StatusFilter::ALL {
            assert_eq!(StatusFilter::parse(f.as_str()).unwrap(), f);
        }
        let e = StatusFilter::parse("purple").unwrap_err().problem();
        assert_eq!(e.parameter.as_deref(), Some("status"));
    }
}
